package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// submitScreen is a create in flight: the session's Creator runs in a
// goroutine and its progress reports arrive one by one.
type submitScreen struct {
	name       string
	started    time.Time
	status     string
	log        []string
	cancel     context.CancelFunc
	cancelling bool
	run        *createRun
}

// createEventMsg is a progress report from the Creator.
type createEventMsg struct{ ev api.Event }

func (createEventMsg) to() state { return stateSubmitting }

type createDoneMsg struct {
	res *api.Result
	err error
}

func (createDoneMsg) to() state { return stateSubmitting }

func newSubmitScreen(*env) page { return &submitScreen{} }

// open sends the create.
func (st *submitScreen) open(e *env) tea.Cmd {
	ctx, cancel := context.WithCancel(e.ctx)
	*st = submitScreen{name: e.s.Spec().Name, started: e.s.Now(), cancel: cancel, status: "Sending the request…"}
	st.run = startCreate(ctx, e.s, e.s.Spec())
	return st.run.next()
}

func (st *submitScreen) mode(e *env) mode { return mode{waiting: true, busy: true} }

func (st *submitScreen) help(e *env) (short, more []key.Binding) {
	return []key.Binding{with(e.keys.Cancel, "esc/ctrl+c", "cancel")}, nil
}

func (st *submitScreen) stop() {
	if st.cancel != nil {
		st.cancel()
	}
}

func (st *submitScreen) update(e *env, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, e.keys.Cancel) && !st.cancelling {
			st.cancelling = true
			st.cancel()
			st.log = append(st.log, st.status)
			st.status = "Cancelling… waiting to learn whether the workspace was created"
		}
	case createEventMsg:
		if msg.ev.Kind != api.EventSending {
			e.s.Sent() // a POST reached the API
		}
		if msg.ev.Kind != api.EventSending || msg.ev.Attempt > 1 {
			st.log = append(st.log, st.status)
		}
		st.status = wizard.EventText(msg.ev)
		return st.run.next()
	case createDoneMsg:
		st.stop()
		if msg.err == nil {
			e.s.Created(msg.res)
			e.show(stateResult)
			return nil
		}
		if f := e.s.Failed(msg.err); f.HasField {
			e.jump(fieldStep[f.Field])
			return nil
		}
		e.show(stateFailed)
	}
	return nil
}

func (st *submitScreen) view(e *env, b *block) {
	s := e.styles
	elapsed := e.s.Now().Sub(st.started).Round(time.Second)
	b.line(s.Title.Render("Creating “"+e.text(st.name)+"”") + s.Dim.Render(" · "+elapsed.String()))
	for i := max(len(st.log)-3, 0); i < len(st.log); i++ {
		b.wrap(s.Dim, "· "+st.log[i])
	}
	b.mark()
	b.wrapAfter(s.Value, e.spinner()+" ", st.status)
	b.gap()
	if st.cancelling {
		b.wrap(s.Warn, "⚠ The request was cancelled. If it had reached the API, the workspace may exist; the wizard is checking.")
	} else {
		b.wrap(s.Desc, "esc cancels; the wizard then tells you whether the workspace may already exist.")
	}
}

// createRun is one create in flight. Its progress reports go to events
// (dropped if nobody reads them); its verdict is in res and err once done is
// closed, which any number of waiters can see without taking it from the
// others: a waiter left over from a program that has ended cannot swallow it.
type createRun struct {
	events chan tea.Msg
	done   chan struct{}
	res    *api.Result
	err    error
}

// startCreate runs the create in a goroutine and returns at once.
func startCreate(ctx context.Context, s *wizard.Session, spec api.Spec) *createRun {
	r := &createRun{events: make(chan tea.Msg, 32), done: make(chan struct{})}
	c := s.Creator(func(ev api.Event) {
		select {
		case r.events <- createEventMsg{ev}:
		default:
		}
	})
	go func() {
		r.res, r.err = c.Create(ctx, spec)
		close(r.done)
	}()
	return r
}

// next waits for the next report, or the verdict once every report is
// read: the reports are sent before done is closed, so none is lost.
func (r *createRun) next() tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-r.events:
			return msg
		case <-r.done:
			select {
			case msg := <-r.events:
				return msg
			default:
				return createDoneMsg{r.res, r.err}
			}
		}
	}
}
