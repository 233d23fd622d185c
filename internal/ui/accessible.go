package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// RunAccessible runs the wizard as plain prompts, one question per line,
// on o.Input and o.Output: no screen drawing and no animation. It is the
// second front end over the same core (internal/wizard): the same rules,
// review, create and error table as the full-screen wizard.
func RunAccessible(ctx context.Context, o Options) Outcome {
	if o.Output == nil {
		o.Output = io.Discard
	}
	if o.Input == nil {
		o.Input = strings.NewReader("")
	}
	return newAccessible(ctx, o).run()
}

// accessible is the plain-prompt wizard.
type accessible struct {
	ctx context.Context
	s   *wizard.Session
	p   Prompter
	loc *time.Location
}

func newAccessible(ctx context.Context, o Options) *accessible {
	if o.Now == nil {
		o.Now = time.Now
	}
	s := wizard.New(wizard.Options{Config: o.Config, API: o.API, Connect: o.Connect, Demo: o.Demo,
		Now: o.Now, Sleep: o.Sleep, LookAgainAfter: o.LookAgainAfter})
	loc := o.Location
	if loc == nil {
		loc = time.Local
	}
	return &accessible{ctx: ctx, s: s, p: newLinePrompter(ctx, o.Input, o.Output, s.Text), loc: loc}
}

// say writes one message, made safe to show (Prompter.Say).
func (a *accessible) say(format string, args ...any) { a.p.Say(fmt.Sprintf(format, args...)) }

// steps are the numbered steps, as the full-screen wizard numbers them.
func (a *accessible) steps() []wizard.Field {
	steps := []wizard.Field{wizard.FieldName, wizard.FieldTags, wizard.FieldResidency, wizard.FieldKey}
	if a.s.Org.ProfilesOffered {
		steps = append(steps, wizard.FieldProfile)
	}
	return steps
}

func (a *accessible) header(step int, name string) {
	a.say("\nStep %d of %d: %s", step, len(a.steps())+1, name)
}

func (a *accessible) run() Outcome {
	s := a.s
	if s.Admin() == nil {
		if err := a.askKey(); err != nil {
			return Outcome{Err: s.Cancelled()}
		}
	} else {
		org, err := wizard.Organization(a.ctx, s.Admin())
		if s.SetOrganization(org, err) {
			if err := a.askKey(); err != nil { // the key was refused: ask for another
				return Outcome{Err: s.Cancelled()}
			}
		}
	}
	if s.NeedProfiles() {
		// The user-profile step is offered when the organization has profiles.
		s.SetProfiles(wizard.Profiles(a.ctx, s.Admin()))
	}
	a.say("workspace-wizard: create a workspace in %s", s.Org.Name)
	if s.Org.Err != "" {
		a.say("Error: %s", s.Org.Err)
	}
	fromReview := false
	for i := 0; ; {
		steps := a.steps()
		if i < len(steps) {
			if err := a.ask(i+1, steps[i]); err != nil {
				return Outcome{Err: s.Cancelled()}
			}
			i++
			if fromReview {
				i = len(a.steps())
			}
			continue
		}
		n, err := a.review()
		if err != nil {
			return Outcome{Err: s.Cancelled()}
		}
		if n > 0 {
			i, fromReview = n-1, true
			continue
		}
		out, back, done := a.create()
		if done {
			return out
		}
		i, fromReview = indexOf(a.steps(), back), true
	}
}

func indexOf(steps []wizard.Field, f wizard.Field) int {
	for i, s := range steps {
		if s == f {
			return i
		}
	}
	return len(steps)
}

// ask runs step n, the one for answer f.
func (a *accessible) ask(n int, f wizard.Field) error {
	q := Questions{Ctx: a.ctx, P: a.p, S: a.s}
	switch f {
	case wizard.FieldName:
		a.header(n, "Name")
		return q.Name(nil)
	case wizard.FieldTags:
		a.header(n, "Tags")
		return q.Tags()
	case wizard.FieldResidency:
		a.header(n, "Data residency")
		return q.Residency()
	case wizard.FieldKey:
		a.header(n, "Encryption key")
		return q.Key()
	}
	a.header(n, "User profile")
	return q.Profile()
}

func (a *accessible) askKey() error {
	s := a.s
	if r := s.Org.KeyReason; r != "" {
		a.say("Error: %s", r)
	} else {
		a.say("No ANTHROPIC_ADMIN_API_KEY is set. Paste an admin key (sk-ant-admin...); it is not shown or stored. Run with --demo to try without one.")
	}
	for {
		v, err := a.p.Password("Admin key")
		if err != nil {
			return err
		}
		k := config.Secret(strings.TrimSpace(v))
		if problem := wizard.KeyProblem(k); problem != "" {
			a.say("Error: %s", problem)
			continue
		}
		if why := s.SetConnected(s.Connector(k)(a.ctx)); why != "" {
			a.say("Error: %s", why)
			continue
		}
		return nil
	}
}

