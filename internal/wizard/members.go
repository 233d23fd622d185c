package wizard

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// AddConcurrency is how many add-member requests are in flight at once.
const AddConcurrency = 4

// addTries bounds the sends of one add the API rate-limited: a 429 was
// certainly not applied, so the add is sent again after the wait it asks.
const addTries = 4

// Members are the adds to a created workspace, after the fact and
// optional: nothing here changes the wizard's outcome. An add the API
// rate-limited (429) is sent again after the wait it asks, at most addTries
// sends in all; an add is never sent again after any other failure.
type Members struct {
	users   map[string]anthropic.OrganizationUser // loaded so far, by id
	count   int                                   // users loaded
	More    bool                                  // more pages to load
	Listed  bool                                  // the first page came
	ListErr error                                 // the listing stopped: why
	all     []MemberAdd

	// The round of adds under way or last finished.
	Role     anthropic.NoBillingWorkspaceRole
	Round    []MemberAdd                  // this round's answers, in order of arrival
	Queue    []anthropic.OrganizationUser // waiting in this round
	InFlight []anthropic.OrganizationUser // their requests are out
}

// MemberAdd is one add-member request and how it ended.
type MemberAdd struct {
	User anthropic.OrganizationUser
	Role anthropic.NoBillingWorkspaceRole
	Err  error
}

// UsersPage is one page of the organization's users.
type UsersPage struct {
	Users []anthropic.OrganizationUser
	More  bool
	Next  string // the cursor of the page after
}

// ListUsersPage reads the page of users after the cursor.
func ListUsersPage(ctx context.Context, a api.Admin, after string) (UsersPage, error) {
	p, err := a.ListUsersPage(ctx, after, api.UserPageSize, "")
	if err != nil {
		return UsersPage{}, err
	}
	p.Data = slim(p.Data)
	if p.HasMore && (p.LastID == "" || p.LastID == after) {
		// "More" with no way to ask for it: say so rather than loop or stop silently.
		return UsersPage{Users: p.Data}, &api.IncompleteListError{What: "users", Read: len(p.Data), Reason: "the API said there were more but gave no cursor to ask for them"}
	}
	return UsersPage{Users: p.Data, More: p.HasMore, Next: p.LastID}, nil
}

// FindUsers asks the API for the users with an email.
func FindUsers(ctx context.Context, a api.Admin, email string) ([]anthropic.OrganizationUser, error) {
	p, err := a.ListUsersPage(ctx, "", 10, email)
	if err != nil {
		return nil, err
	}
	return slim(p.Data), nil
}

// slim keeps of each user what the wizard uses: the SDK's value also holds
// the raw JSON of every field, which for 10,000 users is most of the
// memory the list would keep.
func slim(us []anthropic.OrganizationUser) []anthropic.OrganizationUser {
	out := make([]anthropic.OrganizationUser, len(us))
	for i, u := range us {
		out[i] = anthropic.OrganizationUser{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role}
	}
	return out
}

// AddUsers keeps users loaded (a page, or an email's look-up).
func (m *Members) AddUsers(us []anthropic.OrganizationUser) {
	if m.users == nil {
		m.users = map[string]anthropic.OrganizationUser{}
	}
	for _, u := range us {
		if _, ok := m.users[u.ID]; !ok {
			m.count++
		}
		m.users[u.ID] = u
	}
}

// Loaded is how many users are loaded.
func (m *Members) Loaded() int { return m.count }

// User is a loaded user.
func (m *Members) User(id string) (anthropic.OrganizationUser, bool) {
	u, ok := m.users[id]
	return u, ok
}

// AddedRoles are the users added so far, and their roles, by id.
func (m *Members) AddedRoles() map[string]string {
	out := map[string]string{}
	for _, r := range m.all {
		if r.Err == nil {
			out[r.User.ID] = string(r.Role)
		}
	}
	return out
}

// AddMember sends one add-member request, and again after a 429 (which was
// not applied) once the wait the API asks for has passed; any other
// failure is reported, never sent again.
func AddMember(ctx context.Context, a api.Admin, sleep func(context.Context, time.Duration) error, workspaceID string, u anthropic.OrganizationUser, role anthropic.NoBillingWorkspaceRole) MemberAdd {
	var err error
	for try := 1; try <= addTries; try++ {
		_, err = a.AddMember(ctx, workspaceID, u.ID, role)
		var e *api.Error
		if !errors.As(err, &e) || e.Kind != api.KindRateLimited || try == addTries {
			break
		}
		wait := e.RetryAfter
		if wait <= 0 {
			wait = time.Second
		}
		if sleep(ctx, wait) != nil {
			break
		}
	}
	return MemberAdd{User: u, Role: role, Err: err}
}

// Start begins a round: users with role, AddConcurrency at a time. It
// returns the users to send now.
func (m *Members) Start(users []anthropic.OrganizationUser, role anthropic.NoBillingWorkspaceRole) []anthropic.OrganizationUser {
	m.Role, m.Round, m.Queue, m.InFlight = role, nil, users, nil
	var send []anthropic.OrganizationUser
	for len(m.InFlight) < AddConcurrency {
		u, ok := m.next()
		if !ok {
			break
		}
		send = append(send, u)
	}
	return send
}

func (m *Members) next() (anthropic.OrganizationUser, bool) {
	if len(m.Queue) == 0 {
		return anthropic.OrganizationUser{}, false
	}
	u := m.Queue[0]
	m.Queue = m.Queue[1:]
	m.InFlight = append(m.InFlight, u)
	return u, true
}

// Added records one add's answer and returns the next user to send, if
// any is waiting.
func (m *Members) Added(r MemberAdd) (anthropic.OrganizationUser, bool) {
	m.all = append(m.all, r)
	m.Round = append(m.Round, r)
	for i, u := range m.InFlight {
		if u.ID == r.User.ID {
			m.InFlight = append(m.InFlight[:i:i], m.InFlight[i+1:]...)
			break
		}
	}
	return m.next()
}

// Adding reports whether a round is under way.
func (m *Members) Adding() bool { return len(m.InFlight) > 0 }

// Progress says how far the round is, for the result screen; "" when no
// round is under way. stopped: the wizard ended while it was.
func (m *Members) Progress(stopped bool) string {
	if !m.Adding() {
		return ""
	}
	if !stopped {
		return "Adding members: " + strconv.Itoa(len(m.Round)) + " of " + strconv.Itoa(len(m.Round)+len(m.InFlight)+len(m.Queue)) + " done…"
	}
	names := make([]string, len(m.InFlight))
	for i, u := range m.InFlight {
		names[i] = UserName(u)
	}
	text := "⚠ Stopped while adding " + strings.Join(names, ", ") + ", who may or may not have been added"
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
