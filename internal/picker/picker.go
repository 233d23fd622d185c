// Package picker is a Bubble Tea component for choosing the users to add to
// a workspace, and the role they get, from an organization of any size. It
// filters as you type and draws only the rows on screen, so a keystroke
// costs the same with ten thousand users as with ten; users arrive page by
// page while it is already usable, and an email typed in full that is not
// among them is looked up instead of being reported missing.
//
// The parent owns the picker like any bubble: it forwards messages to
// Update, draws View in its own chrome, gives it a size with SetSize, and
// draws its keys with bubbles/help (a Model is a help.KeyMap). It hears back
// through SubmitMsg and CancelMsg.
package picker

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// User is one user of the organization as the picker lists it. The strings
// are the server's, kept as received (ID is sent back to the API); the
// picker makes them safe to show where it draws them.
type User struct {
	ID, Name, Email string
	// MemberRole is the user's role in the workspace when they are already
	// a member ("workspace_admin", …), "" when they are not. Members are
	// marked and cannot be selected: adding them would only fail.
	MemberRole string
}

// Options configure a picker; the zero value works (no email look-ups).
type Options struct {
	Styles Styles // zero: plain text, no colour (DefaultStyles has the wizard's)
	Keys   KeyMap // DefaultKeyMap() when zero
	// LookupEmail, when set, returns a command that asks the API for the
	// users with exactly this email (lower case) and answers with a
	// LookupResultMsg. The picker calls it when a full email is typed that
	// no loaded user has, after LookupDelay without another keystroke.
	LookupEmail func(email string) tea.Cmd
	// LookupDelay is the pause after the last keystroke before an email is
	// looked up, so typing "bob@corp.io" asks once, not once per letter
	// after the dot. Zero asks at once.
	LookupDelay time.Duration
	// Roles are the roles offered, in order; rules.WorkspaceRoles when nil.
	// Role is the one chosen at first; rules.DefaultWorkspaceRole when "".
	Roles []anthropic.NoBillingWorkspaceRole
	Role  anthropic.NoBillingWorkspaceRole
}

// DefaultLookupDelay is a pause after typing that people do not notice and
// that a typist rarely leaves between two letters.
const DefaultLookupDelay = 250 * time.Millisecond

// SubmitMsg is sent when Enter confirms: the users chosen, in the order
// they were listed, and the role for them all. Never sent with no users.
type SubmitMsg struct {
	Users []User
	Role  anthropic.NoBillingWorkspaceRole
}

// CancelMsg is sent when Esc is pressed with the filter already empty: the
// user wants to go back without adding anyone.
type CancelMsg struct{}

// LookupResultMsg answers a LookupEmail request: the users the API found
// with that email (none: they are not in the organization), or why it
// could not say. Users found are added to the list.
type LookupResultMsg struct {
	Email string
	Users []User
	Err   error
}

// lookupDueMsg says an email has gone LookupDelay without a keystroke.
type lookupDueMsg struct {
	seq   int
	email string
}

// entry is a user with what drawing and filtering them needs, computed
// once when they arrive: the strings made safe to show, and the lower-case
// text the filter searches.
type entry struct {
	u           User
	name, email string // termsafe, for the screen
	nameW       int    // display width of name
	emailW      int    // and of email
	hay         string // lower-case name + "\n" + lower-case email
	emailAt     int    // where the email starts in hay
	member      string // termsafe MemberRole without "workspace_"
}

func newEntry(u User) entry {
	e := entry{u: u, name: termsafe.String(u.Name), email: termsafe.String(u.Email)}
	e.nameW, e.emailW = width(e.name), width(e.email)
	ln := toLower(u.Name)
	e.hay = ln + "\n" + toLower(u.Email)
	e.emailAt = len(ln) + 1
	if u.MemberRole != "" {
		e.member = termsafe.String(trimRole(u.MemberRole))
	}
	return e
}

// width is the columns s takes on screen; plain ASCII (most names and
// every email) is measured by its length, the rest by graphemes. Control
// characters are gone by then (termsafe), so every ASCII byte is a column.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// lookup is how far the look-up of one email has come.
type lookup struct {
	done  bool
	found int
	err   error
}

