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
	return wrap(m.styles.Warn, "⚠ The plan has changes that are not saved. Nothing was sent: quitting now loses them. s saves the plan first; esc goes back.", w)
}
