package setup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
	"github.com/anthropic-tools/workspace-wizard/internal/ui"
)

// RunAccessible is the guided setup as plain prompts, one question per
// line, on o.Input and o.Output (accessible mode: --accessible,
// ACCESSIBLE=1 or TERM=dumb): the same templates, rules, review, apply and
// save as the full-screen setup, asked through ui's Prompter. Every string
// it shows, the server's included, is made safe by the Prompter's Say.
func RunAccessible(ctx context.Context, o Options) Result {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Path == "" {
		o.Path = "org.yaml"
	}
	in, out := o.Input, o.Output
	if in == nil {
		in = strings.NewReader("")
	}
	if out == nil {
		out = io.Discard
	}
	key := o.Key.Reveal()
	clean := func(s string) string { return termsafe.String(termsafe.Redact(s, key)) }
	a := &plain{ctx: ctx, o: o, p: ui.NewLinePrompter(ctx, in, out, clean), file: o.File}
	if a.file == nil {
		a.file = &plan.File{Version: plan.Version}
	}
	err := a.run()
	return Result{File: a.file, Saved: a.saved, Report: a.report, Err: err}
}

// plain is the setup asked line by line.
type plain struct {
	ctx     context.Context
	o       Options
	p       ui.Prompter
	file    *plan.File
	saved   string
	dirty   bool
	report  ReportSummary
	applied error // the last apply's error, once one ran
}

func (a *plain) say(format string, args ...any) { a.p.Say(fmt.Sprintf(format, args...)) }

// The plan's actions, in the order they are offered.
var plainActions = []string{
	"Edit a workspace", "Add a workspace", "Remove a workspace",
	"Members of a workspace", "Rate-limit caps of a workspace", "Invites",
	"Review the plan", "Apply the plan", "Save the plan", "Quit",
}

const (
	actEdit = iota
	actAdd
	actRemove
	actMembers
	actCaps
	actInvites
	actReview
	actApply
	actSave
	actQuit
)

func (a *plain) run() error {
	org := a.o.OrgName
	if org == "" {
		org = "the organization"
	}
	a.say("workspace-wizard setup: set up %s. Nothing is sent until you apply the plan.", org)
	if a.o.File == nil {
		if err := a.template(); err != nil {
			return a.left()
		}
	}
	for {
		a.showPlan()
		def := actReview
		if len(a.file.Workspaces) == 0 {
			def = actAdd
		}
		i, err := a.p.Select("What next? A number", plainActions, def)
		if err != nil {
			return a.left()
		}
		switch i {
		case actEdit, actRemove, actMembers, actCaps:
			w, err := a.pickWorkspace(plainActions[i])
			if err != nil {
				return a.left()
			}
			if w < 0 {
				continue
			}
			switch i {
			case actEdit:
				err = a.edit(w)
			case actRemove:
				a.say("Removed %s from the plan (nothing is archived).", a.file.Workspaces[w].Name)
				a.file.Workspaces = append(a.file.Workspaces[:w:w], a.file.Workspaces[w+1:]...)
				a.dirty = true
			case actMembers:
				err = a.members(w)
			case actCaps:
				err = a.caps(w)
			}
			if err != nil {
				return a.left()
			}
		case actAdd:
			err = a.edit(-1)
		case actInvites:
			err = a.invites()
		case actReview:
			a.review()
		case actApply:
			err = a.apply()
		case actSave:
			err = a.save()
		case actQuit:
			if !a.dirty {
				return a.left()
			}
			ok, err := a.p.Confirm("The plan has changes that are not saved. Quit anyway?", false)
			if err != nil || ok {
				return a.left()
			}
		}
		if errors.Is(err, ui.ErrInputEnded) {
			return a.left()
		}
	}
}

// left is how the setup ends: the last apply's error once one ran, else
// ErrQuit.
func (a *plain) left() error {
	if a.report.Ran {
		return a.applied
	}
	return ErrQuit
}

// template asks for a template and its one question.
func (a *plain) template() error {
	labels := make([]string, len(templates))
	for i, t := range templates {
		labels[i] = t.name + ": " + t.desc
	}
	i, err := a.p.Select("How should the organization start? A number", labels, 0)
	if err == nil && templates[i].name == thisOrg {
		a.say("Reading the organization…")
		f, notice, err := fromOrganization(a.ctx, a.o.Admin)
		if err != nil {
			a.say("Error: could not read the organization: %s", termsafe.String(err.Error()))
			return a.template()
		}
		a.file, a.dirty = f, true
		a.say("%s", notice)
		return nil
	}
	if err != nil || templates[i].ask == "" {
		return err
	}
	for {
		v, err := a.p.Input(templates[i].ask, "")
		if err != nil {
			return err
		}
		ws, err := fromTemplate(i, v)
		if err != nil {
			a.say("Error: %s", err)
			continue
		}
		a.file.Workspaces, a.dirty = ws, true
		return nil
	}
}

