package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// Two processes of the built binary apply the same file at once against
// one simulated API: the second waits for the first's lock (--wait-lock),
// then finds everything made. Each workspace exists once.
func TestTwoApplyProcessesAtOnce(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew})
	srv.SetLatency(20 * time.Millisecond) // so that the two overlap
	home := t.TempDir()
	file := filepath.Join(home, "org.yaml")
	if err := os.WriteFile(file, []byte(fakeapitest.NewOrgPlan), 0o600); err != nil {
		t.Fatal(err)
	}
	env := CleanEnv(home, "ANTHROPIC_ADMIN_API_KEY="+fakeapi.DemoKey, "ANTHROPIC_BASE_URL="+srv.URL())
	run := func(args ...string) (int, string) {
		var stderr bytes.Buffer
		cmd := exec.Command(binary(t), args...)
		cmd.Env, cmd.Stderr = env, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), stderr.String()
		} else if err != nil {
			t.Error(err)
		}
		return 0, stderr.String()
	}
	var wg sync.WaitGroup
	codes, stderrs := make([]int, 2), make([]string, 2)
	for i := range codes {
		wg.Go(func() { codes[i], stderrs[i] = run("apply", "-f", file, "--yes", "--wait-lock", "1m") })
	}
	wg.Wait()
	for i := range codes {
		if codes[i] != 0 {
			t.Errorf("apply %d: exit %d\n%s", i, codes[i], stderrs[i])
		}
	}
	seen := map[string]bool{}
	for _, w := range srv.Workspaces() {
		if seen[w.Name] {
			t.Errorf("workspace %q exists twice", w.Name)
		}
		seen[w.Name] = true
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != len(seen) {
		t.Errorf("%d workspace POSTs for %d workspaces", n, len(seen))
	}
	// The lock file is in the state directory under HOME.
	if m, _ := filepath.Glob(filepath.Join(home, ".local", "state", "workspace-wizard", "org-*.lock")); len(m) != 1 {
		t.Errorf("lock files: %v", m)
	}
}
