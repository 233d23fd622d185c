package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// do sends one item's write and says what became of it.
func (r *runner) do(ctx context.Context, i int, it plan.Item) *ItemResult {
	if ctx.Err() != nil {
		return newResult(it, Skipped, "not sent: cancelled before its turn")
	}
	w := it.Write
	if w.CreateWorkspace != nil {
		return r.create(ctx, i, it)
	}
	wsID := it.WorkspaceID
	if it.Kind == plan.KindMember || it.Kind == plan.KindRateLimit {
		id, why := r.workspaceFor(it)
		if id == "" {
			return newResult(it, Skipped, why)
		}
		wsID = id
	}
	var send func(ctx context.Context) (done string, err error)
	switch {
	case w.UpdateWorkspace != nil:
		send = func(ctx context.Context) (string, error) {
			_, err := r.admin.UpdateWorkspace(ctx, wsID, *w.UpdateWorkspace)
			return "updated", err
		}
	case w.ArchiveWorkspace != nil:
		send = func(ctx context.Context) (string, error) {
			_, err := r.admin.ArchiveWorkspace(ctx, wsID)
			return "archived; its API keys no longer work", err
		}
	case w.AddMember != nil:
		send = func(ctx context.Context) (string, error) {
			_, err := r.admin.AddMember(ctx, wsID, w.AddMember.UserID, w.AddMember.WorkspaceRole)
			return "added as " + string(w.AddMember.WorkspaceRole), err
		}
	case w.UpdateMember != nil:
		send = func(ctx context.Context) (string, error) {
			_, err := r.admin.UpdateMemberRole(ctx, wsID, it.UserID, w.UpdateMember.WorkspaceRole)
			return "role changed to " + string(w.UpdateMember.WorkspaceRole), err
		}
	case w.UpdateRateLimits != nil:
		send = func(ctx context.Context) (string, error) {
			_, err := r.admin.UpdateWorkspaceRateLimit(ctx, wsID, it.RateLimitID, w.UpdateRateLimits.Limits)
			return "set; takes effect within about an hour", err
		}
	case w.RemoveMember != nil:
		send = func(ctx context.Context) (string, error) {
			return "removed from the workspace", r.admin.RemoveMember(ctx, wsID, it.UserID)
		}
	case w.CreateInvite != nil:
		send = func(ctx context.Context) (string, error) {
			inv, err := r.admin.CreateInvite(ctx, w.CreateInvite.Email, w.CreateInvite.Role)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("invited as %s (%s)", w.CreateInvite.Role, inv.ID), nil
		}
	default:
		return newResult(it, Failed, "the plan's item has no request this program knows how to send")
	}

	ctx, ids := api.WithRequestIDs(ctx)
	r.emit(Event{Kind: EventStarted, Index: i, Item: it})
	done, err := r.retrying(ctx, i, it, send)
	res := newResult(it, Done, done)
	res.WorkspaceID = wsID
	res.RequestID = ids.Last()
	if err == nil {
		return res
	}
	var e *api.Error
	if !errors.As(err, &e) {
		e = &api.Error{Kind: api.KindUnknown, Message: err.Error(), Err: err}
	}
	if e.RequestID != "" {
		res.RequestID = e.RequestID
	}
	res.Err = e
	switch {
	case e.Kind == api.KindCanceled && e.Unsent:
		res.Result, res.Message = Skipped, "not sent: cancelled before it was sent"
	case e.NotProcessed():
		res.Result, res.Message = Failed, failMessage(e)
	default:
		// A 5xx, a 529, a timeout or a lost answer: it may have taken
		// effect. Not sent again here; the next plan reads what is there.
		res.Result, res.Message = Unknown, failMessage(e)+"; it may have taken effect"
		res.Check = "run plan again: it reads the organization and lists this again only if it did not take effect; apply then sends only what is missing"
	}
	return res
}

// MaxChangeUnknownSends bounds how many times one request is sent while the
// API keeps answering 503 change_outcome_unknown.
const MaxChangeUnknownSends = 3

// WaitNote says what a write that is waiting to be sent again changed: for
// a 429 or a connection that never opened, nothing; after a 503
// change_outcome_unknown, perhaps part of it, which sending it again
// finishes without repeating.
func WaitNote(e *api.Error) string {
	if e != nil && e.Code == api.CodeChangeOutcomeUnknown {
		return "some of it may have been saved; the API asks for the same request again, which finishes it without repeating what was saved"
	}
	return "nothing was changed"
}

