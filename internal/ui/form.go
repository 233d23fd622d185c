package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/forms"
)

// formBox is a huh form embedded in a step, the way huh's bubbletea example
// does it: the step owns the form, forwards messages to it, watches its
// State, and draws its own header, help and messages around it. first is
// the key of the form's first field, where shift+tab leaves the step
// instead of the field.
type formBox struct {
	form  *huh.Form
	f     forms.Form // the same form, with its options' labels
	first string
}

// embed prepares a form from internal/forms for the wizard: its styles,
// no help or errors of its own (the step draws them), sized to the window.
func (e *env) embed(ff forms.Form, first string) (formBox, tea.Cmd) {
	theme := e.theme
	f := ff.WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return theme })).
		WithShowHelp(false).WithShowErrors(false)
	cmd := f.Init()
	_, size := f.Update(e.formSize())
	return formBox{form: f, f: ff, first: first}, tea.Batch(cmd, size)
}

// formSize lays a form out at the body's width and its natural height: the
// wizard's own window scrolls it.
func (e *env) formSize() tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: e.bodyWidth(), Height: 1000}
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

// focused is the key of the field with focus, or "".
func (fb *formBox) focused() string {
	if fb.form == nil {
		return ""
	}
	return fb.form.GetFocusedField().GetKey()
}

// form draws a form into the block and keeps its focused field in view,
// from its title to the line after the option under the cursor. The field
// is found by its own view (huh's Field.View), the option by its label
// (forms.Form.Hovered): never by huh's glyphs.
func (b *block) form(fb formBox) {
	if fb.form == nil {
		return
	}
	lines := strings.Split(strings.TrimRight(fb.form.View(), "\n "), "\n")
	field := strings.Split(strings.TrimRight(fb.form.GetFocusedField().View(), "\n "), "\n")
	first := indexLines(lines, field)
	last := first + len(field) - 1
	if label, ok := fb.f.Hovered(); ok && first >= 0 {
		// Its first line, or as many of its first words as one line
		// of the screen holds: the label may wrap there.
		words := strings.Fields(ansi.Strip(strings.Split(label, "\n")[0]))
		for n := len(words); n > 0; n-- {
			if at := indexLines(lines[first:last+1], []string{strings.Join(words[:n], " ")}); at >= 0 {
				last = min(first+at+1, last)
				break
			}
		}
	}
	for i, l := range lines {
		if i == first {
			b.mark()
		}
		b.line(strings.TrimRight(l, " "))
		if first >= 0 && i == last {
			b.markEnd()
		}
	}
}

// indexLines is where the lines of part start among lines, compared
// without styling, or -1.
func indexLines(lines, part []string) int {
	if len(part) == 0 {
		return -1
	}
	head := strings.TrimSpace(ansi.Strip(part[0]))
	for i := 0; i+len(part) <= len(lines); i++ {
		if !strings.Contains(ansi.Strip(lines[i]), head) {
			continue
		}
		ok := true
		for j := 1; j < len(part) && ok; j++ {
			ok = strings.Contains(ansi.Strip(lines[i+j]), strings.TrimSpace(ansi.Strip(part[j])))
		}
		if ok {
			return i
		}
	}
	return -1
}
