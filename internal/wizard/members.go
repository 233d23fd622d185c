package wizard

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Members are the adds to a created workspace, after the fact and
// optional: nothing here changes the wizard's outcome. Each add is sent
// once; a failed one is reported, never sent again.
type Members struct {
	Users   []anthropic.OrganizationUser
	Listed  bool
	ListErr error
	all     []MemberAdd

	// The round of adds under way or last finished.
	Role    anthropic.NoBillingWorkspaceRole
	Round   []MemberAdd                  // this round's answers
	Queue   []anthropic.OrganizationUser // waiting in this round
	Current *anthropic.OrganizationUser  // its request is in flight
}

// Start begins a round: users, one at a time, with role. It returns the
// first user to send, or false when there is none.
func (m *Members) Start(users []anthropic.OrganizationUser, role anthropic.NoBillingWorkspaceRole) (anthropic.OrganizationUser, bool) {
	m.Role, m.Round, m.Queue, m.Current = role, nil, users, nil
	return m.next()
}

func (m *Members) next() (anthropic.OrganizationUser, bool) {
	if len(m.Queue) == 0 {
		m.Current = nil
		return anthropic.OrganizationUser{}, false
	}
	u := m.Queue[0]
	m.Queue = m.Queue[1:]
	m.Current = &u
	return u, true
}

// Progress says how far the round is, for the result screen; "" when no
// round is under way. stopped: the wizard ended while it was.
func (m *Members) Progress(stopped bool) string {
	if m.Current == nil {
		return ""
	}
	if !stopped {
		return "Adding members: " + strconv.Itoa(len(m.Round)) + " of " + strconv.Itoa(len(m.Round)+1+len(m.Queue)) + " done…"
	}
	text := "⚠ Stopped while adding " + UserName(*m.Current) + ", who may or may not have been added"
	if n := len(m.Queue); n > 0 {
		verb := " were not"
		if n == 1 {
			verb = " was not"
		}
		text += "; " + Plural(n, "other") + " waiting" + verb
	}
	return text + ". Check the workspace's members in the Console."
}

// Plural is n and what, with an s unless n is 1.
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// MemberAdd is one add-member request and how it ended.
type MemberAdd struct {
	User anthropic.OrganizationUser
	Role anthropic.NoBillingWorkspaceRole
	Err  error
}

// Users lists the organization's users.
func Users(ctx context.Context, a api.Admin) ([]anthropic.OrganizationUser, error) {
	return a.ListUsers(ctx, "")
}

// AddMember sends one add-member request, once.
func AddMember(ctx context.Context, a api.Admin, workspaceID string, u anthropic.OrganizationUser, role anthropic.NoBillingWorkspaceRole) MemberAdd {
	_, err := a.AddMember(ctx, workspaceID, u.ID, role)
	return MemberAdd{User: u, Role: role, Err: err}
}

// SetUsers takes the user list.
func (m *Members) SetUsers(users []anthropic.OrganizationUser, err error) {
	m.Users, m.ListErr, m.Listed = users, err, true
}

// Chosen are the users with the given ids, in the list's order.
func (m *Members) Chosen(ids []string) []anthropic.OrganizationUser {
	var out []anthropic.OrganizationUser
	for _, u := range m.Users {
		for _, id := range ids {
			if u.ID == id {
				out = append(out, u)
			}
		}
	}
	return out
}

// Added records one add's answer and returns the next user to send, if
// the round goes on. A failed add is reported, never sent again.
func (m *Members) Added(r MemberAdd) (anthropic.OrganizationUser, bool) {
	m.all = append(m.all, r)
	m.Round = append(m.Round, r)
	return m.next()
}

// Summary is every add so far: who was added with which role, and who was
// not (unless added later).
func (m *Members) Summary() (added, notAdded []string) {
	ok := map[string]bool{}
	for _, r := range m.all {
		if r.Err == nil {
			ok[r.User.ID] = true
			added = append(added, UserName(r.User)+" ("+string(r.Role)+")")
		}
	}
	seen := map[string]bool{}
	for i := len(m.all) - 1; i >= 0; i-- {
		r := m.all[i]
		if r.Err == nil || ok[r.User.ID] || seen[r.User.ID] {
			continue
		}
		seen[r.User.ID] = true
		notAdded = append([]string{UserName(r.User) + ": " + AddFailure(r.Err)}, notAdded...)
	}
	return added, notAdded
}

// AddFailure says why an add failed, in the API's words, and whether the
// user may have been added anyway.
func AddFailure(err error) string {
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

// UserName is a user's name, or their email when they have none.
func UserName(u anthropic.OrganizationUser) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}
