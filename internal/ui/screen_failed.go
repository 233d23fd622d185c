package ui

import (
	"errors"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// failedScreen is a create that did not make the workspace, explained from
// the one error table, or one whose outcome is not known: then it can look
// again, or create anyway once the name is typed (never one keystroke).
type failedScreen struct {
	looking    bool   // a second look is under way
	note       string // what the last second look found
	confirm    *textinput.Model
	confirmErr string
}

// lookedAgainMsg is the answer to a second look for the workspace.
type lookedAgainMsg struct {
	ws  *anthropic.Workspace
	err error
}

func (lookedAgainMsg) to() state { return stateFailed }

func newFailedScreen(*env) page { return &failedScreen{} }

func (st *failedScreen) open(e *env) tea.Cmd {
	*st = failedScreen{}
	return nil
}

func (st *failedScreen) failure(e *env) wizard.Failure {
	if f := e.s.Failure(); f != nil {
		return *f
	}
	return wizard.Failure{Title: "Not created"}
}

func (st *failedScreen) mode(e *env) mode {
	return mode{typing: st.confirm != nil, waiting: st.looking}
}

func (st *failedScreen) title(e *env) string {
	if st.failure(e).Unsure {
		return "Outcome unknown"
	}
	return screenName(stateFailed)
}

func (st *failedScreen) ending(e *env) Outcome { return Outcome{Err: st.failure(e).Err} }

func (st *failedScreen) help(e *env) (short, more []key.Binding) {
	k := e.keys
	f := st.failure(e)
	if st.confirm != nil {
		return []key.Binding{with(k.Next, "enter", "create anyway"), with(k.CancelEdit, "esc", "back")}, nil
	}
	if f.Retry {
		short = append(short, k.Retry)
	}
	if f.Reenter {
		short = append(short, k.Reenter)
	}
	if f.Unsure {
		// Going back to create again could make a second workspace: only
		// by typing the name (CreateAnyway).
		return append(short, k.LookAgain, with(k.Exit, "q", "exit"), k.CreateAnyway), nil
	}
	return append(short, with(k.Review, "e", "back to review"), with(k.Exit, "q", "exit")), nil
}

func (st *failedScreen) update(e *env, msg tea.Msg) tea.Cmd {
	if looked, ok := msg.(lookedAgainMsg); ok {
		st.looking = false
		if looked.ws != nil {
			e.s.Created(&api.Result{Workspace: looked.ws, Recovered: true})
			e.show(stateResult)
			return nil
		}
		st.note = wizard.LookedAgain(e.s.Now().In(e.loc), looked.err)
		return nil
	}
	if st.confirm != nil {
		return st.createAnyway(e, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	f := st.failure(e)
	switch {
	case f.Unsure && key.Matches(k, e.keys.CreateAnyway) && !st.looking:
		in := textinput.New()
		in.Prompt = "> "
		in.SetStyles(e.styles.Input)
		in.Focus()
		st.confirm, st.confirmErr = &in, ""
		return textinput.Blink
	case f.Unsure && key.Matches(k, e.keys.LookAgain) && !st.looking:
		var ue *api.UnknownOutcomeError
		if errors.As(f.Err, &ue) {
			st.looking = true
			ctx, c, spec := e.ctx, e.s.Creator(nil), e.s.Spec()
			return func() tea.Msg {
				ws, err := c.Find(ctx, spec, ue.Since, ue.Existing)
				return lookedAgainMsg{ws, err}
			}
		}
	case k.String() == "up":
		e.scrollBy(-1)
	case k.String() == "down":
		e.scrollBy(1)
	case f.Retry && key.Matches(k, e.keys.Retry):
		return submit(e)
	case f.Reenter && key.Matches(k, e.keys.Reenter):
		e.s.AskNewKey(f.Err)
		e.afterKey = stateReview
		e.show(stateKey)
	case key.Matches(k, e.keys.Review) && !f.Unsure:
		e.show(stateReview)
	case k.String() == "q" || k.String() == "enter" && !f.Retry:
		e.quit(st.ending(e))
	}
	return nil
}

// createAnyway reads the typed confirmation: the workspace's name exactly,
// then Enter. Esc leaves it.
func (st *failedScreen) createAnyway(e *env, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			st.confirm, st.confirmErr = nil, ""
			return nil
		case "enter":
			if err := wizard.ConfirmsCreateAnyway(st.confirm.Value(), e.s.Name()); err != nil {
				st.confirmErr = err.Error()
				return nil
			}
			st.confirm = nil
			return submit(e)
		}
	}
	before := st.confirm.Value()
	in, cmd := st.confirm.Update(msg)
	st.confirm = &in
	if in.Value() != before {
		st.confirmErr = "" // a cursor blink is no answer: the error stays until the name changes
	}
	return cmd
}

func (st *failedScreen) view(e *env, b *block) {
	s := e.styles
	f := st.failure(e)
	if f.Unsure {
		b.wrap(s.Warn.Bold(true), "⚠ "+f.Title)
	} else {
		b.wrap(s.Error.Bold(true), "✗ "+f.Title)
	}
	for _, l := range f.Lines {
		b.wrap(s.Value, l)
	}
	switch {
	case st.looking:
		b.wrapAfter(s.Dim, e.spinner()+" ", "Looking for it again…")
	case st.note != "":
		b.wrap(s.Dim, st.note)
	}
	if st.confirm != nil {
		b.gap()
		b.wrap(s.Warn.Bold(true), wizard.CreateAnywayPrompt(e.s.Name()))
		b.wrap(s.Desc, "To send it again, type the name and press enter; esc goes back.")
		b.mark()
		b.line(st.confirm.View())
		if st.confirmErr != "" {
			b.wrap(s.Error, "✗ "+st.confirmErr)
		}
	}
}
