package picker

import "charm.land/bubbles/v2/key"

// KeyMap is every key the picker answers to. Any other key that types text
// goes into the filter, so no binding here may be a plain printable key
// other than space.
type KeyMap struct {
	Up, Down           key.Binding
	PageUp, PageDown   key.Binding
	Home, End          key.Binding
	Toggle, SelectAll  key.Binding
	NextRole, PrevRole key.Binding
	Submit             key.Binding
	Back               key.Binding // clears the filter, or else leaves
	DeleteChar         key.Binding
	ClearFilter        key.Binding
}

// DefaultKeyMap is the picker's keys: arrows (and ctrl+p/n) to move, space
// or tab to select, ←/→ or ctrl+r for the role, enter to add, esc back.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/↓", "move")),
		Down:        key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn", "page")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:        key.NewBinding(key.WithKeys("home"), key.WithHelp("home/end", "first/last")),
		End:         key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Toggle:      key.NewBinding(key.WithKeys("space", "tab"), key.WithHelp("space", "select")),
		SelectAll:   key.NewBinding(key.WithKeys("ctrl+a"), key.WithHelp("ctrl+a", "select all shown")),
		NextRole:    key.NewBinding(key.WithKeys("right", "ctrl+r"), key.WithHelp("←/→", "role")),
		PrevRole:    key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous role")),
		Submit:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "add")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		DeleteChar:  key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("backspace", "delete")),
		ClearFilter: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear filter")),
	}
}

// ShortHelp is the one-line help, the keys needed most first (a narrow
// help line keeps those): type to filter is said by the filter line
// itself. Esc says what it will do now.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	return []key.Binding{k.Toggle, k.Submit, k.NextRole, m.backHelp(), k.Up, k.SelectAll}
}

// FullHelp is every key, in columns: moving, choosing, leaving.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.PageUp, k.Home},
		{k.Toggle, k.SelectAll, k.NextRole},
		{k.Submit, m.backHelp()},
	}
}

func (m Model) backHelp() key.Binding {
	b := m.keys.Back
	if m.query != "" {
		b.SetHelp(b.Help().Key, "clear filter")
	}
	return b
}
