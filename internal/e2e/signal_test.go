package e2e

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// A signal that ends the wizard after the workspace was created still hands
// the id to the script (exit 0), and one that ends it at an unknown outcome
// says so (exit 5): neither is reported as "nothing was sent".
func TestSignalAfterCreate(t *testing.T) {
	cases := []struct {
		name   string
		faults string
		screen string
		code   int
	}{
		{"created", "", created, 0},
		{"unknown outcome", "drop,list:500,list:500,list:500", "may or may not have been created", 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := []string{"--demo", "--name", "signalled"}
			if tc.faults != "" {
				args = append(args, "--demo-faults", tc.faults)
			}
			tm := start(t, 80, 24, nil, args...)
			tm.WaitFor(t, nameStep, wait)
			enterTo(t, tm, tagsStep)
			throughDefaults(t, tm)
			tm.Press("enter")
			tm.WaitFor(t, tc.screen, createWait)
			if err := syscall.Kill(tm.Pid(), syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			code := tm.Wait(t, wait)
			if code != tc.code {
				t.Errorf("exit code %d, want %d\n%s", code, tc.code, tm.Dump())
			}
			if strings.Contains(tm.Screen(), "Nothing was sent") {
				t.Errorf("the program claims nothing was sent:\n%s", tm.Dump())
			}
			if got := strings.TrimSpace(tm.Stdout()); (tc.code == 0) != idPattern.MatchString(got) {
				t.Errorf("stdout = %q; the id belongs there exactly when the workspace was created", got)
			}
		})
	}
}

// Ctrl+C (SIGINT) during a flag-mode create whose request the server has
// already committed: the look-up finds the workspace, so it is reported as
// created (exit 0, id on stdout), not as cancelled.
func TestFlagModeInterruptFindsTheWorkspace(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{})
	faults, _ := fakeapi.ParseFaults("stall-after-commit")
	srv.AddFaults(faults...)
	tm := start(t, 80, 24, []string{"ANTHROPIC_ADMIN_API_KEY=" + fakeapi.DemoKey},
		"--base-url", srv.URL(), "--name", "interrupted", "--yes")
	deadline := time.Now().Add(wait)
	for len(srv.Workspaces()) == 0 { // the server has committed, the answer is stalled
		if time.Now().After(deadline) {
			t.Fatalf("the create never reached the server\n%s", tm.Dump())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := syscall.Kill(tm.Pid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := tm.Wait(t, wait); code != 0 {
		t.Fatalf("exit code %d, want 0\n%s", code, tm.Dump())
	}
	if !strings.Contains(tm.Screen(), "Found it") || !idPattern.MatchString(tm.Stdout()) {
		t.Errorf("stdout %q\n%s", tm.Stdout(), tm.Dump())
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 1 {
		t.Errorf("%d POSTs, want 1", n)
	}
}

// A signal while the wizard waits to retry after a 429: nothing was
// processed, so it ends at once as cancelled (130), not after a long wait as
// "unknown".
func TestSignalWhileWaitingToRetry(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--demo", "--demo-faults", "429:30", "--name", "patient")
	tm.WaitFor(t, nameStep, wait)
	enterTo(t, tm, tagsStep)
	throughDefaults(t, tm)
	tm.Press("enter")
	tm.WaitFor(t, "retrying in 30s", wait)
	if err := syscall.Kill(tm.Pid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := tm.Wait(t, 5*time.Second); code != 130 {
		t.Errorf("exit code %d, want 130\n%s", code, tm.Dump())
	}
	if tm.Stdout() != "" {
		t.Errorf("stdout = %q, want nothing", tm.Stdout())
	}
}

// Ctrl+C (SIGINT) while flag mode lists the names before its POST: nothing
// was sent, so it is a plain cancel (130, "Nothing was sent"), not an
// unknown outcome, and the server never receives a create.
func TestFlagModeInterruptBeforeThePost(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{})
	faults, _ := fakeapi.ParseFaults("list:stall")
	srv.AddFaults(faults...)
	tm := start(t, 80, 24, []string{"ANTHROPIC_ADMIN_API_KEY=" + fakeapi.DemoKey},
		"--base-url", srv.URL(), "--name", "early", "--yes")
	deadline := time.Now().Add(wait)
	for srv.CountRequests("GET", "/v1/organizations/workspaces") == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the look-up never reached the server\n%s", tm.Dump())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := syscall.Kill(tm.Pid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := tm.Wait(t, wait); code != 130 {
		t.Fatalf("exit code %d, want 130\n%s", code, tm.Dump())
	}
	if s := tm.Screen(); !strings.Contains(s, "Nothing was sent") || strings.Contains(s, "may") || strings.Contains(s, "finding out") {
		t.Errorf("the terminal should say nothing was sent, and nothing about a workspace that may exist\n%s", tm.Dump())
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 0 {
		t.Errorf("%d POSTs, want none", n)
	}
}

// Two signals while the wizard's create is sent and unanswered, and its
// look-up hangs too: the second ends the program at once, and it still
// says the workspace may exist (exit 5), not a cancel (130) or a kill.
func TestWizardSecondSignalDuringAnUnansweredCreate(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{})
	tm := start(t, 120, 30, []string{"ANTHROPIC_ADMIN_API_KEY=" + fakeapi.DemoKey}, "--base-url", srv.URL(), "--name", "twice")
	tm.WaitFor(t, "Step 1 of 5 · Name", wait) // this organization has no user profiles
	for _, step := range []string{"Step 2 of 5 · Tags", "Step 3 of 5", "Step 4 of 5", "Step 5 of 5 · Review"} {
		enterTo(t, tm, step)
	}
	stall, _ := fakeapi.ParseFaults("stall")
	srv.AddFaults(stall...)
	tm.Press("enter")
	waitRequests(t, tm, srv, "POST", 1) // sent; no answer comes
	lists := srv.CountRequests("GET", "/v1/organizations/workspaces")
	hang, _ := fakeapi.ParseFaults("list:stall")
	srv.AddFaults(hang...) // the look-up after the cancel hangs as well
	if err := syscall.Kill(tm.Pid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitRequests(t, tm, srv, "GET", lists+1) // the look-up is under way
	if err := syscall.Kill(tm.Pid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := tm.Wait(t, 5*time.Second); code != 5 {
		t.Fatalf("exit code %d, want 5\n%s", code, tm.Dump())
	}
	if !Shows(tm.Screen(), "may or may not have been created") || tm.Stdout() != "" {
		t.Errorf("stdout %q\n%s", tm.Stdout(), tm.Dump())
	}
}

// waitRequests waits until srv has received n requests of method to the
// workspaces collection.
func waitRequests(t *testing.T, tm *Term, srv *fakeapi.Server, method string, n int) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for srv.CountRequests(method, "/v1/organizations/workspaces") < n {
		if time.Now().After(deadline) {
			t.Fatalf("the server never received %s request %d\n%s", method, n, tm.Dump())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
