package applyui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// timeUnit is what elapsed times and waits are rounded to.
const timeUnit = time.Second

// spinner is the frames of an item in flight.
var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// reviewView is the plan as a table, and its counts and question.
func (m *Model) reviewView(w int) (body, status []string) {
	st := m.styles
	p := m.o.Plan
	if p == nil {
		return []string{st.Error.Render("✗ no plan")}, nil
	}
	for _, e := range p.Errors {
		for _, l := range wrap("✗ error: "+termsafe.String(e), w) {
			body = append(body, st.Error.Render(l))
		}
	}
	// Items in error come first, so that a plan that cannot be applied
	// shows why without scrolling.
	var rows, errRows []row
	for _, it := range p.Items {
		if it.Action == plan.Unchanged && !m.showUnchanged {
			continue
		}
		r := row{mark: m.actionMark(it.Action), item: label(it.Kind, it.ID, it.Workspace, it.Target), details: m.planDetails(it)}
		if it.Action == plan.Failed {
			errRows = append(errRows, r)
		} else {
			rows = append(rows, r)
		}
	}
	rows = append(errRows, rows...)
	if len(rows) > 0 {
		lines, _ := table([3]string{"ACTION", "ITEM", "DETAILS"}, rows, w, st)
		body = append(body, lines...)
	} else if len(p.Errors) == 0 {
		body = append(body, st.Dim.Render("(every item is unchanged: u shows them)"))
	}

	s := p.Summary
	parts := []string{fmt.Sprintf("%d to create", s.Create), fmt.Sprintf("%d to update", s.Update)}
	if s.Archive > 0 {
		parts = append(parts, fmt.Sprintf("%d to archive (permanent)", s.Archive))
	}
	for _, c := range []struct {
		n    int
		word string
	}{{s.Conflict, "conflict"}, {s.Note, "note"}, {s.Error, "error"}} {
		if c.n > 0 {
			parts = append(parts, plural(c.n, c.word))
		}
	}
	parts = append(parts, fmt.Sprintf("%d unchanged", s.Unchanged))
	for _, l := range wrap(strings.Join(parts, ", ")+".", w) {
		status = append(status, st.Dim.Render(l))
	}
	var say string
	style := st.Text
	switch {
	case !p.OK():
		n := s.Error + len(p.Errors)
		say, style = "✗ This plan cannot be applied: "+plural(n, "error")+". Fix the file and plan again; nothing will be sent.", st.Error
	case len(m.entries) == 0 && s.Conflict > 0:
		say, style = "⚠ Nothing to send, and "+plural(s.Conflict, "conflict")+" a plan never changes: fix the file or the organization. Applying reports them as not done (exit 1).", st.Warn
	case len(m.entries) == 0:
		say, style = "✓ Nothing to apply: the organization already matches the file.", st.OK
	default:
		org := termsafe.String(m.o.OrgName)
		if org == "" {
			org = "the organization"
		} else {
			org = "“" + org + "”"
		}
		say = fmt.Sprintf("Apply %s to %s?", plural(len(m.entries), "change"), org)
		if s.Conflict > 0 {
			say += " Conflicts are left as they are."
		}
		if s.Archive > 0 {
			say += " Each workspace to archive is asked for by name first."
		}
	}
	if m.confirming != nil {
		return body, append(status, m.confirmStatus(w)...)
	}
	for _, l := range wrap(say, w) {
		status = append(status, style.Render(l))
	}
	return body, status
}

func (m *Model) actionMark(a plan.Action) cell {
	st := m.styles
	switch a {
	case plan.Create:
		return cell{"+ create", st.OK}
	case plan.Update:
		return cell{"~ update", st.Busy}
	case plan.Archive:
		return cell{"⊗ ARCHIVE", st.Error}
	case plan.Conflict:
		return cell{"⚠ conflict", st.Warn}
	case plan.Failed:
		return cell{"✗ error", st.Error}
	case plan.Note:
		return cell{"• note", st.Dim}
	case plan.Unchanged:
		return cell{"= unchanged", st.Dim}
	}
	return cell{termsafe.String(string(a)), st.Text}
}

