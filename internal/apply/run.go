// Package apply executes a plan (internal/plan) against the Admin API:
// Observe reads the organization a plan is made from, Run sends the plan's
// writes, a few at a time, and Report says what became of each, as a table
// or JSON, with the exit code a script sees.
//
// Workspaces come first, every create through api.Creator (never two
// workspaces for one entry: an unclear answer is looked up, never resent);
// then members, rate limits and invites. One failure does not stop the
// others; what depends on a workspace that was not created is skipped, and
// says why.
package apply

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// DefaultConcurrency is how many requests Run (and Observe) have in flight
// at once unless told otherwise: enough to be several times faster than
// one at a time, few enough to stay clear of the API's rate limits.
const DefaultConcurrency = 4

// Options configure Run. Zero fields take defaults.
type Options struct {
	// Concurrency is how many items are sent at once (DefaultConcurrency
	// when 0; 1 sends one at a time).
	Concurrency int
	// MaxAttempts bounds the requests sent for one item after 429s or
	// connections that never opened (default 4); MaxWait bounds the time
	// one item waits between them (default 60s).
	MaxAttempts int
	MaxWait     time.Duration
	// LookAgainAfter is the pause between a create's two looks for a
	// workspace after an unclear answer (api.Creator's default when 0).
	LookAgainAfter time.Duration
	Now            func() time.Time                                 // default time.Now
	Sleep          func(ctx context.Context, d time.Duration) error // default: a timer that ctx cancels
	// OnEvent, when set, hears each item start, wait, look and finish.
	// Calls never overlap (Run serialises them), but they come from Run's
	// workers: keep it quick.
	OnEvent func(Event)
	// SoFar, when set, is handed at the start a func that returns the
	// report so far at any moment: what finished, as it finished; what is
	// in flight as unknown (it may take effect); what has not started as
	// skipped. A second signal prints it before the program ends.
	SoFar func(report func() *Report)
}

// EventKind says what is happening to an item.
type EventKind int

const (
	EventStarted  EventKind = iota // its request is about to be sent
	EventWaiting                   // refused for now (429) or never sent; sending again after Wait
	EventLooking                   // a create's answer was unclear; looking for the workspace (never resent)
	EventFinished                  // Result says what became of it
)

// Event is one step of one item, for live progress.
type Event struct {
	Kind   EventKind
	Index  int       // the item's index in the plan's Items
	Item   plan.Item // the item as planned
	Wait   time.Duration
	Look   int         // with EventLooking: 1 for the first look, 2 for the next…
	Err    *api.Error  // with EventWaiting and EventLooking: what led here
	Result *ItemResult // with EventFinished
}

// ErrPlanNotApplicable is Run's answer to a plan with errors (Plan.OK is
// false): nothing is sent.
var ErrPlanNotApplicable = errors.New("the plan has errors; fix them in the file and plan again: nothing was sent")

// Run sends p's writes (items whose action is create or update) and
// reports on each, in plan order, then on each conflict (never sent, not
// done). Workspaces go first; members and rate
// limits of a workspace the plan creates get its new id; they are skipped
// when its create failed or its outcome is unknown. Other items that do
// not write are not in the report. Run returns an error only for a plan that
// may not be applied; a cancelled ctx stops items not yet started (they are
// reported skipped) and lets those in flight finish truthfully.
func Run(ctx context.Context, admin api.Admin, p *plan.Plan, opts Options) (*Report, error) {
	if p == nil || !p.OK() {
		return nil, ErrPlanNotApplicable
	}
	r := &runner{admin: admin, opts: opts, created: map[string]created{}}
	if r.opts.Concurrency <= 0 {
		r.opts.Concurrency = DefaultConcurrency
	}
	// Archives first (they make room under the workspace limit), then the
	// other workspaces, then members, rate limits and invites.
	var phases [3][]int
	for i, it := range p.Items {
		if !it.Action.Writes() || it.Write == nil {
			continue
		}
		r.order = append(r.order, i)
		phase := 2
		switch {
		case it.Action == plan.Archive:
			phase = 0
		case it.Kind == plan.KindWorkspace:
			phase = 1
		}
		phases[phase] = append(phases[phase], i)
	}
	r.results = make(map[int]*ItemResult, len(r.order))
	for _, i := range r.order {
		r.results[i] = newResult(p.Items[i], Skipped, "not sent: cancelled before its turn")
	}
	if r.opts.SoFar != nil {
		r.opts.SoFar(r.soFar)
	}
	for _, phase := range phases {
		forEach(ctx, len(phase), r.opts.Concurrency, func(ctx context.Context, k int) {
			i := phase[k]
			res := r.do(ctx, i, p.Items[i])
			r.finish(i, p.Items[i], res)
		})
	}
	rep := &Report{Items: make([]ItemResult, 0, len(r.order)), Cancelled: ctx.Err() != nil}
	for _, i := range r.order {
		rep.Items = append(rep.Items, *r.results[i])
	}
	rep.Items = appendConflicts(rep.Items, p)
	rep.summarize()
	return rep, nil
}

