// Package fakeapitest starts the simulated Admin API (fakeapi) for tests.
// It is the only part of the simulated API that imports "testing", kept
// apart so that the binary, which runs fakeapi for --demo, does not link it.
package fakeapitest

import (
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// New starts a server for a test and closes it when the test ends; it
// fails the test if the server cannot start.
func New(t testing.TB, opts fakeapi.Options) *fakeapi.Server {
	t.Helper()
	s := fakeapi.New(opts)
	if _, err := s.Start(); err != nil {
		t.Fatalf("start the simulated Admin API: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}
