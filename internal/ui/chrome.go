package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the header, the current screen and the help, fitted to the
// window: long screens scroll to keep their focused line in view.
func (m *Model) View() tea.View {
	if m.done {
		return tea.NewView(m.finalView())
	}
	head, lines, foot := m.layout()
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
	if len(foot) > 0 {
		sb.WriteByte('\n')
		write(foot)
	}
	v := tea.NewView(m.e.s.Screen(strings.TrimSuffix(sb.String(), "\n")))
	v.WindowTitle = "workspace-wizard"
	return v
}

// frame is one screen laid out: the header, the body and where it must
// stay in view, and the bounds the user may scroll it within.
type frame struct {
	head      []string
	body      *block
	lines     []string // the body without trailing blank lines
	room      int      // body lines that fit
	start     int      // the first line shown before the user's scrolling
	scrollMin int
	scrollMax int
}

// measure lays the screen out for the window, with foot lines of help
// below it.
func (m *Model) measure(foot int) frame {
	e := m.e
	w := e.bodyWidth()
	f := frame{head: m.headerView(w), body: e.newBlock(w)}
	m.page().view(e, f.body)
	f.lines = f.body.lines
	for len(f.lines) > 0 && f.lines[len(f.lines)-1] == "" {
		f.lines = f.lines[:len(f.lines)-1]
	}
	f.room = e.height - len(f.head) - foot - 2
	if f.room < 2 && foot > 0 {
		f.room += foot // tiny window: the help line's rows go to the screen
	}
	f.room = max(f.room, 1)
	if len(f.lines) <= f.room {
		return f
	}
	// Keep a line for the "more below" hint, and scroll so the focused
	// line (and the one after it, often its error) stays in view.
	win := f.window()
	if fl := f.body.focus - 1; fl >= 0 {
		last := fl // the last line that must show
		if fl+1 < len(f.lines) && f.lines[fl+1] != "" {
			last = fl + 1
		}
		if f.body.end > f.body.focus {
			last = f.body.end - 1 // a focused part: its end, and its start if it fits
		}
		f.start = min(max(last-win+1, 0), len(f.lines)-win)
	}
	f.scrollMin, f.scrollMax = -f.start, len(f.lines)-win-f.start
	return f
}

func (f frame) window() int {
	if f.room > 2 {
		return f.room - 1
	}
	return f.room
}

func (f frame) scrolls() bool { return f.scrollMin < 0 || f.scrollMax > 0 }

// layout fits the screen to the window: the header, the visible part of
// the body (with "more" lines where some is above or below) and the help.
func (m *Model) layout() (head, lines, foot []string) {
	f, foot := m.fit()
	if m.e.height-len(f.head)-len(foot)-2 < 2 {
		foot = nil
	}
	if len(f.lines) <= f.room {
		return f.head, f.lines, foot
	}
	win := f.window()
	start := f.start + min(max(m.scroll, f.scrollMin), f.scrollMax)
	arrows := m.arrowsScroll()
	more := func(arrow string, n int, keys, arrowKey string) string {
		if arrows {
			keys = arrowKey + " scrolls"
		}
		return m.e.styles.Dim.Render(arrow + " " + strconv.Itoa(n) + " more lines (" + keys + ")")
	}
	// Lines above the window are announced on its first row, as those
	// below are on its last: the row's own line gives way.
	above := func(shown []string, hidden int) []string {
		if hidden <= 0 || len(shown) < 3 {
			return shown
		}
		return append([]string{more("↑", hidden+1, "pgup", "↑")}, shown[1:]...)
	}
	if start+win >= len(f.lines) {
		return f.head, above(slices.Clone(f.lines[len(f.lines)-f.room:]), len(f.lines)-f.room), foot
	}
	rest := len(f.lines) - start - win
	lines = above(slices.Clone(f.lines[start:start+win]), start)
	if win < f.room {
		lines = append(lines, more("↓", rest, "pgdn", "↓"))
	}
	return f.head, lines, foot
}

