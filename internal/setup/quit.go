package setup

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// quitScreen asks before leaving a plan with changes not saved.
type quitScreen struct{ back screen }

func (st *quitScreen) title(*Model) string { return "Quit without saving?" }

func (st *quitScreen) help(m *Model) []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save first")),
		key.NewBinding(key.WithKeys("y"), key.WithHelp("y/ctrl+c", "quit, losing the changes")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stay")),
	}
}

func (st *quitScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k.String() {
	case "y", "ctrl+c":
		return m.quit()
	case "s":
		return m.show(newSaveScreen(m, st.back))
	case "esc", "n":
		m.cur = st.back
	}
	return nil
}

func (st *quitScreen) view(m *Model, w, _ int) []string {
	text := "⚠ The plan has changes that are not saved. Nothing was sent: quitting now loses them."
	if m.result.Report.Ran {
		text = "⚠ The plan was applied but is not saved as a file: the organization keeps what was applied, but to apply the plan again later it must be saved."
	}
	return wrap(m.styles.Warn, text+" s saves the plan first; esc goes back.", w)
}
