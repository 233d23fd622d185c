package setup

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/picker"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// membersScreen is one workspace's members in the plan: a list to change
// roles or remove people, and the member picker (the wizard's own) to add
// the organization's users. People not in the organization yet are invited
// on the invites screen.
type membersScreen struct {
	index   int
	sel     int
	picking bool
	pick    picker.Model
	users   map[string]anthropic.OrganizationUser // loaded, by id
	loading bool
	listErr error
}

// usersMsg is a page of the organization's users.
type usersMsg struct {
	page wizard.UsersPage
	err  error
}

func newMembersScreen(m *Model, index int) screen {
	st := &membersScreen{index: index, users: map[string]anthropic.OrganizationUser{}}
	st.pick = picker.New(picker.Options{Styles: pickerStyles(m), LookupEmail: st.lookup(m), LookupDelay: picker.DefaultLookupDelay})
	return st
}

func pickerStyles(m *Model) picker.Styles {
	s := m.styles
	return picker.Styles{Text: s.Value, Dim: s.Dim, Cursor: s.Cursor, Selected: s.Selected, Member: s.Warn, Error: s.Error, Prompt: s.Title}
}

func (st *membersScreen) ws(m *Model) *plan.Workspace { return &m.file.Workspaces[st.index] }

func (st *membersScreen) open(m *Model) tea.Cmd {
	st.loading = true
	return st.load(m, "")
}

func (st *membersScreen) load(m *Model, after string) tea.Cmd {
	ctx, a := m.ctx, m.o.Admin
	return func() tea.Msg {
		p, err := wizard.ListUsersPage(ctx, a, after)
		return usersMsg{p, err}
	}
}

func (st *membersScreen) busy() bool { return st.picking }

func (st *membersScreen) title(m *Model) string {
	return "Members of “" + st.ws(m).Name + "”"
}

func (st *membersScreen) help(m *Model) []key.Binding {
	k := m.keys
	if st.picking {
		return st.pick.ShortHelp()
	}
	bs := []key.Binding{with(k.Add, "a", "add people")}
	if len(st.ws(m).Members) > 0 {
		bs = append(bs, with(k.Up, "↑/↓", "choose"), with(k.Delete, "d", "remove"), key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "role")))
	}
	return append(bs, with(k.Back, "esc", "back to the plan"), k.Quit)
}

func (st *membersScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	ws := st.ws(m)
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		st.pick.SetSize(max(m.width-2, 10), max(m.height-6, 3))
	case usersMsg:
		for _, u := range msg.page.Users {
			st.users[u.ID] = u
		}
		users := pickerUsers(msg.page.Users)
		if msg.err != nil {
			st.loading, st.listErr = false, msg.err
			st.pick.AppendUsers(users, false)
			st.pick.Incomplete(msg.err)
			return nil
		}
		st.pick.AppendUsers(users, msg.page.More)
		st.marks(m)
		if msg.page.More {
			return st.load(m, msg.page.Next)
		}
		st.loading = false
		return nil
	case lookupMsg:
		for _, u := range msg.users {
			st.users[u.ID] = u
		}
		var cmd tea.Cmd
		st.pick, cmd = st.pick.Update(picker.LookupResultMsg{Email: msg.email, Users: pickerUsers(msg.users), Err: msg.err})
		st.marks(m)
		return cmd
	case picker.SubmitMsg:
		for _, u := range msg.Users {
			ws.Members = append(ws.Members, plan.Member{Email: u.Email, Role: msg.Role})
		}
		m.dirty = true
		st.picking = false
		st.marks(m)
		return nil
	case picker.CancelMsg:
		st.picking = false
		return nil
	case tea.KeyPressMsg:
		if st.picking {
			if key.Matches(msg, m.keys.Quit) {
				st.picking = false
				return nil
			}
			break
		}
		switch {
		case key.Matches(msg, m.keys.Back):
			return m.show(newListScreen(m))
		case key.Matches(msg, m.keys.Add):
			st.picking = true
			st.pick.SetSize(max(m.width-2, 10), max(m.height-6, 3))
			return nil
		case len(ws.Members) == 0:
		case key.Matches(msg, m.keys.Up):
			st.sel = max(st.sel-1, 0)
		case key.Matches(msg, m.keys.Down):
			st.sel = min(st.sel+1, len(ws.Members)-1)
		case key.Matches(msg, m.keys.Delete):
			ws.Members = append(ws.Members[:st.sel:st.sel], ws.Members[st.sel+1:]...)
			st.sel = min(st.sel, max(len(ws.Members)-1, 0))
			m.dirty = true
			st.marks(m)
		case msg.String() == "left" || msg.String() == "right":
			ws.Members[st.sel].Role = nextRole(ws.Members[st.sel].Role, msg.String() == "right")
			m.dirty = true
		}
		return nil
	}
	if st.picking {
		var cmd tea.Cmd
		st.pick, cmd = st.pick.Update(msg)
		return cmd
	}
	return nil
}

