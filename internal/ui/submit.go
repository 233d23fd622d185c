package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// submitStep is a create in flight: api.Creator runs in a command and its
// progress reports arrive one by one through ch.
type submitStep struct {
	started    time.Time
	now        time.Time
	status     string
	log        []string
	cancel     context.CancelFunc
	cancelling bool
	run        *createRun
	spec       api.Spec
}

// submit checks the whole spec with the shared rules, then sends it. A
// value the API refused is never sent again unchanged: its step opens.
func (m *Model) submit() tea.Cmd {
	if s, ok := m.refusedStep(); ok {
		if s == stateEncryption {
			m.enc.phase = encChoose
		}
		return m.jump(s)
	}
	spec := m.spec()
	if fes := rules.FieldErrors(rules.Validate(spec)); len(fes) > 0 {
		if cmd, ok := m.fieldError(fes[0].Field, fes[0].Err.Error()); ok {
			return cmd
		}
		// No step can fix it (main checks such flags first): send nothing.
		return m.createFailed(fmt.Errorf("%s: %w; run again with it corrected", config.FlagFor(fes[0].Field), fes[0].Err))
	}
	ctx, cancel := context.WithCancel(m.ctx)
	now := m.now()
	m.sub = submitStep{started: now, now: now, cancel: cancel,
		spec: spec, status: "Sending the request…"}
	m.state = stateSubmitting
	m.fullHelp = false
	c := &api.Creator{API: m.api, Now: m.now, Sleep: m.sleep, LookAgainAfter: m.opts.LookAgainAfter}
	m.sub.run = startCreate(ctx, c, spec)
	return m.sub.run.next()
}

func (m *Model) cancelSubmit() tea.Cmd {
	if !m.sub.cancelling {
		m.sub.cancelling = true
		m.sub.cancel()
		m.sub.log = append(m.sub.log, m.sub.status)
		m.sub.status = "Cancelling… waiting to learn whether the workspace was created"
	}
	return nil
}

func (m *Model) updateSubmitting(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Cancel) {
			return m.cancelSubmit()
		}
	case createEventMsg:
		m.sub.now = m.now()
		if msg.ev.Kind != api.EventSending {
			m.sent = true // a POST reached the API
		}
		if msg.ev.Kind != api.EventSending || msg.ev.Attempt > 1 {
			m.sub.log = append(m.sub.log, m.sub.status)
		}
		m.sub.status = eventText(msg.ev)
		return m.sub.run.next()
	case createDoneMsg:
		m.sub.cancel()
		if msg.err == nil {
			m.result = msg.res
			m.state = stateResult
			m.scroll = 0
			return nil
		}
		return m.createFailed(msg.err)
	}
	return nil
}

// eventText describes what the Creator is doing.
func eventText(ev api.Event) string {
	wait := ev.Wait.Round(time.Second)
	switch ev.Kind {
	case api.EventSending:
		if ev.Attempt > 1 {
			return fmt.Sprintf("Sending the request again (attempt %d)…", ev.Attempt)
		}
		return "Sending the request…"
	case api.EventWaiting:
		why := "The API did not process the request"
		if e := ev.Err; e != nil {
			why = e.Summary() + "; nothing was created"
		}
		return fmt.Sprintf("%s; retrying in %s…", why, wait)
	case api.EventReconciling:
		if ev.Look > 1 {
			return fmt.Sprintf("Not found yet; looking again (look %d)…", ev.Look)
		}
		why := "No clear answer"
		if ev.Err != nil {
			why = ev.Err.Summary()
		}
		return why + "; the request may have landed, so it is not sent again: looking for the workspace…"
	case api.EventRechecking:
		return "The encryption key changed while the API checked it; nothing was created. Validating the key again before sending once more…"
	}
	return ""
}

func (m *Model) viewSubmitting(b *block) {
	s := m.styles
	elapsed := m.sub.now.Sub(m.sub.started).Round(time.Second)
	b.line(s.Title.Render("Creating “"+m.sub.spec.Name+"”") + s.Dim.Render(" · "+elapsed.String()))
	for i := max(len(m.sub.log)-3, 0); i < len(m.sub.log); i++ {
		b.wrap(s.Dim, "· "+m.sub.log[i])
	}
	b.mark()
	b.wrapAfter(s.Value, m.spinner()+" ", m.sub.status)
	b.gap()
	if m.sub.cancelling {
		b.wrap(s.Warn, "⚠ The request was cancelled. If it had reached the API, the workspace may exist; the wizard is checking.")
	} else {
		b.wrap(s.Desc, "esc cancels; the wizard then tells you whether the workspace may already exist.")
	}
}

