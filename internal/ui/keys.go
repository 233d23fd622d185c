package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
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

// helpKeys chooses the bindings the help line shows for the current screen.
func (m *Model) helpKeys() bindingHelp {
	k := m.keys
	quit := k.Quit
	back := k.Back
	var short []key.Binding
	var extra []key.Binding
	switch m.state {
	case stateKey:
		short = []key.Binding{with(k.Next, "enter", "check key"), quit}
	case stateName:
		switch {
		case m.name.apiErr != "":
			// Enter would send the refused name again: it does nothing.
			short = []key.Binding{refusedNote(), with(back, "shift+tab/esc", "back to review"), quit}
		case m.returnReview:
			short = []key.Binding{with(k.Next, "enter", "back to review"), with(back, "esc", "review, unchanged"), quit}
		default:
			short = []key.Binding{k.Next, quit}
		}
	case stateTags:
		switch {
		case m.tags.cursor >= 0:
			short = []key.Binding{k.Edit, k.Delete, with(k.Down, "↑/↓", "select"), back, k.Help}
		case m.tags.apiErr != "" && m.tags.editing < 0:
			// Enter on an empty line would send the refused tags again.
			short = []key.Binding{refusedNote(), with(k.Up, "↑", "select a tag"), back, quit}
		case m.tags.editing >= 0:
			short = []key.Binding{with(k.Next, "enter", "save the tag"), k.CancelEdit, back, quit}
		case m.returnReview:
			short = []key.Binding{with(k.Next, "enter", "add tag / back to review"), with(k.Up, "↑", "select a tag"), back, quit}
		default:
			short = []key.Binding{with(k.Next, "enter", "add tag / continue"), with(k.Up, "↑", "select a tag"), back, quit}
		}
	case stateResidency:
		short = []key.Binding{with(k.Up, "↑/↓", "choose"), k.Tab, k.Next, back, k.Help}
	case stateProfile:
		short = []key.Binding{with(k.Up, "↑/↓", "choose"), k.Next, back, k.Help}
		if m.prof.apiErr != "" && m.prof.pick == m.prof.errFor {
			short = []key.Binding{refusedNote(), with(k.Up, "↑/↓", "choose"), back, k.Help}
		}
	case stateEncryption:
		switch m.enc.phase {
		case encChoose:
			short = []key.Binding{with(k.Up, "↑/↓", "choose"), k.Next, back, k.Help}
		case encPick:
			short = []key.Binding{with(k.Up, "↑/↓", "choose"), with(k.Next, "enter", "use this key"), back, k.Help}
			extra = []key.Binding{with(k.Cancel, "esc", "back to yes/no")}
		default:
			short = []key.Binding{with(k.Next, "enter", "check the key"), with(k.Cancel, "esc", "back"), quit}
		}
	case stateReview:
		enter := k.Create
		if m.review < rowCreate {
			// The selected row opens its step: Enter does not create.
			enter = with(k.Edit, "enter", "change "+strings.ToLower(stepNames[rowStep[m.review]]))
		}
		short = []key.Binding{enter, with(k.Jump, "1-"+strconv.Itoa(len(m.steps())-1), "edit a step"), with(k.Up, "↑/↓", "select"), back, k.Help}
		extra = []key.Binding{with(k.Edit, "↑ enter", "change the selected row")}
	case stateSubmitting:
		short = []key.Binding{with(k.Cancel, "esc/ctrl+c", "cancel")}
	case stateResult:
		short = []key.Binding{k.Copy, k.Members, k.Exit}
		if m.scrollMax > 0 || m.scrollMin < 0 {
			short = append(short, with(k.Up, "↑/↓", "scroll"))
		}
	case stateMembers:
		switch m.mem.phase() {
		case memChoose:
			short = []key.Binding{with(k.Next, "enter", "add members"), k.Toggle, with(k.Up, "↑/↓", "move"),
				with(k.Tab, "tab", "role"), with(k.Leave, "esc", "back"), k.Help}
			if m.mem.box.form != nil && m.mem.box.form.GetFocusedField().GetKey() == rules.FieldMemberRole {
				short = []key.Binding{with(k.Next, "enter", "add members"), with(k.Up, "↑/↓", "choose"),
					with(k.Back, "shift+tab", "users"), with(k.Leave, "esc", "back"), k.Help}
			}
			extra = []key.Binding{with(k.Leave, "esc", "back to the workspace, adding no one")}
		case memAdding:
			short = []key.Binding{with(k.Leave, "esc", "back to the workspace (adding goes on)"), quit}
		case memListFailed:
			if m.mem.listErr != nil {
				short = append(short, with(k.Retry, "r", "list again"))
			}
			short = append(short, with(k.Next, "enter/esc", "back to the workspace"), quit)
		case memDone:
			short = []key.Binding{with(k.Next, "enter/esc", "back to the workspace"), quit}
		default:
			short = []key.Binding{with(k.Leave, "esc", "back"), quit}
		}
	case stateFailed:
		if m.failure.retry {
			short = append(short, k.Retry)
		}
		if m.failure.reenter {
			short = append(short, k.Reenter)
		}
		if m.failure.confirm != nil {
			short = []key.Binding{with(k.Next, "enter", "create anyway"), with(k.CancelEdit, "esc", "back")}
			break
		}
		if m.failure.unsure {
			// Going back to create again could make a second workspace:
			// only by typing the name (CreateAnyway).
			short = append(short, k.LookAgain, with(k.Exit, "q", "exit"), k.CreateAnyway)
			break
		}
		short = append(short, with(k.Review, "e", "back to review"), with(k.Exit, "q", "exit"))
	}
	return m.completeHelp(short, extra)
}

// completeHelp adds the keys every screen shares, where they apply, to a
// screen's own. Full help (?) shows only keys the short line does not, and
// ? is offered only when there are such keys and ? is not a character
// being typed: there, every key is on the short line.
func (m *Model) completeHelp(short, extra []key.Binding) bindingHelp {
	k := m.keys
	short = slices.DeleteFunc(slices.Clone(short), func(b key.Binding) bool { return sameKeys(b, k.Help) })
	var common []key.Binding
	if m.canGoBack() {
		common = append(common, k.Back)
	}
	common = append(common, k.Quit)
	if m.scrollMax > 0 || m.scrollMin < 0 {
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
	if m.typing() {
		short = append(short, more...)
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
	i := m.stepIndex(m.state)
	return i > 0 || i == 0 && m.returnReview || m.state == stateEncryption && m.enc.phase != encChoose
}
