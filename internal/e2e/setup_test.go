package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// startSetup runs `workspace-wizard setup` against srv in dir, where the
// plan is saved, with the demo key in the environment.
func startSetup(t *testing.T, dir string, srv *fakeapi.Server, env []string, args ...string) *Term {
	t.Helper()
	env = CleanEnv(t.TempDir(), append([]string{"ANTHROPIC_ADMIN_API_KEY=" + fakeapi.DemoKey}, env...)...)
	return StartIn(t, dir, binary(t), append([]string{"setup", "--base-url", srv.URL()}, args...), env, 80, 24)
}

// writes counts the requests srv received that change something.
func writes(srv *fakeapi.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			n++
		}
	}
	return n
}

// workspaceNames are the server's workspaces, sorted.
func workspaceNames(srv *fakeapi.Server) []string {
	var names []string
	for _, w := range srv.Workspaces() {
		names = append(names, w.Name+" env="+w.Tags["env"])
	}
	slices.Sort(names)
	return names
}

var threeEnvs = []string{"research-dev env=dev", "research-prod env=prod", "research-staging env=staging"}

// Issue 10: a new organization set up from the prod/staging/dev template,
// reviewed, applied and saved as org.yaml; setup again from the file has
// nothing to apply and sends nothing.
func TestSetupApplySaveThenNothingToApply(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew})
	dir := t.TempDir()
	tm := startSetup(t, dir, srv, nil)
	tm.WaitFor(t, "How should the organization start?", wait)
	tm.Press("enter")
	tm.WaitFor(t, "Project name", wait)
	tm.Type("research")
	tm.WaitFor(t, "> research", wait)
	tm.Press("enter")
	tm.WaitFor(t, "The plan: 3 workspaces · not saved", wait)
	tm.Type("r")
	tm.WaitFor(t, "Apply 3 changes", wait)
	if n := writes(srv); n != 0 {
		t.Fatalf("%d writes before y", n)
	}
	tm.Type("y")
	tm.WaitFor(t, "3 done · exit 0", createWait)
	tm.Press("enter") // the result closed: back at the plan
	tm.WaitFor(t, "Applied: 3 done (exit code 0)", wait)
	tm.Type("s")
	tm.WaitFor(t, "> org.yaml", wait)
	tm.Press("enter")
	tm.WaitGone(t, "Where should the plan be saved?", wait)
	tm.Press("ctrl+c")
	if code := tm.Wait(t, wait); code != 0 {
		t.Fatalf("exit code %d, want 0\n%s", code, tm.Dump())
	}
	tm.WaitFor(t, "The plan is saved in org.yaml", wait)
	if got := workspaceNames(srv); !slices.Equal(got, threeEnvs) {
		t.Errorf("the server's workspaces %v, want %v", got, threeEnvs)
	}
	data, err := os.ReadFile(filepath.Join(dir, "org.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "  - name: research-staging\n    tags: {env: staging}\n") {
		t.Errorf("org.yaml:\n%s", data)
	}

	sent := writes(srv)
	tm = startSetup(t, dir, srv, nil, "-f", "org.yaml")
	tm.WaitFor(t, "The plan: 3 workspaces", wait)
	tm.Type("r")
	tm.WaitFor(t, "nothing to apply", wait)
	tm.Type("y")                             // sends nothing, and closes: there is nothing to apply
	tm.WaitFor(t, "r review the plan", wait) // back at the plan
	tm.Press("ctrl+c")
	if code := tm.Wait(t, wait); code != 0 {
		t.Fatalf("exit code %d, want 0\n%s", code, tm.Dump())
	}
	if n := writes(srv) - sent; n != 0 {
		t.Errorf("the second setup sent %d writes", n)
	}
}

// The same in accessible mode (ACCESSIBLE=1): plain prompts, answered one
// line at a time.
func TestSetupAccessible(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew})
	dir := t.TempDir()
	tm := startSetup(t, dir, srv, []string{"ACCESSIBLE=1"})
	answer := func(prompt, text string) {
		t.Helper()
		tm.WaitUntil(t, "the prompt "+prompt, wait, func(s string) bool { return lastLineHas(s, prompt) })
		tm.Type(text + "\r")
	}
	next := "What next? A number [Review the plan]: "
	tm.WaitFor(t, "workspace-wizard setup: set up New organization", wait)
	answer("How should the organization start? A number [1]: ", "1")
	answer("Project name (the workspaces' prefix): ", "research")
	answer(next, "6")
	answer("Invite: ", "carol@example.com")
	answer("Invite: ", "")
	answer(next, "8")
	answer("Apply these 4 changes? (y/n) [n]: ", "y")
	tm.WaitFor(t, "Applied: 4 done", createWait)
	answer(next, "9")
	answer("Save the plan to [org.yaml]: ", "")
	tm.WaitFor(t, "Saved to org.yaml", wait)
	answer(next, "10")
	if code := tm.Wait(t, wait); code != 0 {
		t.Fatalf("exit code %d, want 0\n%s", code, tm.Dump())
	}
	if strings.Contains(tm.Raw(), "\x1b[?1049h") {
		t.Errorf("accessible mode switched to the alternate screen")
	}
	if got := workspaceNames(srv); !slices.Equal(got, threeEnvs) {
		t.Errorf("the server's workspaces %v, want %v", got, threeEnvs)
	}
	if inv := srv.Invites(); len(inv) != 2 || inv[1].Email != "carol@example.com" {
		t.Errorf("invites %+v", inv)
	}
	data, err := os.ReadFile(filepath.Join(dir, "org.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(data), "invites:\n  - {email: carol@example.com, role: developer}\n") {
		t.Errorf("org.yaml:\n%s", data)
	}
}
