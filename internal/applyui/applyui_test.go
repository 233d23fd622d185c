package applyui_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/applyui"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// The review shows the plan as a table with its counts and the question,
// and sends nothing.
func TestReviewShowsThePlan(t *testing.T) {
	h := newHarness(t)
	h.see("apply to New organization", "Review the plan · 10 changes",
		"ACTION ITEM DETAILS", "+ create workspace prod",
		"9 to create, 1 to update, 1 unchanged.",
		"Apply 10 changes to “New organization”?", "enter/y apply", "q/esc cancel")
	h.golden("review-80x24")
	if w := h.writes(); len(w) != 0 {
		t.Errorf("the review sent writes: %v", w)
	}
	// The plan is longer than the window: it scrolls to its last item.
	h.see("more lines", "↑↓ pgup/pgdn scroll")
	h.notSee("invite carol@example.com")
	h.press("end")
	h.see("invite carol@example.com", "↑")
	h.press("home")
	h.see("+ create workspace prod")
	h.press("pgdown")
	h.notSee("ACTION ITEM DETAILS")
}

// q, esc and ctrl+c at the review leave with nothing sent.
func TestCancelSendsNothing(t *testing.T) {
	for _, k := range []string{"q", "esc", "ctrl+c"} {
		t.Run(k, func(t *testing.T) {
			h := newHarness(t)
			h.press(k)
			c, ok := h.ended.(applyui.CancelledMsg)
			if !ok || !errors.Is(c.Err, outcome.ErrCancelled) || !errors.Is(h.m.Err(), outcome.ErrCancelled) {
				t.Fatalf("ended with %#v, err %v", h.ended, h.m.Err())
			}
			if w := h.writes(); len(w) != 0 || h.m.Report() != nil {
				t.Errorf("writes after a cancel: %v", w)
			}
		})
	}
}

// Enter applies: the progress, then the report; every write sent once,
// each workspace on the server once; enter on the result ends with it.
func TestApplyFromTheReview(t *testing.T) {
	h := newHarness(t)
	cmd := h.send(keyPress("enter"))
	if h.m.Screen() != applyui.ScreenApplying {
		t.Fatalf("screen %v after enter", h.m.Screen())
	}
	h.see("Applying · 0 of 10", "STATUS ITEM DETAILS", "workspace prod", "ctrl+c stop")
	h.run(cmd)
	h.see("Applied · 0s · exit 0", "✓ done workspace prod", "created wrkspc_", "request-id req_",
		"✓ 10 done · exit 0", "enter/q close")
	h.golden("result-80x24")
	h.press("end")
	h.see("invited as developer", "To check: workspace-wizard list")
	if got := h.workspaceNames(); got != "dev prod research staging" {
		t.Errorf("workspaces on the server: %s", got)
	}
	if n := len(h.writes()); n != 10 {
		t.Errorf("%d writes, want 10: %v", n, h.writes())
	}
	h.press("enter")
	rep := h.done()
	if rep.ExitCode() != 0 || rep.Summary.Done != 10 || h.m.Report() != rep {
		t.Errorf("report: exit %d, %+v", rep.ExitCode(), rep.Summary)
	}
}

// gate is a Sleep that holds every wait until the test opens it, so that a
// screen can be looked at while an item waits; a cancel ends it.
type gate chan struct{}

