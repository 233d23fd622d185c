package rules_test

import (
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// The roles offered are exactly those the API accepts for a new member:
// never workspace_billing, and each says what it may do.
func TestWorkspaceRoles(t *testing.T) {
	for _, r := range rules.WorkspaceRoles {
		if strings.Contains(string(r), "billing") || rules.RoleSummary(r) == "" {
			t.Errorf("role %q offered, summary %q", r, rules.RoleSummary(r))
		}
	}
	for in, want := range map[string]anthropic.NoBillingWorkspaceRole{
		"developer": "workspace_developer", " Workspace_Admin ": "workspace_admin", "restricted_developer": "workspace_restricted_developer",
	} {
		if got, err := rules.ParseWorkspaceRole(in); err != nil || got != want {
			t.Errorf("rules.ParseWorkspaceRole(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"billing", "workspace_billing", "owner", ""} {
		if _, err := rules.ParseWorkspaceRole(in); err == nil {
			t.Errorf("rules.ParseWorkspaceRole(%q) accepted", in)
		}
	}
}
