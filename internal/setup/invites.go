package setup

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// invitesScreen is the people to invite to the organization: typed as an
// email and a role, checked as they are added.
type invitesScreen struct {
	input textinput.Model
	sel   int // the selected invite, or -1: the entry field
	err   string
	users map[string]string // lower-case e-mail → its warning: already a user of the organization
}

// inviteeMsg is the organization's users with an address just added as
// an invite: one there means the invite would not be sent.
type inviteeMsg struct {
	email string
	users []anthropic.OrganizationUser
	err   error
}

// lookUp asks the API, at once, whether an invitee is already a user.
func (st *invitesScreen) lookUp(m *Model, email string) tea.Cmd {
	ctx, a := m.ctx, m.o.Admin
	if a == nil {
		return nil
	}
	return func() tea.Msg {
		users, err := wizard.FindUsers(ctx, a, email)
		return inviteeMsg{email, users, err}
	}
}

func newInvitesScreen(m *Model) screen {
	return &invitesScreen{input: newInput(m, "carol@example.com developer", 0), sel: -1, users: map[string]string{}}
}

func (st *invitesScreen) resize(m *Model) { st.input.SetWidth(inputWidth(m, 0)) }

func (st *invitesScreen) open(*Model) tea.Cmd { return st.input.Focus() }

func (st *invitesScreen) title(m *Model) string { return "Invites: people not in the organization yet" }

func (st *invitesScreen) help(m *Model) []key.Binding {
	k := m.keys
	if st.sel >= 0 {
		return []key.Binding{with(k.Delete, "d", "remove"), with(k.Down, "↓", "back to typing"), with(k.Back, "esc", "back to the plan"), k.Quit}
	}
	return []key.Binding{with(k.Enter, "enter", "add"), with(k.Up, "↑", "choose one"), with(k.Back, "esc", "back to the plan"), k.Quit}
}

func (st *invitesScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(inviteeMsg); ok {
		for _, u := range msg.users {
			if strings.EqualFold(u.Email, msg.email) {
				st.users[strings.ToLower(msg.email)] = fmt.Sprintf("%s is already a user of the organization (role %s): no invite is sent; make them a member of a workspace instead (m on the plan)", msg.email, u.Role)
			}
		}
		return nil
	}
	k, isKey := msg.(tea.KeyPressMsg)
	invites := m.file.Invites
	if isKey {
		switch {
		case key.Matches(k, m.keys.Back):
			return m.show(newListScreen(m))
		case st.sel >= 0 && key.Matches(k, m.keys.Delete):
			m.file.Invites = slices.Delete(invites, st.sel, st.sel+1)
			m.dirty = true
			st.sel = min(st.sel, len(m.file.Invites)-1)
			if st.sel < 0 {
				return st.input.Focus()
			}
			return nil
		case k.String() == "up" && len(invites) > 0:
			if st.sel < 0 {
				st.sel = len(invites)
				st.input.Blur()
			}
			st.sel = max(st.sel-1, 0)
			return nil
		case k.String() == "down" && st.sel >= 0:
			if st.sel++; st.sel >= len(invites) {
				st.sel = -1
				return st.input.Focus()
			}
			return nil
		case st.sel < 0 && key.Matches(k, m.keys.Enter):
			inv, err := parseInvite(st.input.Value(), invites)
			if err != nil {
				st.err = err.Error()
				return nil
			}
			m.file.Invites = append(invites, inv)
			m.dirty = true
			st.input.Reset()
			st.err = ""
			return st.lookUp(m, inv.Email)
		}
	}
	if st.sel >= 0 {
		return nil
	}
	var cmd tea.Cmd
	st.input, cmd = st.input.Update(msg)
	if isKey {
		st.err = ""
	}
	return cmd
}

// parseInvite reads "email role" (role developer when left out), checked
// with the rules the API's invites follow.
func parseInvite(line string, have []plan.Invite) (plan.Invite, error) {
	f := strings.Fields(line)
	if len(f) == 0 || len(f) > 2 {
		return plan.Invite{}, errors.New("type the email and, after a space, the role: carol@example.com developer")
	}
	role := "developer"
	if len(f) == 2 {
		role = f[1]
	}
	if err := rules.ValidateEmail(f[0]); err != nil {
		return plan.Invite{}, err
	}
	if err := rules.ValidateInviteRole(role); err != nil {
		return plan.Invite{}, err
	}
	for _, in := range have {
		if strings.EqualFold(in.Email, f[0]) {
			return plan.Invite{}, errors.New(f[0] + " is invited already")
		}
	}
	return plan.Invite{Email: f[0], Role: anthropic.OrganizationInviteNewParamsRole(role)}, nil
}

func (st *invitesScreen) view(m *Model, w, h int) []string {
	s := m.styles
	var out []string
	for i, in := range m.file.Invites {
		cur, ns := "  ", s.Value
		if i == st.sel {
			cur, ns = s.Cursor.Render("› "), s.Selected
		}
		row := cur + ns.Render(ansi.Truncate(in.Email, w/2, "…")) + "  " + s.Dim.Render(string(in.Role))
		if st.users[strings.ToLower(in.Email)] != "" {
			row += "  " + s.Warn.Render("⚠ a user")
		}
		out = append(out, row)
	}
	for _, in := range m.file.Invites {
		if warn := st.users[strings.ToLower(in.Email)]; warn != "" {
			out = append(out, wrap(s.Warn, "⚠ "+warn, w)...)
		}
	}
	out = append(out, st.input.View())
	if st.err != "" {
		out = append(out, wrap(s.Error, "✗ "+st.err, w)...)
	}
	var roles []string
	for _, r := range rules.InviteRoles {
		roles = append(roles, string(r))
	}
	out = append(out, "")
	out = append(out, wrap(s.Desc, "Roles: "+strings.Join(roles, ", ")+". An invite already pending is not sent twice. Once they accept, list them as members of a workspace and apply again.", w)...)
	return out
}
