package picker

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Update handles a key, a paste, or an answer the picker asked for. It
// never blocks: look-ups go out as commands.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = m.updateKey(msg)
	case tea.PasteMsg:
		m.note, m.noteErr = "", false
		cmd = m.typeText(cleanInput(msg.Content))
	case LookupResultMsg:
		m.gotLookup(msg)
	case lookupDueMsg:
		cmd = m.lookupDue(msg)
	default:
		return m, nil
	}
	m.scroll()
	return m, cmd
}

func (m *Model) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	m.note, m.noteErr = "", false
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-m.listRows())
	case key.Matches(msg, k.PageDown):
		m.move(m.listRows())
	case key.Matches(msg, k.Home):
		m.cursor = 0
	case key.Matches(msg, k.End):
		m.cursor = max(len(m.matches)-1, 0)
	case key.Matches(msg, k.Toggle):
		m.toggle()
	case key.Matches(msg, k.SelectAll):
		m.selectAll()
	case key.Matches(msg, k.NextRole):
		m.role = (m.role + 1) % len(m.roles)
	case key.Matches(msg, k.PrevRole):
		m.role = (m.role + len(m.roles) - 1) % len(m.roles)
	case key.Matches(msg, k.Submit):
		return m.submit()
	case key.Matches(msg, k.Back):
		if m.query == "" {
			return func() tea.Msg { return CancelMsg{} }
		}
		m.setQuery("")
		return m.afterQuery()
	case key.Matches(msg, k.DeleteChar):
		if m.query == "" {
			return nil
		}
		_, n := utf8.DecodeLastRuneInString(m.query)
		m.setQuery(m.query[:len(m.query)-n])
		return m.afterQuery()
	case key.Matches(msg, k.ClearFilter):
		m.setQuery("")
		return m.afterQuery()
	case msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModMeta|tea.ModSuper) == 0:
		return m.typeText(cleanInput(msg.Text))
	}
	return nil
}

// typeText adds text to the end of the filter.
func (m *Model) typeText(s string) tea.Cmd {
	if s == "" || len(m.query) >= maxQuery {
		return nil
	}
	q := m.query + s
	if len(q) > maxQuery {
		q = strings.ToValidUTF8(q[:maxQuery], "")
	}
	m.setQuery(q)
	return m.afterQuery()
}

func (m *Model) move(d int) {
	m.cursor = max(min(m.cursor+d, len(m.matches)-1), 0)
}

// toggle chooses the user under the cursor, or unchooses them. A member
// cannot be chosen: the reason is said instead.
func (m *Model) toggle() {
	if m.cursor >= len(m.matches) {
		return
	}
	e := &m.users[m.matches[m.cursor]]
	switch {
	case e.u.MemberRole != "":
		m.note = displayName(e) + " is already a member (" + e.member + ")"
	case m.selected[e.u.ID]:
		delete(m.selected, e.u.ID)
	default:
		m.selected[e.u.ID] = true
	}
}

// selectAll chooses every user the filter shows who is not a member; when
// they all are chosen already, it unchooses them.
func (m *Model) selectAll() {
	shown, members := 0, 0
	all := true
	for _, i := range m.matches {
		e := &m.users[i]
		if e.u.MemberRole != "" {
			members++
			continue
		}
		shown++
		if !m.selected[e.u.ID] {
			all = false
		}
	}
	if shown == 0 {
		if members > 0 {
			m.note = "every user shown is a member already"
		}
		return
	}
	for _, i := range m.matches {
		e := &m.users[i]
		switch {
		case e.u.MemberRole != "":
		case all:
			delete(m.selected, e.u.ID)
		default:
			m.selected[e.u.ID] = true
		}
	}
	if all {
		m.note = "unselected " + count(shown, "user") + " shown"
	} else {
		m.note = "selected " + count(shown, "user") + " shown"
	}
	if members > 0 {
		m.note += " (not " + count(members, "member") + ")"
	}
}

func (m *Model) submit() tea.Cmd {
	if len(m.selected) == 0 {
		m.note, m.noteErr = "✗ choose at least one user with space, or press esc to go back", true
		return nil
	}
	msg := SubmitMsg{Users: m.Selected(), Role: m.Role()}
	return func() tea.Msg { return msg }
}

// afterQuery follows a change of the filter: a full email no loaded user
// has is looked up once the typing pauses.
func (m *Model) afterQuery() tea.Cmd {
	m.seq++
	m.due = ""
	email := m.emailQuery()
	if m.lookFn == nil || email == "" || m.answered(email) || m.hasEmail(email) {
		return nil
	}
	m.due = email
	due := lookupDueMsg{seq: m.seq, email: email}
	if m.delay <= 0 {
		return func() tea.Msg { return due }
	}
	return tea.Tick(m.delay, func(time.Time) tea.Msg { return due })
}

// lookupDue asks for an email the filter still holds after the pause.
func (m *Model) lookupDue(msg lookupDueMsg) tea.Cmd {
	if msg.seq != m.seq || msg.email != m.due {
		return nil // typed on since
	}
	m.due = ""
	if m.answered(msg.email) || m.hasEmail(msg.email) {
		return nil
	}
	m.lookups[msg.email] = &lookup{}
	return m.lookFn(msg.email)
}

// answered reports whether email was looked up already, or is being: a
// look-up that failed is tried again when the email is typed again.
func (m *Model) answered(email string) bool {
	l := m.lookups[email]
	return l != nil && (!l.done || l.err == nil)
}

// gotLookup adds the users a look-up found and remembers its answer, so the
// same email is not asked for again.
func (m *Model) gotLookup(msg LookupResultMsg) {
	email := toLower(strings.TrimSpace(msg.Email))
	l := m.lookups[email]
	if l == nil {
		l = &lookup{}
		m.lookups[email] = l
	}
	l.done, l.found, l.err = true, len(msg.Users), msg.Err
	m.merge(msg.Users)
}

// listRows is how many user rows fit: the height less the filter and count
// lines above and the role and messages below.
func (m *Model) listRows() int {
	_, rows := m.split()
	return rows
}

// scroll keeps the cursor in the list and on screen, moving the list as
// little as it can.
func (m *Model) scroll() {
	m.cursor = max(min(m.cursor, len(m.matches)-1), 0)
	rows := m.listRows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = max(min(m.offset, len(m.matches)-rows), 0)
}

func displayName(e *entry) string {
	if e.name != "" {
		return e.name
	}
	return e.email
}

// count is "1 user", "3,000 users".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return thousands(n) + " " + what + "s"
}

// thousands writes n with comma separators: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 1000 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead == 0 {
		lead = 3
	}
	b.WriteString(s[:lead])
	for i := lead; i < len(s); i += 3 {
		b.WriteByte(',')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
