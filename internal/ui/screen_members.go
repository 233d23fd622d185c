package ui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/picker"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// membersScreen adds members to the created workspace, after the fact and
// optionally: nothing here changes the wizard's outcome. The users load
// page by page in the background into the picker, which is usable from the
// first page; the adds run a few at a time.
type membersScreen struct {
	pick    picker.Model
	started bool // the users' listing started
	report  bool // the finished round is on screen
}

// usersPageMsg is one page of the organization's users, or why the
// listing stopped.
type usersPageMsg struct {
	page wizard.UsersPage
	err  error
}

func (usersPageMsg) to() state { return stateMembers }

// lookupMsg is the answer to an email the picker asked about.
type lookupMsg struct {
	email string
	users []anthropic.OrganizationUser
	err   error
}

func (lookupMsg) to() state { return stateMembers }

// memberAddedMsg is the answer to one add-member request.
type memberAddedMsg struct{ r wizard.MemberAdd }

func (memberAddedMsg) to() state { return stateMembers }

func newMembersScreen(e *env) page {
	st := &membersScreen{}
	st.pick = picker.New(picker.Options{Styles: pickerStyles(e.styles), LookupEmail: st.lookup(e), LookupDelay: picker.DefaultLookupDelay})
	return st
}

// pickerStyles dress the picker in the wizard's styles.
func pickerStyles(s Styles) picker.Styles {
	return picker.Styles{Text: s.Value, Dim: s.Dim, Cursor: s.Cursor, Selected: s.Selected,
		Member: s.Warn, Error: s.Error, Prompt: s.Title}
}

func (st *membersScreen) restyle(s Styles) {
	// The picker keeps its users and choices; only the colours change.
	st.pick.SetStyles(pickerStyles(s))
}

// lookup asks the API for the users with an email no loaded user has.
func (st *membersScreen) lookup(e *env) func(string) tea.Cmd {
	return func(email string) tea.Cmd {
		ctx, a := e.ctx, e.s.Admin()
		return func() tea.Msg {
			users, err := wizard.FindUsers(ctx, a, email)
			return lookupMsg{email, users, err}
		}
	}
}

type memPhase int

const (
	memLoading    memPhase = iota // the first page of users is on its way
	memListFailed                 // no users to choose from: the Console it is
	memChoose                     // the picker
	memAdding                     // adds in flight, a few at a time
	memDone                       // this round's adds, each ✓ or ✗
)

func (st *membersScreen) phase(e *env) memPhase {
	m := &e.s.Members
	switch {
	case m.Adding():
		return memAdding
	case st.report:
		return memDone
	case !m.Listed:
		return memLoading
	case m.Loaded() == 0:
		return memListFailed
	}
	return memChoose
}

func (st *membersScreen) ending(e *env) Outcome {
	res := e.s.Result()
	return Outcome{Workspace: res.Workspace, Result: res}
}

// open shows the adds under way, or the picker, listing the users the
// first time.
func (st *membersScreen) open(e *env) tea.Cmd {
	st.size(e)
	if e.s.Members.Adding() {
		return nil
	}
	st.report = false
	st.pick.SetMembers(e.s.Members.AddedRoles())
	if st.started {
		return nil
	}
	st.started = true
	return st.loadPage(e, "")
}

// loadPage asks for the page of users after the cursor.
func (st *membersScreen) loadPage(e *env, after string) tea.Cmd {
	ctx, a := e.ctx, e.s.Admin()
	return func() tea.Msg {
		p, err := wizard.ListUsersPage(ctx, a, after)
		return usersPageMsg{p, err}
	}
}

func (st *membersScreen) size(e *env) { st.pick.SetSize(e.bodyWidth(), e.room()) }

func (st *membersScreen) resize(e *env, _ bool) tea.Cmd {
	st.size(e)
	return nil
}

func (st *membersScreen) mode(e *env) mode {
	ph := st.phase(e)
	// The picker takes every key but ctrl+c: what is typed filters.
	return mode{waiting: ph == memLoading || ph == memAdding, typing: ph == memChoose, keys: ph == memChoose}
}

func (st *membersScreen) title(e *env) string {
	return "Add members to “" + e.text(e.s.Result().Workspace.Name) + "”"
}