// Model is the picker. Create it with New; it is a value like every bubble,
// but its list is shared between copies, so use only the latest one.
type Model struct {
	paint  paints
	keys   KeyMap
	lookFn func(string) tea.Cmd
	delay  time.Duration
	roles  []anthropic.NoBillingWorkspaceRole
	role   int

	width, height int

	users []entry
	byID  map[string]int
	nameW int // the widest name, for the name column

	query   string  // the filter as typed
	lq      string  // the filter in lower case, as matched
	matches []int32 // indices into users of the rows the filter keeps, in order
	cursor  int     // index into matches
	offset  int     // the first row on screen

	selected map[string]bool   // by user id, whatever the filter shows
	members  map[string]string // SetMembers's roles, for users yet to come

	more    bool  // more pages are on their way
	stopped bool  // the list stopped short (Incomplete)
	stopErr error // and why

	note    string // what the last key did or why it did nothing
	noteErr bool

	lookups map[string]*lookup // by lower-case email
	due     string             // the email waiting out LookupDelay
	seq     int
}

// New returns an empty picker, usable at once: it says users are loading
// until the first AppendUsers.
func New(o Options) Model {
	m := Model{
		paint:    newPaints(o.Styles),
		keys:     o.Keys,
		lookFn:   o.LookupEmail,
		delay:    o.LookupDelay,
		roles:    o.Roles,
		width:    80,
		height:   20,
		byID:     map[string]int{},
		selected: map[string]bool{},
		members:  map[string]string{},
		lookups:  map[string]*lookup{},
		more:     true,
	}
	if len(m.keys.Submit.Keys()) == 0 {
		m.keys = DefaultKeyMap()
	}
	if len(m.roles) == 0 {
		m.roles = rules.WorkspaceRoles
	}
	want := o.Role
	if want == "" {
		want = rules.DefaultWorkspaceRole
	}
	for i, r := range m.roles {
		if r == want {
			m.role = i
		}
	}
	return m
}

// SetStyles draws the picker in other styles (the terminal's background
// became known); users, filter and choices are kept.
func (m *Model) SetStyles(s Styles) { m.paint = newPaints(s) }

// SetSize gives the picker the columns and lines it may draw in; View
// returns exactly that many lines, none wider.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 1), max(height, 1)
	m.scroll()
}

// AppendUsers adds a page of users, after those already listed; more says
// whether further pages are coming. A user already listed (same ID) is
// updated in place. The filter, the selection and the row under the cursor
// are kept.
func (m *Model) AppendUsers(users []User, more bool) {
	m.merge(users)
	m.more = more
	m.stopped, m.stopErr = false, nil // flowing again, if it had stopped
	m.scroll()
}

// Incomplete says the list stopped before the last page: the users so far
// stay usable, and the picker says how many there are and why it stopped.
func (m *Model) Incomplete(err error) {
	if err == nil {
		err = errors.New("no reason given")
	}
	m.more, m.stopped, m.stopErr = false, true, err
	m.scroll()
}

// SetMembers marks users as members already, by id (the role as the API
// names it): for a parent that learns the members apart from the users,
// before or after them. A member that was selected is no longer.
func (m *Model) SetMembers(roles map[string]string) {
	for id, role := range roles {
		m.members[id] = role
		i, ok := m.byID[id]
		if !ok || m.users[i].u.MemberRole == role {
			continue
		}
		u := m.users[i].u
		u.MemberRole = role
		m.users[i] = newEntry(u)
		if role != "" {
			delete(m.selected, id)
		}
	}
}

// Selected returns the users chosen, in the order they are listed.
func (m Model) Selected() []User {
	out := make([]User, 0, len(m.selected))
	for _, e := range m.users {
		if m.selected[e.u.ID] {
			out = append(out, e.u)
		}
	}
	return out
}

// Role is the workspace role chosen for the users added.
func (m Model) Role() anthropic.NoBillingWorkspaceRole { return m.roles[m.role] }

// Filter is the filter as typed.
func (m Model) Filter() string { return m.query }

// Loading reports whether more pages are expected.
func (m Model) Loading() bool { return m.more }

// merge adds or updates users; the rows the filter keeps follow.
func (m *Model) merge(users []User) {
	refilter := false
	for _, u := range users {
		if r, ok := m.members[u.ID]; ok && u.MemberRole == "" {
			u.MemberRole = r
		}
		if i, ok := m.byID[u.ID]; ok {
			m.users[i] = newEntry(u)
			if u.MemberRole != "" {
				delete(m.selected, u.ID)
			}
			m.nameW = max(m.nameW, m.users[i].nameW)
			refilter = true // its name or email may have changed
			continue
		}
		e := newEntry(u)
		m.byID[u.ID] = len(m.users)
		m.users = append(m.users, e)
		m.nameW = max(m.nameW, e.nameW)
		if !refilter && m.keeps(&e) {
			m.matches = append(m.matches, int32(len(m.users)-1))
		}
	}
	if refilter {
		m.refilterKeepingCursor()
	}
}