// fieldError shows a refused value at its field, keeping every answer, and
// opens that step; Enter there returns to review.
func (m *Model) fieldError(field, text string) (tea.Cmd, bool) {
	var to state
	switch field {
	case rules.FieldName:
		m.name.apiErr, to = text, stateName
	case rules.FieldTags:
		m.tags.apiErr, to = text, stateTags
	case rules.FieldWorkspaceGeo, rules.FieldAllowedGeos, rules.FieldDefaultGeo:
		m.res.apiErr, m.res.errFor, to = text, m.res.v, stateResidency
	case rules.FieldExternalKeyID:
		// The key's earlier validation says nothing about this refusal:
		// forget it, so the key is chosen (and validated) again, or No.
		st := &m.enc
		st.apiErr, to = text, stateEncryption
		st.phase = encChoose
		st.checking = false
		st.status, st.statusID, st.message = "", "", ""
	case rules.FieldUserProfileID:
		m.prof.offered = true // the step can fix it, listed or not
		m.prof.apiErr, m.prof.errFor, to = text, m.prof.chosen, stateProfile
	default:
		return nil, false
	}
	return m.jump(to), true
}

// refusedStep is the first step still holding a value the API refused,
// unchanged since.
func (m *Model) refusedStep() (state, bool) {
	switch {
	case m.name.apiErr != "":
		return stateName, true
	case m.tags.apiErr != "":
		return stateTags, true
	case m.res.apiErr != "" && m.res.v == m.res.errFor:
		return stateResidency, true
	case m.enc.apiErr != "" && m.enc.useKey:
		return stateEncryption, true
	case m.prof.apiErr != "" && m.prof.chosen == m.prof.errFor:
		return stateProfile, true
	}
	return 0, false
}

// apiRefused introduces the API's message at a field, so it reads as the
// server's refusal and not as one of the wizard's own checks.
func apiRefused(field string) string {
	switch field {
	case rules.FieldName:
		return "The API refused this name: "
	case rules.FieldTags:
		return "The API refused the tags: "
	case rules.FieldExternalKeyID:
		return "The API refused this encryption key: "
	case rules.FieldUserProfileID:
		return "The API refused this user profile: "
	}
	return "The API refused the data residency: "
}

// createFailed explains a failed create and decides what may be done next.
func (m *Model) createFailed(err error) tea.Cmd {
	var ue *api.UnknownOutcomeError
	var e *api.Error
	f := failure{err: err}
	cancelled := m.cancelled() // what a cancel now means, before this create counts
	if !errors.As(err, &e) || !e.Unsent {
		m.sent = true // a create reached the API: a later cancel says so
	}
	switch {
	case errors.As(err, &ue):
		f.unknown(ue, m.loc)
	case errors.As(err, &e) && e.Kind == api.KindInvalid:
		named, text := rules.SplitFieldMessage(e.Message)
		field := e.Field()
		if field == "" {
			field = named
		} else if named != field {
			text = e.Message
		}
		if field != "" {
			if e.Code == api.CodeWorkspacePolicyViolation {
				text += " (the organization's Workspace Policy; an organization admin sees it in the Console)"
			}
			if cmd, ok := m.fieldError(field, apiRefused(field)+text+e.RequestIDNote()); ok {
				return cmd
			}
		}
		f.title = "The API refused the workspace; nothing was created"
		f.lines = []string{e.Summary(), "Go back to review (e), change what the message names, and create again."}
	case errors.As(err, &e) && e.Kind == api.KindCanceled:
		// The Creator reports a cancel only when nothing it sent can
		// have been processed; a cancel in flight is looked into instead.
		f.err = cancelled
		f.title = "Cancelled; nothing was created"
		f.lines = []string{"The create was " + e.Message + ". No workspace was made."}
		f.retry = true
	case errors.As(err, &e) && e.Code == api.CodeSandboxEgressRestricted:
		f.title = "The key's network access is restricted; nothing was created"
		f.lines = []string{e.Summary(), "The key may only be used from networks its organization allows (sandbox egress). Run the wizard from such a network, or ask an organization admin."}
	case errors.As(err, &e) && e.Kind == api.KindAuth:
		f.title = "The API refused the key; nothing was created"
		f.lines = []string{fmt.Sprintf("%d %s: %s%s", e.Status, e.Type, e.Message, e.RequestIDNote()),
			"Creating workspaces needs an admin key (sk-ant-admin…) belonging to an organization admin. A regular API key, or an admin key of a non-admin, cannot."}
		f.reenter = m.opts.Connect != nil
	case errors.As(err, &e):
		f.title = "Not created"
		f.lines = []string{failureReason(e), "Nothing was created, so trying again is safe."}
		f.retry = true
	default:
		f.title = "Not created"
		f.lines = []string{err.Error()}
	}
	m.failure = f
	m.state = stateFailed
	m.scroll = 0
	return nil
}

func failureReason(e *api.Error) string {
	switch e.Kind {
	case api.KindRateLimited, api.KindOverloaded:
		return e.Summary() + ", and it kept refusing the request."
	case api.KindBilling:
		return e.Summary() + ". Check the organization's plan and billing in the Console."
	}
	return e.Summary() + "."
}