func (st *membersScreen) help(e *env) (short, more []key.Binding) {
	k := e.keys
	switch st.phase(e) {
	case memChoose:
		// The picker's keys but ↑/↓, which need no telling, and the
		// select-all shortened: the line must fit narrow windows too.
		for _, b := range st.pick.ShortHelp() {
			switch b.Help().Key {
			case "↑/↓":
			case "ctrl+a":
				short = append(short, with(b, "ctrl+a", "all"))
			default:
				short = append(short, b)
			}
		}
		return short, nil
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
	cmd := st.handle(e, msg)
	st.size(e) // the help under it may have changed its height
	return cmd
}

func (st *membersScreen) handle(e *env, msg tea.Msg) tea.Cmd {
	m := &e.s.Members
	switch msg := msg.(type) {
	case usersPageMsg:
		m.Listed = true
		m.AddUsers(msg.page.Users)
		if msg.err != nil {
			m.ListErr = msg.err
			st.pick.AppendUsers(pickerUsers(msg.page.Users), false)
			st.pick.Incomplete(msg.err)
			return nil
		}
		m.More = msg.page.More
		st.pick.AppendUsers(pickerUsers(msg.page.Users), msg.page.More)
		if msg.page.More {
			return st.loadPage(e, msg.page.Next)
		}
		return nil
	case lookupMsg:
		m.AddUsers(msg.users)
		var pm tea.Msg = picker.LookupResultMsg{Email: msg.email, Users: pickerUsers(msg.users), Err: msg.err}
		var cmd tea.Cmd
		st.pick, cmd = st.pick.Update(pm)
		return cmd
	case memberAddedMsg:
		if msg.r.Err == nil {
			st.pick.SetMembers(m.AddedRoles())
		}
		if u, ok := m.Added(msg.r); ok {
			return st.add(e, u)
		}
		if !m.Adding() {
			st.report = e.active() == stateMembers
		}
		return nil
	case picker.SubmitMsg:
		var users []anthropic.OrganizationUser
		for _, pu := range msg.Users {
			if u, ok := m.User(pu.ID); ok {
				users = append(users, u)
			}
		}
		var cmds []tea.Cmd
		for _, u := range m.Start(users, msg.Role) {
			cmds = append(cmds, st.add(e, u))
		}
		return tea.Batch(cmds...)
	case picker.CancelMsg:
		e.show(stateResult)
		return nil
	case tea.KeyPressMsg:
		if cmd, done := st.key(e, msg); done {
			return cmd
		}
	}
	if st.phase(e) == memChoose || m.Listed {
		var cmd tea.Cmd
		st.pick, cmd = st.pick.Update(msg) // the picker's own messages and keys
		return cmd
	}
	return nil
}

// key handles the keys of the screens around the picker.
func (st *membersScreen) key(e *env, k tea.KeyPressMsg) (tea.Cmd, bool) {
	m := &e.s.Members
	switch phase := st.phase(e); {
	case phase == memChoose:
		return nil, false
	case key.Matches(k, e.keys.Leave):
		e.show(stateResult)
	case phase == memListFailed && key.Matches(k, e.keys.Retry) && m.ListErr != nil:
		*m = wizard.Members{}
		st.started = false
		return st.open(e), true
	case (phase == memDone || phase == memListFailed) && key.Matches(k, e.keys.Next):
		e.show(stateResult)
	case key.Matches(k, e.keys.Up):
		e.scrollBy(-1)
	case key.Matches(k, e.keys.Down):
		e.scrollBy(1)
	}
	return nil, true
}

// add sends one add-member request (again only after a 429).
func (st *membersScreen) add(e *env, u anthropic.OrganizationUser) tea.Cmd {
	ctx, a, s, id, role := e.ctx, e.s.Admin(), e.s, e.s.Result().Workspace.ID, e.s.Members.Role
	return func() tea.Msg { return memberAddedMsg{wizard.AddMember(ctx, a, s.Sleep, id, u, role)} }
}

// pickerUsers are the organization's users as the picker lists them.
func pickerUsers(us []anthropic.OrganizationUser) []picker.User {
	out := make([]picker.User, len(us))
	for i, u := range us {
		out[i] = picker.User{ID: u.ID, Name: u.Name, Email: u.Email}
	}
	return out
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
		// The picker fits its lines to the width and height itself; the
		// window keeps the row under its cursor in view.
		at := st.pick.CursorLine()
		for i, l := range strings.Split(st.pick.View(), "\n") {
			if i == at {
				b.mark()
			}
			b.lines = append(b.lines, l)
		}
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
	n := len(m.Round) + len(m.InFlight) + len(m.Queue)
	if m.Adding() {
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
	for i, u := range m.InFlight {
		if i == 0 {
			b.mark()
		}
		b.wrapAfter(s.Value, e.spinner()+" ", wizard.UserName(u)+": adding…")
	}
	for _, u := range m.Queue {
		b.wrap(s.Dim, "  "+wizard.UserName(u)+": waiting")
	}
}
