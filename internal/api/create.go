package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// The API honours no idempotency key, so a create that is sent twice after
// the server committed the first makes two workspaces. Creator sends the
// POST with the SDK's retries off and sends it again on its own only when
// the first certainly did not land: a 429, or a connection that never
// opened. Anything else that leaves the outcome open (a 529, any 5xx, a
// timeout, a dropped connection, a 2xx that cannot be read) is reconciled by
// looking for the workspace, never by sending again.

// EventKind says what a create is doing, for progress display.
type EventKind int

const (
	EventSending     EventKind = iota // a POST is about to be sent
	EventWaiting                      // not processed (429, or no connection); waiting Wait before the next attempt
	EventReconciling                  // outcome unknown; listing workspaces to find it (Look says which look)
	EventRechecking                   // 409 external_key_changed: validating the key again before one more POST
)

// Event is one step of a create, reported to Creator.OnEvent.
type Event struct {
	Kind    EventKind
	Attempt int           // 1-based number of the POST concerned
	Wait    time.Duration // with EventWaiting
	Look    int           // with EventReconciling: 1 for the first look, 2 for the next…
	Err     *Error        // the failure that led here, if any
}

// Result is a create that made a workspace.
type Result struct {
	Workspace *anthropic.Workspace
	Posts     int  // POST requests sent
	Recovered bool // the create's answer was lost; the workspace was found by listing
	// Incomplete is the API's 503 workspace_created_incomplete: the
	// workspace exists, but part of the request did not take effect; its
	// Message says what and what to do. Never sent again.
	Incomplete *Error
	// FetchErr says why the incomplete workspace could not be read back;
	// Workspace then holds only its id and name.
	FetchErr error
	// Twins are other active workspaces of the same name that appeared
	// while this one was created (not there before the first POST, not this
	// one): another run, on another machine perhaps, created it too. Every
	// front end says so loudly, with both ids, and does not exit 0.
	Twins []string
}

// UnknownOutcomeError means a create was sent, no answer said whether it
// worked, and the workspace could not be found: it may still appear.
type UnknownOutcomeError struct {
	Name  string    // the workspace name that was sent
	Since time.Time // when the first POST was sent
	// Existing are the ids of workspaces that had the name before the
	// create: a later look-up must not take one of them for the new one.
	Existing map[string]bool
	Cause    *Error // the failure that left the outcome open
	Looks    int    // how many look-ups ran
	Lookup   error  // why the last look-up failed, if it did
}

func (e *UnknownOutcomeError) Error() string {
	msg := fmt.Sprintf("the workspace %q may or may not have been created: %v", e.Name, e.Cause)
	if e.Lookup != nil {
		msg += fmt.Sprintf("; looking it up failed too: %v", e.Lookup)
	}
	return msg
}

func (e *UnknownOutcomeError) Unwrap() error { return e.Cause }

// CreateLocker is an Admin that must hold a lock while it creates: the
// program's per-organization lock (internal/orglock), so that two runs on
// one machine never create at once. Creator.Create takes it before its
// look-up of the names and holds it until the create is accounted for; an
// error from LockCreate ends the create with nothing sent.
type CreateLocker interface {
	LockCreate(ctx context.Context) (release func(), err error)
}

// Creator creates one workspace and never two. Zero fields take defaults.
type Creator struct {
	API Admin
	// MaxAttempts bounds the POSTs sent (default 4).
	MaxAttempts int
	// MaxWait bounds the total time spent waiting between attempts (default 60s).
	MaxWait time.Duration
	// LookupTimeout bounds each search after an unknown outcome (default 20s).
	LookupTimeout time.Duration
	// Looks is how many times an open outcome is looked for (default 2),
	// LookAgainAfter apart (default 3s): a create still being committed
	// may show up only in the second list.
	Looks          int
	LookAgainAfter time.Duration
	Now            func() time.Time                                 // default time.Now
	Sleep          func(ctx context.Context, d time.Duration) error // default: a timer that ctx cancels
	OnEvent        func(Event)                                      // optional progress reports
	// FinishInFlight lets a POST once sent finish when ctx is cancelled
	// (the client's request timeout bounds it), so its answer is known
	// instead of lost: apply's first signal stops new writes, not those on
	// the wire. Nothing is sent after the cancel either way.
	FinishInFlight bool
}

// clockSkew widens the creation-time window, since the server's clock is
// not ours.
const clockSkew = 2 * time.Minute

