package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
)

// keyMap is every key the wizard answers to. Which ones the help line shows
// depends on the screen, see helpKeys.
type keyMap struct {
	Next, Back, Quit, Help      key.Binding
	Up, Down, Toggle            key.Binding
	Edit, Delete, CancelEdit    key.Binding
	Jump, Create, Retry, Review key.Binding
	Cancel, Copy, Exit, Reenter key.Binding
	LookAgain, Members, Leave   key.Binding
	CreateAnyway                key.Binding
	PageUp, PageDown, Tab       key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Next:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")),
		Back:         key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab/esc", "back")),
		Quit:         key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Up:           key.NewBinding(key.WithKeys("up", "k", "ctrl+p"), key.WithHelp("↑/↓", "move")),
		Down:         key.NewBinding(key.WithKeys("down", "j", "ctrl+n"), key.WithHelp("↓", "down")),
		Toggle:       key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "select")),
		Edit:         key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter/e", "edit")),
		Delete:       key.NewBinding(key.WithKeys("d", "delete", "ctrl+d"), key.WithHelp("d", "remove")),
		CancelEdit:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel edit")),
		Jump:         key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-4", "change a step")),
		Create:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "create")),
		Retry:        key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "try again")),
		Review:       key.NewBinding(key.WithKeys("esc", "e"), key.WithHelp("e", "back to review")),
		Cancel:       key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "cancel")),
		Copy:         key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy id")),
		Exit:         key.NewBinding(key.WithKeys("enter", "q", "esc"), key.WithHelp("enter/q", "exit")),
		Reenter:      key.NewBinding(key.WithKeys("k"), key.WithHelp("k", "enter another key")),
		LookAgain:    key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "look for it again")),
		CreateAnyway: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "create anyway (could make a second workspace)")),
		Members:      key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "add members")),
		Leave:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the workspace")),
		Tab:          key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
		PageUp:       key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "scroll down")),
	}
}

// refusedNote is a help item with no key: on a step whose value the API
// refused, Enter cannot move on until the value is changed.
func refusedNote() key.Binding {
	return key.NewBinding(key.WithKeys("enter"), key.WithHelp("", "edit the value; the API refused it"))
}

// bindingHelp is a help.KeyMap for one screen.
type bindingHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindingHelp) ShortHelp() []key.Binding  { return b.short }
func (b bindingHelp) FullHelp() [][]key.Binding { return b.full }

// with returns a copy of b with its help text replaced.
func with(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}

// helpKeys is the current screen's keys and the keys every screen
// shares, where they apply.
func (m *Model) helpKeys(scrolls bool) bindingHelp {
	short, more := m.page().help(m.e)
	if scrolls && m.arrowsScroll() {
		short = append(short, with(m.e.keys.Up, "↑/↓", "scroll"))
	}
	return m.completeHelp(short, more, scrolls)
}

// completeHelp adds the keys every screen shares, where they apply, to a
// screen's own. Full help (?) shows only keys the short line does not, and
// ? is offered only when there are such keys and ? is not a character
// being typed: there, every key is on the short line.
func (m *Model) completeHelp(short, extra []key.Binding, scrolls bool) bindingHelp {
	k := m.e.keys
	short = slices.DeleteFunc(slices.Clone(short), func(b key.Binding) bool { return sameKeys(b, k.Help) })
	var common []key.Binding
	if m.canGoBack() {
		common = append(common, k.Back)
	}
	common = append(common, k.Quit)
	if scrolls {
		common = append(common, k.PageUp, k.PageDown)
	}
	more := slices.Clone(extra) // chosen by the screen: shown as they are
	for _, b := range common {
		if !slices.ContainsFunc(short, func(s key.Binding) bool { return sameKeys(s, b) }) &&
			!slices.ContainsFunc(more, func(s key.Binding) bool { return sameKeys(s, b) }) {
			more = append(more, b)
		}
	}
	if len(more) == 0 {
		return bindingHelp{short: short, full: [][]key.Binding{short}}
	}
	if m.page().mode(m.e).typing {
		// Every key on the one line, but pgup/pgdn: the "more lines"
		// hint on the screen names them, and the line is short of room.
		for _, b := range more {
			if !sameKeys(b, k.PageUp) && !sameKeys(b, k.PageDown) {
				short = append(short, b)
			}
		}
		return bindingHelp{short: short, full: [][]key.Binding{short}}
	}
	return bindingHelp{
		short: append(short, k.Help),
		full:  [][]key.Binding{short, append(more, with(k.Help, "?", "fewer keys"))},
	}
}

// sameKeys reports whether a and b answer to the same key (a help item
// with no key, a note, is never the same as a binding).
func sameKeys(a, b key.Binding) bool {
	if a.Help().Key == "" || b.Help().Key == "" {
		return false
	}
	for _, x := range a.Keys() {
		if slices.Contains(b.Keys(), x) {
			return true
		}
	}
	return false
}

// canGoBack reports whether Shift+Tab (or Esc) goes back from this screen.
func (m *Model) canGoBack() bool {
	i := m.stepIndex(m.e.cur)
	return i > 0 || i == 0 && m.e.fromRev || m.page().mode(m.e).inner
}

// arrowsScroll reports whether ↑/↓ scroll the screen: on the screens after
// a create, which have no list to move in.
func (m *Model) arrowsScroll() bool {
	return (m.e.cur == stateResult || m.e.cur == stateFailed) && !m.page().mode(m.e).typing
}
