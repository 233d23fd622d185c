package apply_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
)

// stopWhenAllOnTheWire is a transport under which the stop (the first
// signal) comes once n creates have reached the server and before any
// answer is read: every one of them is on the wire.
type stopWhenAllOnTheWire struct {
	base    http.RoundTripper
	n       int
	stop    func()
	mu      sync.Mutex
	arrived int
	all     chan struct{}
}

func (s *stopWhenAllOnTheWire) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := s.base.RoundTrip(req)
	if req.Method != http.MethodPost || req.URL.Path != "/v1/organizations/workspaces" {
		return resp, err
	}
	s.mu.Lock()
	s.arrived++
	if s.arrived == s.n {
		s.stop()
		close(s.all)
	}
	s.mu.Unlock()
	<-s.all
	return resp, err
}

// A stop while four creates are on the wire lets each finish: all four are
// created and reported done with their ids, not unknown (looking them up
// would fail here), and no other write goes out.
func TestStopLetsCreatesInFlightFinish(t *testing.T) {
	srv, planner := newOrg(t, "")
	file := "version: 1\nworkspaces:\n  - name: one\n  - name: two\n  - name: three\n  - name: four\n    members:\n      - {email: ada@example.com, role: workspace_admin}\n"
	p := planFor(t, planner, file)
	faults, _ := fakeapi.ParseFaults(strings.Repeat("list:500,", 11) + "list:500")
	srv.AddFaults(faults...)           // a look-up after a lost answer would fail
	fakeapitest.AllowUnusedFaults(srv) // only a create whose answer was lost looks it up
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tr := &stopWhenAllOnTheWire{base: http.DefaultTransport.(*http.Transport).Clone(), n: 4, stop: cancel, all: make(chan struct{})}
	admin := api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL(), Timeout: 5 * time.Second, HTTPClient: &http.Client{Transport: tr}})
	rep, err := apply.Run(ctx, admin, p, noWait(4))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range rep.Items {
		want := apply.Done
		if it.Kind != "workspace" {
			want = apply.Skipped
		}
		if it.Result != want || it.Kind == "workspace" && (!strings.HasPrefix(it.Message, "created ") || strings.Contains(it.Message, "lost")) {
			t.Errorf("%s %s: %s %q; want %s", it.Kind, it.ID, it.Result, it.Message, want)
		}
	}
	if !rep.Cancelled {
		t.Error("the report does not say the apply was stopped")
	}
	if n, ws := srv.CountRequests("POST", "/v1/organizations/workspaces"), len(srv.Workspaces()); n != 4 || ws != 4 {
		t.Errorf("%d creates sent, %d workspaces; want 4 and 4", n, ws)
	}
}
