package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// nameDebounce is how long typing must pause before names are looked up.
const nameDebounce = 300 * time.Millisecond

// nameStep is the workspace name, checked as it is typed. A name already in
// use gets a warning, looked up in the background: the first look-up lists
// the organization's workspaces once and caches them.
type nameStep struct {
	input   textinput.Model
	err     error  // rules.ValidateName, as typed
	apiErr  string // a 400 from the API about the name
	warn    string // the name is already in use
	seq     int
	names   map[string]string // nil until listed
	loading bool
	listErr error
	cut     int // the length of a name the field's CharLimit cut, or 0
}

func newNameStep(s Styles, name string) nameStep {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "e.g. research-prod"
	in.CharLimit = rules.MaxNameLen + 50 // let an over-long paste show its error
	in.SetStyles(s.Input)
	in.SetValue(name)
	st := nameStep{input: in}
	if name != "" {
		st.err = rules.ValidateName(name)
	}
	return st
}

func (m *Model) updateName(msg tea.Msg) tea.Cmd {
	st := &m.name
	switch msg := msg.(type) {
	case nameTickMsg:
		if msg.seq != st.seq {
			return nil // typing went on; a newer tick is coming
		}
		if st.names == nil && !st.loading && st.listErr == nil && m.api != nil {
			st.loading = true
			return namesCmd(m.ctx, m.api)
		}
		st.checkDuplicate()
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Next) {
			// Spaces around the name are dropped rather than refused:
			// they are invisible, and the API may not keep them.
			if v := strings.TrimSpace(st.input.Value()); v != st.input.Value() {
				st.input.SetValue(v)
			}
			st.err = st.validate(st.input.Value())
			if st.err != nil || st.apiErr != "" {
				return nil
			}
			// Enter came before the typing pause that starts the look-up:
			// start it now; review shows what it finds.
			if st.names == nil && !st.loading && st.listErr == nil && m.api != nil {
				st.loading = true
				return tea.Batch(namesCmd(m.ctx, m.api), m.next())
			}
			return m.next()
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
		st.err = st.validate(strings.TrimSpace(v)) // a space typed between words is no error

		st.apiErr = ""
		st.warn = ""
		st.seq++
		if st.names != nil {
			st.checkDuplicate()
		} else {
			cmd = tea.Batch(cmd, m.after(nameDebounce, nameTickMsg{st.seq}))
		}
	}
	return cmd
}

// validate is rules.ValidateName, saying so when the field cut the name
// to its CharLimit: "this name has 305" would be untrue of a 10,000-character paste.
func (st *nameStep) validate(v string) error {
	err := rules.ValidateName(v)
	if err != nil && st.cut > 0 && utf8.RuneCountInString(v) > rules.MaxNameLen {
		return fmt.Errorf("use at most %d characters: the pasted name has %d, cut to the first %d here", rules.MaxNameLen, st.cut, st.input.CharLimit)
	}
	return err
}

func (st *nameStep) gotNames(msg namesMsg) {
	st.loading = false
	if msg.err != nil {
		st.listErr = msg.err
		return
	}
	st.names = msg.names
	st.checkDuplicate()
}

func (st *nameStep) checkDuplicate() {
	st.warn = ""
	v := st.input.Value()
	if id, ok := st.names[normName(v)]; ok && st.err == nil {
		st.warn = "a workspace named \"" + v + "\" already exists (" + id + "). Names need not be unique, but two alike are easy to confuse."
	}
}

func (m *Model) viewName(b *block) {
	s := m.styles
	st := &m.name
	b.line(s.Title.Render("Workspace name"))
	b.line(st.input.View())
	switch {
	case st.apiErr != "":
		b.wrap(s.Error, "✗ "+st.apiErr)
	case st.err != nil:
		b.wrap(s.Error, "✗ "+st.err.Error())
	case st.warn != "":
		b.wrap(s.Warn, "⚠ "+st.warn)
	}
	b.gap()
	b.wrap(s.Desc, "Shown in the Console and on API keys. Up to 255 characters; it can be renamed later.")
}
