package e2e

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// bin is the workspace-wizard binary under test, built once by TestMain;
// tests get it from binary. srcRoot is the module it was built from.
var (
	bin, srcRoot string
	consulted    sync.Once
)

// binary is the binary under test. The first call stats the module's
// sources (see consultSources).
func binary(t testing.TB) string {
	t.Helper()
	consulted.Do(func() {
		if err := consultSources(srcRoot); err != nil {
			t.Fatalf("e2e: %v", err)
		}
	})
	return bin
}

// TestMain builds the binary once (with -race when the tests run with it,
// so the race detector watches the real program too) and runs the tests.
// E2E_BINARY names a prebuilt binary to test instead.
func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	if b := os.Getenv("E2E_BINARY"); b != "" {
		bin = b
		srcRoot = b // stat just the binary
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "workspace-wizard-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: find the module root:", err)
		return 1
	}
	srcRoot = root
	bin = filepath.Join(dir, "workspace-wizard")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build the binary:", err)
		return 1
	}
	return m.Run()
}

// consultSources stats every Go source and go.mod/go.sum of the module.
// The binary is built by a subprocess, which go test's result cache does
// not see; files a test stats (once m.Run has started) are part of the
// cache key, so a change anywhere in the program reruns these tests
// instead of replaying a stale result.
func consultSources(root string) error {
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return err // E2E_BINARY: the binary itself
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "screenshots") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") || name == "go.mod" || name == "go.sum" {
			_, err := os.Stat(path)
			return err
		}
		return nil
	})
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a module")
	}
	return filepath.Dir(gomod), nil
}

// start runs the binary in a cols×rows terminal with a clean environment
// (plus env) and args.
func start(t testing.TB, cols, rows int, env []string, args ...string) *Term {
	t.Helper()
	return Start(t, binary(t), args, CleanEnv(t.TempDir(), env...), cols, rows)
}

// wait is the default timeout for a screen to appear.
const wait = DefaultTimeout
