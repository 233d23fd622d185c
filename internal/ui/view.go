package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// block collects a screen's lines at a fixed width. Nothing is cut to fit:
// a line wider than the block wraps (see line); only the header's
// decorative first row is ever truncated.
type block struct {
	width int
	lines []string
	focus int // index+1 of the line that must stay visible (0: the first)
	end   int // with focus: index+1 of the last line of the focused part
	// clean makes wrap's text safe to show (Model.text): messages quote
	// the server. nil leaves text as it is.
	clean func(string) string
}

// mark makes the next line the one the window keeps in view.
func (b *block) mark() { b.focus = len(b.lines) + 1 }

// markEnd ends the focused part after the line just added (see mark).
func (b *block) markEnd() { b.end = len(b.lines) }

// line adds one line, wrapped (styles kept) when it is wider than the block.
func (b *block) line(s string) {
	w := max(b.width, 10)
	if ansi.StringWidth(s) <= w {
		b.lines = append(b.lines, s)
		return
	}
	b.lines = append(b.lines, strings.Split(ansi.Wrap(s, w, ""), "\n")...)
}

func (b *block) gap() {
	if n := len(b.lines); n > 0 && b.lines[n-1] != "" {
		b.lines = append(b.lines, "")
	}
}

// wrap word-wraps plain text to the width and styles it. The text is
// made safe first (clean): a message may quote the server.
func (b *block) wrap(st lipgloss.Style, text string) { b.wrapAfter(st, "", text) }

// wrapAfter is wrap with a prefix of the program's own that is kept as it
// is (the spinner, styled): only text is made safe.
func (b *block) wrapAfter(st lipgloss.Style, prefix, text string) {
	if b.clean != nil {
		text = b.clean(text)
	}
	text = prefix + text
	for _, l := range strings.Split(ansi.Wrap(text, max(b.width, 10), ""), "\n") {
		b.lines = append(b.lines, st.Render(l))
	}
}

// field adds a label and its value: on one line when both fit, else the
// value on its own lines under the label, so a value is never cut.
func (b *block) field(label lipgloss.Style, name string, lw int, value string) {
	if 2+lw+1+ansi.StringWidth(value) <= b.width {
		b.line("  " + label.Render(pad(name, lw)) + " " + value)
		return
	}
	b.line("  " + label.Render(name))
	sub := &block{width: b.width - 4, clean: b.clean}
	sub.line(value)
	for _, l := range sub.lines {
		b.lines = append(b.lines, "    "+l)
	}
}

// View draws the header, the current screen and the help, fitted to the
// window: long screens scroll to keep their focused line in view.
func (m *Model) View() tea.View {
	if m.done {
		return tea.NewView(m.finalView())
	}
	head, lines, footLines := m.layout()
	var sb strings.Builder
	sb.Grow(4096)
	write := func(ls []string) {
		for _, l := range ls {
			sb.WriteString(" ")
			sb.WriteString(l)
			sb.WriteByte('\n')
		}
	}
	write(head)
	sb.WriteByte('\n')
	write(lines)
	if len(footLines) > 0 {
		sb.WriteByte('\n')
		write(footLines)
	}
	v := tea.NewView(m.screen(strings.TrimSuffix(sb.String(), "\n")))
	v.WindowTitle = "workspace-wizard"
	return v
}

// layout fits the screen to the window: the header, the visible part of
// the body (with a "more" line when some is below) and the help lines.
func (m *Model) layout() (head, lines, foot []string) {
	w := max(m.width-2, 10)
	head = m.headerView(w)
	body := m.body(w)
	foot = m.helpLines(w)
	room := m.height - len(head) - len(foot) - 2
	lines = body.lines
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if room < 2 && len(foot) > 0 {
		// Tiny window: give the help line's rows to the screen.
		room += len(foot)
		foot = nil
	}
	room = max(room, 1)
	if len(lines) <= room {
		m.scrollMin, m.scrollMax = 0, 0
		return head, lines, foot
	}
	// Keep a line for the "more below" hint, and scroll so the focused
	// line (and the one after it, often its error) stays in view.
	win := room
	if room > 2 {
		win = room - 1
	}
	start := 0
	if f := body.focus - 1; f >= 0 {
		last := f // the last line that must show
		if f+1 < len(lines) && lines[f+1] != "" {
			last = f + 1
		}
		if body.end > body.focus {
			last = body.end - 1 // a focused part: its end, and its start if it fits
		}
		start = min(max(last-win+1, 0), len(lines)-win)
	}
	// The user's own scrolling (pgup/pgdn, or ↑/↓ on the last screens).
	m.scrollMin, m.scrollMax = -start, len(lines)-win-start
	start += min(max(m.scroll, m.scrollMin), m.scrollMax)
	arrows := m.state == stateResult || m.state == stateFailed
	more := func(arrow string, n int, keys, arrowKey string) string {
		if arrows {
			keys = arrowKey + " scrolls"
		}
		return m.styles.Dim.Render(arrow + " " + strconv.Itoa(n) + " more lines (" + keys + ")")
	}
	// Lines above the window are announced on its first row, as those
	// below are on its last: the row's own line gives way, the bottom of
	// the window (where the focused line is kept) stays.
	above := func(shown []string, hidden int) []string {
		if hidden <= 0 || len(shown) < 3 {
			return shown
		}
		return append([]string{more("↑", hidden+1, "pgup", "↑")}, shown[1:]...)
	}
	if start+win >= len(lines) {
		return head, above(slices.Clone(lines[len(lines)-room:]), len(lines)-room), foot
	}
	rest := len(lines) - start - win
	lines = above(slices.Clone(lines[start:start+win]), start)
	if win < room {
		lines = append(lines, more("↓", rest, "pgdn", "↓"))
	}
	return head, lines, foot
}

