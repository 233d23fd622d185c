package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
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
	// confirm is open while the user types the name to create anyway,
	// which could make a second workspace: never one keystroke.
	confirm    *textinput.Model
	confirmErr string
}

func (f *failure) unknown(ue *api.UnknownOutcomeError, loc *time.Location) {
	at := ue.Since.In(loc).Format("15:04:05 MST")
	f.unsure = true
	f.title = "The workspace may or may not have been created"
	looked := fmt.Sprintf("the wizard looked for it %d times by listing and did not find it", ue.Looks)
	if ue.Lookup != nil {
		looked = "the wizard could not list the workspaces to look for it"
	}
	f.lines = []string{
		"The request was sent at " + at + " but no answer said whether it worked (" + ue.Cause.Message + ue.Cause.RequestIDNote() + "), and " + looked + ".",
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
		m.notice = "✓ ID copied to the clipboard"
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
	if m.failure.confirm != nil {
		return m.updateCreateAnyway(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case m.failure.unsure && key.Matches(k, m.keys.CreateAnyway) && !m.failure.looking:
		in := textinput.New()
		in.Prompt = "> "
		in.SetStyles(m.styles.Input)
		in.Focus()
		m.failure.confirm, m.failure.confirmErr = &in, ""
		return textinput.Blink
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
		m.key.err = ""
		// Say why a key is asked for: this run has one (perhaps --demo's).
		var e *api.Error
		if errors.As(m.failure.err, &e) {
			m.key.reason = startRefusal(e, m.opts.Demo)
		}
		return m.goTo(stateKey)
	case key.Matches(k, m.keys.Review) && !m.failure.unsure:
		return m.goTo(stateReview)
	case k.String() == "q" || k.String() == "enter" && !m.failure.retry:
		return m.quit(Outcome{Err: m.failure.err})
	}
	return nil
}

// updateCreateAnyway reads the typed confirmation: the workspace's name
// exactly, then Enter. Esc leaves it.
func (m *Model) updateCreateAnyway(msg tea.Msg) tea.Cmd {
	f := &m.failure
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			f.confirm, f.confirmErr = nil, ""
			return nil
		case "enter":
			if f.confirm.Value() != m.sub.spec.Name {
				f.confirmErr = "type the name exactly as it is above, “" + m.sub.spec.Name + "”, or press esc"
				return nil
			}
			f.confirm = nil
			return m.submit()
		}
	}
	in, cmd := f.confirm.Update(msg)
	f.confirm = &in
	f.confirmErr = ""
	return cmd
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
	if f.confirm != nil {
		b.gap()
		b.wrap(s.Warn.Bold(true), "Create anyway? If the first request did land, this makes a second workspace named “"+m.sub.spec.Name+"”.")
		b.wrap(s.Desc, "To send it again, type the name and press enter; esc goes back.")
		b.mark()
		b.line(f.confirm.View())
		if f.confirmErr != "" {
			b.wrap(s.Error, "✗ "+f.confirmErr)
		}
	}
}

func (m *Model) viewResult(b *block) {
	s := m.styles
	ws := m.result.Workspace
	if inc := m.result.Incomplete; inc != nil {
		b.line(s.Warn.Bold(true).Render("⚠ Workspace created, but not all of the request took effect"))
		b.wrap(s.Warn, inc.Message+inc.RequestIDNote())
		b.wrap(s.Desc, "Do not create it again: fix what the message names on this workspace, in the Console or with the Update Workspace API.")
		if m.result.FetchErr != nil {
			b.wrap(s.Dim, "Reading the workspace back failed ("+m.result.FetchErr.Error()+"); only its id is shown.")
		}
	} else {
		b.line(s.OK.Bold(true).Render("✓ Workspace created"))
	}
	row := func(label, value string) { b.field(s.Label, label, 15, value) }
	// Every value is the server's: shown through m.text.
	row("ID", s.Value.Bold(true).Render(m.text(ws.ID)))
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
	if ws.UserProfileID != "" {
		row("User profile", m.prof.profileValue(ws.UserProfileID))
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
	if ws.UserProfileID != "" {
		b.wrap(s.Desc, "• Every inference request through this workspace must name user profile "+ws.UserProfileID+".")
	}
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
