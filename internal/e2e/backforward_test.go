package e2e

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// Bug 1 of issue 9: from review, open step 4 with its number, go back
// twice with Shift+Tab and press Enter: the wizard goes to the next step,
// not to review, and no Enter meant for a step creates the workspace.
func TestBackThenForwardNeverCreates(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{})
	tm := start(t, 80, 24, []string{"ANTHROPIC_ADMIN_API_KEY=" + fakeapi.DemoKey},
		"--base-url", srv.URL(), "--name", "back-forward")
	tm.WaitFor(t, "> back-forward", wait)
	tm.Press("enter")
	tm.WaitFor(t, "Step 2 of 5 · Tags", wait)
	enterTo(t, tm, "Step 3 of 5 · Data residency")
	enterTo(t, tm, "Step 4 of 5 · Encryption key")
	enterTo(t, tm, "Step 5 of 5 · Review")

	tm.Type("4")
	tm.WaitFor(t, "Step 4 of 5 · Encryption key", wait)
	tm.Press("shift+tab")
	tm.WaitFor(t, "Step 3 of 5 · Data residency", wait)
	tm.Press("shift+tab")
	tm.WaitFor(t, "Step 2 of 5 · Tags", wait)
	screen := enterTo(t, tm, "Step 3 of 5 · Data residency")
	if strings.Contains(screen, "Review") {
		t.Fatalf("Enter on a step reached by going back jumped to review\n%s", tm.Dump())
	}
	enterTo(t, tm, "Step 4 of 5 · Encryption key")
	enterTo(t, tm, "Step 5 of 5 · Review")
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 0 {
		t.Fatalf("%d creates sent by keys meant for the steps\n%s", n, tm.Dump())
	}
	if strings.Contains(tm.Screen(), created) {
		t.Fatalf("a workspace was created\n%s", tm.Dump())
	}
	tm.Press("ctrl+c")
	if code := tm.Wait(t, wait); code != 130 {
		t.Errorf("exit code %d, want 130\n%s", code, tm.Dump())
	}
	if tm.Stdout() != "" {
		t.Errorf("stdout = %q, want nothing: no workspace was created", tm.Stdout())
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 0 {
		t.Errorf("%d creates, want none", n)
	}
}
