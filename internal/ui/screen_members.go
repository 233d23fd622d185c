package ui

import (
	"errors"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// membersScreen adds members to the created workspace, after the fact and
// optionally: nothing here changes the wizard's outcome. The users are
// listed once; the adds of a round are sent one at a time, each once.
type membersScreen struct {
	loading  bool
	v        forms.Members
	box      formBox
	boxWidth int    // the window width the form's labels were wrapped for
	err      string // why Enter did not add anyone
	report   bool   // the finished round is on screen
}

// usersMsg carries the organization's users.
type usersMsg struct {
	users []anthropic.OrganizationUser
	err   error
}

func (usersMsg) to() state { return stateMembers }

// memberAddedMsg is the answer to one add-member request.
type memberAddedMsg struct{ r wizard.MemberAdd }

func (memberAddedMsg) to() state { return stateMembers }

func newMembersScreen(*env) page { return &membersScreen{} }

type memPhase int

const (
	memLoading    memPhase = iota // listing the organization's users
	memListFailed                 // the users could not be listed: the Console it is
	memChoose                     // the form: users and a role
	memAdding                     // adds in flight, one after another
	memDone                       // this round's adds, each ✓ or ✗
)

func (st *membersScreen) phase(e *env) memPhase {
	m := &e.s.Members
	switch {
	case m.Current != nil:
		return memAdding
	case st.report:
		return memDone
	case !m.Listed:
		return memLoading
	case m.ListErr != nil || len(m.Users) == 0:
		return memListFailed
	}
	return memChoose
}

func (st *membersScreen) ending(e *env) Outcome {
	res := e.s.Result()
	return Outcome{Workspace: res.Workspace, Result: res}
}

// open shows the adds under way, or else a fresh form (listing the users
// first, the first time).
func (st *membersScreen) open(e *env) tea.Cmd {
	st.err = ""
	m := &e.s.Members
	if m.Current != nil {
		return nil
	}
	st.report = false
	switch {
	case st.loading:
		return nil // the list is on its way
	case !m.Listed:
		st.loading = true
		ctx, a := e.ctx, e.s.Admin()
		return func() tea.Msg {
			users, err := wizard.Users(ctx, a)
			return usersMsg{users, err}
		}
	case m.ListErr != nil:
		return nil
	}
	st.v.UserIDs = nil
	st.box = formBox{} // a fresh form starts at the users
	return st.build(e)
}

// build (re)builds the form from the answers so far, its labels wrapped
// for the window.
func (st *membersScreen) build(e *env) tea.Cmd {
	onRole := st.box.focused() == rules.FieldMemberRole
	var cmd tea.Cmd
	st.box, cmd = e.embed(forms.MembersForm(e.s.Members.Users, &st.v, e.bodyWidth()), rules.FieldMemberUsers)
	st.boxWidth = e.width
	if onRole {
		cmd = tea.Batch(cmd, st.box.form.NextField())
	}
	return cmd
}

func (st *membersScreen) resize(e *env, active bool) tea.Cmd {
	if !active || st.phase(e) != memChoose || st.boxWidth == e.width {
		return nil
	}
	return st.build(e) // the users' labels are wrapped for the width
}

func (st *membersScreen) mode(e *env) mode {
	ph := st.phase(e)
	return mode{waiting: ph == memLoading || ph == memAdding, inner: ph == memChoose}
}

func (st *membersScreen) title(e *env) string {
	return "Add members to “" + e.text(e.s.Result().Workspace.Name) + "”"
}

func (st *membersScreen) help(e *env) (short, more []key.Binding) {
	k := e.keys
	switch st.phase(e) {
	case memChoose:
		if st.box.focused() == rules.FieldMemberRole {
			return []key.Binding{with(k.Next, "enter", "add members"), with(k.Up, "↑/↓", "choose"),
				with(k.Back, "shift+tab", "users"), with(k.Leave, "esc", "back"), k.Help}, nil
		}
		return []key.Binding{with(k.Next, "enter", "add members"), k.Toggle, with(k.Up, "↑/↓", "move"),
				with(k.Tab, "tab", "role"), with(k.Leave, "esc", "back"), k.Help},
			[]key.Binding{with(k.Leave, "esc", "back to the workspace, adding no one")}
	case memAdding:
		return []key.Binding{with(k.Leave, "esc", "back to the workspace (adding goes on)"), k.Quit}, nil
	case memListFailed:
		if e.s.Members.ListErr != nil {
			short = append(short, with(k.Retry, "r", "list again"))
		}
		return append(short, with(k.Next, "enter/esc", "back to the workspace"), k.Quit), nil
	case memDone:
		return []key.Binding{with(k.Next, "enter/esc", "back to the workspace"), k.Quit}, nil
	}
	return []key.Binding{with(k.Leave, "esc", "back"), k.Quit}, nil
}

func (st *membersScreen) update(e *env, msg tea.Msg) tea.Cmd {
	m := &e.s.Members
	switch msg := msg.(type) {
	case usersMsg:
		st.loading = false
		m.SetUsers(msg.users, msg.err)
		if e.active() == stateMembers && st.phase(e) == memChoose {
			st.v.UserIDs = nil
			return st.build(e)
		}
		return nil
	case memberAddedMsg:
		if u, ok := m.Added(msg.r); ok {
			return st.add(e, u)
		}
		st.report = e.active() == stateMembers
		return nil
	case tea.KeyPressMsg:
		return st.key(e, msg)
	}
	if st.phase(e) == memChoose {
		return st.box.update(msg) // the form's own messages
	}
	return nil
}

func (st *membersScreen) key(e *env, k tea.KeyPressMsg) tea.Cmd {
	m := &e.s.Members
	phase := st.phase(e)
	switch {
	case key.Matches(k, e.keys.Leave):
		e.show(stateResult)
	case phase == memChoose && key.Matches(k, e.keys.Next):
		if len(st.v.UserIDs) == 0 {
			st.err = "Choose at least one user with space, or press esc to go back."
			return nil
		}
		st.err = ""
		if u, ok := m.Start(m.Chosen(st.v.UserIDs), st.v.Role); ok {
			return st.add(e, u)
		}
	case phase == memChoose:
		if key.Matches(k, e.keys.Back) && st.box.onFirst() {
			return nil // nothing before the first question
		}
		st.err = ""
		return st.box.update(k)
	case phase == memListFailed && key.Matches(k, e.keys.Retry) && m.ListErr != nil:
		m.Listed, m.ListErr = false, nil
		return st.open(e)
	case (phase == memDone || phase == memListFailed) && key.Matches(k, e.keys.Next):
		e.show(stateResult)
	case key.Matches(k, e.keys.Up):
		e.scrollBy(-1)
	case key.Matches(k, e.keys.Down):
		e.scrollBy(1)
	}
	return nil
}

// add sends one add-member request, once.
func (st *membersScreen) add(e *env, u anthropic.OrganizationUser) tea.Cmd {
	ctx, a, id, role := e.ctx, e.s.Admin(), e.s.Result().Workspace.ID, e.s.Members.Role
	return func() tea.Msg { return memberAddedMsg{wizard.AddMember(ctx, a, id, u, role)} }
}

func (st *membersScreen) view(e *env, b *block) {
	s := e.styles
	m := &e.s.Members
	switch st.phase(e) {
	case memLoading:
		b.line(s.Title.Render("Members to add"))
		b.wrapAfter(s.Dim, e.spinner()+" ", "listing the organization's users…")
	case memListFailed:
		b.wrap(s.Error, "✗ "+listFailure(m.ListErr))
		b.gap()
		b.wrap(s.Value, "The workspace is created. Members can be added in the Console: "+api.ConsoleURL)
	case memChoose:
		if st.err != "" {
			// Above the form, so it shows whichever question has focus.
			b.wrap(s.Error, "✗ "+st.err)
		}
		b.form(st.box)
	case memAdding, memDone:
		st.viewRound(e, b)
	}
}

// listFailure says why there is no one to choose from.
func listFailure(err error) string {
	var e *api.Error
	switch {
	case errors.As(err, &e) && e.Kind == api.KindAuth:
		return "This key may not list the organization's users: " + e.Message + e.RequestIDNote() + "."
	case err != nil:
		return "Listing the organization's users failed: " + err.Error() + "."
	}
	return "The organization has no users to add."
}

// viewRound shows each add of the round: done (✓ or ✗ with the API's
// message), in flight, or waiting.
func (st *membersScreen) viewRound(e *env, b *block) {
	s := e.styles
	m := &e.s.Members
	n := len(m.Round) + len(m.Queue)
	if m.Current != nil {
		n++
		b.wrap(s.Title, "Adding "+wizard.Plural(n, "member")+" as "+string(m.Role))
	} else {
		ok := 0
		for _, r := range m.Round {
			if r.Err == nil {
				ok++
			}
		}
		b.wrap(s.Title, "Added "+strconv.Itoa(ok)+" of "+wizard.Plural(n, "member")+" as "+string(m.Role))
	}
	for _, r := range m.Round {
		if r.Err == nil {
			b.wrap(s.OK, "✓ "+wizard.UserName(r.User)+": added")
		} else {
			b.wrap(s.Error, "✗ "+wizard.UserName(r.User)+": not added: "+wizard.AddFailure(r.Err))
		}
	}
	if m.Current != nil {
		b.mark()
		b.wrapAfter(s.Value, e.spinner()+" ", wizard.UserName(*m.Current)+": adding…")
	}
	for _, u := range m.Queue {
		b.wrap(s.Dim, "  "+wizard.UserName(u)+": waiting")
	}
}
