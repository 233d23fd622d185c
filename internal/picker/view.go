package picker

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

const (
	ellipsis  = "…"
	noName    = "(no name)"
	rowIndent = 6 // "› [x] "
	spaces    = "                                                                                "
)

// View draws the picker in exactly its height (3 lines at least), no line wider than its
// width: the filter, the counts, the rows on screen (only those), the role,
// and what is loading or went wrong. It changes nothing.
func (m Model) View() string {
	var b strings.Builder
	b.Grow(m.width * m.height * 2)
	w := m.width
	foot, rows := m.split()

	m.viewFilter(&b, w)
	b.WriteByte('\n')
	m.viewCounts(&b, w)

	off := max(min(m.offset, len(m.matches)-rows), 0)
	if m.cursor < off || m.cursor >= off+rows {
		off = max(min(m.cursor, len(m.matches)-rows), 0)
	}
	lay := m.layout(w)
	for r := range rows {
		b.WriteByte('\n')
		switch j := off + r; {
		case j < len(m.matches):
			m.viewRow(&b, j, lay)
		case r == 0:
			b.WriteString(m.styles.Dim.Render(fit(m.emptyText(), w)))
		}
	}
	for _, l := range foot {
		b.WriteByte('\n')
		b.WriteString(l.style.Render(fit(l.text, w)))
	}
	return b.String()
}

func (m Model) viewFilter(b *strings.Builder, w int) {
	s := m.styles
	const prompt = "filter: "
	b.WriteString(s.Prompt.Render(fit(prompt, w)))
	room := w - len(prompt) - 1 // the cursor
	if room < 1 {
		return
	}
	q := termsafe.String(m.query)
	if qw := ansi.StringWidth(q); qw > room {
		q = ansi.TruncateLeft(q, qw-room+1, ellipsis) // the end, where typing happens
	}
	b.WriteString(s.Text.Render(q))
	b.WriteString(s.Cursor.Render("▌"))
	if m.query == "" {
		b.WriteString(s.Dim.Render(fit(" type a name or email", room)))
	}
}

// viewCounts is "42 of 10,000 users · 3 selected".
func (m Model) viewCounts(b *strings.Builder, w int) {
	text := thousands(len(m.matches)) + " of " + count(len(m.users), "user")
	if n := len(m.selected); n > 0 {
		text += " · " + thousands(n) + " selected"
	}
	b.WriteString(m.styles.Dim.Render(fit(text, w)))
}

// emptyText fills the list when it has no row to show.
func (m Model) emptyText() string {
	switch {
	case len(m.users) == 0 && m.more:
		return "  listing the organization's users…"
	case len(m.users) == 0:
		return "  the organization has no users"
	}
	return "  no user's name or email contains “" + termsafe.String(strings.TrimSpace(m.query)) + "”"
}

// layout is how a row's width is shared: the name column (wide enough for
// the longest name, up to two fifths of the row), then the email.
type layout struct {
	avail, nameCol int
}

func (m Model) layout(w int) layout {
	avail := max(w-rowIndent, 1)
	nameCol := min(max(m.nameW, len(noName)), max(avail*2/5, 10), avail)
	return layout{avail: avail, nameCol: nameCol}
}

func (m Model) viewRow(b *strings.Builder, j int, lay layout) {
	s := m.styles
	e := &m.users[m.matches[j]]
	cur := j == m.cursor
	sel := m.selected[e.u.ID]

	if cur {
		b.WriteString(s.Cursor.Render("›"))
		b.WriteByte(' ')
	} else {
		b.WriteString("  ")
	}
	switch {
	case e.u.MemberRole != "":
		b.WriteString(s.Member.Render("[-]"))
	case sel:
		b.WriteString(s.Selected.Render("[x]"))
	default:
		b.WriteString(s.Dim.Render("[ ]"))
	}
	b.WriteByte(' ')

	space := lay.avail
	var tag string
	if e.u.MemberRole != "" {
		tag = "member · " + e.member
		if ansi.StringWidth(tag)+1 > space-8 {
			tag = "member"
		}
		space -= ansi.StringWidth(tag) + 1
	}
	nameCol := min(lay.nameCol, max(space, 0))
	emailCol := space - nameCol - 2

	name, nameStyle := e.name, s.Text
	switch {
	case cur:
		nameStyle = s.Cursor
	case sel:
		nameStyle = s.Selected
	case e.u.MemberRole != "":
		nameStyle = s.Dim
	}
	if name == "" {
		name, nameStyle = noName, s.Dim
	}
	name = fit(name, nameCol)
	b.WriteString(nameStyle.Render(name))
	used := ansi.StringWidth(name)
	if emailCol >= 4 && e.email != "" {
		pad(b, nameCol-used+2)
		email := fit(e.email, emailCol)
		b.WriteString(s.Dim.Render(email))
		used = nameCol + 2 + ansi.StringWidth(email)
	}
	if tag != "" {
		pad(b, space-used+1)
		b.WriteString(s.Member.Render(tag))
	}
}

