package apply_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// From an empty organization: every workspace created, then its members,
// its rate limit and the invite; the pending invite is not sent again.
// Applying the same file again plans nothing and sends nothing.
func TestApplyFromEmpty(t *testing.T) {
	srv, admin := newOrg(t, "")
	rep := applyFile(t, admin, fakeapitest.NewOrgPlan, noWait(0))
	want := `done invite["carol@example.com"]
done workspace["dev"]
done workspace["dev"].member["uma@example.com"]
done workspace["prod"]
done workspace["prod"].member["ada@example.com"]
done workspace["prod"].member["dev@example.com"]
done workspace["prod"].rate_limit["Claude Sonnet 4.x"]
done workspace["research"]
done workspace["staging"]
done workspace["staging"].member["dev@example.com"]`
	if got := results(rep); got != want {
		t.Errorf("results:\n%s\nwant:\n%s\n%s", got, want, rep.Text(100))
	}
	if rep.ExitCode() != outcome.ExitOK || rep.Err() != nil {
		t.Errorf("exit %d, err %v", rep.ExitCode(), rep.Err())
	}
	for _, it := range rep.Items {
		if !strings.HasPrefix(it.RequestID, "req_") || it.WorkspaceID == "" && it.Kind != plan.KindInvite {
			t.Errorf("%s: request-id %q, workspace id %q", it.ID, it.RequestID, it.WorkspaceID)
		}
	}
	if got := workspaceNames(srv); !slices.Equal(got, []string{"dev", "prod", "research", "staging"}) {
		t.Errorf("workspaces: %v", got)
	}
	ids := map[string]string{}
	for _, w := range srv.Workspaces() {
		ids[w.Name] = w.ID
	}
	if m := srv.Members(ids["prod"]); len(m) != 2 {
		t.Errorf("prod's members: %+v", m)
	}
	if rl := srv.WorkspaceRateLimits(ids["prod"])[fakeapi.DemoRateLimitSonnet]; rl["requests_per_minute"] != 500 {
		t.Errorf("prod's Sonnet overrides: %v", rl)
	}
	if n := srv.CountRequests("POST", "/v1/organizations/invites"); n != 1 {
		t.Errorf("invites sent: %d, want 1 (new.hire's is pending)", n)
	}

	before := len(writes(srv))
	again := planFor(t, admin, fakeapitest.NewOrgPlan)
	if again.Changes() != 0 {
		t.Errorf("second plan has %d changes:\n%s", again.Changes(), again.Text(100, false))
	}
	rep, err := apply.Run(context.Background(), admin, again, noWait(0))
	if err != nil || len(rep.Items) != 0 || rep.ExitCode() != 0 {
		t.Fatalf("second run: %+v, %v", rep, err)
	}
	if w := writes(srv); len(w) != before {
		t.Errorf("the second run sent writes: %v", w[before:])
	}
	if !strings.Contains(rep.Text(80), "Nothing to apply") {
		t.Errorf("second run's report:\n%s", rep.Text(80))
	}
}

