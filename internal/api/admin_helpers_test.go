package api_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// testNow is the clock of servers started by newAdmin.
var testNow = time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)

// newAdmin is the real SDK client on loopback against a simulated API
// started with opts (a fixed clock and seeded ids unless set) and faults.
func newAdmin(t *testing.T, opts fakeapi.Options, faults string) (*api.Client, *fakeapi.Server) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	if opts.Rand == nil {
		opts.Rand = rand.New(rand.NewPCG(3, 4))
	}
	srv := fakeapitest.New(t, opts)
	f, err := fakeapi.ParseFaults(faults)
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(f...)
	return api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL(), Timeout: 5 * time.Second}), srv
}

// sent is "METHOD path?query body" for each request the server received
// whose path starts with prefix, so a test can assert exactly what went.
func sent(srv *fakeapi.Server, prefix string) []string {
	var out []string
	for _, r := range srv.Requests() {
		if !strings.HasPrefix(r.Path, prefix) {
			continue
		}
		s := r.Method + " " + r.EscapedPath
		if q := r.Query.Encode(); q != "" {
			s += "?" + q
		}
		if len(r.Body) > 0 {
			s += " " + string(r.Body)
		}
		out = append(out, s)
	}
	return out
}

func wantSent(t *testing.T, srv *fakeapi.Server, prefix string, want ...string) {
	t.Helper()
	got := sent(srv, prefix)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests to %s:\n  %s\nwant:\n  %s", prefix, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// apiErr asserts err is an *api.Error with this status, error code (may be
// "") and a message containing msg.
func apiErr(t *testing.T, err error, status int, code, msg string) *api.Error {
	t.Helper()
	var e *api.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *api.Error %d", err, err, status)
	}
	if e.Status != status || e.Code != code || !strings.Contains(e.Message, msg) || e.RequestID == "" {
		t.Fatalf("err = %v; want %d, code %q, a message with %q and a request-id", err, status, code, msg)
	}
	return e
}
