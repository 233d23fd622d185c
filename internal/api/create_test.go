package api_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// newClient is the real SDK client pointed at a simulated API on loopback.
func newClient(t *testing.T, timeout time.Duration, faults string) (*api.Client, *fakeapi.Server) {
	t.Helper()
	srv := fakeapitest.New(t, fakeapi.Options{})
	f, err := fakeapi.ParseFaults(faults)
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(f...)
	return api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL(), Timeout: timeout}), srv
}

// sleeps records the waits the Creator asks for, without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func TestCreatorNeverMakesTwo(t *testing.T) {
	const look = 3 * time.Second // the pause between the two looks
	sending, waiting, reconciling := api.EventSending, api.EventWaiting, api.EventReconciling
	cases := []struct {
		faults     string
		wantErr    string // "", "api", "unknown"
		kind       api.Kind
		recovered  bool
		posts      int
		workspaces int
		waits      []time.Duration
		events     []api.EventKind
	}{
		{faults: "", posts: 1, workspaces: 1, events: []api.EventKind{sending}},
		// Only a 429 is sent again, after the wait it asks for.
		{faults: "429:3", posts: 2, workspaces: 1, waits: []time.Duration{3 * time.Second},
			events: []api.EventKind{sending, waiting, sending}},
		{faults: "429,429,429,429", wantErr: "api", kind: api.KindRateLimited, posts: 4, workspaces: 0},
		// A 529 may have succeeded: looked for twice, never resent.
		{faults: "529", wantErr: "unknown", posts: 1, workspaces: 0, waits: []time.Duration{look},
			events: []api.EventKind{sending, reconciling, reconciling}},
		{faults: "500", wantErr: "unknown", posts: 1, workspaces: 0, waits: []time.Duration{look}},
		{faults: "504", wantErr: "unknown", posts: 1, workspaces: 0},
		{faults: "drop", wantErr: "unknown", posts: 1, workspaces: 0},
		{faults: "stall", wantErr: "unknown", posts: 1, workspaces: 0},
		{faults: "500-after-commit", recovered: true, posts: 1, workspaces: 1,
			events: []api.EventKind{sending, reconciling}},
		{faults: "504-after-commit", recovered: true, posts: 1, workspaces: 1},
		{faults: "drop-after-commit", recovered: true, posts: 1, workspaces: 1},
		{faults: "stall-after-commit", recovered: true, posts: 1, workspaces: 1},
		// The list before the POST and the first look fail; the second look finds it.
		{faults: "500-after-commit,list:500,list:500", recovered: true, posts: 1, workspaces: 1, waits: []time.Duration{look},
			events: []api.EventKind{sending, reconciling, reconciling}},
		{faults: "500-after-commit,list:500,list:500,list:500", wantErr: "unknown", posts: 1, workspaces: 1},
		{faults: "529-after-commit", recovered: true, posts: 1, workspaces: 1,
			events: []api.EventKind{sending, reconciling}},
		{faults: "429ms:250", posts: 2, workspaces: 1, waits: []time.Duration{250 * time.Millisecond}},
		{faults: "400", wantErr: "api", kind: api.KindInvalid, posts: 1},
		{faults: "policy-cmek", wantErr: "api", kind: api.KindInvalid, posts: 1},
		{faults: "key-validation-failed", wantErr: "api", kind: api.KindInvalid, posts: 1},
		{faults: "409-key-changed", wantErr: "api", kind: api.KindInvalid, posts: 1}, // no key in the spec: nothing to re-validate
		{faults: "403-egress", wantErr: "api", kind: api.KindAuth, posts: 1},
		{faults: "unknown-code", wantErr: "api", kind: api.KindInvalid, posts: 1},
		{faults: "401", wantErr: "api", kind: api.KindAuth, posts: 1},
		{faults: "403", wantErr: "api", kind: api.KindAuth, posts: 1},
	}
	for _, tc := range cases {
		t.Run("faults="+tc.faults, func(t *testing.T) {
			t.Parallel()
			client, srv := newClient(t, 500*time.Millisecond, tc.faults)
			var s sleeps
			var events []api.EventKind
			c := &api.Creator{API: client, Sleep: s.sleep, OnEvent: func(e api.Event) { events = append(events, e.Kind) }}
			res, err := c.Create(context.Background(), api.Spec{Name: "faulty", Tags: []api.Tag{{"env", "dev"}}})

			var apiErr *api.Error
			var unknown *api.UnknownOutcomeError
			switch tc.wantErr {
			case "":
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if res.Recovered != tc.recovered || res.Posts != tc.posts || res.Workspace.Name != "faulty" {
					t.Errorf("result = %+v", res)
				}
			case "api":
				if !errors.As(err, &apiErr) || apiErr.Kind != tc.kind {
					t.Fatalf("err = %v, want an *api.Error of kind %d", err, tc.kind)
				}
				if apiErr.RequestID == "" || apiErr.Message == "" || apiErr.Type == "" {
					t.Errorf("the error lacks the API's details: %+v", apiErr)
				}
			case "unknown":
				if !errors.As(err, &unknown) || unknown.Name != "faulty" || unknown.Looks != 2 {
					t.Fatalf("err = %v, want *api.UnknownOutcomeError after two looks", err)
				}
			}
			if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != tc.posts {
				t.Errorf("POSTs = %d, want %d", n, tc.posts)
			}
			if n := len(srv.Workspaces()); n != tc.workspaces {
				t.Errorf("workspaces = %d, want %d", n, tc.workspaces)
			}
			if tc.waits != nil && !equal(s.d, tc.waits) {
				t.Errorf("waits = %v, want %v", s.d, tc.waits)
			}
			if tc.events != nil && !equal(events, tc.events) {
				t.Errorf("events = %v, want %v", events, tc.events)
			}
		})
	}
}

