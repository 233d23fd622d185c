package forms

import (
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"
)

// The roles offered are exactly those the API accepts for a new member:
// never workspace_billing, and each says what it may do.
func TestWorkspaceRoles(t *testing.T) {
	for _, r := range WorkspaceRoles {
		if strings.Contains(string(r), "billing") || RoleSummary(r) == "" {
			t.Errorf("role %q offered, summary %q", r, RoleSummary(r))
		}
	}
	for in, want := range map[string]anthropic.NoBillingWorkspaceRole{
		"developer": "workspace_developer", " Workspace_Admin ": "workspace_admin", "restricted_developer": "workspace_restricted_developer",
	} {
		if got, err := ParseWorkspaceRole(in); err != nil || got != want {
			t.Errorf("ParseWorkspaceRole(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"billing", "workspace_billing", "owner", ""} {
		if _, err := ParseWorkspaceRole(in); err == nil {
			t.Errorf("ParseWorkspaceRole(%q) accepted", in)
		}
	}
}

// Every line of the members form fits the width it was built for: huh
// cuts lines that do not, so the labels must wrap.
func TestMembersFormFitsItsWidth(t *testing.T) {
	users := []anthropic.OrganizationUser{
		{ID: "user_1", Name: "Ada Lovelace-Byron, Countess of Lovelace", Email: "ada.lovelace-byron@analytical-engine.example.com", Role: "admin"},
		{ID: "user_2", Email: "nameless@example.com", Role: "user"},
	}
	for _, w := range []int{38, 78} {
		v := Members{UserIDs: []string{"user_2"}}
		f := MembersForm(users, &v, w)
		f.Init()
		f.Update(struct{}{})
		view := ansi.Strip(f.WithWidth(w).View())
		for _, want := range []string{"nameless@example.com · user", "Countess of Lovelace · admin", "a developer with fewer permissions"} {
			if !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(view, "┃", "")), " "), want) {
				t.Errorf("width %d: the form lacks %q:\n%s", w, want, view)
			}
		}
		for _, l := range strings.Split(view, "\n") {
			if ansi.StringWidth(strings.TrimRight(l, " ")) > w {
				t.Errorf("width %d: line %q is too wide", w, l)
			}
		}
		if v.Role != DefaultWorkspaceRole {
			t.Errorf("role %q, want the default %q", v.Role, DefaultWorkspaceRole)
		}
	}
}
