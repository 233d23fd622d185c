package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// keyStep asks for the admin key when none is in the environment, or when
// the one given was refused. The key stays in the masked field and in the
// client; it is never drawn.
type keyStep struct {
	input    textinput.Model
	err      string
	checking bool
}

// keyCheckedMsg is a typed key's check.
type keyCheckedMsg struct{ c wizard.Connected }

func (keyCheckedMsg) to() state { return stateKey }

func newKeyStep(e *env) page {
	in := textinput.New()
	in.Prompt = "> "
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.Placeholder = "sk-ant-admin…"
	in.SetStyles(e.styles.Input)
	in.SetWidth(max(e.width-6, 10))
	return &keyStep{input: in}
}

func (st *keyStep) restyle(s Styles) { st.input.SetStyles(s.Input) }

func (st *keyStep) resize(e *env, _ bool) tea.Cmd {
	st.input.SetWidth(max(e.width-6, 10))
	return nil
}

func (st *keyStep) open(e *env) tea.Cmd {
	st.input.Reset()
	st.err = ""
	return st.input.Focus()
}

func (st *keyStep) mode(e *env) mode { return mode{typing: true, waiting: st.checking} }

func (st *keyStep) help(e *env) (short, more []key.Binding) {
	return []key.Binding{with(e.keys.Next, "enter", "check key"), e.keys.Quit}, nil
}

func (st *keyStep) update(e *env, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case keyCheckedMsg:
		st.checking = false
		if msg.c.Err != nil {
			st.err = e.s.SetConnected(msg.c)
			if wizard.KeyWasRefused(msg.c.Err) {
				st.input.Reset()
			}
			return nil
		}
		e.s.SetConnected(msg.c)
		e.show(e.afterKey)
		e.afterKey = stateName
		// A key for another organization (or the first key): list its
		// user profiles, as when the organization is first learned.
		return e.listProfiles()
	case tea.KeyPressMsg:
		if st.checking {
			return nil
		}
		if key.Matches(msg, e.keys.Next) {
			k := config.Secret(strings.TrimSpace(st.input.Value()))
			if st.err = wizard.KeyProblem(k); st.err != "" {
				return nil
			}
			st.checking = true
			connect, ctx := e.s.Connector(k), e.ctx
			return func() tea.Msg { return keyCheckedMsg{connect(ctx)} }
		}
		st.err = ""
	}
	var cmd tea.Cmd
	st.input, cmd = st.input.Update(msg)
	return cmd
}

func (st *keyStep) view(e *env, b *block) {
	s := e.styles
	b.line(s.Title.Render("Admin API key"))
	b.line(st.input.View())
	switch {
	case st.checking:
		b.line(s.Dim.Render(e.spinner() + " checking the key…"))
	case st.err != "":
		b.wrap(s.Error, "✗ "+st.err)
	}
	b.gap()
	if r := e.s.Org.KeyReason; r != "" {
		b.wrap(s.Warn, "⚠ "+r)
		b.wrap(s.Desc, "The key is kept in memory only and never shown. Your answers so far are kept.")
		return
	}
	for _, l := range e.s.NoKeyText() {
		b.wrap(s.Desc, l)
	}
}