// retrying sends, and sends again after a 429 or a connection that never
// opened (the only answers that say the write certainly did not happen),
// waiting as the API asks, within MaxAttempts and MaxWait. A 503
// change_outcome_unknown is sent again too, as the API asks (what was saved
// is not repeated), up to MaxChangeUnknownSends sends in all.
func (r *runner) retrying(ctx context.Context, i int, it plan.Item, send func(context.Context) (string, error)) (string, error) {
	maxAttempts, maxWait := r.opts.MaxAttempts, r.opts.MaxWait
	if maxAttempts <= 0 {
		maxAttempts = 4
	}
	if maxWait <= 0 {
		maxWait = 60 * time.Second
	}
	var waited time.Duration
	unknownSends := 0
	for attempt := 1; ; attempt++ {
		if attempt > 1 && ctx.Err() != nil {
			return "", &api.Error{Op: "send", Kind: api.KindCanceled, Message: "cancelled before it was sent again", Unsent: true, Err: ctx.Err()}
		}
		// A request once sent is let finish (the client's timeout bounds
		// it): cancelled on the wire, its outcome would be unknown. A stop
		// keeps new requests from going out instead.
		done, err := send(context.WithoutCancel(ctx))
		var e *api.Error
		if err == nil || !errors.As(err, &e) {
			return done, err
		}
		resend := e.Kind == api.KindRateLimited || e.Unsent && e.Kind != api.KindCanceled
		if e.Code == api.CodeChangeOutcomeUnknown {
			unknownSends++
			resend = unknownSends < MaxChangeUnknownSends
		}
		if !resend {
			return done, err
		}
		wait := e.RetryAfter
		if wait <= 0 {
			wait = time.Second << min(attempt-1, 4)
		}
		if attempt >= maxAttempts || waited+wait > maxWait {
			return done, err
		}
		r.emit(Event{Kind: EventWaiting, Index: i, Item: it, Wait: wait, Err: e})
		if err := r.sleep(ctx, wait); err != nil {
			return "", &api.Error{Op: e.Op, Kind: api.KindCanceled, Message: "cancelled while waiting to send again", Unsent: true, Err: err}
		}
		waited += wait
	}
}

// create makes a workspace through api.Creator: sent again only when it
// certainly did not land, looked for after an unclear answer, never two.
func (r *runner) create(ctx context.Context, i int, it plan.Item) *ItemResult {
	ctx, ids := api.WithRequestIDs(ctx)
	c := &api.Creator{
		API: r.admin, MaxAttempts: r.opts.MaxAttempts, MaxWait: r.opts.MaxWait, LookAgainAfter: r.opts.LookAgainAfter,
		Now: r.opts.Now, Sleep: r.opts.Sleep, FinishInFlight: true,
		OnEvent: func(e api.Event) {
			switch e.Kind {
			case api.EventSending:
				if e.Attempt == 1 {
					r.emit(Event{Kind: EventStarted, Index: i, Item: it})
				}
			case api.EventWaiting:
				r.emit(Event{Kind: EventWaiting, Index: i, Item: it, Wait: e.Wait, Err: e.Err})
			case api.EventReconciling:
				r.emit(Event{Kind: EventLooking, Index: i, Item: it, Look: e.Look, Err: e.Err})
			}
		},
	}
	spec := *it.Write.CreateWorkspace
	out, err := c.Create(ctx, spec)
	res := newResult(it, Done, "")
	res.RequestID = ids.Last()
	var (
		e       *api.Error
		unknown *api.UnknownOutcomeError
	)
	switch {
	case err == nil && out.Incomplete != nil:
		res.Result, res.WorkspaceID, res.Err = Incomplete, out.Workspace.ID, &outcome.IncompleteError{Result: out}
		res.RequestID = out.Incomplete.RequestID
		res.Message = fmt.Sprintf("created %s, but not all of it took effect: %s (%s); do not create it again: fix it in the Console or with the Update Workspace API",
			out.Workspace.ID, out.Incomplete.Message, out.Incomplete.Code)
		if out.FetchErr != nil {
			res.Message += "; reading it back failed: " + out.FetchErr.Error()
		}
	case err == nil && len(out.Twins) > 0:
		// Reported as incomplete (exit 3): it exists; do not create it again.
		res.Result, res.WorkspaceID, res.Err = Incomplete, out.Workspace.ID, &outcome.TwinError{Result: out}
		res.Message = fmt.Sprintf("created %s, and meanwhile another workspace of the same name appeared: %s; two runs created it at once: keep one, archive the other in the Console",
			out.Workspace.ID, strings.Join(out.Twins, ", "))
	case err == nil:
		res.WorkspaceID, res.Message = out.Workspace.ID, "created "+out.Workspace.ID
		if out.Recovered {
			res.Message += " (the answer was lost; found by looking, sent once)"
		}
	case errors.As(err, &unknown):
		res.Result, res.Err = Unknown, unknown
		res.Message = failMessage(unknown.Cause) + "; looked for it and did not find it"
		if unknown.Lookup != nil {
			res.Message += " (looking failed: " + unknown.Lookup.Error() + ")"
		}
		res.Check = fmt.Sprintf("look for a workspace named %q created after %s: workspace-wizard list, or the Console (%s). Entries match workspaces by name, so once it is listed, applying again does not create it twice",
			spec.Name, unknown.Since.UTC().Format(time.RFC3339), api.ConsoleURL)
	case errors.As(err, &e):
		res.Err = e
		if e.RequestID != "" {
			res.RequestID = e.RequestID
		}
		res.Result, res.Message = Failed, failMessage(e)
		if e.Kind == api.KindCanceled && e.Unsent {
			res.Result, res.Message = Skipped, "not sent: cancelled before it was sent"
		}
	default:
		res.Result, res.Message, res.Err = Failed, err.Error(), err
	}
	return res
}

// failMessage is an API failure in a line: status, type and code, and the
// API's words (the request-id has a column of its own).
func failMessage(e *api.Error) string {
	if e == nil {
		return "failed"
	}
	if e.Status == 0 {
		return e.Message
	}
	s := fmt.Sprintf("%d %s", e.Status, e.Type)
	if e.Code != "" {
		s += " (" + e.Code + ")"
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

func (r *runner) sleep(ctx context.Context, d time.Duration) error {
	if r.opts.Sleep != nil {
		return r.opts.Sleep(ctx, d)
	}
	return api.Sleep(ctx, d)
}