// Create sends the spec and returns the created workspace, or an *Error
// (nothing was created), or an *UnknownOutcomeError.
func (c *Creator) Create(ctx context.Context, spec Spec) (*Result, error) {
	maxAttempts, maxWait := c.MaxAttempts, c.MaxWait
	if maxAttempts <= 0 {
		maxAttempts = 4
	}
	if maxWait <= 0 {
		maxWait = 60 * time.Second
	}
	if l, ok := c.API.(CreateLocker); ok {
		release, err := l.LockCreate(ctx)
		if err != nil {
			return nil, err
		}
		defer release()
	}
	params := spec.Params()
	since := c.now()
	existing, listed := c.sameNamed(ctx, spec.Name)
	var waited time.Duration
	rechecked := false
	for attempt := 1; ; attempt++ {
		if ctx.Err() != nil {
			// Cancelled while the names were listed (or between attempts):
			// no POST goes out, and none is reported as sending.
			return nil, &Error{Op: "create workspace", Kind: KindCanceled, Message: "cancelled before the request was sent", Unsent: true, Err: ctx.Err()}
		}
		c.emit(Event{Kind: EventSending, Attempt: attempt})
		postCtx := ctx
		if c.FinishInFlight {
			postCtx = context.WithoutCancel(ctx)
		}
		ws, err := c.API.CreateWorkspace(postCtx, params)
		if err == nil {
			res := &Result{Workspace: ws, Posts: attempt}
			if listed {
				res.Twins = c.twins(ctx, spec.Name, existing, ws.ID)
			}
			return res, nil
		}
		e := wrap("create workspace", err).(*Error)
		switch {
		case e.Kind == KindCanceled && e.Unsent:
			return nil, e // nothing was sent: a plain cancel
		case e.Kind == KindRateLimited || e.connFailed:
			// Certainly not processed: safe to send again, within bounds.
			wait := e.RetryAfter
			if wait <= 0 {
				wait = backoff(attempt)
			}
			if attempt >= maxAttempts || waited+wait > maxWait {
				return nil, e
			}
			c.emit(Event{Kind: EventWaiting, Attempt: attempt, Wait: wait, Err: e})
			if err := c.sleep(ctx, wait); err != nil {
				return nil, &Error{Op: e.Op, Kind: KindCanceled, Message: "cancelled while waiting to send again; nothing was created", Unsent: true, Err: err}
			}
			waited += wait
			continue
		case e.Code == CodeWorkspaceCreatedIncomplete:
			return c.incomplete(ctx, spec, e, attempt), nil
		case e.Code == CodeExternalKeyChanged && !rechecked && spec.ExternalKeyID != "":
			// Nothing was created: the key changed while it was checked.
			// Check it again; if it still holds, send once more.
			rechecked = true
			c.emit(Event{Kind: EventRechecking, Attempt: attempt, Err: e})
			if err := c.recheckKey(ctx, spec.ExternalKeyID, e); err != nil {
				return nil, err
			}
			continue
		case e.NotProcessed():
			return nil, e // refused, or failed before it could be sent
		}
		// The server may have acted (529, 5xx, timeout, dropped connection,
		// unreadable answer, cancelled in flight): look, never resend.
		res, err := c.reconcile(ctx, spec, since, existing, e, attempt)
		if err == nil && listed {
			res.Twins = c.twins(ctx, spec.Name, existing, res.Workspace.ID)
		}
		return res, err
	}
}

// twins lists, right after a create, the active workspaces of the name
// that are neither ours nor among those there before the first POST: a
// create of the same name that ran at the same time elsewhere. A listing
// that fails finds none. It runs on a context of its own, so the
// request-id a caller records (WithRequestIDs) stays the create's.
func (c *Creator) twins(_ context.Context, name string, existing map[string]bool, ours string) []string {
	ctx, cancel := context.WithTimeout(context.Background(), c.lookupTimeout())
	defer cancel()
	var ids []string
	_ = EachWorkspace(ctx, c.API, func(ws *anthropic.Workspace) bool {
		if ws.Name == name && ws.ID != ours && !existing[ws.ID] {
			ids = append(ids, ws.ID)
		}
		return true
	})
	return ids
}

