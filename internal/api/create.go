package api

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// The API honours no idempotency key, so a create that is sent twice after
// the server committed the first makes two workspaces. Creator sends the
// POST at most once per attempt with the SDK's retries off, retries only
// answers that mean "not processed" (429, 529), and after an answer that
// leaves the outcome open (5xx, timeout, dropped connection) looks the
// workspace up before deciding anything.

// EventKind says what a create is doing, for progress display.
type EventKind int

const (
	EventSending     EventKind = iota // a POST is about to be sent
	EventWaiting                      // not processed (429/529); waiting Wait before the next attempt
	EventReconciling                  // outcome unknown; listing workspaces to find it
)

// Event is one step of a create, reported to Creator.OnEvent.
type Event struct {
	Kind    EventKind
	Attempt int           // 1-based number of the POST concerned
	Wait    time.Duration // with EventWaiting
	Err     *Error        // the failure that led here, if any
}

// Result is a successful create.
type Result struct {
	Workspace *anthropic.Workspace
	Posts     int  // POST requests sent
	Recovered bool // the create's answer was lost; the workspace was found by listing
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
	Lookup   error  // why the look-up failed, if it did
}

func (e *UnknownOutcomeError) Error() string {
	msg := fmt.Sprintf("the workspace %q may or may not have been created: %v", e.Name, e.Cause)
	if e.Lookup != nil {
		msg += fmt.Sprintf("; looking it up failed too: %v", e.Lookup)
	}
	return msg
}

func (e *UnknownOutcomeError) Unwrap() error { return e.Cause }

// Creator creates one workspace and never two. Zero fields take defaults.
type Creator struct {
	API Admin
	// MaxAttempts bounds the POSTs sent (default 4).
	MaxAttempts int
	// MaxWait bounds the total time spent waiting between attempts (default 60s).
	MaxWait time.Duration
	// LookupTimeout bounds the search after an unknown outcome (default 20s).
	LookupTimeout time.Duration
	Now           func() time.Time                                 // default time.Now
	Sleep         func(ctx context.Context, d time.Duration) error // default: a timer that ctx cancels
	OnEvent       func(Event)                                      // optional progress reports
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
	params := spec.Params()
	since := c.now()
	existing := c.sameNamed(ctx, spec.Name)
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		c.emit(Event{Kind: EventSending, Attempt: attempt})
		ws, err := c.API.CreateWorkspace(ctx, params)
		if err == nil {
			return &Result{Workspace: ws, Posts: attempt}, nil
		}
		var e *Error
		if !errors.As(err, &e) {
			e = wrap("create workspace", err).(*Error)
		}
		if e.NotProcessed() || e.notSent() {
			if e.Kind != KindRateLimited && e.Kind != KindOverloaded {
				return nil, e
			}
			wait := e.RetryAfter
			if wait <= 0 {
				wait = backoff(attempt)
			}
			if attempt >= maxAttempts || waited+wait > maxWait {
				return nil, e
			}
			c.emit(Event{Kind: EventWaiting, Attempt: attempt, Wait: wait, Err: e})
			if err := c.sleep(ctx, wait); err != nil {
				return nil, wrap("create workspace", err)
			}
			waited += wait
			continue
		}

		// The server may have acted: look before doing anything else. The
		// look-up runs even when ctx was cancelled, on a short leash.
		c.emit(Event{Kind: EventReconciling, Attempt: attempt, Err: e})
		found, lookupErr := c.Find(ctx, spec, since, existing)
		switch {
		case found != nil:
			return &Result{Workspace: found, Posts: attempt, Recovered: true}, nil
		case lookupErr != nil || e.Kind != KindServer || ctx.Err() != nil:
			// A timeout or dropped connection may still be in flight: never resend.
			return nil, &UnknownOutcomeError{Name: spec.Name, Since: since, Existing: existing, Cause: e, Lookup: lookupErr}
		case attempt >= maxAttempts:
			return nil, e // every 5xx answer, and the workspace is certainly absent
		}
		// A 5xx answer and the workspace is certainly absent: safe to resend.
		wait := backoff(attempt)
		c.emit(Event{Kind: EventWaiting, Attempt: attempt, Wait: wait, Err: e})
		if err := c.sleep(ctx, wait); err != nil {
			return nil, wrap("create workspace", err)
		}
		waited += wait
	}
}

// Find lists the organization's workspaces for one with the spec's name and
// tags created since the first POST (less clock skew), and returns nil when
// there is none. It runs even when ctx is cancelled, on a short leash, so a
// cancelled create can still be accounted for; the wizard also offers it
// again after an unknown outcome.
func (c *Creator) Find(ctx context.Context, spec Spec, since time.Time, existing map[string]bool) (*anthropic.Workspace, error) {
	timeout := c.LookupTimeout
	if timeout <= 0 {
		timeout = 20 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
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
// the only guard.
func (c *Creator) sameNamed(ctx context.Context, name string) map[string]bool {
	ids := map[string]bool{}
	_ = EachWorkspace(ctx, c.API, func(ws *anthropic.Workspace) bool {
		if ws.Name == name {
			ids[ws.ID] = true
		}
		return true
	})
	return ids
}

func tagsEqual(a, b map[string]string) bool {
	return len(a) == len(b) && maps.Equal(a, b)
}

// backoff is 1s, 2s, 4s, … capped at 16s.
func backoff(attempt int) time.Duration {
	return time.Second << min(attempt-1, 4)
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