// footLine is a line under the list and how it is drawn.
type footLine struct {
	text  string
	style lipgloss.Style
}

// split shares the height: the footer (what fits of it) and the rows of
// the list, at least one, under the filter and the counts.
func (m Model) split() (foot []footLine, rows int) {
	foot = m.footer()
	foot = foot[:min(len(foot), max(m.height-3, 0))]
	return foot, max(m.height-2-len(foot), 1)
}

// footer is the role, then whatever is under way or went wrong: pages
// still loading or the list stopped short, an email being looked up or not
// found, and what the last key did.
func (m Model) footer() []footLine {
	s := m.styles
	out := make([]footLine, 0, 6)
	out = append(out, footLine{m.roleLine(), s.Prompt})
	switch {
	case m.stopped:
		text := "✗ list stopped at " + count(len(m.users), "user") + ": " + termsafe.String(m.stopErr.Error())
		for _, l := range wrapLines(text, m.width, 3) {
			out = append(out, footLine{l, s.Error})
		}
	case m.more && len(m.users) > 0:
		out = append(out, footLine{"loading… " + thousands(len(m.users)) + " so far", s.Dim})
	}
	if l, ok := m.lookupLine(); ok {
		for _, text := range wrapLines(l.text, m.width, 2) {
			out = append(out, footLine{text, l.style})
		}
	}
	if m.note != "" {
		st := s.Text
		if m.noteErr {
			st = s.Error
		}
		for _, text := range wrapLines(termsafe.String(m.note), m.width, 2) {
			out = append(out, footLine{text, st})
		}
	}
	return out
}

// roleLine names the role chosen, what it may do when there is room, and
// the keys that change it.
func (m Model) roleLine() string {
	r := m.roles[m.role]
	keys := "  (" + m.keys.NextRole.Help().Key + ")"
	line := "role: " + string(r)
	if sum := rules.RoleSummary(r); sum != "" {
		if full := line + " · " + sum + keys; ansi.StringWidth(full) <= m.width {
			return full
		}
	}
	return line + keys
}

// lookupLine says where the look-up of a typed email stands, while the
// email is typed and no loaded user has it.
func (m Model) lookupLine() (footLine, bool) {
	s := m.styles
	email := m.emailQuery()
	if email == "" || m.hasEmail(email) {
		return footLine{}, false
	}
	shown := termsafe.String(email)
	if m.lookFn == nil {
		text := "no user loaded has that email"
		if m.more {
			text += "; more are loading"
		}
		return footLine{text, s.Dim}, true
	}
	l := m.lookups[email]
	switch {
	case m.due == email || l != nil && !l.done:
		return footLine{"looking up " + shown + "…", s.Dim}, true
	case l == nil:
		return footLine{}, false
	case l.err != nil:
		return footLine{"✗ could not look up " + shown + ": " + termsafe.String(l.err.Error()), s.Error}, true
	case l.found == 0:
		return footLine{"no user with that email in the organization — invite them", s.Error}, true
	}
	return footLine{}, false
}

// fit truncates s to w columns, with an ellipsis when it is cut.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, ellipsis)
}

func pad(b *strings.Builder, n int) {
	for n > len(spaces) {
		b.WriteString(spaces)
		n -= len(spaces)
	}
	if n > 0 {
		b.WriteString(spaces[:n])
	}
}

// wrapLines wraps s to w columns in at most n lines, the last cut with an
// ellipsis if more would follow.
func wrapLines(s string, w, n int) []string {
	lines := strings.Split(ansi.Wrap(s, max(w, 1), ""), "\n")
	if len(lines) > n {
		lines[n-1] = fit(strings.Join(lines[n-1:], " "), w)
		lines = lines[:n]
	}
	return lines
}
