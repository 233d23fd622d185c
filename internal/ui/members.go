package ui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// memPhase is what the members screen shows.
type memPhase int

const (
	memLoading    memPhase = iota // listing the organization's users
	memListFailed                 // the users could not be listed: the Console it is
	memChoose                     // the form: users and a role
	memAdding                     // adds in flight, one after another
	memDone                       // this round's adds, each ✓ or ✗
)

// memberResult is one add-member request and how it ended.
type memberResult struct {
	user anthropic.OrganizationUser
	role anthropic.NoBillingWorkspaceRole
	err  error
}

// membersStep adds members to the created workspace, after the fact and
// optionally: nothing here changes the wizard's outcome. The users are
// listed once; the adds of a round are sent one at a time, each once.
type membersStep struct {
	loading  bool
	loaded   bool
	users    []anthropic.OrganizationUser
	listErr  error
	v        forms.Members
	box      formBox
	boxWidth int    // the window width the form's labels were wrapped for
	err      string // why Enter did not add anyone
	report   bool   // the finished round is on screen

	queue   []anthropic.OrganizationUser // waiting in this round
	current *anthropic.OrganizationUser  // its request is in flight
	round   []memberResult               // this round's answers
	all     []memberResult               // every answer, for the result screen
}

func (st *membersStep) phase() memPhase {
	switch {
	case st.current != nil:
		return memAdding
	case st.report:
		return memDone
	case !st.loaded:
		return memLoading
	case st.listErr != nil || len(st.users) == 0:
		return memListFailed
	}
	return memChoose
}

// openMembers shows the members screen: the adds under way, or else a
// fresh form (listing the users first, the first time).
func (m *Model) openMembers() tea.Cmd {
	st := &m.mem
	st.err = ""
	if st.current != nil {
		return nil
	}
	st.report = false
	switch {
	case st.loading:
		return nil // the list is on its way
	case !st.loaded:
		st.loading = true
		return usersCmd(m.ctx, m.api)
	case st.listErr != nil:
		return nil
	}
	st.v.UserIDs = nil
	st.box = formBox{} // a fresh form starts at the users
	return m.buildMembersForm()
}

// buildMembersForm (re)builds the form from the answers so far, its labels
// wrapped for the window.
func (m *Model) buildMembersForm() tea.Cmd {
	st := &m.mem
	onRole := st.box.form != nil && st.box.form.GetFocusedField().GetKey() == rules.FieldMemberRole
	var cmd tea.Cmd
	st.box, cmd = m.embed(forms.MembersForm(st.users, &st.v, max(m.width-2, 10)), rules.FieldMemberUsers)
	st.boxWidth = m.width
	if onRole {
		cmd = tea.Batch(cmd, st.box.form.NextField())
	}
	return cmd
}

// gotUsers keeps the organization's users, whatever the screen: the user
// may have gone back to the result meanwhile, and the list waits for them.
func (m *Model) gotUsers(msg usersMsg) tea.Cmd {
	st := &m.mem
	st.loading, st.loaded = false, true
	st.users, st.listErr = msg.users, msg.err
	if m.state == stateMembers && st.phase() == memChoose {
		st.v.UserIDs = nil
		return m.buildMembersForm()
	}
	return nil
}

// memberAdded records one add's answer, whatever the screen, and sends the
// next. A failed add is reported, never sent again.
func (m *Model) memberAdded(msg memberAddedMsg) tea.Cmd {
	st := &m.mem
	r := memberResult(msg)
	st.round = append(st.round, r)
	st.all = append(st.all, r)
	st.current = nil
	if len(st.queue) > 0 {
		next := st.queue[0]
		st.queue = st.queue[1:]
		st.current = &next
		return addMemberCmd(m.ctx, m.api, m.result.Workspace.ID, next, st.v.Role)
	}
	st.report = m.state == stateMembers
	return nil
}

// addMembers starts a round: the chosen users, in the list's order.
func (m *Model) addMembers() tea.Cmd {
	st := &m.mem
	if len(st.v.UserIDs) == 0 {
		st.err = "Choose at least one user with space, or press esc to go back."
		return nil
	}
	st.err = ""
	st.round, st.queue = nil, nil
	for _, u := range st.users {
		for _, id := range st.v.UserIDs {
			if u.ID == id {
				st.queue = append(st.queue, u)
			}
		}
	}
	first := st.queue[0]
	st.queue = st.queue[1:]
	st.current = &first
	return addMemberCmd(m.ctx, m.api, m.result.Workspace.ID, first, st.v.Role)
}

func (m *Model) updateMembers(msg tea.Msg) tea.Cmd {
	st := &m.mem
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if st.phase() == memChoose {
			return st.box.update(msg) // the form's own messages
		}
		return nil
	}
	phase := st.phase()
	switch {
	case key.Matches(k, m.keys.Leave):
		return m.goTo(stateResult)
	case phase == memChoose && key.Matches(k, m.keys.Next):
		return m.addMembers()
	case phase == memChoose:
		if key.Matches(k, m.keys.Back) && st.box.onFirst() {
			return nil // nothing before the first question
		}
		st.err = ""
		return st.box.update(k)
	case phase == memListFailed && key.Matches(k, m.keys.Retry) && st.listErr != nil:
		st.loaded, st.listErr = false, nil
		return m.openMembers()
	case (phase == memDone || phase == memListFailed) && key.Matches(k, m.keys.Next):
		return m.goTo(stateResult)
	case key.Matches(k, m.keys.Up):
		m.scrollBy(-1)
	case key.Matches(k, m.keys.Down):
		m.scrollBy(1)
	}
	return nil
}

// addFailure says why an add failed, in the API's words, and whether the
// user may have been added anyway.
func addFailure(err error) string {
	var e *api.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	text := e.Message
	for _, f := range []string{rules.FieldMemberUsers, rules.FieldMemberRole} {
		text = strings.TrimPrefix(text, f+": ")
	}
	var detail []string
	if e.Status != 0 {
		detail = append(detail, strconv.Itoa(e.Status)+" "+e.Type)
	}
	if e.RequestID != "" {
		detail = append(detail, "request-id "+e.RequestID)
	}
	if len(detail) > 0 {
		text += " (" + strings.Join(detail, ", ") + ")"
	}
	switch e.Kind {
	case api.KindServer, api.KindTimeout, api.KindNetwork, api.KindUnknown:
		text += "; they may have been added anyway: check the Console"
	}
	return text
}

// memberSummary is the result screen's view of every add so far: who was
// added with which role, and who was not (unless added later).
func (st *membersStep) memberSummary() (added, notAdded []string) {
	ok := map[string]bool{}
	for _, r := range st.all {
		if r.err == nil {
			ok[r.user.ID] = true
			added = append(added, userName(r.user)+" ("+string(r.role)+")")
		}
	}
	seen := map[string]bool{}
	for i := len(st.all) - 1; i >= 0; i-- {
		r := st.all[i]
		if r.err == nil || ok[r.user.ID] || seen[r.user.ID] {
			continue
		}
		seen[r.user.ID] = true
		notAdded = append([]string{userName(r.user) + ": " + addFailure(r.err)}, notAdded...)
	}
	return added, notAdded
}

func userName(u anthropic.OrganizationUser) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}