// A workspace that already had the name (names need not be unique) is never
// taken for the one being created, even when it is only seconds old: after
// a 500 the look-up ignores it and reports the outcome unknown, without
// sending again; after a 500 that committed, the new one is reported.
func TestCreatorIgnoresTheNamesakeThatWasThereBefore(t *testing.T) {
	for _, faults := range []string{"500", "500-after-commit"} {
		t.Run(faults, func(t *testing.T) {
			client, srv := newClient(t, time.Second, faults)
			before := srv.AddWorkspace(fakeapi.Workspace{Name: "team-x", CreatedAt: time.Now()})
			var s sleeps
			res, err := (&api.Creator{API: client, Sleep: s.sleep}).Create(context.Background(), api.Spec{Name: "team-x"})
			var unknown *api.UnknownOutcomeError
			switch {
			case faults == "500" && !errors.As(err, &unknown):
				t.Fatalf("err = %v, want an unknown outcome: the old namesake is not the new workspace", err)
			case faults != "500" && (err != nil || res.Workspace.ID == before.ID):
				t.Fatalf("res = %+v, err = %v: want the new workspace, not %s", res, err, before.ID)
			}
			if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 1 {
				t.Errorf("POSTs = %d, want 1", n)
			}
		})
	}
}

// A rate limit that keeps coming is given up on once the waiting budget
// would be exceeded, without another POST.
func TestCreatorWaitBudget(t *testing.T) {
	client, srv := newClient(t, time.Second, "429:40,429:40")
	var s sleeps
	c := &api.Creator{API: client, Sleep: s.sleep, MaxWait: time.Minute}
	_, err := c.Create(context.Background(), api.Spec{Name: "x"})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Kind != api.KindRateLimited || apiErr.RetryAfter != 40*time.Second {
		t.Fatalf("err = %#v", err)
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 2 {
		t.Errorf("POSTs = %d, want 2 (40 s + 40 s would pass the 60 s budget)", n)
	}
}

// Cancelling during a stalled create: the look-up still runs and finds the
// workspace the server committed.
func TestCreatorCancelReconciles(t *testing.T) {
	client, srv := newClient(t, 10*time.Second, "stall-after-commit")
	ctx, cancel := context.WithCancel(context.Background())
	c := &api.Creator{API: client, OnEvent: func(e api.Event) {
		if e.Kind == api.EventSending {
			go func() {
				for srv.CountRequests("POST", "/v1/organizations/workspaces") == 0 || len(srv.Workspaces()) == 0 {
					time.Sleep(5 * time.Millisecond)
				}
				cancel()
			}()
		}
	}}
	res, err := c.Create(ctx, api.Spec{Name: "cancelled"})
	if err != nil || !res.Recovered {
		t.Fatalf("res=%+v err=%v: want the committed workspace, found by the look-up", res, err)
	}
}

// A connection that never opens means nothing was sent: it is tried again
// within the bounds, with no look-up and no unknown outcome.
func TestCreatorConnectionRefused(t *testing.T) {
	client := api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: "http://127.0.0.1:1"})
	var s sleeps
	var events []api.EventKind
	c := &api.Creator{API: client, Sleep: s.sleep, OnEvent: func(e api.Event) { events = append(events, e.Kind) }}
	_, err := c.Create(context.Background(), api.Spec{Name: "x"})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Kind != api.KindNetwork || !apiErr.Unsent {
		t.Fatalf("err = %v, want an unsent network *api.Error", err)
	}
	if !equal(s.d, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}) || slices.Contains(events, api.EventReconciling) {
		t.Errorf("waits = %v, events = %v: want three waits before attempts 2-4 and no look-up", s.d, events)
	}
}