// created is what became of a workspace the plan creates, by name.
type created struct {
	id     string
	result Status
}

type runner struct {
	admin api.Admin
	opts  Options
	order []int // the write items' indexes, in plan order

	mu       sync.Mutex // guards results, created, inFlight and OnEvent calls
	results  map[int]*ItemResult
	created  map[string]created
	inFlight map[int]plan.Item // started and not finished
}

func (r *runner) emit(e Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e.Kind == EventStarted {
		if r.inFlight == nil {
			r.inFlight = map[int]plan.Item{}
		}
		r.inFlight[e.Index] = e.Item
	}
	if r.opts.OnEvent != nil {
		r.opts.OnEvent(e)
	}
}

// soFar is the report at this moment, for a program stopped before Run
// returns: items in flight are unknown, since they may yet take effect.
func (r *runner) soFar() *Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := &Report{Items: make([]ItemResult, 0, len(r.order)), Cancelled: true}
	for _, i := range r.order {
		if it, ok := r.inFlight[i]; ok {
			res := newResult(it, Unknown, "in flight when the program was stopped; it may have taken effect")
			res.Err = &api.Error{Op: "send", Kind: api.KindCanceled, Message: "the program was stopped while the request was in flight"}
			res.Check = "run plan again: it reads the organization and lists this again only if it did not take effect"
			rep.Items = append(rep.Items, *res)
			continue
		}
		rep.Items = append(rep.Items, *r.results[i])
	}
	rep.summarize()
	return rep
}

func (r *runner) finish(i int, it plan.Item, res *ItemResult) {
	r.mu.Lock()
	r.results[i] = res
	delete(r.inFlight, i)
	if it.Kind == plan.KindWorkspace && it.Action == plan.Create {
		r.created[it.Workspace] = created{id: res.WorkspaceID, result: res.Result}
	}
	r.mu.Unlock()
	r.emit(Event{Kind: EventFinished, Index: i, Item: it, Result: res})
}

// workspaceFor is the id a member or rate-limit item is sent with: its
// own, or the one its workspace was just created with. "" and a reason
// when that create did not make it.
func (r *runner) workspaceFor(it plan.Item) (string, string) {
	if it.WorkspaceID != "" {
		return it.WorkspaceID, ""
	}
	r.mu.Lock()
	c, ok := r.created[it.Workspace]
	r.mu.Unlock()
	switch {
	case !ok:
		return "", fmt.Sprintf("not sent: the plan does not create workspace %q", it.Workspace)
	case c.id != "":
		return c.id, ""
	case c.result == Unknown:
		return "", fmt.Sprintf("not sent: whether workspace %q was created is unknown; check, then apply again", it.Workspace)
	case c.result == Incomplete:
		return "", fmt.Sprintf("not sent: workspace %q was created, but the API did not say its id; apply again", it.Workspace)
	}
	return "", fmt.Sprintf("not sent: workspace %q was not created", it.Workspace)
}
