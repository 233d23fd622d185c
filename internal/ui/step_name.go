package ui

import (
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// nameDebounce is how long typing must pause before names are looked up.
const nameDebounce = 300 * time.Millisecond

// nameStep is the workspace name, checked as it is typed. A name already in
// use gets a warning, looked up in the background: the first look-up lists
// the organization's workspaces once.
type nameStep struct {
	input textinput.Model
	err   error // the rules' or the API's word on the name as typed
	seq   int   // typing's pause ticks, to tell stale ones apart
	cut   int   // the length of a paste the field's CharLimit cut, or 0
}

// nameTickMsg fires after typing pauses.
type nameTickMsg struct{ seq int }

func (nameTickMsg) to() state { return stateName }

// namesMsg carries the organization's workspace names.
type namesMsg struct {
	names map[string]string
	err   error
}

func (namesMsg) to() state { return stateName }

func newNameStep(e *env) page {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "e.g. research-prod"
	in.CharLimit = rules.MaxNameLen + 50 // let an over-long paste show its error
	in.SetStyles(e.styles.Input)
	in.SetWidth(max(e.width-6, 10))
	st := &nameStep{input: in}
	if v := e.s.Name(); v != "" {
		in.SetValue(v)
		st.input = in
		st.err = e.s.CheckName(v)
	}
	return st
}

func (st *nameStep) restyle(s Styles) { st.input.SetStyles(s.Input) }

func (st *nameStep) resize(e *env, _ bool) tea.Cmd {
	st.input.SetWidth(max(e.width-6, 10))
	return nil
}

func (st *nameStep) open(e *env) tea.Cmd {
	cmd := st.input.Focus()
	if v := e.s.Name(); v != "" && v != st.input.Value() {
		st.input.SetValue(v) // left unsaved (esc): the answer is as it was
		st.cut = 0
	}
	if v := strings.TrimSpace(st.input.Value()); v != "" {
		st.err = st.check(e, v) // the API may have refused it since
	}
	if st.input.Value() != "" && !e.s.NamesKnown() {
		// A name from --name is checked for duplicates like a typed one.
		return tea.Batch(cmd, st.listNames(e))
	}
	return cmd
}

func (st *nameStep) mode(e *env) mode { return mode{typing: true} }

func (st *nameStep) help(e *env) (short, more []key.Binding) {
	k := e.keys
	switch {
	case e.s.Refusal(wizard.FieldName) != "" && st.input.Value() == e.s.Name():
		// Enter would send the refused name again: it does nothing.
		return []key.Binding{refusedNote(), with(k.Back, "shift+tab/esc", "back to review"), k.Quit}, nil
	case e.fromReview():
		return []key.Binding{with(k.Next, "enter", "back to review"), with(k.Back, "esc", "review, unchanged"), k.Quit}, nil
	}
	return []key.Binding{k.Next, k.Quit}, nil
}

// listNames starts the workspace list, once per session.
func (st *nameStep) listNames(e *env) tea.Cmd {
	if !e.s.NeedNames() {
		return nil
	}
	ctx, a := e.ctx, e.s.Admin()
	return func() tea.Msg {
		names, err := wizard.Names(ctx, a)
		return namesMsg{names, err}
	}
}

func (st *nameStep) update(e *env, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case nameTickMsg:
		if msg.seq != st.seq {
			return nil // typing went on; a newer tick is coming
		}
		return st.listNames(e)
	case namesMsg:
		e.s.SetNames(msg.names, msg.err)
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, e.keys.Next) {
			// Spaces around the name are dropped rather than refused:
			// they are invisible, and the API may not keep them.
			v := strings.TrimSpace(st.input.Value())
			st.input.SetValue(v)
			if st.err = st.check(e, v); st.err != nil {
				return nil
			}
			_ = e.s.SetName(v)
			e.next()
			// Enter came before the typing pause that starts the look-up:
			// start it now; review shows what it finds.
			return st.listNames(e)
		}
	}
	before := st.input.Value()
	// The field keeps at most CharLimit characters: a longer paste is cut,
	// and the error must then say how long the name really was.
	wanted := utf8.RuneCountInString(before)
	switch msg := msg.(type) {
	case tea.PasteMsg:
		wanted += utf8.RuneCountInString(msg.Content)
	case tea.KeyPressMsg:
		wanted += utf8.RuneCountInString(msg.Text)
	}
	var cmd tea.Cmd
	st.input, cmd = st.input.Update(msg)
	if v := st.input.Value(); v != before {
		st.cut = 0
		if wanted > st.input.CharLimit && utf8.RuneCountInString(v) == st.input.CharLimit {
			st.cut = wanted
		}
		st.err = st.check(e, strings.TrimSpace(v)) // a space typed between words is no error
		st.seq++
		if !e.s.NamesKnown() {
			cmd = tea.Batch(cmd, e.after(nameDebounce, nameTickMsg{st.seq}))
		}
	}
	return cmd
}

// check is the session's check of v, saying so when the field cut a paste
// to its CharLimit.
func (st *nameStep) check(e *env, v string) error {
	if st.cut > 0 {
		if err := wizard.CutNameError(v, st.cut, st.input.CharLimit); err != nil {
			return err
		}
	}
	return e.s.CheckName(v)
}

func (st *nameStep) view(e *env, b *block) {
	s := e.styles
	b.line(s.Title.Render("Workspace name"))
	b.line(st.input.View())
	switch {
	case st.err != nil:
		b.wrap(s.Error, "✗ "+st.err.Error())
	case e.s.Duplicate(strings.TrimSpace(st.input.Value())) != "":
		b.wrap(s.Warn, "⚠ "+e.s.Duplicate(strings.TrimSpace(st.input.Value())))
	}
	b.gap()
	b.wrap(s.Desc, "Shown in the Console and on API keys. Up to 255 characters; it can be renamed later.")
	if n := e.s.NamesNote(); n != "" {
		b.wrap(s.Dim, n)
	}
}
