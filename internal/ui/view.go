package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// block collects a screen's lines at a fixed width; wrap breaks long text.
type block struct {
	width int
	lines []string
	focus int // index+1 of the line that must stay visible (0: the first)
}

// mark makes the next line the one the window keeps in view.
func (b *block) mark() { b.focus = len(b.lines) + 1 }

func (b *block) line(s string) { b.lines = append(b.lines, s) }
func (b *block) gap() {
	if n := len(b.lines); n > 0 && b.lines[n-1] != "" {
		b.lines = append(b.lines, "")
	}
}

// wrap word-wraps plain text to the width and styles it.
func (b *block) wrap(st lipgloss.Style, text string) {
	for _, l := range strings.Split(ansi.Wrap(text, max(b.width, 10), ""), "\n") {
		b.lines = append(b.lines, st.Render(l))
	}
}

// View draws the header, the current screen and the help line, cut to the
// window: the screen's first lines (title, input, its error) always show.
func (m *Model) View() tea.View {
	if m.done {
		return tea.NewView(m.finalView())
	}
	w := max(m.width-2, 10)
	head := m.headerView(w)
	body := &block{width: w}
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
	case stateReview:
		m.viewReview(body)
	case stateSubmitting:
		m.viewSubmitting(body)
	case stateResult:
		m.viewResult(body)
	case stateFailed:
		m.viewFailed(body)
	}
	var foot string
	if m.fullHelp {
		foot = m.help.FullHelpView(m.helpKeys().FullHelp())
	} else {
		foot = m.help.ShortHelpView(m.helpKeys().ShortHelp())
	}
	footLines := strings.Split(foot, "\n")
	room := m.height - len(head) - len(footLines) - 2
	lines := body.lines
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if room < 2 && len(footLines) > 0 {
		// Tiny window: give the help line's rows to the screen.
		room += len(footLines)
		footLines = nil
	}
	if room < 1 {
		room = 1
	}
	if len(lines) > room {
		start := 0
		if f := body.focus - 1; f >= room-1 {
			// Scroll so the focused line (and the one after it, often its
			// error) stays in view.
			start = min(f-room+2, len(lines)-room)
		}
		lines = lines[start : start+room]
	}
	var sb strings.Builder
	sb.Grow(4096)
	write := func(ls []string) {
		for _, l := range ls {
			sb.WriteString(" ")
			if ansi.StringWidth(l) > w {
				l = ansi.Truncate(l, w, "…")
			}
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
	v := tea.NewView(strings.TrimSuffix(sb.String(), "\n"))
	v.WindowTitle = "workspace-wizard"
	return v
}

// headerView is the product, the organization and where the user is.
func (m *Model) headerView(w int) []string {
	s := m.styles
	org := m.org
	if org == "" {
		org = "…"
	}
	top := s.Brand.Render("workspace-wizard")
	if m.state != stateKey {
		top += " " + s.Dim.Render("in") + " " + s.Org.Render(org)
	}
	var where string
	if i := stepIndex(m.state); i >= 0 {
		where = "Step " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(steps)) + " · " + stepNames[m.state]
	} else {
		where = stepNames[m.state]
	}
	lines := []string{top, s.Step.Render(where)}
	if m.orgErr != "" && m.state <= stateReview {
		lines = append(lines, strings.Split(s.Error.Render(ansi.Wrap("✗ "+m.orgErr, w, "")), "\n")...)
	}
	return lines
}

// finalView is what stays on the terminal after the wizard ends.
func (m *Model) finalView() string {
	switch {
	case m.outcome.Workspace != nil:
		b := &block{width: max(m.width-2, 10)}
		m.viewResult(b)
		return strings.Join(b.lines, "\n") + "\n"
	case m.outcome.Err == ErrCancelled:
		return m.styles.Dim.Render("Cancelled: nothing was sent.") + "\n"
	case m.state == stateFailed:
		b := &block{width: max(m.width-2, 10)}
		m.viewFailed(b)
		return strings.Join(b.lines, "\n") + "\n"
	}
	return ""
}
