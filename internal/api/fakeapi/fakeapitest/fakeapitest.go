// Package fakeapitest starts the simulated Admin API (fakeapi) for tests.
// It is the only part of the simulated API that imports "testing", kept
// apart so that the binary, which runs fakeapi for --demo, does not link it.
package fakeapitest

import (
	"strings"
	"sync"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// allowed holds the servers whose tests opted out of the unused-fault check.
var allowed sync.Map // *fakeapi.Server → struct{}

// New starts a server for a test and closes it when the test ends; it
// fails the test if the server cannot start.
//
// When the test ends, New also fails it if any queued fault was never used
// (as gh's httpmock.Verify does for unmatched stubs): a fault the test never
// reached means the test asserted less than it meant to. A test that queues
// faults it deliberately does not reach calls AllowUnusedFaults.
func New(t testing.TB, opts fakeapi.Options) *fakeapi.Server {
	t.Helper()
	s := fakeapi.New(opts)
	if _, err := s.Start(); err != nil {
		t.Fatalf("start the simulated Admin API: %v", err)
	}
	// Cleanups run last-registered first: Close (every handler returned)
	// before the check.
	t.Cleanup(func() {
		_, ok := allowed.LoadAndDelete(s)
		if ok || t.Skipped() {
			return
		}
		if left := s.PendingFaults(); len(left) > 0 {
			names := make([]string, len(left))
			for i, f := range left {
				names[i] = f.String()
			}
			t.Errorf("%d queued fault(s) never used: %s; the test did not reach them (fix the test, or call fakeapitest.AllowUnusedFaults and say why)",
				len(left), strings.Join(names, ", "))
		}
	})
	t.Cleanup(s.Close)
	return s
}

// AllowUnusedFaults lets the test that started s with New end with faults
// still queued. Say why at the call.
func AllowUnusedFaults(s *fakeapi.Server) { allowed.Store(s, struct{}{}) }

// NewOrgPlan is a plan file for the simulated new organization
// (fakeapi.PresetNew): four workspaces, members from its users, a rate-limit
// cap, and two invites, one of them (new.hire) already pending. Applied to
// that organization it is 10 writes: 4 creates, 4 member adds, the cap and
// one invite.
const NewOrgPlan = `version: 1
workspaces:
  - name: prod
    tags: {env: prod}
    members:
      - {email: ada@example.com, role: workspace_admin}
      - {email: dev@example.com, role: workspace_developer}
    rate_limits:
      - {group: Claude Sonnet 4.x, requests_per_minute: 500}
  - name: staging
    tags: {env: staging}
    members:
      - {email: dev@example.com, role: workspace_developer}
  - name: dev
    members:
      - {email: uma@example.com, role: workspace_user}
  - name: research
    display_color: "#2E7D6B"
invites:
  - {email: carol@example.com, role: developer}
  - {email: new.hire@example.com, role: developer}
`