// After an edit, only what changed is written.
func TestApplyAfterEdit(t *testing.T) {
	srv, admin := newOrg(t, "")
	applyFile(t, admin, fakeapitest.NewOrgPlan, noWait(0))
	edited := strings.NewReplacer(
		"tags: {env: staging}", "tags: {env: stage}",
		"{group: Claude Sonnet 4.x, requests_per_minute: 500}", "{group: Claude Sonnet 4.x, requests_per_minute: 600}",
		"      - {email: dev@example.com, role: workspace_developer}\n    rate_limits:", "      - {email: dev@example.com, role: workspace_admin}\n      - {email: uma@example.com, role: workspace_user}\n    rate_limits:",
	).Replace(fakeapitest.NewOrgPlan)
	if edited == fakeapitest.NewOrgPlan {
		t.Fatal("the edit changed nothing")
	}
	ids := map[string]string{}
	for _, w := range srv.Workspaces() {
		ids[w.Name] = w.ID
	}
	before := len(writes(srv))
	rep := applyFile(t, admin, edited, noWait(1))
	got := writes(srv)[before:]
	want := []string{
		"POST /v1/organizations/workspaces/" + ids["staging"],
		"POST /v1/organizations/workspaces/" + ids["prod"] + "/members/" + fakeapi.DemoUserDeveloper,
		"POST /v1/organizations/workspaces/" + ids["prod"] + "/members",
		"POST /v1/organizations/workspaces/" + ids["prod"] + "/rate_limits/" + fakeapi.DemoRateLimitSonnet,
	}
	if !slices.Equal(got, want) {
		t.Errorf("writes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.ExitCode() != 0 || rep.Summary.Done != 4 {
		t.Errorf("report:\n%s", rep.Text(100))
	}
	if w := srv.Workspaces(); slices.IndexFunc(w, func(w fakeapi.Workspace) bool { return w.Name == "staging" && w.Tags["env"] == "stage" }) < 0 {
		t.Errorf("staging's tags were not updated: %+v", w)
	}
}

// Faults in the middle of a run: never two workspaces for one entry, the
// exit code the worst result calls for, what depends on a workspace that
// was not created skipped, and a second run converges. Items run four at a
// time, so which workspace a fault strikes varies; what must hold does not.
func TestApplyFaults(t *testing.T) {
	cases := []struct {
		name, faults string
		exit         int
		unknown      int // workspaces whose outcome is unknown
		failed       int // workspaces refused
		incomplete   int
		creates      int // POSTs to /workspaces
	}{
		{"529 after commit on the 3rd create", "ok,ok,529-after-commit", outcome.ExitOK, 0, 0, 0, 4},
		{"drop on the 2nd create", "ok,drop", outcome.ExitUnknown, 1, 0, 0, 4},
		{"policy 400 on the 4th create", "ok,ok,ok,policy-cmek", outcome.ExitFailed, 0, 1, 0, 4},
		{"429 on a member add", "members:429", outcome.ExitOK, 0, 0, 0, 4},
		{"incomplete on the 2nd create", "ok,503-incomplete", outcome.ExitIncomplete, 0, 0, 1, 4},
		{"all at once", "ok,drop,529-after-commit,policy-cmek,members:ok,members:429", outcome.ExitUnknown, 1, 1, 0, 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv, admin := newOrg(t, tc.faults)
			rep := applyFile(t, admin, fakeapitest.NewOrgPlan, noWait(0))
			if rep.ExitCode() != tc.exit {
				t.Errorf("exit %d, want %d\n%s", rep.ExitCode(), tc.exit, rep.Text(120))
			}
			if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != tc.creates {
				t.Errorf("creates sent: %d, want %d", n, tc.creates)
			}
			notMade := map[string]apply.Status{}
			for _, it := range rep.Items {
				if it.Kind == plan.KindWorkspace && it.Result != apply.Done && it.Result != apply.Incomplete {
					notMade[it.Workspace] = it.Result
				}
			}
			if got := [3]int{count(rep, apply.Unknown), countWorkspaces(rep, apply.Failed), count(rep, apply.Incomplete)}; got != [3]int{tc.unknown, tc.failed, tc.incomplete} {
				t.Errorf("unknown, failed, incomplete = %v, want %v\n%s", got, [3]int{tc.unknown, tc.failed, tc.incomplete}, rep.Text(120))
			}
			for _, it := range rep.Items {
				_, dependsOnFailure := notMade[it.Workspace]
				if it.Kind != plan.KindWorkspace && (it.Result == apply.Skipped) != dependsOnFailure {
					t.Errorf("%s: %s (%s); its workspace: %v", it.ID, it.Result, it.Message, notMade[it.Workspace])
				}
				if it.Result == apply.Unknown && !strings.Contains(it.Check, "workspace-wizard list") {
					t.Errorf("%s: unknown without what to check: %q", it.ID, it.Check)
				}
			}
			if names := workspaceNames(srv); len(names) != 4-tc.unknown-tc.failed || len(slices.Compact(slices.Clone(names))) != len(names) {
				t.Errorf("workspaces after the run: %v", names)
			}

			rerun := applyFile(t, admin, fakeapitest.NewOrgPlan, noWait(0))
			if rerun.ExitCode() != outcome.ExitOK {
				t.Errorf("the second run did not converge: exit %d\n%s", rerun.ExitCode(), rerun.Text(120))
			}
			if names := workspaceNames(srv); !slices.Equal(names, []string{"dev", "prod", "research", "staging"}) {
				t.Errorf("workspaces after the second run: %v", names)
			}
			if p := planFor(t, admin, fakeapitest.NewOrgPlan); p.Changes() != 0 {
				t.Errorf("a third plan still has changes:\n%s", p.Text(120, false))
			}
		})
	}
}

func countWorkspaces(rep *apply.Report, s apply.Status) int {
	n := 0
	for _, it := range rep.Items {
		if it.Kind == plan.KindWorkspace && it.Result == s {
			n++
		}
	}
	return n
}

// A 429 on a write other than a create is waited out, as the API asks,
// and the write sent again; a 5xx is not: its outcome is unknown, and the
// next plan finds out.
func TestApplyWaitsOut429(t *testing.T) {
	srv, admin := newOrg(t, "members:429:7,invite-create:500")
	var (
		mu     sync.Mutex
		waits  []string
		events = map[apply.EventKind]int{}
	)
	opts := noWait(1)
	opts.OnEvent = func(e apply.Event) {
		mu.Lock()
		defer mu.Unlock()
		events[e.Kind]++
		if e.Kind == apply.EventWaiting {
			waits = append(waits, e.Item.ID+" "+e.Wait.String())
		}
	}
	rep := applyFile(t, admin, fakeapitest.NewOrgPlan, opts)
	if want := []string{`workspace["prod"].member["ada@example.com"] 7s`}; !slices.Equal(waits, want) {
		t.Errorf("waits: %v, want %v", waits, want)
	}
	if n := srv.CountRequests("POST", "/v1/organizations/invites"); n != 1 {
		t.Errorf("invite POSTs: %d; a 500 must not be resent", n)
	}
	if events[apply.EventStarted] != 10 || events[apply.EventFinished] != 10 {
		t.Errorf("events: %v", events)
	}
	inv := rep.Items[len(rep.Items)-1]
	if inv.Result != apply.Unknown || !strings.Contains(inv.Message, "500 api_error") || !strings.HasPrefix(inv.RequestID, "req_") || !strings.Contains(inv.Check, "plan again") {
		t.Errorf("invite: %+v", inv)
	}
	if rep.ExitCode() != outcome.ExitUnknown {
		t.Errorf("exit %d, want 5", rep.ExitCode())
	}
}

