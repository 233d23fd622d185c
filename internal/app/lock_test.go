package app

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/orglock"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// withLockDir is env as a Getenv, with the organization lock in a
// directory of the test's own unless env names one: tests never touch the
// user's state directory, nor wait for each other's locks.
func withLockDir(t *testing.T, env map[string]string) func(string) string {
	t.Helper()
	dir := env[orglock.EnvDir]
	if dir == "" {
		dir = t.TempDir()
	}
	return func(k string) string {
		if k == orglock.EnvDir {
			return dir
		}
		return env[k]
	}
}

// orgLock takes srv's organization lock in dir as another run would.
func orgLock(t *testing.T, srv *fakeapi.Server, dir string) *orglock.Lock {
	t.Helper()
	org, err := api.New(api.Options{APIKey: testKey, BaseURL: srv.URL()}).Organization(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	l, err := orglock.Acquire(context.Background(), orglock.Options{Dir: dir, OrgID: org.ID, OrgName: org.Name, Command: "workspace-wizard apply -f org.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// While another run holds the organization's lock, apply and flag mode's
// create send nothing, say who holds it, and exit 7; plan takes no lock.
func TestLockHeldByAnotherRun(t *testing.T) {
	srv := newOrgServer(t, "")
	dir := t.TempDir()
	l := orgLock(t, srv, dir)
	defer l.Release()
	env := keyEnv()
	env[orglock.EnvDir] = dir
	file := writeFile(t, "org.yaml", fakeapitest.NewOrgPlan)
	base := []string{"--base-url", srv.URL()}
	for _, args := range [][]string{
		{"apply", "-f", file, "--yes"},
		{"create", "--name", "ml-research", "--yes"},
	} {
		r := runCLI(t, nil, env, append(args, base...)...)
		want := fmt.Sprintf("workspace-wizard (pid %d, \"workspace-wizard apply -f org.yaml\", since ", os.Getpid())
		if r.code != outcome.ExitBusy || !strings.Contains(r.stderr, want) ||
			!strings.Contains(r.stderr, `is changing the organization "New organization" on this machine; nothing was sent`) ||
			!strings.Contains(r.stderr, "--wait-lock") {
			t.Errorf("%s: exit %d, want 6 naming the holder\n%s", args[0], r.code, r.stderr)
		}
	}
	if w := nonGET(srv); len(w) != 0 {
		t.Errorf("writes sent while the lock was held: %v", w)
	}
	if r := runCLI(t, nil, env, append([]string{"plan", "-f", file}, base...)...); r.code != exitOK {
		t.Errorf("plan takes no lock: exit %d\n%s", r.code, r.stderr)
	}
}

// Two applies of the same file at once: the second waits for the first
// (--wait-lock), then plans against what the first made. Each workspace
// exists once, and was POSTed once.
func TestTwoAppliesAtOnce(t *testing.T) {
	srv := newOrgServer(t, "")
	srv.SetLatency(5 * time.Millisecond) // so that the two overlap
	env := keyEnv()
	env[orglock.EnvDir] = t.TempDir()
	file := writeFile(t, "org.yaml", fakeapitest.NewOrgPlan)
	var wg sync.WaitGroup
	results := make([]result, 2)
	for i := range results {
		wg.Go(func() {
			results[i] = runCLI(t, nil, env, "apply", "-f", file, "--yes", "--wait-lock", "1m", "--base-url", srv.URL())
		})
	}
	wg.Wait()
	for i, r := range results {
		if r.code != exitOK {
			t.Errorf("apply %d: exit %d\n%s", i, r.code, r.stderr)
		}
	}
	seen := map[string]int{}
	for _, n := range names(srv) {
		if seen[n]++; seen[n] > 1 {
			t.Errorf("workspace %q exists twice", n)
		}
	}
	posts := srv.CountRequests("POST", "/v1/organizations/workspaces")
	if f, err := plan.Parse("org.yaml", []byte(fakeapitest.NewOrgPlan)); err != nil || posts != len(f.Workspaces) {
		t.Errorf("%d workspace POSTs for %d entries: %v", posts, len(f.Workspaces), err)
	}
}
