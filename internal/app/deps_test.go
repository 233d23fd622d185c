package app

import (
	"os/exec"
	"strings"
	"testing"
)

// The package boundaries issue 9 drew, checked with the go command: the
// binary does not link the testing package, and neither the rules nor the
// simulated Admin API links a UI module (charm.land/...); the error table
// links neither a UI nor the app, so the wizard can import it.
func TestDependencyRules(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	forbidden := map[string][]string{ // package -> deps it must not have (exact, or a prefix ending in "/")
		"github.com/anthropic-tools/workspace-wizard":                      {"testing"},
		"github.com/anthropic-tools/workspace-wizard/internal/app":         {"testing"},
		"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi": {"testing", "charm.land/"},
		"github.com/anthropic-tools/workspace-wizard/internal/rules":       {"testing", "charm.land/"},
		// The error table, which both front ends use: no UI, and not the app.
		"github.com/anthropic-tools/workspace-wizard/internal/outcome": {"testing", "charm.land/",
			"github.com/anthropic-tools/workspace-wizard/internal/ui", "github.com/anthropic-tools/workspace-wizard/internal/app"},
		// The wizard's core: no UI, so both front ends can drive it.
		"github.com/anthropic-tools/workspace-wizard/internal/wizard": {"testing", "charm.land/",
			"github.com/anthropic-tools/workspace-wizard/internal/ui", "github.com/anthropic-tools/workspace-wizard/internal/forms",
			"github.com/anthropic-tools/workspace-wizard/internal/app"},
		// The plan file, its planner and the applier: no UI.
		"github.com/anthropic-tools/workspace-wizard/internal/plan":  {"testing", "charm.land/"},
		"github.com/anthropic-tools/workspace-wizard/internal/apply": {"testing", "charm.land/"},
	}
	args := []string{"list", "-f", `{{.ImportPath}} {{join .Deps " "}}`}
	for pkg := range forbidden {
		args = append(args, pkg)
	}
	out, err := exec.Command(goCmd, args...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, deps := fields[0], fields[1:]
		seen++
		for _, bad := range forbidden[pkg] {
			for _, d := range deps {
				if d == bad || strings.HasSuffix(bad, "/") && strings.HasPrefix(d, bad) {
					t.Errorf("%s depends on %s", pkg, d)
				}
			}
		}
	}
	if seen != len(forbidden) {
		t.Fatalf("go list described %d packages, want %d:\n%s", seen, len(forbidden), out)
	}
}
