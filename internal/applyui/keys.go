package applyui

import "charm.land/bubbles/v2/key"

// KeyMap is the keys of the three screens. Which are enabled depends on
// the screen (see Model.ShortHelp).
type KeyMap struct {
	Apply     key.Binding // review: send the plan's writes
	Cancel    key.Binding // review: leave, nothing sent
	Unchanged key.Binding // review: show or hide unchanged items
	Stop      key.Binding // applying: stop starting new items
	Close     key.Binding // result: end
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Home      key.Binding
	End       key.Binding
}

// DefaultKeyMap is the keys the README documents.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Apply:     key.NewBinding(key.WithKeys("enter", "y"), key.WithHelp("enter/y", "apply")),
		Cancel:    key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), key.WithHelp("q/esc", "cancel")),
		Unchanged: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "show unchanged")),
		Stop:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "stop")),
		Close:     key.NewBinding(key.WithKeys("enter", "q", "esc", "ctrl+c"), key.WithHelp("enter/q", "close")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", "scroll up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "scroll down")),
		PageUp:    key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn", "page down")),
		Home:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home", "top")),
		End:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end", "bottom")),
	}
}