// review shows the answers and asks what next: 0 creates, n > 0 opens step
// n again.
func (a *accessible) review() (int, error) {
	steps := len(a.steps())
	a.header(steps+1, "Review")
	// One write, so a screen reader (or a test) gets the review whole.
	var text strings.Builder
	num := 0
	for _, r := range a.s.Review() {
		n := " "
		if r.First {
			num++
			n = strconv.Itoa(num)
		}
		v := r.Value
		if r.Default {
			v += " (default)"
		}
		if r.Note != "" {
			v += " (" + r.Note + ")"
		}
		if r.Lock != "" {
			v += " " + r.Lock
		}
		if r.Warn != "" {
			v += " ⚠ " + r.Warn
		}
		if r.Refused {
			v += " ✗ refused by the API: change it"
		}
		fmt.Fprintf(&text, "  %s %s %s\n", n, pad(r.Label, 18), v)
	}
	if c := a.s.Spec().DisplayColor; c != "" {
		fmt.Fprintf(&text, "    %s %s\n", pad("Colour", 18), c)
	}
	text.WriteString("The same from a script:\n" + strings.Join(a.s.Args(), " "))
	a.p.Say(text.String())
	last := strconv.Itoa(steps)
	for {
		v, err := a.p.Input("Create this workspace? y to create, 1-"+last+" to change a step, q to quit", "y")
		if err != nil {
			return 0, err
		}
		switch strings.ToLower(v) {
		case "y", "yes":
			return 0, nil
		case "q", "n", "no":
			return 0, ErrInputEnded
		}
		if k, err := strconv.Atoi(v); err == nil && k >= 1 && k <= steps {
			return k, nil
		}
		a.say("Error: answer y, a step number from 1 to %s, or q", last)
	}
}

// create sends the workspace through the session's Creator. done is false
// when a step must be answered again (the API refused one answer): back
// names it.
func (a *accessible) create() (out Outcome, back wizard.Field, done bool) {
	s := a.s
	for {
		f, toStep, err := s.Check()
		if toStep {
			a.say("Error: %s", s.Refusal(f))
			return Outcome{}, f, false
		}
		var res *api.Result
		if err == nil {
			a.say("Creating the workspace…")
			res, err = s.Creator(func(ev api.Event) {
				if ev.Kind != api.EventSending || ev.Attempt > 1 {
					s.Sent()
					a.say("  %s", wizard.EventText(ev))
				}
			}).Create(a.ctx, s.Spec())
		}
		if err == nil {
			s.Created(res)
			return a.created(), 0, true
		}
		fail := s.Failed(err)
		if fail.HasField {
			// The API refused one answer: its step is asked again.
			a.say("Error: %s", s.Refusal(fail.Field))
			return Outcome{}, fail.Field, false
		}
		a.say("%s", fail.Title)
		for _, l := range fail.Lines {
			a.say("%s", l)
		}
		switch {
		case fail.Unsure:
			out, again := a.lookAgain(fail)
			if !again {
				return out, 0, true
			}
		case fail.Reenter:
			if ok, err := a.p.Confirm("Enter another admin key and create again?", true); err != nil || !ok {
				return Outcome{Err: fail.Err}, 0, true
			}
			s.AskNewKey(fail.Err)
			if err := a.askKey(); err != nil {
				return Outcome{Err: fail.Err}, 0, true
			}
		case fail.Retry:
			if ok, err := a.p.Confirm("Try again?", true); err != nil || !ok {
				return Outcome{Err: fail.Err}, 0, true
			}
		default:
			return Outcome{Err: fail.Err}, 0, true
		}
	}
}

// lookAgain offers more looks after an unknown outcome, then a create
// anyway that only typing the name confirms. again is true when the user
// typed it: the create is sent once more. It never sends the create again
// on its own.
func (a *accessible) lookAgain(fail wizard.Failure) (out Outcome, again bool) {
	s := a.s
	var ue *api.UnknownOutcomeError
	errors.As(fail.Err, &ue)
	for {
		ok, err := a.p.Confirm("Look for the workspace again?", true)
		if err != nil {
			return Outcome{Err: fail.Err}, false
		}
		if !ok {
			name := s.Name()
			a.say("%s", wizard.CreateAnywayPrompt(name))
			v, err := a.p.Input("To create it anyway, type its name; press Enter to stop", "")
			if err != nil || wizard.ConfirmsCreateAnyway(v, name) != nil {
				return Outcome{Err: fail.Err}, false
			}
			return Outcome{}, true
		}
		ws, err := s.Creator(nil).Find(a.ctx, s.Spec(), ue.Since, ue.Existing)
		if ws != nil {
			s.Created(&api.Result{Workspace: ws, Recovered: true})
			return a.created(), false
		}
		a.say("  %s", wizard.LookedAgain(s.Now().In(a.loc), err))
	}
}

// created shows the workspace, then offers to add members to it, which
// cannot change the outcome.
func (a *accessible) created() Outcome {
	a.summary()
	a.offerMembers()
	res := a.s.Result()
	return Outcome{Workspace: res.Workspace, Result: res}
}

func (a *accessible) summary() {
	sum := a.s.Summary(a.loc)
	if sum.Incomplete {
		a.say("⚠ Workspace created, but not all of the request took effect")
	} else {
		a.say("✓ Workspace created")
	}
	for _, n := range sum.Notes {
		a.say("%s", n)
	}
	for _, f := range sum.Fields {
		a.say("%s %s", pad(f.Label, 15), f.Value)
	}
	if sum.Recovered {
		a.say("%s", wizard.RecoveredNote)
	}
	a.say("Next")
	for _, n := range sum.Next {
		a.say("• %s", n)
	}
}
