package forms

import (
	"slices"
	"strings"

	"charm.land/huh/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// UserLabel names a user the way the members form lists them, made safe to
// show: the name and role are the server's.
func UserLabel(u anthropic.OrganizationUser) string {
	name := u.Name
	if name == "" {
		name = u.Email
	}
	return termsafe.String(name + " · " + string(u.Role))
}

// Members is what the members form edits.
type Members struct {
	UserIDs []string
	Role    anthropic.NoBillingWorkspaceRole
}

// MembersForm lists the organization's users to pick from (name and
// organization role, the email under them) and asks for the workspace role
// they all get. Labels are wrapped to width, since huh cuts option lines
// that do not fit.
func MembersForm(users []anthropic.OrganizationUser, v *Members, width int) Form {
	// The form's border, padding, cursor and checkbox take 8 columns.
	w := max(width-8, 10)
	var opts []huh.Option[string]
	for _, u := range users {
		label := wrapLabel(UserLabel(u), w, "")
		if u.Email != "" && u.Name != "" {
			label += "\n" + wrapLabel(termsafe.String(u.Email), w, "  ")
		}
		opts = append(opts, huh.NewOption(label, u.ID).Selected(slices.Contains(v.UserIDs, u.ID)))
	}
	var roles []huh.Option[anthropic.NoBillingWorkspaceRole]
	for _, r := range rules.WorkspaceRoles {
		label := string(r) + ": " + rules.RoleSummary(r)
		if r == rules.DefaultWorkspaceRole {
			label += " (default)"
		}
		label = wrapLabel(label, w, "")
		roles = append(roles, huh.NewOption(label, r))
	}
	if v.Role == "" {
		v.Role = rules.DefaultWorkspaceRole
	}
	// huh sizes a multi-select without a height two lines short of its
	// options (it takes the title and description off), so it gets one:
	// its title, description and every option's lines.
	const title, desc = "Members to add", "Space selects."
	height := lines(title, width-2) + lines(desc, width-2)
	for _, o := range opts {
		height += strings.Count(o.Key, "\n") + 1
	}
	return newForm(huh.NewForm(huh.NewGroup(
		huh.NewMultiSelect[string]().Key(rules.FieldMemberUsers).
			Title(title).Description(desc).
			Options(opts...).Value(&v.UserIDs).Filterable(false).Height(height),
		huh.NewSelect[anthropic.NoBillingWorkspaceRole]().Key(rules.FieldMemberRole).
			Title("Workspace role").
			Description("Every member added gets this role.").
			Value(&v.Role).Options(roles...),
	)).WithKeyMap(KeyMap()), labelsOf(rules.FieldMemberUsers, opts), labelsOf(rules.FieldMemberRole, roles))
}

// wrapLabel wraps one line of an option's text to w columns after indent;
// continuation lines are indented two more, so they read as one line.
func wrapLabel(s string, w int, indent string) string {
	lines := strings.Split(ansi.Wrap(s, max(w-len(indent)-2, 8), ""), "\n")
	if len(lines) == 1 {
		return indent + s
	}
	return indent + strings.Join(lines, "\n"+indent+"  ")
}

// lines is how many lines s takes wrapped to w columns.
func lines(s string, w int) int {
	return strings.Count(ansi.Wrap(s, max(w, 1), ""), "\n") + 1
}