// scrollBy moves the window over a screen taller than it by n lines.
func (m *Model) scrollBy(n int) {
	m.layout()
	m.scroll = min(max(m.scroll+n, m.scrollMin), m.scrollMax)
}

// body draws the current screen at width w.
func (m *Model) body(w int) *block {
	body := m.newBlock(w)
	switch m.state {
	case stateKey:
		m.viewKey(body)
	case stateName:
		m.viewName(body)
	case stateTags:
		m.viewTags(body)
	case stateResidency:
		m.viewRes(body)
	case stateEncryption:
		m.viewEnc(body)
	case stateProfile:
		m.viewProfile(body)
	case stateReview:
		m.viewReview(body)
	case stateSubmitting:
		m.viewSubmitting(body)
	case stateResult:
		m.viewResult(body)
	case stateFailed:
		m.viewFailed(body)
	case stateMembers:
		m.viewMembers(body)
	}
	return body
}

// helpLines lays the screen's key help out in lines of at most w columns,
// breaking between bindings, never inside one.
func (m *Model) helpLines(w int) []string {
	hk := m.helpKeys()
	groups := [][]key.Binding{hk.ShortHelp()}
	if m.fullHelp {
		groups = hk.FullHelp()
	}
	sep := m.help.Styles.ShortSeparator.Render(m.help.ShortSeparator)
	var lines []string
	if m.notice != "" {
		// Drawn by the keys, never in the screen's content: it is not
		// part of what stays on the terminal (finalView).
		sub := &block{width: w}
		st := m.styles.Dim
		if strings.HasPrefix(m.notice, "✓") {
			st = m.styles.OK
		}
		sub.line(st.Render(m.notice))
		lines = append(lines, sub.lines...)
	}
	for _, g := range groups {
		cur := ""
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			item := m.help.Styles.ShortKey.Render(b.Help().Key) + " " + m.help.Styles.ShortDesc.Render(b.Help().Desc)
			if b.Help().Key == "" { // a note, not a key (refusedNote)
				item = m.help.Styles.ShortDesc.Render(b.Help().Desc)
			}
			switch {
			case cur == "":
				cur = item
			case ansi.StringWidth(cur+sep+item) <= w:
				cur += sep + item
			default:
				lines = append(lines, cur)
				cur = item
			}
		}
		if cur != "" {
			sub := &block{width: w}
			sub.line(cur)
			lines = append(lines, sub.lines...)
		}
	}
	return lines
}

// headerView is the product, the organization and where the user is. Its
// first row is decoration and may be cut to the width; the rest wraps.
func (m *Model) headerView(w int) []string {
	s := m.styles
	org := m.org
	if org == "" {
		org = "…"
	}
	top := s.Brand.Render("workspace-wizard")
	if m.state != stateKey || m.org != "" {
		// Asked for another key, the wizard still names the organization.
		top += " " + s.Dim.Render("in") + " " + s.Org.Render(m.text(org))
	}
	if ansi.StringWidth(top) > w {
		top = ansi.Truncate(top, w, "…")
	}
	var where string
	if i := m.stepIndex(m.state); i >= 0 {
		where = "Step " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(m.steps())) + " · " + stepNames[m.state]
	} else {
		where = stepNames[m.state]
		if m.state == stateFailed && m.failure.unsure {
			where = "Outcome unknown"
		}
		if m.state == stateMembers {
			where = "Add members to “" + m.result.Workspace.Name + "”"
		}
	}
	b := m.newBlock(w)
	b.lines = []string{top}
	b.wrap(s.Step, where)
	if m.orgErr != "" && m.state <= stateReview {
		b.wrap(s.Error, "✗ "+m.orgErr)
	}
	return b.lines
}

// finalView is what stays on the terminal after the wizard ends.
func (m *Model) finalView() string {
	switch {
	case m.outcome.Workspace != nil:
		b := m.newBlock(max(m.width-2, 10))
		m.viewResult(b)
		return m.screen(strings.Join(b.lines, "\n") + "\n")
	case m.state == stateFailed:
		b := m.newBlock(max(m.width-2, 10))
		m.viewFailed(b)
		return m.screen(strings.Join(b.lines, "\n") + "\n")
	}
	// A quit before anything was created leaves nothing: main explains the
	// cancel (ErrCancelled), and saying it here too printed it twice.
	return ""
}