// planDetails is an item's description, its changes (old → new) and its
// warnings.
func (m *Model) planDetails(it plan.Item) []cell {
	st := m.styles
	out := []cell{{termsafe.String(it.Description), st.Text}}
	for _, c := range it.Changes {
		line := termsafe.String(c.Field) + ": "
		switch {
		case !c.Changed():
			line += value(c.New) + " (unchanged)"
		case c.Old == nil && it.Action == plan.Create:
			line += value(c.New)
		default:
			line += value(c.Old) + " → " + value(c.New)
		}
		if c.OrgLimit != nil {
			line += ", organization's limit " + strconv.FormatInt(*c.OrgLimit, 10)
		}
		out = append(out, cell{line, st.Dim})
	}
	for _, w := range it.Warnings {
		out = append(out, cell{"⚠ " + termsafe.String(w), st.Warn})
	}
	return out
}

func value(s *string) string {
	switch {
	case s == nil:
		return "(none)"
	case *s == "":
		return `""`
	}
	return termsafe.String(*s)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// applyingView is every write with where it is; focus is the first line
// of the first write not finished, which stays in view while following.
func (m *Model) applyingView(w int) (body, status []string, focus int) {
	st := m.styles
	rows := make([]row, len(m.entries))
	first := -1
	inFlight := 0
	for i, e := range m.entries {
		rows[i] = m.entryRow(e)
		if e.phase != finished && first < 0 {
			first = i
		}
		if e.phase == sending || e.phase == waiting || e.phase == looking {
			inFlight++
		}
	}
	body, starts := table([3]string{"STATUS", "ITEM", "DETAILS"}, rows, w, st)
	if first >= 0 {
		focus = starts[first] + 1
	}
	counts := m.counts()
	if inFlight > 0 {
		counts = append(counts, strconv.Itoa(inFlight)+" in flight")
	}
	if rest := len(m.entries) - m.done - inFlight; rest > 0 {
		counts = append(counts, strconv.Itoa(rest)+" to go")
	}
	for _, l := range wrap(strings.Join(counts, " · "), w) {
		status = append(status, st.Dim.Render(l))
	}
	if m.stopping {
		verb := " finish first."
		if inFlight == 1 {
			verb = " finishes first."
		}
		msg := "⚠ Stopping: items not started are skipped; " + plural(inFlight, "item") + " in flight" + verb
		for _, l := range wrap(msg, w) {
			status = append(status, st.Warn.Render(l))
		}
	}
	return body, status, focus
}

// counts is what has finished so far, by result.
func (m *Model) counts() []string {
	n := map[apply.Status]int{}
	for _, e := range m.entries {
		if e.result != nil {
			n[e.result.Result]++
		}
	}
	out := []string{fmt.Sprintf("✓ %d done", n[apply.Done])}
	for _, c := range []struct {
		s    apply.Status
		mark string
	}{{apply.Failed, "✗"}, {apply.Unknown, "⚠"}, {apply.Incomplete, "⚠"}, {apply.Skipped, "⊘"}, {apply.Conflict, "⚠"}} {
		if c.s == apply.Conflict && m.report != nil {
			n[c.s] = m.report.Summary.Conflict // conflicts are in the report, not among the writes
		}
		if n[c.s] > 0 {
			out = append(out, fmt.Sprintf("%s %d %s", c.mark, n[c.s], c.s))
		}
	}
	return out
}

// entryRow is one write as it stands.
func (m *Model) entryRow(e *entry) row {
	st := m.styles
	it := e.item
	r := row{item: label(it.Kind, it.ID, it.Workspace, it.Target)}
	if e.result != nil {
		return m.resultRow(*e.result)
	}
	desc := cell{termsafe.String(it.Description), st.Dim}
	now := m.o.Now()
	switch e.phase {
	case queued:
		r.mark = cell{"· queued", st.Dim}
		if m.stopping {
			r.mark.text = "· not started"
		}
		r.details = []cell{desc}
	case sending:
		r.mark = cell{spinner[m.frame%len(spinner)] + " sending", st.Busy}
		r.details = []cell{{termsafe.String(it.Description) + " · " + now.Sub(e.since).Round(timeUnit).String(), st.Text}}
	case waiting:
		left := max(e.wait-now.Sub(e.since), 0).Round(timeUnit)
		r.mark = cell{"◷ waiting", st.Warn}
		r.details = []cell{desc, {e.why + ". Sending again in " + left.String(), st.Warn}}
	case looking:
		r.mark = cell{spinner[m.frame%len(spinner)] + " looking", st.Warn}
		r.details = []cell{desc, {fmt.Sprintf("%s; it may have been created. Looking for it (look %d); never sent again blindly", e.why, e.look), st.Warn}}
	}
	return r
}

// resultRow is a write and what became of it: the API's message, the
// request-id, and for an unknown outcome what to check.
func (m *Model) resultRow(r apply.ItemResult) row {
	st := m.styles
	out := row{item: label(r.Kind, r.ID, r.Workspace, r.Target)}
	msg := cell{termsafe.String(r.Message), st.Text}
	switch r.Result {
	case apply.Done:
		out.mark = cell{"✓ done", st.OK}
	case apply.Failed:
		out.mark, msg.style = cell{"✗ failed", st.Error}, st.Error
	case apply.Skipped:
		out.mark, msg.style = cell{"⊘ skipped", st.Dim}, st.Dim
	case apply.Unknown:
		out.mark, msg.style = cell{"⚠ unknown", st.Warn}, st.Warn
	case apply.Incomplete:
		out.mark, msg.style = cell{"⚠ incomplete", st.Warn}, st.Warn
	case apply.Conflict:
		out.mark, msg.style = cell{"⚠ conflict", st.Warn}, st.Warn
	default:
		out.mark = cell{termsafe.String(string(r.Result)), st.Text}
	}
	out.details = []cell{msg}
	if r.RequestID != "" {
		out.details = append(out.details, cell{"request-id " + termsafe.String(r.RequestID), st.Dim})
	}
	if r.Check != "" {
		out.details = append(out.details, cell{"check: " + termsafe.String(r.Check), st.Warn})
	}
	return out
}

// resultView is the report: each write's outcome, what to do next, and
// the counts with the exit code.
func (m *Model) resultView(w int) (body, status []string) {
	st := m.styles
	para := func(style func(...string) string, text string) {
		body = append(body, "")
		for _, l := range wrap(text, w) {
			body = append(body, style(l))
		}
	}
	if m.report == nil {
		msg := "✗ The apply did not run"
		if m.err != nil {
			msg += ": " + termsafe.String(m.err.Error())
		}
		for _, l := range wrap(msg, w) {
			body = append(body, st.Error.Render(l))
		}
		return body, nil
	}
	rows := make([]row, len(m.report.Items))
	for i, it := range m.report.Items {
		rows[i] = m.resultRow(it)
	}
	s := m.report.Summary
	var notes []cell
	if s.Unknown > 0 {
		notes = append(notes, cell{"⚠ " + plural(s.Unknown, "outcome") + " unknown: each may have taken effect. Check what each says before applying again (workspace-wizard list shows the workspaces; plan shows what is still to do).", st.Warn})
	}
	if s.Incomplete > 0 {
		notes = append(notes, cell{"⚠ A workspace was created but not all of it took effect: do not create it again; fix what its message names.", st.Warn})
	}
	if m.report.Cancelled {
		notes = append(notes, cell{"Stopped before the end: items marked ⊘ were not sent. Apply again to send them.", st.Dim})
	}
	for _, n := range notes {
		for _, l := range wrap(n.text, w) {
			body = append(body, n.style.Render(l))
		}
		body = append(body, "")
	}
	lines, _ := table([3]string{"RESULT", "ITEM", "DETAILS"}, rows, w, st)
	body = append(body, lines...)
	para(st.Dim.Render, "To check: workspace-wizard list shows the organization's workspaces; a second apply of the same file sends only what is missing.")

	counts := m.counts()
	line := strings.Join(counts, " · ") + " · exit " + strconv.Itoa(m.report.ExitCode())
	style := st.OK
	switch {
	case s.Unknown > 0 || s.Incomplete > 0 || m.report.Cancelled:
		style = st.Warn
	case s.Failed > 0 || s.Skipped > 0 || s.Conflict > 0:
		style = st.Error
	}
	for _, l := range wrap(line, w) {
		status = append(status, style.Render(l))
	}
	return body, status
}
