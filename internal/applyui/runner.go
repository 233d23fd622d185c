package applyui

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// eventsMsg carries the apply's events since the last one, in order.
type eventsMsg struct {
	run    *runner
	events []apply.Event
}

// finishedMsg is the apply's end: every event has been delivered before it.
type finishedMsg struct {
	run *runner
	rep *apply.Report
	err error
}

// runner is one apply.Run in a goroutine. Its events queue up without
// bound (OnEvent never blocks the apply's workers, and no event is lost);
// next delivers them as messages, a batch at a time, then the end.
type runner struct {
	cancel context.CancelFunc
	wake   chan struct{} // a token when events were queued
	done   chan struct{} // closed when Run has returned

	mu     sync.Mutex
	events []apply.Event
	rep    *apply.Report
	err    error
}

// startRun starts apply.Run on p and returns at once.
func startRun(ctx context.Context, admin api.Admin, p *plan.Plan, opts apply.Options) *runner {
	ctx, cancel := context.WithCancel(ctx)
	r := &runner{cancel: cancel, wake: make(chan struct{}, 1), done: make(chan struct{})}
	opts.OnEvent = func(e apply.Event) {
		r.mu.Lock()
		r.events = append(r.events, e)
		r.mu.Unlock()
		select {
		case r.wake <- struct{}{}:
		default:
		}
	}
	go func() {
		rep, err := apply.Run(ctx, admin, p, opts)
		r.mu.Lock()
		r.rep, r.err = rep, err
		r.mu.Unlock()
		close(r.done)
	}()
	return r
}

// take empties the queue.
func (r *runner) take() []apply.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	ev := r.events
	r.events = nil
	return ev
}

// next waits for events, or for the end once every event is read: Run
// queues its events before it returns, so none comes after finishedMsg.
func (r *runner) next() tea.Cmd {
	return func() tea.Msg {
		for {
			if ev := r.take(); len(ev) > 0 {
				return eventsMsg{r, ev}
			}
			select {
			case <-r.wake:
			case <-r.done:
				if ev := r.take(); len(ev) > 0 {
					return eventsMsg{r, ev}
				}
				r.mu.Lock()
				defer r.mu.Unlock()
				return finishedMsg{r, r.rep, r.err}
			}
		}
	}
}