// marks tells the picker who is in the plan already: they cannot be
// chosen twice.
func (st *membersScreen) marks(m *Model) {
	in := map[string]string{}
	for _, mem := range st.ws(m).Members {
		in[strings.ToLower(mem.Email)] = string(mem.Role)
	}
	roles := map[string]string{}
	for id, u := range st.users {
		if r, ok := in[strings.ToLower(u.Email)]; ok {
			roles[id] = r
		}
	}
	st.pick.SetMembers(roles)
}

// nextRole is the role after (or before) r among the roles the API gives.
func nextRole(r anthropic.NoBillingWorkspaceRole, forward bool) anthropic.NoBillingWorkspaceRole {
	roles := rules.WorkspaceRoles
	for i, x := range roles {
		if x == r {
			if forward {
				return roles[(i+1)%len(roles)]
			}
			return roles[(i+len(roles)-1)%len(roles)]
		}
	}
	return rules.DefaultWorkspaceRole
}

func (st *membersScreen) view(m *Model, w, h int) []string {
	s := m.styles
	if st.picking {
		return strings.Split(st.pick.View(), "\n")
	}
	ws := st.ws(m)
	var out []string
	if len(ws.Members) == 0 {
		out = append(out, wrap(s.Desc, "No members in the plan for this workspace. Press a to choose people of the organization.", w)...)
	}
	for i, mem := range ws.Members {
		cur, ns := "  ", s.Value
		if i == st.sel {
			cur, ns = s.Cursor.Render("› "), s.Selected
		}
		out = append(out, cur+ns.Render(ansi.Truncate(mem.Email, w/2, "…"))+"  "+s.Dim.Render(string(mem.Role)))
	}
	out = append(out, "")
	switch {
	case st.loading:
		out = append(out, s.Dim.Render(ansi.Truncate("• listing the organization's users…", w, "…")))
	case st.listErr != nil:
		out = append(out, wrap(s.Error, "✗ Listing the organization's users stopped: "+st.listErr.Error(), w)...)
	}
	out = append(out, wrap(s.Desc, "Members the plan names are added (or their role changed) when it is applied; members it does not name are left alone. Someone not in the organization yet: add them on the invites screen (i on the plan).", w)...)
	return scrollTo(out, st.sel, h)
}

// lookupMsg is the answer to an email the picker asked about: one no
// loaded user has.
type lookupMsg struct {
	email string
	users []anthropic.OrganizationUser
	err   error
}

// lookup asks the API for the users with an email.
func (st *membersScreen) lookup(m *Model) func(string) tea.Cmd {
	return func(email string) tea.Cmd {
		ctx, a := m.ctx, m.o.Admin
		return func() tea.Msg {
			users, err := wizard.FindUsers(ctx, a, email)
			return lookupMsg{email, users, err}
		}
	}
}

func pickerUsers(us []anthropic.OrganizationUser) []picker.User {
	out := make([]picker.User, len(us))
	for i, u := range us {
		out[i] = picker.User{ID: u.ID, Name: u.Name, Email: u.Email}
	}
	return out
}
