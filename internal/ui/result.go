package ui

import (
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

// failure is a create that did not succeed, explained.
type failure struct {
	err     error
	title   string
	lines   []string
	retry   bool   // nothing was created: sending again is safe
	reenter bool   // the key was refused: another may be typed
	unsure  bool   // the workspace may exist
	looking bool   // a second look is under way
	note    string // what the last second look found
}

func (f *failure) unknown(ue *api.UnknownOutcomeError, loc *time.Location) {
	at := ue.Since.In(loc).Format("15:04:05 MST")
	f.unsure = true
	f.title = "The workspace may or may not have been created"
	f.lines = []string{
		"The request was sent at " + at + " but no answer said whether it worked (" + ue.Cause.Message + ue.Cause.RequestIDNote() + "), and the wizard could not find the workspace by listing.",
		"Before trying again, open " + api.ConsoleURL + " and look for a workspace named “" + ue.Name + "” created after " + at + ". Trying again without checking could make a second one.",
	}
	if ue.Lookup != nil {
		f.lines = append(f.lines, "Looking it up failed: "+ue.Lookup.Error())
	}
}

func (m *Model) updateResult(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Up):
		m.scrollBy(-1)
	case key.Matches(k, m.keys.Down):
		m.scrollBy(1)
	case key.Matches(k, m.keys.Copy):
		m.copied = true
		// What is shown is what is copied: a pasted id cannot run a command.
		return tea.SetClipboard(m.text(m.result.Workspace.ID))
	case key.Matches(k, m.keys.Members):
		return m.goTo(stateMembers)
	case key.Matches(k, m.keys.Exit):
		return m.quit(Outcome{Workspace: m.result.Workspace, Result: m.result})
	}
	return nil
}

func (m *Model) updateFailed(msg tea.Msg) tea.Cmd {
	if looked, ok := msg.(lookedAgainMsg); ok {
		return m.lookedAgain(looked)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case m.failure.unsure && key.Matches(k, m.keys.LookAgain) && !m.failure.looking:
		var ue *api.UnknownOutcomeError
		if errors.As(m.failure.err, &ue) {
			m.failure.looking = true
			return lookAgainCmd(m.ctx, &api.Creator{API: m.api, Now: m.now}, ue, m.sub.spec)
		}
	case k.String() == "up":
		m.scrollBy(-1)
	case k.String() == "down":
		m.scrollBy(1)
	case m.failure.retry && key.Matches(k, m.keys.Retry):
		return m.submit()
	case m.failure.reenter && key.Matches(k, m.keys.Reenter):
		m.api = nil
		m.reentering = true
		m.key.input.Reset()
		return m.goTo(stateKey)
	case key.Matches(k, m.keys.Review) && !m.failure.unsure:
		return m.goTo(stateReview)
	case k.String() == "q" || k.String() == "enter" && !m.failure.retry:
		return m.quit(Outcome{Err: m.failure.err})
	}
	return nil
}

// lookedAgain shows the workspace if the second look found it, or says when
// it was last looked for.
func (m *Model) lookedAgain(msg lookedAgainMsg) tea.Cmd {
	f := &m.failure
	f.looking = false
	at := m.now().In(m.loc).Format("15:04:05 MST")
	switch {
	case msg.ws != nil:
		m.result = &api.Result{Workspace: msg.ws, Recovered: true}
		m.state = stateResult
		m.scroll = 0
	case msg.err != nil:
		f.note = "Looked again at " + at + ", but listing workspaces failed: " + msg.err.Error()
	default:
		f.note = "Looked again at " + at + ": no such workspace yet. A request still in flight may create it later."
	}
	return nil
}

func (m *Model) viewFailed(b *block) {
	s := m.styles
	f := &m.failure
	if f.unsure {
		b.wrap(s.Warn.Bold(true), "⚠ "+f.title)
	} else {
		b.wrap(s.Error.Bold(true), "✗ "+f.title)
	}
	for _, l := range f.lines {
		b.wrap(s.Value, l)
	}
	switch {
	case f.looking:
		b.wrapAfter(s.Dim, m.spinner()+" ", "Looking for it again…")
	case f.note != "":
		b.wrap(s.Dim, f.note)
	}
}

func (m *Model) viewResult(b *block) {
	s := m.styles
	ws := m.result.Workspace
	b.line(s.OK.Bold(true).Render("✓ Workspace created"))
	row := func(label, value string) { b.field(s.Label, label, 15, value) }
	// Every value is the server's: shown through m.text.
	row("ID", s.Value.Bold(true).Render(m.text(ws.ID)))
	if m.copied {
		b.line(s.OK.Render("  ✓ ID copied to the clipboard"))
	}
	row("Name", m.text(ws.Name))
	row("Created", ws.CreatedAt.In(m.loc).Format("2006-01-02 15:04:05 MST"))
	if ws.DisplayColor != "" {
		swatch := s.swatch(ws.DisplayColor)
		if m.plain {
			swatch = "" // a screen reader would read out two block characters
		}
		row("Colour", swatch+m.text(ws.DisplayColor))
	}
	row("Tags", m.text(api.TagList(ws.Tags)))
	dr := ws.DataResidency
	row("Workspace geo", m.text(string(dr.WorkspaceGeo)))
	row("Inference", m.text("allowed "+api.AllowedGeos(dr)+" · default "+string(dr.DefaultInferenceGeo)))
	if ws.ExternalKeyID != "" {
		row("Encryption key", m.text(ws.ExternalKeyID))
		row("Compartment", m.text(ws.CompartmentID))
	}
	m.viewResultMembers(b, row)
	if m.result.Recovered {
		b.wrap(s.Warn, "⚠ The create's answer was lost; the wizard found the workspace by listing. It was created once.")
	}
	b.gap()
	b.line(s.Title.Render("Next"))
	if added, _ := m.mem.memberSummary(); len(added) > 0 {
		b.wrap(s.Desc, "• Create an API key for the workspace, and manage its members, in the Console: "+api.ConsoleURL)
	} else {
		b.wrap(s.Desc, "• Add members and create an API key for the workspace in the Console: "+api.ConsoleURL)
	}
	if ws.ExternalKeyID != "" {
		b.wrap(s.Desc, "• Scope your KMS key to compartment "+ws.CompartmentID+".")
	}
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