// Ctrl+C while the names are listed before the POST: nothing is sent, and
// the outcome is a plain cancel, not an unknown one. The create never says
// it is sending either: a front end that showed "finding out whether the
// workspace was created" on that word told the user something false.
func TestCreatorCancelBeforeThePost(t *testing.T) {
	client, srv := newClient(t, 10*time.Second, "list:stall")
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for srv.CountRequests("GET", "/v1/organizations/workspaces") == 0 {
			time.Sleep(2 * time.Millisecond)
		}
		cancel()
	}()
	var events []api.EventKind // OnEvent is called on Create's goroutine
	_, err := (&api.Creator{API: client, OnEvent: func(e api.Event) { events = append(events, e.Kind) }}).Create(ctx, api.Spec{Name: "x"})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Kind != api.KindCanceled || !apiErr.Unsent {
		t.Fatalf("err = %v, want an unsent cancel", err)
	}
	if len(events) != 0 {
		t.Errorf("events %v; want none: nothing was being sent", events)
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 0 {
		t.Errorf("POSTs = %d, want none", n)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A 503 workspace_created_incomplete: the workspace exists, so it is read
// back and reported with the API's message, and never sent again.
func TestCreatorIncompleteIsReadBackNeverResent(t *testing.T) {
	client, srv := newClient(t, time.Second, "503-incomplete")
	var s sleeps
	res, err := (&api.Creator{API: client, Sleep: s.sleep}).Create(context.Background(), api.Spec{Name: "half", Tags: []api.Tag{{"env", "dev"}}})
	if err != nil {
		t.Fatalf("err = %v, want a result", err)
	}
	if res.Incomplete == nil || res.Incomplete.Code != api.CodeWorkspaceCreatedIncomplete || !strings.Contains(res.Incomplete.Message, "tags were not saved") {
		t.Fatalf("incomplete = %+v", res.Incomplete)
	}
	if res.Workspace.ID != res.Incomplete.WorkspaceID || res.Workspace.Name != "half" || res.Workspace.RawJSON() == "" || res.FetchErr != nil {
		t.Errorf("workspace = %+v, fetch error %v: want it read back in full", res.Workspace, res.FetchErr)
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 1 {
		t.Errorf("POSTs = %d, want 1", n)
	}
	if n := len(srv.Workspaces()); n != 1 {
		t.Errorf("workspaces = %d, want 1", n)
	}
}

// A 409 external_key_changed: nothing was created; the key is validated
// again and the create sent once more. A second 409 is reported, at the
// key's field, and not sent a third time.
func TestCreatorKeyChangedRevalidatesOnce(t *testing.T) {
	for _, tc := range []struct {
		faults     string
		posts      int
		workspaces int
		validates  int
	}{
		{"409-key-changed", 2, 1, 1},
		{"409-key-changed,409-key-changed", 2, 0, 1},
		{"409-key-changed,validate:500", 1, 0, 1},
	} {
		t.Run(tc.faults, func(t *testing.T) {
			client, srv := newClient(t, time.Second, tc.faults)
			var s sleeps
			var events []api.EventKind
			c := &api.Creator{API: client, Sleep: s.sleep, OnEvent: func(e api.Event) { events = append(events, e.Kind) }}
			res, err := c.Create(context.Background(), api.Spec{Name: "keyed", ExternalKeyID: fakeapi.DemoExternalKeyAWS})
			var e *api.Error
			switch {
			case tc.workspaces == 1 && (err != nil || res.Workspace == nil):
				t.Fatalf("err = %v, want the workspace", err)
			case tc.workspaces == 0 && (!errors.As(err, &e) || e.Status != 409 || e.Field() != "external_key_id"):
				t.Fatalf("err = %v, want the 409 at the key's field", err)
			}
			if !slices.Contains(events, api.EventRechecking) {
				t.Errorf("events = %v: no re-check reported", events)
			}
			if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != tc.posts {
				t.Errorf("POSTs = %d, want %d", n, tc.posts)
			}
			if n := len(srv.Workspaces()); n != tc.workspaces {
				t.Errorf("workspaces = %d, want %d", n, tc.workspaces)
			}
		})
	}
}
