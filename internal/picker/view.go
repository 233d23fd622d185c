package picker

import (
	"strings"

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
			m.paint.dim.write(&b, fit(m.emptyText(), w))
		}
	}
	for _, l := range foot {
		b.WriteByte('\n')
		l.paint.write(&b, fit(l.text, w))
	}
	return b.String()
}

// CursorLine is the line of View that holds the row under the cursor, for
// a parent that must keep it in view in a window smaller than the picker.
func (m Model) CursorLine() int {
	_, rows := m.split()
	off := max(min(m.offset, len(m.matches)-rows), 0)
	if m.cursor < off || m.cursor >= off+rows {
		off = max(min(m.cursor, len(m.matches)-rows), 0)
	}
	return 2 + max(m.cursor-off, 0)
}

func (m Model) viewFilter(b *strings.Builder, w int) {
	p := m.paint
	const prompt = "filter: "
	p.prompt.write(b, fit(prompt, w))
	room := w - len(prompt) - 1 // the cursor
	if room < 1 {
		return
	}
	q := termsafe.String(m.query)
	if qw := ansi.StringWidth(q); qw > room {
		q = ansi.TruncateLeft(q, qw-room+1, ellipsis) // the end, where typing happens
	}
	p.text.write(b, q)
	p.cursor.write(b, "▌")
	if m.query == "" {
		p.dim.write(b, fit(" type a name or email", room))
	}
}

// viewCounts is "42 of 10,000 users · 3 selected".
func (m Model) viewCounts(b *strings.Builder, w int) {
	text := thousands(len(m.matches)) + " of " + count(len(m.users), "user")
	if n := len(m.selected); n > 0 {
		text += " · " + thousands(n) + " selected"
	}
	m.paint.dim.write(b, fit(text, w))
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
	p := m.paint
	e := &m.users[m.matches[j]]
	cur := j == m.cursor
	sel := m.selected[e.u.ID]

	if cur {
		p.cursor.write(b, "›")
		b.WriteByte(' ')
	} else {
		b.WriteString("  ")
	}
	switch {
	case e.u.MemberRole != "":
		p.member.write(b, "[-]")
	case sel:
		p.selected.write(b, "[x]")
	default:
		p.dim.write(b, "[ ]")
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

	name, nameW, namePaint := e.name, e.nameW, p.text
	switch {
	case cur:
		namePaint = p.cursor
	case sel:
		namePaint = p.selected
	case e.u.MemberRole != "":
		namePaint = p.dim
	}
	if name == "" {
		name, nameW, namePaint = noName, len(noName), p.dim
	}
	name, used := fitW(name, nameW, nameCol)
	namePaint.write(b, name)
	if emailCol >= 4 && e.email != "" {
		pad(b, nameCol-used+2)
		email, ew := fitW(e.email, e.emailW, emailCol)
		p.dim.write(b, email)
		used = nameCol + 2 + ew
	}
	if tag != "" {
		pad(b, space-used+1)
		p.member.write(b, tag)
	}
}

// footLine is a line under the list and how it is drawn.
type footLine struct {
	text  string
	paint paint
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
	p := m.paint
	out := make([]footLine, 0, 6)
	out = append(out, footLine{m.roleLine(), p.prompt})
	switch {
	case m.stopped:
		text := "✗ list stopped at " + count(len(m.users), "user") + ": " + termsafe.String(m.stopErr.Error())
		for _, l := range wrapLines(text, m.width, 3) {
			out = append(out, footLine{l, p.err})
		}
	case m.more && len(m.users) > 0:
		out = append(out, footLine{"loading… " + thousands(len(m.users)) + " so far", p.dim})
	}
	if l, ok := m.lookupLine(); ok {
		for _, text := range wrapLines(l.text, m.width, 2) {
			out = append(out, footLine{text, l.paint})
		}
	}
	if m.note != "" {
		st := p.text
		if m.noteErr {
			st = p.err
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
	if ansi.StringWidth(line+keys) <= m.width {
		return line + keys
	}
	return line
}

// lookupLine says where the look-up of a typed email stands, while the
// email is typed and no loaded user has it.
func (m Model) lookupLine() (footLine, bool) {
	p := m.paint
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
		return footLine{text, p.dim}, true
	}
	l := m.lookups[email]
	switch {
	case m.due == email || l != nil && !l.done:
		return footLine{"looking up " + shown + "…", p.dim}, true
	case l == nil:
		return footLine{}, false
	case l.err != nil:
		return footLine{"✗ could not look up " + shown + ": " + termsafe.String(l.err.Error()), p.err}, true
	case l.found == 0:
		return footLine{"no user with that email in the organization — invite them", p.err}, true
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

// fitW is fit for a string whose width sw is known: it returns the text
// and its width, and measures only what it cuts.
func fitW(s string, sw, w int) (string, int) {
	if sw <= w {
		return s, sw
	}
	s = fit(s, w)
	return s, ansi.StringWidth(s)
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