// reconcile looks for the workspace after an open outcome, Looks times.
func (c *Creator) reconcile(ctx context.Context, spec Spec, since time.Time, existing map[string]bool, cause *Error, posts int) (*Result, error) {
	looks := c.Looks
	if looks <= 0 {
		looks = 2
	}
	pause := c.LookAgainAfter
	if pause <= 0 {
		pause = 3 * time.Second
	}
	var lookupErr error
	for look := 1; look <= looks; look++ {
		if look > 1 {
			// Waits even when ctx was cancelled: the answer matters more.
			// A second Ctrl+C ends the program at once.
			leash, cancel := context.WithTimeout(context.WithoutCancel(ctx), pause+time.Second)
			err := c.sleep(leash, pause)
			cancel()
			if err != nil {
				break
			}
		}
		c.emit(Event{Kind: EventReconciling, Attempt: posts, Look: look, Err: cause})
		var found *anthropic.Workspace
		found, lookupErr = c.Find(ctx, spec, since, existing)
		if found != nil {
			return &Result{Workspace: found, Posts: posts, Recovered: true}, nil
		}
	}
	return nil, &UnknownOutcomeError{Name: spec.Name, Since: since, Existing: existing, Cause: cause, Looks: looks, Lookup: lookupErr}
}

// incomplete reads back the workspace a 503 workspace_created_incomplete
// names. It exists whatever the read-back says.
func (c *Creator) incomplete(ctx context.Context, spec Spec, e *Error, posts int) *Result {
	res := &Result{Posts: posts, Incomplete: e}
	if e.WorkspaceID != "" {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.lookupTimeout())
		defer cancel()
		ws, err := c.API.GetWorkspace(ctx, e.WorkspaceID)
		if err == nil {
			res.Workspace = ws
			return res
		}
		res.FetchErr = err
	} else {
		res.FetchErr = errors.New("the API did not say which workspace it created")
	}
	stub, _ := json.Marshal(map[string]string{"id": e.WorkspaceID, "type": "workspace", "name": spec.Name})
	res.Workspace = &anthropic.Workspace{}
	_ = res.Workspace.UnmarshalJSON(stub)
	return res
}

// recheckKey validates the encryption key again after a 409
// external_key_changed. nil means it holds and the create may be sent once
// more; otherwise the error says why not, at the key's field.
func (c *Creator) recheckKey(ctx context.Context, keyID string, conflict *Error) error {
	res, err := c.API.ValidateExternalKey(ctx, keyID)
	if err == nil && res.Status == "success" {
		return nil
	}
	out := *conflict
	out.DetailField = "external_key_id"
	switch {
	case err != nil:
		out.Message = conflict.Message + "; validating the key again failed: " + err.Error()
	default:
		out.Message = conflict.Message + "; validating the key again failed: " + res.Error
	}
	return &out
}

// Find lists the organization's workspaces for one with the spec's name and
// tags created since the first POST (less clock skew), and returns nil when
// there is none. It runs even when ctx is cancelled, on a short leash, so a
// cancelled create can still be accounted for; the wizard also offers it
// again after an unknown outcome.
func (c *Creator) Find(ctx context.Context, spec Spec, since time.Time, existing map[string]bool) (*anthropic.Workspace, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.lookupTimeout())
	defer cancel()
	want := spec.TagMap()
	var found *anthropic.Workspace
	err := EachWorkspace(ctx, c.API, func(ws *anthropic.Workspace) bool {
		if ws.Name == spec.Name && !existing[ws.ID] && !ws.CreatedAt.Before(since.Add(-clockSkew)) && tagsEqual(ws.Tags, want) {
			found = ws
		}
		return found == nil
	})
	return found, err
}

// sameNamed lists the workspaces that already have the name, before the
// first POST, so that a look-up after an unclear answer never takes one of
// them for the workspace this create made (names need not be unique). If
// the listing fails the create goes ahead; the creation-time window is then
// the only guard, and listed is false: no twin can be told apart.
func (c *Creator) sameNamed(ctx context.Context, name string) (ids map[string]bool, listed bool) {
	ids = map[string]bool{}
	err := EachWorkspace(ctx, c.API, func(ws *anthropic.Workspace) bool {
		if ws.Name == name {
			ids[ws.ID] = true
		}
		return true
	})
	return ids, err == nil
}

func tagsEqual(a, b map[string]string) bool {
	return len(a) == len(b) && maps.Equal(a, b)
}

// backoff is 1s, 2s, 4s, … capped at 16s.
func backoff(attempt int) time.Duration {
	return time.Second << min(attempt-1, 4)
}

func (c *Creator) lookupTimeout() time.Duration {
	if c.LookupTimeout > 0 {
		return c.LookupTimeout
	}
	return 20 * time.Second
}

func (c *Creator) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Creator) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return Sleep(ctx, d)
}

// Sleep waits d, or until ctx ends: the real wait behind every injectable
// one (a Creator's, an apply's, a session's).
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Creator) emit(e Event) {
	if c.OnEvent != nil {
		c.OnEvent(e)
	}
}
