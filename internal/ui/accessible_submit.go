package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

func keyEnter() tea.KeyPressMsg { return tea.KeyPressMsg{Code: tea.KeyEnter} }

// create submits through the same Creator and failure handling as the
// full-screen wizard. done is false when a step must be answered again (a
// 400 naming a field, or a retry); p.m.state is then that step.
func (p *prompter) create() (Outcome, bool) {
	m := p.m
	for {
		p.say("Creating the workspace…")
		cmd := m.submit()
		if m.state != stateSubmitting {
			p.say("Error: the answers need a change first.")
			return Outcome{}, false
		}
		for cmd != nil {
			msg := cmd()
			if ev, ok := msg.(createEventMsg); ok && (ev.ev.Kind != api.EventSending || ev.ev.Attempt > 1) {
				p.say("  %s", eventText(ev.ev))
			}
			cmd = m.updateSubmitting(msg)
		}
		switch m.state {
		case stateResult:
			return p.created(), true
		case stateFailed:
			f := &m.failure
			p.say("%s", f.title)
			for _, l := range f.lines {
				p.say("  %s", l)
			}
			if f.unsure {
				out, again := p.lookAgain()
				if !again {
					return out, true
				}
				continue
			}
			if !f.retry {
				return Outcome{Err: f.err}, true
			}
			v, err := p.ask("Try again? (y/n)", "y")
			if err != nil || !isYes(v) {
				return Outcome{Err: f.err}, true
			}
		default:
			// A 400 took us to the step of the field it names.
			return Outcome{}, false
		}
	}
}

// created shows the workspace, then offers to add members to it, which
// cannot change the outcome.
func (p *prompter) created() Outcome {
	m := p.m
	b := m.newBlock(78)
	m.viewResult(b)
	for _, l := range b.lines {
		p.say("%s", ansi.Strip(l))
	}
	p.offerMembers()
	return Outcome{Workspace: m.result.Workspace, Result: m.result}
}

// lookAgain offers, as the full-screen wizard does, to list the workspaces
// again after an unknown outcome, until the workspace turns up or the user
// stops. It never sends the create again.
// lookAgain offers more looks after an unknown outcome, then a create
// anyway that only typing the name confirms. again is true when the user
// typed it: the create is sent once more.
func (p *prompter) lookAgain() (out Outcome, again bool) {
	m := p.m
	for {
		v, err := p.ask("Look for the workspace again? (y/n)", "y")
		if err != nil {
			return Outcome{Err: m.failure.err}, false
		}
		if !isYes(v) {
			name := m.sub.spec.Name
			p.say("Creating it anyway could make a second workspace named %q, if the first request did land.", name)
			v, err := p.ask("To create it anyway, type its name; press Enter to stop", "")
			if err != nil || v != name {
				return Outcome{Err: m.failure.err}, false
			}
			return Outcome{}, true
		}
		for cmd := m.updateFailed(tea.KeyPressMsg{Code: 'l', Text: "l"}); cmd != nil; {
			cmd = m.updateFailed(cmd())
		}
		if m.state == stateResult {
			return p.created(), false
		}
		p.say("  %s", m.failure.note)
	}
}