func (g gate) sleep(ctx context.Context, _ time.Duration) error {
	select {
	case <-g:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Faults mid-run: a create whose answer is lost after it took effect is
// looked for and found (never sent twice); a member add refused with 429
// waits, with the time left, then is sent again; one whose answer is lost
// is unknown, with what to check. Exit 5.
func TestFaultsMidRun(t *testing.T) {
	g := make(gate)
	h := newHarness(t, withFaults("ok,529-after-commit,members:429,members:ok,members:529-after-commit"),
		withOpts(func(o *applyui.Options) { o.Sleep = g.sleep }))
	rest := h.until(h.send(keyPress("enter")), "◷ waiting")
	h.see("◷ waiting member ada@example.com", "(429)", "nothing was changed. Sending again in 1s")
	close(g)
	for _, c := range rest {
		h.run(c)
	}
	h.see("Applied · 0s · exit 5", "1 outcome unknown", "Check what each says before applying again", "workspace-wizard list",
		"✓ done workspace staging", "found by looking, sent once", "✓ 9 done · ⚠ 1 unknown · exit 5")
	h.press("pgdown")
	h.see("⚠ unknown member dev@example.com", "529 overloaded_error: Overloaded; it may", "check: run plan again")
	if got := h.workspaceNames(); got != "dev prod research staging" {
		t.Errorf("workspaces on the server: %s", got)
	}
	if n := h.srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 4 {
		t.Errorf("%d creates sent, want 4 (never one twice)", n)
	}
	h.press("q")
	if rep := h.done(); rep.ExitCode() != 5 {
		t.Errorf("exit %d, want 5", rep.ExitCode())
	}
}

// ctrl+c while applying stops: the item waiting is not sent again, items
// not started are skipped, and the screen says so; nothing after it is sent.
func TestStopWhileApplying(t *testing.T) {
	g := make(gate)
	h := newHarness(t, withFaults("ok,429"), withOpts(func(o *applyui.Options) { o.Sleep = g.sleep }))
	rest := h.until(h.send(keyPress("enter")), "◷ waiting")
	h.see("✓ done workspace prod", "◷ waiting workspace staging", "· queued")
	h.send(keyPress("ctrl+c"))
	h.see("stopping", "⚠ Stopping: items not started are skipped; 1 item in flight finishes first.", "· not started")
	for _, c := range rest {
		h.run(c)
	}
	h.see("Stopped · 0s · exit 130", "Stopped before the end: items marked ⊘ were not sent",
		"✓ done workspace prod", "⊘ skipped workspace staging", "not sent: cancelled before it was sent",
		"⊘ skipped workspace dev", "not sent: cancelled before its turn", "✓ 1 done · ⊘ 9 skipped · exit 130")
	if got := h.workspaceNames(); got != "prod" {
		t.Errorf("workspaces on the server: %s", got)
	}
	want := []string{"POST /v1/organizations/workspaces", "POST /v1/organizations/workspaces"} // prod; staging refused with 429
	if got := h.writes(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("writes: %v, want %v", got, want)
	}
	h.press("enter")
	if rep := h.done(); !rep.Cancelled || rep.ExitCode() != 130 || rep.Summary.Skipped != 9 {
		t.Errorf("report: cancelled %v, exit %d, %+v", rep.Cancelled, rep.ExitCode(), rep.Summary)
	}
}

// At 40x12 every screen fits: no line wider, no more lines than the
// window; long plans and reports scroll.
func TestSmallWindow(t *testing.T) {
	for _, size := range [][2]int{{40, 12}, {80, 24}, {30, 8}} {
		w, ht := size[0], size[1]
		h := newHarness(t, withSize(w, ht), withFaults("members:529-after-commit"))
		h.fits(w, ht)
		h.see("Review the plan", "more lines")
		h.press("end")
		h.fits(w, ht)
		cmd := h.send(keyPress("enter"))
		h.fits(w, ht)
		h.run(cmd)
		h.see("exit 5")
		h.fits(w, ht)
		for range 3 {
			h.press("down")
			h.fits(w, ht)
		}
		h.press("end")
		h.fits(w, ht)
		h.see("is missing.")
	}
}

// A plan with errors says why and cannot be applied; nothing is sent.
func TestPlanWithErrors(t *testing.T) {
	h := newHarness(t, withFile(strings.Replace(fakeapitest.NewOrgPlan, "group: Claude Sonnet 4.x", "group: Claude Opus 9", 1)))
	h.see("Review the plan · it has errors", "✗ error rate limit Claude Opus", "has no rate-limit group", "✗ This plan cannot be applied", "nothing will be sent", "q/esc close")
	h.notSee("enter/y apply")
	h.press("enter", "y")
	if h.m.Screen() != applyui.ScreenReview || h.ended != nil {
		t.Fatalf("enter on a plan with errors: screen %v, ended %#v", h.m.Screen(), h.ended)
	}
	h.press("q")
	if c, ok := h.ended.(applyui.CancelledMsg); !ok || !errors.Is(c.Err, apply.ErrPlanNotApplicable) {
		t.Fatalf("ended with %#v", h.ended)
	}
	if w := h.writes(); len(w) != 0 {
		t.Errorf("writes: %v", w)
	}
}

// After an apply the same file plans nothing: the review says so, u shows
// the unchanged items, and enter ends with an empty report and no write.
func TestNothingToApply(t *testing.T) {
	first := newHarness(t)
	first.press("enter")
	h := &harness{t: t, srv: first.srv, admin: first.admin}
	h.m = applyui.New(context.Background(), applyui.Options{Admin: first.admin, Plan: planFor(t, first.admin, fakeapitest.NewOrgPlan),
		OrgName: "New organization", Now: clock, Still: true})
	before := len(h.writes())
	h.see("Review the plan · nothing to apply", "✓ Nothing to apply", "0 to create, 0 to update, 11 unchanged", "u show unchanged")
	h.notSee("= unchanged")
	h.press("u")
	h.see("= unchanged workspace prod", "u hide unchanged")
	h.press("enter")
	if rep := h.done(); len(rep.Items) != 0 || rep.ExitCode() != 0 {
		t.Errorf("report %+v", rep)
	}
	if len(h.writes()) != before {
		t.Errorf("writes sent for a plan with no changes: %v", h.writes()[before:])
	}
}

// Server strings are made safe, and a secret the server echoes is never
// shown: only the program's own colours reach the terminal.
func TestHostileStrings(t *testing.T) {
	const key = "sk-ant-admin01-recognisable-key-0123456789"
	h := newHarness(t, withFake(func(o *fakeapi.Options) { o.OrgName = "Evil\x1b]52;c;aGk=\x07 Org " + key + " \u202eesrever" }),
		withOpts(func(o *applyui.Options) { o.Secrets = []string{key} }))
	view := h.m.View()
	for _, bad := range []string{key, "\x07", "\u202e", "\x1b]"} {
		if strings.Contains(view, bad) {
			t.Errorf("the view holds %q:\n%q", bad, view)
		}
	}
	h.see("Evil")
}

// A plan whose only difference is a conflict does not say the organization
// matches the file: the review warns, Enter sends nothing and ends with a
// report that lists the conflict as not done (exit 1).
func TestConflictOnlyIsNotNothingToApply(t *testing.T) {
	h := newHarness(t, withFile("version: 1\n"))
	h.srv.AddWorkspace(fakeapi.Workspace{Name: "research"})
	o := applyui.Options{Concurrency: 1, Now: clock, Sleep: noSleep, Still: true, Admin: h.admin, OrgName: "New organization",
		Plan: planFor(t, h.admin, "version: 1\nworkspaces:\n  - name: research\n    external_key_id: ekey_01SDCCSbTxrXDpWc1phhtcfK\n")}
	h.m = applyui.New(context.Background(), o)
	h.run(h.send(tea.WindowSizeMsg{Width: 80, Height: 24}))
	h.see("1 conflict, nothing to send", "Applying reports them as not done (exit 1)")
	h.notSee("Nothing to apply")
	h.press("enter")
	rep := h.done()
	if len(rep.Items) != 1 || rep.Items[0].Result != apply.Conflict || rep.ExitCode() != 1 {
		t.Errorf("report (exit %d):\n%s", rep.ExitCode(), rep.Text(100))
	}
	if w := h.writes(); len(w) != 0 {
		t.Errorf("writes for a conflict: %v", w)
	}
}