// At most Concurrency items are in flight at once, and that many are.
func TestApplyConcurrencyBound(t *testing.T) {
	_, admin := newOrg(t, "")
	g := &gate{Admin: admin, limit: 3, full: make(chan struct{})}
	rep := applyFile(t, g, fakeapitest.NewOrgPlan, noWait(3)) // 4 member adds: the first 3 wait for each other
	if rep.ExitCode() != 0 {
		t.Fatalf("report:\n%s", rep.Text(120))
	}
	if g.max != 3 {
		t.Errorf("at most %d member adds were in flight at once, want 3", g.max)
	}
}

// gate holds member adds until limit of them are in flight, then lets
// every one through, recording the most in flight at once.
type gate struct {
	api.Admin
	limit int
	full  chan struct{}

	mu       sync.Mutex
	inflight int
	max      int
	once     sync.Once
}

func (g *gate) AddMember(ctx context.Context, ws, user string, role anthropic.NoBillingWorkspaceRole) (*anthropic.WorkspaceMember, error) {
	g.mu.Lock()
	g.inflight++
	g.max = max(g.max, g.inflight)
	if g.inflight == g.limit {
		g.once.Do(func() { close(g.full) })
	}
	g.mu.Unlock()
	select {
	case <-g.full:
	case <-ctx.Done():
	}
	defer func() { g.mu.Lock(); g.inflight--; g.mu.Unlock() }()
	return g.Admin.AddMember(ctx, ws, user, role)
}

// A plan with errors is not applied: nothing is sent.
func TestRunRefusesAPlanWithErrors(t *testing.T) {
	srv, admin := newOrg(t, "")
	p := planFor(t, admin, strings.Replace(fakeapitest.NewOrgPlan, "Claude Sonnet 4.x", "Claude Sonnet 9", 1))
	if p.OK() {
		t.Fatal("the plan should have an error")
	}
	if _, err := apply.Run(context.Background(), admin, p, noWait(0)); !errors.Is(err, apply.ErrPlanNotApplicable) {
		t.Errorf("err = %v", err)
	}
	if w := writes(srv); len(w) != 0 {
		t.Errorf("writes sent: %v", w)
	}
}

// Cancelled before it starts: nothing is sent, every item is skipped, and
// the exit code is a cancel's.
func TestRunCancelled(t *testing.T) {
	srv, admin := newOrg(t, "")
	p := planFor(t, admin, fakeapitest.NewOrgPlan)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := apply.Run(ctx, admin, p, noWait(0))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Skipped != 10 || rep.ExitCode() != outcome.ExitCancelled || !rep.Cancelled {
		t.Errorf("report: %+v, exit %d", rep.Summary, rep.ExitCode())
	}
	if w := writes(srv); len(w) != 0 {
		t.Errorf("writes sent: %v", w)
	}
}

// stopDuring is the client, but a stop (ctrl+c) comes while a member add is
// on the wire.
type stopDuring struct {
	api.Admin
	stop func()
}

func (s stopDuring) AddMember(ctx context.Context, ws, user string, role anthropic.NoBillingWorkspaceRole) (*anthropic.WorkspaceMember, error) {
	s.stop()
	return s.Admin.AddMember(ctx, ws, user, role)
}

// A stop lets a write already sent finish, so its outcome is known: the
// member add in flight is done, and nothing after it is sent.
func TestStopLetsAWriteInFlightFinish(t *testing.T) {
	srv, admin := newOrg(t, "")
	p := planFor(t, admin, "version: 1\nworkspaces:\n  - name: solo\n    members:\n      - {email: ada@example.com, role: workspace_admin}\n      - {email: dev@example.com, role: workspace_developer}\n")
	ctx, cancel := context.WithCancel(context.Background())
	rep, err := apply.Run(ctx, stopDuring{admin, cancel}, p, noWait(1))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range rep.Items {
		got = append(got, string(it.Kind)+" "+string(it.Result))
	}
	if want := []string{"workspace done", "member done", "member skipped"}; !slices.Equal(got, want) {
		t.Errorf("results %v, want %v", got, want)
	}
	if ws := srv.Workspaces(); len(ws) != 1 || len(srv.Members(ws[0].ID)) != 1 {
		t.Errorf("the server holds %d workspaces and members %v", len(ws), srv.Members(ws[0].ID))
	}
}
