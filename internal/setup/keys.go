package setup

import (
	"errors"

	"charm.land/bubbles/v2/key"
)

// ErrQuit is a setup left without applying.
var ErrQuit = errors.New("setup left")

type keys struct {
	Quit, Up, Down, Enter, Back, Add, Delete, Edit key.Binding
	Members, Limits, Invites, Review, Save, Apply  key.Binding
}

func newKeys() keys {
	return keys{
		Quit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "move")),
		Down:    key.NewBinding(key.WithKeys("down", "j")),
		Enter:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Add:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add a workspace")),
		Delete:  key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "remove")),
		Edit:    key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit")),
		Members: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "members")),
		Limits:  key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "rate limits")),
		Invites: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "invites")),
		Review:  key.NewBinding(key.WithKeys("r", "tab"), key.WithHelp("r", "review the plan")),
		Save:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
		Apply:   key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "apply")),
	}
}

func with(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}
