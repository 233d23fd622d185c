package forms

import (
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

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
		if v.Role != rules.DefaultWorkspaceRole {
			t.Errorf("role %q, want the default %q", v.Role, rules.DefaultWorkspaceRole)
		}
	}
}
