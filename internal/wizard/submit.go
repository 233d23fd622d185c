package wizard

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Cancelled is the error of a quit before the workspace was created: true
// about what was sent. Nothing sent: ErrCancelled. Sent and answered (a
// refusal, a 429): ErrCancelledAfterRefusal. Sent and never answered: the
// create's unknown outcome, which stays unknown after the quit (exit 5).
func (s *Session) Cancelled() error {
	if s.unknown != nil {
		return s.unknown
	}
	if s.sent {
		return outcome.ErrCancelledAfterRefusal
	}
	return outcome.ErrCancelled
}

// Check is the draft checked as a whole before a create. ok: it may be
// sent. Otherwise, with back, the answer field must change first (its step
// says why: Refusal); without, err is a problem no step can fix.
func (s *Session) Check() (f Field, back bool, err error) {
	if f, ok := s.Refused(); ok {
		return f, true, nil
	}
	fes := rules.FieldErrors(rules.Validate(s.Spec()))
	if len(fes) == 0 {
		return 0, false, nil
	}
	if f, ok := FieldOf(fes[0].Field); ok {
		s.refuse(f, fes[0].Err.Error())
		return f, true, nil
	}
	// Such flags are checked before the wizard starts: send nothing.
	return 0, false, fmt.Errorf("%s: %w; run again with it corrected", config.FlagFor(fes[0].Field), fes[0].Err)
}

// Creator is the create-without-duplicates for this session's client and
// clock, reporting its progress to onEvent.
func (s *Session) Creator(onEvent func(api.Event)) *api.Creator {
	return &api.Creator{API: s.api, Now: s.opts.Now, Sleep: s.opts.Sleep,
		LookAgainAfter: s.opts.LookAgainAfter, OnEvent: onEvent}
}

// Sent records that a create reached the API (a progress report other than
// the first "sending").
func (s *Session) Sent() { s.sent = true }

// Failure is a create that did not make the workspace, explained from the
// one error table (internal/outcome), with what may be done next.
type Failure struct {
	Err   error
	Title string
	Lines []string
	// Field is set (HasField) when the API refused one answer: its step
	// shows the refusal, and the front end goes back there.
	Field    Field
	HasField bool
	Retry    bool // nothing was created: sending again is safe
	Reenter  bool // the key was refused: another may be typed
	Unsure   bool // the workspace may exist: look again, or create anyway
}

// Failed explains a failed create.
func (s *Session) Failed(err error) Failure {
	var ue *api.UnknownOutcomeError
	var e *api.Error
	f := Failure{Err: err}
	cancelled := s.Cancelled() // what a cancel means, before this create counts
	switch {
	case errors.As(err, &ue):
		s.unknown = ue // sent, never answered: it may exist
	case !errors.As(err, &e) || !e.Unsent:
		s.sent = true
	}
	if errors.As(err, &e) && e.Kind == api.KindInvalid {
		named, text := rules.SplitFieldMessage(e.Message)
		field := e.Field()
		if field == "" {
			field = named
		} else if named != field {
			text = e.Message
		}
		if fld, ok := FieldOf(field); ok {
			if e.Code == api.CodeWorkspacePolicyViolation && !strings.Contains(text, "Workspace Policy") {
				// Said once: the API's own message may already name it.
				text += " (the organization's Workspace Policy; an organization admin sees it in the Console)"
			}
			s.refuse(fld, apiRefused(fld)+text+e.RequestIDNote())
			f.Field, f.HasField = fld, true
		}
	}
	if ue == nil && errors.As(err, &e) && e.Kind == api.KindCanceled {
		// The Creator reports a cancel only when nothing it sent can have
		// been processed; a cancel in flight is looked into instead and
		// ends as found or as an unknown outcome, never as this.
		f.Err = cancelled
	}
	row := outcome.Of(f.Err)
	f.Title = headline(f.Err)
	// The table's message and hint, each one paragraph: their line breaks
	// are flag mode's, and the screen wraps to its own width.
	for _, t := range []string{row.Message(f.Err), row.Hint(f.Err)} {
		t = strings.Join(strings.Fields(strings.TrimPrefix(t, "Error: ")), " ")
		if t != "" {
			f.Lines = append(f.Lines, strings.ToUpper(t[:1])+t[1:])
		}
	}
	switch {
	case errors.As(err, &ue):
		f.Unsure = true
	case errors.As(err, &e) && e.Code == api.CodeSandboxEgressRestricted:
	case errors.As(err, &e) && e.Kind == api.KindAuth:
		f.Reenter = s.opts.Connect != nil
	case errors.As(err, &e) && e.Kind != api.KindInvalid:
		// The Creator returns an API error only when nothing was created.
		f.Retry = true
	}
	s.failure = &f
	return f
}

// Failure is the last create's failure, or nil.
func (s *Session) Failure() *Failure { return s.failure }

// Created records the workspace made, or found after an unclear answer.
func (s *Session) Created(res *api.Result) {
	s.result = res
	s.failure = nil
	s.unknown = nil
}

// Result is the created workspace, or nil.
func (s *Session) Result() *api.Result { return s.result }

// headline is a failure's title on the wizard's screen.
func headline(err error) string {
	switch outcome.KindOf(err) {
	case outcome.UnknownOutcome:
		return "The workspace may or may not have been created"
	case outcome.Cancelled, outcome.CancelledAfterRefusal:
		return "Cancelled; nothing was created"
	case outcome.KeyRefused, outcome.KeyForbidden:
		return "The API refused the key; nothing was created"
	case outcome.Egress:
		return "The key's network access is restricted; nothing was created"
	case outcome.FieldRefused, outcome.Refused:
		return "The API refused the workspace; nothing was created"
	}
	return "Not created"
}

// apiRefused introduces the API's message at a field, so it reads as the
// server's refusal and not as one of the wizard's own checks.
func apiRefused(f Field) string {
	switch f {
	case FieldName:
		return "The API refused this name: "
	case FieldTags:
		return "The API refused the tags: "
	case FieldKey:
		return "The API refused this encryption key: "
	case FieldProfile:
		return "The API refused this user profile: "
	}
	return "The API refused the data residency: "
}

// EventText says what a create is doing.
func EventText(ev api.Event) string {
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

// LookedAgain says what a second look for a workspace whose create had no
// clear outcome found, when it found nothing.
func LookedAgain(at time.Time, err error) string {
	stamp := at.Format("15:04:05 MST")
	if err != nil {
		return "Looked again at " + stamp + ", but listing workspaces failed: " + err.Error()
	}
	return "Looked again at " + stamp + ": no such workspace yet. A request still in flight may create it later."
}

// CreateAnywayPrompt is what a create that could make a second workspace
// asks; the answer must be the workspace's exact name.
func CreateAnywayPrompt(name string) string {
	return "Create anyway? If the first request did land, this makes a second workspace named “" + name + "”."
}

// ConfirmsCreateAnyway reports whether typed is the name, exactly.
func ConfirmsCreateAnyway(typed, name string) error {
	if typed != name {
		return errors.New("type the name exactly as it is above, “" + name + "”, or press esc")
	}
	return nil
}