// fit lays the screen out with its help: a screen taller than the window
// adds the scroll keys to the help, which takes room from the screen.
func (m *Model) fit() (frame, []string) {
	w := m.e.bodyWidth()
	foot := m.helpLines(w, false)
	f := m.measure(len(foot))
	if f.scrolls() {
		foot = m.helpLines(w, true)
		f = m.measure(len(foot))
	}
	return f, foot
}

// scrollBy moves the window over a screen taller than it by n lines.
func (m *Model) scrollBy(n int) {
	f, _ := m.fit()
	m.scroll = min(max(m.scroll+n, f.scrollMin), f.scrollMax)
}

// helpLines lays the screen's key help out in lines of at most w columns,
// breaking between bindings, never inside one.
func (m *Model) helpLines(w int, scrolls bool) []string {
	e := m.e
	hk := m.helpKeys(scrolls)
	groups := [][]key.Binding{hk.ShortHelp()}
	if m.fullHelp {
		groups = hk.FullHelp()
	}
	hs := e.styles.Help
	sep := hs.ShortSeparator.Render(" • ")
	var lines []string
	if e.notice != "" {
		// Drawn by the keys, never in the screen's content: it is not
		// part of what stays on the terminal (finalView).
		sub := &block{width: w}
		st := e.styles.Dim
		if strings.HasPrefix(e.notice, "✓") {
			st = e.styles.OK
		}
		sub.line(st.Render(e.notice))
		lines = append(lines, sub.lines...)
	}
	// A line of keys wider than the window (one long binding) wraps.
	flush := func(cur string) {
		sub := &block{width: w}
		sub.line(cur)
		lines = append(lines, sub.lines...)
	}
	for _, g := range groups {
		cur := ""
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			item := hs.ShortKey.Render(b.Help().Key) + " " + hs.ShortDesc.Render(b.Help().Desc)
			if b.Help().Key == "" { // a note, not a key (refusedNote)
				item = hs.ShortDesc.Render(b.Help().Desc)
			}
			switch {
			case cur == "":
				cur = item
			case ansi.StringWidth(cur+sep+item) <= w:
				cur += sep + item
			default:
				flush(cur)
				cur = item
			}
		}
		if cur != "" {
			flush(cur)
		}
	}
	return lines
}

// headerView is the product, the organization and where the user is. Its
// first row is decoration and may be cut to the width; the rest wraps.
func (m *Model) headerView(w int) []string {
	e := m.e
	s := e.styles
	org := e.s.Org.Name
	if org == "" {
		org = "…"
	}
	top := s.Brand.Render("workspace-wizard")
	if m.e.cur != stateKey || e.s.Org.Name != "" {
		// Asked for another key, the wizard still names the organization.
		top += " " + s.Dim.Render("in") + " " + s.Org.Render(e.text(org))
	}
	if ansi.StringWidth(top) > w {
		top = ansi.Truncate(top, w, "…")
	}
	where := screenName(m.e.cur)
	if i := m.stepIndex(m.e.cur); i >= 0 {
		where = "Step " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(m.steps())) + " · " + where
	} else if t, ok := m.page().(titler); ok {
		where = t.title(e)
	}
	b := e.newBlock(w)
	b.lines = []string{top}
	b.wrap(s.Step, where)
	if e.s.Org.Err != "" && m.e.cur <= stateReview {
		b.wrap(s.Error, "✗ "+e.s.Org.Err)
	}
	return b.lines
}

// titler is a screen whose header says more than its name.
type titler interface{ title(e *env) string }

// finalView is what stays on the terminal after the wizard ends: the
// workspace, or why it was not created. A quit before anything was created
// leaves nothing: main explains the cancel, and saying it here too printed
// it twice.
func (m *Model) finalView() string {
	var p page
	switch {
	case m.outcome.Workspace != nil:
		p = m.pages[stateResult]
	case m.e.cur == stateFailed:
		p = m.pages[stateFailed]
	default:
		return ""
	}
	b := m.e.newBlock(m.e.bodyWidth())
	p.view(m.e, b)
	return m.e.s.Screen(strings.Join(b.lines, "\n") + "\n")
}

// bodyRoom is how many lines the current screen may use.
func (m *Model) bodyRoom() int {
	w := m.e.bodyWidth()
	return max(m.e.height-len(m.headerView(w))-len(m.helpLines(w, false))-3, 3)
}
