package apply

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// Status is what became of an item.
type Status string

// The statuses.
const (
	Done       Status = "done"
	Failed     Status = "failed"     // the API refused it, or it was never sent and could not be: nothing changed
	Skipped    Status = "skipped"    // not sent: its workspace was not created, or the run was cancelled
	Unknown    Status = "unknown"    // sent, and no answer said whether it took effect
	Incomplete Status = "incomplete" // a workspace was created, but not all of the request took effect
	Conflict   Status = "conflict"   // not sent: the organization differs in a way the plan may not change
)

// ItemResult is one write of the plan and what became of it. Its JSON
// (apply --json) has these fields:
//
//	id, kind, action, workspace, target   as in the plan's item
//	workspace_id  the workspace's id: the new one for a create that made it
//	result        done | failed | skipped | unknown | incomplete | conflict
//	message       what happened, in the API's words where it gave any
//	request_id    the request-id of the write, for support
//	check         with unknown: what to check before applying again
type ItemResult struct {
	ID          string      `json:"id"`
	Kind        plan.Kind   `json:"kind"`
	Action      plan.Action `json:"action"`
	Workspace   string      `json:"workspace,omitempty"`
	WorkspaceID string      `json:"workspace_id,omitempty"`
	Target      string      `json:"target,omitempty"`
	Result      Status      `json:"result"`
	Message     string      `json:"message"`
	RequestID   string      `json:"request_id,omitempty"`
	Check       string      `json:"check,omitempty"`
	// Err is the failure behind a result that is not done: an *api.Error;
	// for a create whose outcome is unknown an *api.UnknownOutcomeError;
	// for one created incomplete an *outcome.IncompleteError.
	Err error `json:"-"`
}

func newResult(it plan.Item, s Status, msg string) *ItemResult {
	return &ItemResult{ID: it.ID, Kind: it.Kind, Action: it.Action, Workspace: it.Workspace, WorkspaceID: it.WorkspaceID,
		Target: it.Target, Result: s, Message: msg}
}

// Report is what a Run did: each write of the plan, in plan order, and
// the counts. Its JSON (apply --json) is {items, summary, cancelled,
// exit_code}.
type Report struct {
	Items     []ItemResult `json:"items"`
	Summary   Summary      `json:"summary"`
	Cancelled bool         `json:"cancelled"`
}

// Summary counts a report's items by result.
type Summary struct {
	Done       int `json:"done"`
	Failed     int `json:"failed"`
	Skipped    int `json:"skipped"`
	Unknown    int `json:"unknown"`
	Incomplete int `json:"incomplete"`
	Conflict   int `json:"conflict"`
}

func (r *Report) summarize() {
	s := Summary{}
	for _, it := range r.Items {
		switch it.Result {
		case Done:
			s.Done++
		case Failed:
			s.Failed++
		case Skipped:
			s.Skipped++
		case Unknown:
			s.Unknown++
		case Incomplete:
			s.Incomplete++
		case Conflict:
			s.Conflict++
		}
	}
	r.Summary = s
}

// Err is the report in internal/outcome's terms, so that the program's
// one table decides the exit code: nil when every write was done; an
// *api.UnknownOutcomeError when some outcome is unknown (exit 5); an
// *outcome.IncompleteError when a workspace was created incomplete
// (exit 3); outcome.ErrCancelled when cancelled with nothing unknown
// (130); otherwise an error for the failures (exit 1). The report itself
// is what a person reads; the error's text is only a summary.
func (r *Report) Err() error {
	s := r.Summary
	switch {
	case s.Unknown > 0:
		return &Error{Report: r, cause: r.unknownCause()}
	case s.Incomplete > 0:
		for _, it := range r.Items {
			var ie *outcome.IncompleteError
			if it.Result == Incomplete && errors.As(it.Err, &ie) {
				return &Error{Report: r, cause: ie}
			}
		}
		return &Error{Report: r, cause: &outcome.IncompleteError{}}
	case r.Cancelled:
		return &Error{Report: r, cause: outcome.ErrCancelled}
	case s.Failed > 0 || s.Skipped > 0:
		return &Error{Report: r, cause: errors.New("some of the plan's writes failed")}
	case s.Conflict > 0:
		return &Error{Report: r, cause: errors.New("the plan has conflicts, which were not applied")}
	}
	return nil
}

// ExitCode is the exit code a script sees for the report: 0 every write
// done; 1 some failed or in conflict, nothing unknown; 3 a workspace created incomplete;
// 5 some outcome unknown; 130 cancelled.
func (r *Report) ExitCode() int { return outcome.ExitCode(r.Err()) }

// unknownCause is the first unknown item's failure, as an unknown outcome.
// For a write other than a create it is given the shape of one (the table
// knows unknown outcomes only as creates): the item's name, and the API's
// failure as its cause.
func (r *Report) unknownCause() error {
	for _, it := range r.Items {
		if it.Result != Unknown {
			continue
		}
		var u *api.UnknownOutcomeError
		if errors.As(it.Err, &u) {
			return u
		}
		var e *api.Error
		errors.As(it.Err, &e)
		return &api.UnknownOutcomeError{Name: it.ID, Cause: e}
	}
	return nil
}

// Error is a report that was not all done, as an error: its text counts
// the results, and it unwraps to the error that decides the exit code.
type Error struct {
	Report *Report
	cause  error
}

func (e *Error) Error() string { return "apply: " + e.Report.summaryLine() }
func (e *Error) Unwrap() error { return e.cause }

// JSON is the report as apply --json prints it: indented, a newline at the
// end, characters a terminal would act on \u-escaped (termsafe.JSON).
func (r *Report) JSON() ([]byte, error) {
	out, err := json.MarshalIndent(struct {
		*Report
		ExitCode int `json:"exit_code"`
	}{r, r.ExitCode()}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(termsafe.JSON(out), '\n'), nil
}

func (r *Report) summaryLine() string {
	s := r.Summary
	if len(r.Items) == 0 {
		return "Nothing to apply: the organization already matches the file."
	}
	parts := []string{fmt.Sprintf("%d done", s.Done)}
	for _, c := range []struct {
		n    int
		word string
	}{{s.Failed, "failed"}, {s.Skipped, "skipped"}, {s.Unknown, "unknown"}, {s.Incomplete, "incomplete"}, {s.Conflict, "conflict, not applied"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.word))
		}
	}
	line := "Applied: " + strings.Join(parts, ", ") + "."
	if r.Cancelled {
		line += " Cancelled before the end."
	}
	return line
}

// Unsent is the report of a plan with nothing to send: each conflict, not
// done (exit 1), or no items at all when the organization matches the file.
func Unsent(p *plan.Plan) *Report {
	rep := &Report{Items: []ItemResult{}}
	rep.Items = appendConflicts(rep.Items, p)
	rep.summarize()
	return rep
}

// appendConflicts adds p's conflicts to items: each is reported and never
// sent, so that apply does not say the organization matches the file.
func appendConflicts(items []ItemResult, p *plan.Plan) []ItemResult {
	for _, it := range p.Items {
		if it.Action == plan.Conflict {
			items = append(items, *newResult(it, Conflict, "not sent: "+it.Description))
		}
	}
	return items
}
