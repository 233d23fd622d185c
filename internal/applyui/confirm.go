package applyui

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// archiveConfirm is the review asking, before anything is sent, for the
// name of each workspace the plan archives to be typed: archiving is
// permanent, so it is never one keystroke (as the wizard's "create
// anyway").
type archiveConfirm struct {
	items []plan.Item // the archive items, in plan order
	at    int         // the one being confirmed
	typed string
	wrong bool // Enter was pressed on a name that is not the workspace's
}

// archives is the plan's archive items.
func (m *Model) archives() []plan.Item {
	var out []plan.Item
	for _, e := range m.entries {
		if e.item.Action == plan.Archive {
			out = append(out, e.item)
		}
	}
	return out
}

// confirmKey handles a key while a name is being typed: Enter checks it
// (the apply starts once the last name matches), Esc goes back to the
// review, Ctrl+C leaves with nothing sent; other keys type.
func (m *Model) confirmKey(k tea.KeyPressMsg) tea.Cmd {
	c := m.confirming
	switch k.String() {
	case "ctrl+c":
		m.confirming = nil
		return m.cancel()
	case "esc":
		m.confirming = nil
		return nil
	case "enter":
		if c.typed != c.items[c.at].Workspace {
			c.wrong = true
			return nil
		}
		c.at, c.typed, c.wrong = c.at+1, "", false
		if c.at < len(c.items) {
			return nil
		}
		m.confirming = nil
		return m.start()
	case "backspace":
		if r := []rune(c.typed); len(r) > 0 {
			c.typed = string(r[:len(r)-1])
		}
		c.wrong = false
		return nil
	}
	if k.Text == "" {
		m.scrollKey(k) // arrows and page keys still scroll the plan
		return nil
	}
	if k.Text != "" {
		c.typed += k.Text
		c.wrong = false
	}
	return nil
}

// confirmStatus is the question under the review while a name is typed.
func (m *Model) confirmStatus(w int) []string {
	st := m.styles
	c := m.confirming
	it := c.items[c.at]
	name := termsafe.String(it.Workspace)
	var out []string
	add := func(style func(...string) string, s string) {
		for _, l := range wrap(s, w) {
			out = append(out, style(l))
		}
	}
	n := ""
	if len(c.items) > 1 {
		n = " (" + strconv.Itoa(c.at+1) + " of " + strconv.Itoa(len(c.items)) + ")"
	}
	add(st.Warn.Render, fmt.Sprintf("⚠ Archive workspace “%s”%s? Permanent: its API keys stop working and it can never be unarchived.", name, n))
	add(st.Text.Render, "Type its name to archive it: "+termsafe.String(c.typed)+"▏")
	if c.wrong {
		add(st.Error.Render, "✗ That is not its name; type “"+name+"” exactly, or esc to go back.")
	}
	return out
}

// confirmHelp is the keys while a name is typed.
func (m *Model) confirmHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "archive")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "cancel")),
	}
}