// showPlan says the plan's workspaces, numbered, and its invites, in one
// write so that a screen reader gets it whole.
func (a *plain) showPlan() {
	var b strings.Builder
	fmt.Fprintf(&b, "\nThe plan: %s", plural(len(a.file.Workspaces), "workspace"))
	if n := len(a.file.Invites); n > 0 {
		fmt.Fprintf(&b, ", %s", plural(n, "invite"))
	}
	if a.dirty {
		b.WriteString(" (not saved)")
	}
	for i, ws := range a.file.Workspaces {
		fmt.Fprintf(&b, "\n  %d. %s: %s", i+1, ws.Name, describe(ws))
	}
	if len(a.file.Invites) > 0 {
		var who []string
		for _, in := range a.file.Invites {
			who = append(who, in.Email+" as "+string(in.Role))
		}
		b.WriteString("\nInvites: " + strings.Join(who, ", "))
	}
	a.p.Say(b.String())
}

// pickWorkspace asks which workspace an action is for: -1 when the plan
// has none.
func (a *plain) pickWorkspace(action string) (int, error) {
	ws := a.file.Workspaces
	switch len(ws) {
	case 0:
		a.say("The plan has no workspaces yet: add one first.")
		return -1, nil
	case 1:
		return 0, nil
	}
	names := make([]string, len(ws))
	for i, w := range ws {
		names[i] = w.Name
	}
	return a.p.Select(action+": which workspace? A number", names, 0)
}

// review reads the organization and says what applying the plan would
// do; nil when it could not be read.
func (a *plain) review() *plan.Plan {
	a.say("Reading the organization…")
	names := make([]string, len(a.file.Workspaces))
	for i, w := range a.file.Workspaces {
		names[i] = w.Name
	}
	o, err := apply.Observe(a.ctx, a.o.Admin, names...)
	if err != nil {
		a.say("Error: reading the organization failed: %s", err)
		return nil
	}
	p := plan.Diff(a.file, o)
	a.p.Say(strings.TrimRight(p.Text(plainWidth, false), "\n"))
	switch {
	case p.OK() && p.Changes() == 0 && p.Summary.Conflict > 0:
		a.say("⚠ Nothing to send, and %d conflicts a plan never changes (listed above): fix the plan or the organization.", p.Summary.Conflict)
	case p.OK() && p.Changes() == 0:
		a.say("✓ The organization already matches the plan: nothing to apply.")
	}
	return p
}

// plainWidth is the width the plan's table is laid out for: lines are
// read out, not drawn, so a terminal's width does not matter.
const plainWidth = 100

// apply reviews the plan, asks, and applies it, saying each item's result
// as it finishes.
func (a *plain) apply() error {
	p := a.review()
	switch {
	case p == nil:
		return nil
	case !p.OK():
		a.say("The plan has errors: fix them before applying. Nothing was sent.")
		return nil
	case p.Changes() == 0:
		return nil
	}
	ok, err := a.p.Confirm(fmt.Sprintf("Apply these %d changes?", p.Changes()), false)
	if err != nil || !ok {
		return err
	}
	a.say("Applying…")
	opts := apply.Options{Now: a.o.Now, Sleep: a.o.Sleep, OnEvent: func(ev apply.Event) {
		if ev.Kind == apply.EventFinished {
			a.say("  %s", resultText(ev.Result))
		}
	}}
	r, err := apply.Run(a.ctx, a.o.Admin, p, opts)
	if err != nil {
		a.say("Error: %s", err)
		return nil
	}
	s := r.Summary
	a.say("Applied: %d done, %d failed, %d skipped, %d unknown, %d incomplete. Exit code %d.", s.Done, s.Failed, s.Skipped, s.Unknown, s.Incomplete, r.ExitCode())
	a.say("Save the plan to apply it again later: a second apply changes nothing.")
	a.report = ReportSummary{Ran: true, ExitCode: r.ExitCode()}
	a.applied = r.Err()
	return nil
}

// resultText is one finished item in words: result, item, what happened,
// and the request-id.
func resultText(r *apply.ItemResult) string {
	s := string(r.Result) + " " + r.ID + ": " + r.Message
	if r.RequestID != "" {
		s += " (request-id " + r.RequestID + ")"
	}
	if r.Check != "" {
		s += ". Check: " + r.Check
	}
	return s
}

// save asks where and saves the plan, never over a file without a yes.
func (a *plain) save() error {
	def := a.saved
	if def == "" {
		def = a.o.Path
	}
	for {
		path, err := a.p.Input("Save the plan to", def)
		if err != nil {
			return err
		}
		if path = strings.TrimSpace(path); path == "" {
			a.say("Error: type where to save the plan, e.g. org.yaml")
			continue
		}
		if a.o.exists(path) && path != a.saved {
			ok, err := a.p.Confirm(path+" exists. Overwrite it?", false)
			if err != nil {
				return err
			}
			if !ok {
				def = ""
				continue
			}
		}
		if err := a.o.save(a.file, path); err != nil {
			a.say("Error: saving failed: %s", err)
			continue
		}
		a.saved, a.dirty = path, false
		a.say("Saved to %s. Apply it again any time: workspace-wizard apply -f %s", path, path)
		return nil
	}
}
