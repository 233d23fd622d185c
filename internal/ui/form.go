package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
)

// formBox is a huh form embedded in a step, the way huh's bubbletea example
// does it: the step owns the form, forwards messages to it and draws its
// own header, help and messages around it. first is the key of the form's
// first field, where shift+tab leaves the step instead of the field.
type formBox struct {
	form  *huh.Form
	first string
}

// embed prepares a form from internal/forms for the wizard: its styles,
// no help or errors of its own (the step draws them), sized to the window.
func (m *Model) embed(f *huh.Form, first string) (formBox, tea.Cmd) {
	f = f.WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return m.huhTheme })).
		WithShowHelp(false).WithShowErrors(false)
	cmd := f.Init()
	_, size := f.Update(m.formSize())
	return formBox{form: f, first: first}, tea.Batch(cmd, size)
}

// formSize lays a form out at the body's width and its natural height: the
// wizard's own window scrolls it.
func (m *Model) formSize() tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: max(m.width-2, 10), Height: 1000}
}

// update forwards a message to the form.
func (fb *formBox) update(msg tea.Msg) tea.Cmd {
	if fb.form == nil {
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if cmd, moved := fb.focusNow(k); moved {
			return cmd
		}
	}
	_, cmd := fb.form.Update(msg)
	return cmd
}

// focusNow moves to the next or previous question at once when k is the
// focused field's enabled tab or shift+tab. huh would move through a
// command, so keys typed right behind the tab (↓ ↓) reached the question
// being left.
func (fb *formBox) focusNow(k tea.KeyPressMsg) (tea.Cmd, bool) {
	for _, b := range fb.form.GetFocusedField().KeyBinds() {
		if !b.Enabled() || !key.Matches(k, b) {
			continue
		}
		switch k.String() {
		case "tab":
			return fb.form.NextField(), true
		case "shift+tab":
			return fb.form.PrevField(), true
		}
	}
	return nil, false
}

// onFirst reports whether the form's first field has focus.
func (fb *formBox) onFirst() bool {
	return fb.form == nil || fb.form.GetFocusedField().GetKey() == fb.first
}

// activeForm is the form on the current screen, if it has one.
func (m *Model) activeForm() *formBox {
	switch {
	case m.state == stateResidency:
		return &m.res.box
	case m.state == stateEncryption && m.enc.phase == encChoose:
		return &m.enc.chooseBox
	case m.state == stateEncryption && m.enc.phase == encPick && !m.enc.loading:
		return &m.enc.pickBox
	case m.state == stateProfile:
		return &m.prof.box
	case m.state == stateMembers && m.mem.phase() == memChoose:
		return &m.mem.box
	}
	return nil
}

// form draws a form into the block and keeps the focused field in view.
func (b *block) form(fb formBox) {
	if fb.form == nil {
		return
	}
	lines := strings.Split(strings.TrimRight(fb.form.View(), "\n "), "\n")
	// The focused field (drawn with a border) from its title to the line
	// after its cursor, so the highlighted option is always in view.
	first, last, cursor := -1, -1, -1
	for i, l := range lines {
		if plain := ansi.Strip(l); strings.Contains(plain, "┃") {
			if first < 0 {
				first = i
			}
			last = i
			if cursor < 0 && strings.Contains(plain, "› ") {
				cursor = i
			}
		}
	}
	if cursor >= 0 {
		last = min(cursor+1, last)
	}
	for i, l := range lines {
		if i == first {
			b.mark()
		}
		b.line(strings.TrimRight(l, " "))
		if i == last {
			b.markEnd()
		}
	}
}
