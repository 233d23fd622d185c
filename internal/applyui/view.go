package applyui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// frame is the screen laid out for the box: the header, the body and the
// part of it shown, the status lines kept under it, and the keys.
type frame struct {
	head, body, status, help []string
	start, window            int  // the body lines shown: [start, start+window)
	more                     bool // a line says how much is above and below
	gaps                     bool // blank lines between the parts
	margin                   string
}

func (f frame) scrolls() bool { return f.window < len(f.body) }

// layout fits the current screen to the box. It changes nothing.
func (m *Model) layout() frame {
	f := frame{}
	if !m.o.Embedded && m.width >= 30 {
		f.margin = " "
	}
	w := max(m.width-len(f.margin), 10)
	f.head = m.header(w)
	var focus int
	f.body, f.status, focus = m.content(w)
	f.help = m.helpLines(w, false)
	f.gaps = m.height >= 16
	room := func() int {
		n := m.height - len(f.head) - len(f.status) - len(f.help)
		if f.gaps {
			n--
			if len(f.status) > 0 {
				n--
			}
		}
		return n
	}
	if len(f.body) > room() {
		f.help = m.helpLines(w, true) // with the scroll keys
	}
	if room() < 3 {
		f.gaps = false
	}
	if room() < 2 {
		f.help = nil // a tiny box: the screen before its keys
	}
	n := max(room(), 1)
	f.window = min(len(f.body), n)
	if len(f.body) > n && n >= 2 {
		f.window, f.more = n-1, true
	}
	start := m.scroll
	if m.follow && focus > 0 {
		// The first write not finished, with some of those finished above it.
		start = focus - 1 - f.window/4
	}
	f.start = min(max(start, 0), max(len(f.body)-f.window, 0))
	return f
}

// View draws the screen in the box: never wider than its width, never
// taller than its height; a body taller than the box scrolls.
func (m *Model) View() string {
	f := m.layout()
	var out []string
	add := func(ls ...string) {
		for _, l := range ls {
			out = append(out, f.margin+l)
		}
	}
	add(f.head...)
	if f.gaps {
		out = append(out, "")
	}
	add(f.body[f.start : f.start+f.window]...)
	if f.more {
		above, below := f.start, len(f.body)-f.start-f.window
		var parts []string
		if above > 0 {
			parts = append(parts, "↑ "+strconv.Itoa(above)+" more")
		}
		if below > 0 {
			parts = append(parts, "↓ "+strconv.Itoa(below)+" more")
		}
		add(m.styles.Dim.Render(fit(strings.Join(parts, " · ")+" lines", m.width-len(f.margin))))
	}
	if f.gaps && len(f.status) > 0 {
		out = append(out, "")
	}
	add(f.status...)
	add(f.help...)
	if len(out) > m.height {
		out = out[:m.height] // only a box too small for the status and header
	}
	return termsafe.Screen(termsafe.Redact(strings.Join(out, "\n"), m.o.Secrets...))
}

// fit cuts s to w columns with an ellipsis: only for the header's first
// row and the scroll line, which are decoration.
func fit(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, max(w, 1), "…")
}

// header is the product and the organization (unless embedded), then what
// the screen is, wrapped.
func (m *Model) header(w int) []string {
	st := m.styles
	var head []string
	if !m.o.Embedded {
		org := termsafe.String(m.o.OrgName)
		if org == "" {
			org = "the organization"
		}
		top := st.Brand.Render("workspace-wizard") + " " + st.Dim.Render("apply to") + " " + st.Org.Render(org)
		head = append(head, fit(top, w))
	}
	for _, l := range wrap(m.title(), w) {
		head = append(head, st.Title.Render(l))
	}
	return head
}

func (m *Model) title() string {
	total := len(m.entries)
	switch m.screen {
	case ScreenApplying:
		t := fmt.Sprintf("Applying · %d of %d · %s", m.done, total, m.elapsed())
		if m.stopping {
			t += " · stopping"
		}
		return t
	case ScreenResult:
		t := "Applied"
		if m.report != nil && m.report.Cancelled {
			t = "Stopped"
		}
		t += " · " + m.elapsed()
		if m.report != nil {
			t += " · exit " + strconv.Itoa(m.report.ExitCode())
		}
		return t
	}
	switch {
	case m.o.Plan == nil || !m.o.Plan.OK():
		return "Review the plan · it has errors"
	case total == 0 && m.o.Plan.Summary.Conflict > 0:
		return "Review the plan · " + plural(m.o.Plan.Summary.Conflict, "conflict") + ", nothing to send"
	case total == 0:
		return "Review the plan · nothing to apply"
	case total == 1:
		return "Review the plan · 1 change"
	}
	return fmt.Sprintf("Review the plan · %d changes", total)
}

func (m *Model) elapsed() string {
	end := m.ended
	if m.screen == ScreenApplying || end.IsZero() {
		end = m.o.Now()
	}
	return end.Sub(m.started).Round(timeUnit).String()
}

// content is the screen's body, its status lines and the body line to
// keep in view while following (from 1; 0 for none).
func (m *Model) content(w int) (body, status []string, focus int) {
	switch m.screen {
	case ScreenApplying:
		return m.applyingView(w)
	case ScreenResult:
		body, status = m.resultView(w)
		return body, status, 0
	}
	body, status = m.reviewView(w)
	return body, status, 0
}

// helpLines are the screen's keys, broken between bindings to fit w.
func (m *Model) helpLines(w int, scrolls bool) []string {
	bindings := m.ShortHelp()
	if scrolls {
		bindings = append(bindings, key.NewBinding(key.WithHelp("↑↓ pgup/pgdn", "scroll")))
	}
	st := m.styles
	sep := st.Dim.Render(" • ")
	var lines []string
	cur, curW := "", 0
	for _, b := range bindings {
		h := b.Help()
		item := st.Key.Render(h.Key) + " " + st.Dim.Render(h.Desc)
		iw := ansi.StringWidth(h.Key + " " + h.Desc)
		if h.Key == "" {
			item, iw = st.Dim.Render(h.Desc), ansi.StringWidth(h.Desc)
		}
		switch {
		case cur == "":
			cur, curW = item, iw
		case curW+3+iw <= w:
			cur, curW = cur+sep+item, curW+3+iw
		default:
			lines = append(lines, cur)
			cur, curW = item, iw
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w { // one binding wider than the box
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return lines
}

// ShortHelp is the current screen's keys (a help.KeyMap, for a parent
// that draws keys in its own chrome).
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.screen {
	case ScreenApplying:
		if m.stopping {
			return nil // the status says what is happening; nothing to press
		}
		return []key.Binding{k.Stop}
	case ScreenResult:
		return []key.Binding{k.Close}
	}
	if m.confirming != nil {
		return m.confirmHelp()
	}
	var out []key.Binding
	switch {
	case m.canApply():
		out = []key.Binding{k.Apply, k.Cancel}
	case m.o.Plan != nil && m.o.Plan.OK():
		out = []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter/q", "close"))}
	default:
		c := k.Cancel
		c.SetHelp("q/esc", "close")
		out = []key.Binding{c}
	}
	if m.o.Plan != nil && m.o.Plan.Summary.Unchanged > 0 {
		u := k.Unchanged
		if m.showUnchanged {
			u.SetHelp("u", "hide unchanged")
		}
		out = append(out, u)
	}
	return out
}

// FullHelp is ShortHelp with the scroll keys.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.ShortHelp(), {m.keys.Up, m.keys.PageUp, m.keys.Home, m.keys.End}}
}
