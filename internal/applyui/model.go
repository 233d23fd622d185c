// Package applyui is the terminal front end of applying a plan: a Bubble
// Tea model with three screens. The review shows the plan as a table with
// its counts and asks before anything is sent; applying shows each write
// live (in flight, waiting after a 429, looked for after an unclear answer,
// done, failed, skipped, unknown) while apply.Run works in a goroutine; the
// result is the report, with what to check and the exit code.
//
// Run is the whole thing as a program (the apply command at a terminal).
// A parent embeds a Model like any bubble:
//
//	m := applyui.New(ctx, applyui.Options{Admin: admin, Plan: p, OrgName: org, Styles: &st, Embedded: true})
//	cmd := m.Init()          // nothing is sent until the user applies
//	m.SetSize(w, h)          // the box it draws in
//	m, cmd = m.Update(msg)   // every message: its own come back through the commands it returns
//	m.View()                 // a string of at most w columns and h lines
//
// It ends by emitting DoneMsg (the user closed the result screen; the
// report is in it) or CancelledMsg (the user left the review; nothing was
// sent). A parent that is told to stop (a signal) calls Interrupt; one that
// goes away while the apply runs calls Stop, then Wait.
//
// The package imports no other front end (internal/ui, internal/setup), so
// both can import it.
package applyui

import (
	"context"
	"io"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// Options configure a Model, and Run.
type Options struct {
	// In and Out are the terminal Run reads keys from and draws on (stdin
	// and stderr: stdout is kept for the report). Unused by New.
	In  io.Reader
	Out io.Writer

	Admin   api.Admin
	Plan    *plan.Plan
	OrgName string // shown in the header; the server's, made safe here

	// Concurrency, Now, Sleep and LookAgainAfter go to apply.Run (its
	// defaults when zero). Now also times the run and the waits shown.
	Concurrency    int
	Now            func() time.Time
	Sleep          func(ctx context.Context, d time.Duration) error
	LookAgainAfter time.Duration

	// Secrets are never shown (the admin key): redacted from every frame,
	// should a server echo one in a message.
	Secrets []string
	// Styles, when set, are used as they are; else DefaultStyles, for the
	// terminal's background once Run learns it.
	Styles *Styles
	// Embedded leaves out the header's first row (the product and the
	// organization), which a parent's own chrome shows.
	Embedded bool
	// Still stops the spinner's animation (tests): no timer is started.
	Still bool
}

// Screen is which of the three screens shows.
type Screen int

// The screens, in the order a user meets them.
const (
	ScreenReview Screen = iota
	ScreenApplying
	ScreenResult
)

// DoneMsg is emitted when the user closes the result screen: the apply ran
// (to the end, or stopped), and Report says what became of each write.
// Report.ExitCode is the exit code a script would see.
type DoneMsg struct{ Report *apply.Report }

// CancelledMsg is emitted when the user leaves the review without
// applying: nothing was sent. Err is outcome.ErrCancelled, or
// apply.ErrPlanNotApplicable for a plan with errors.
type CancelledMsg struct{ Err error }

// tickMsg moves the spinner and the clocks on.
type tickMsg struct{ m *Model }

// phase is where a write is.
type phase int

const (
	queued phase = iota
	sending
	waiting
	looking
	finished
)

// entry is one write of the plan, as the applying screen shows it.
type entry struct {
	item     plan.Item
	phase    phase
	wait     time.Duration // waiting: how long, from since
	since    time.Time
	look     int
	why      string // waiting, looking: what the API answered
	result   *apply.ItemResult
	finished int // the order it finished in, from 1
}

// Model is the apply screens. Build it with New; it is used by pointer.
type Model struct {
	ctx    context.Context
	o      Options
	styles Styles
	keys   KeyMap

	width, height int
	screen        Screen
	showUnchanged bool
	scroll        int  // the first body line shown
	follow        bool // applying: the rows in flight stay in view until the user scrolls

	entries  []*entry
	byIndex  map[int]*entry // by the item's index in the plan
	run      *runner
	started  time.Time
	ended    time.Time
	stopping bool
	signaled bool // end as soon as the apply has finished
	done     int  // writes finished
	frame    int  // the spinner's

	report *apply.Report
	err    error

	confirming *archiveConfirm // the review asks for the names of the workspaces to archive
}

// New makes the model for applying o.Plan with o.Admin. It sends nothing
// until the user applies.
func New(ctx context.Context, o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	m := &Model{ctx: ctx, o: o, keys: DefaultKeyMap(), width: 80, height: 24, byIndex: map[int]*entry{}}
	m.styles = DefaultStyles(true)
	if o.Styles != nil {
		m.styles = *o.Styles
	}
	if o.Plan != nil {
		for i, it := range o.Plan.Items {
			if it.Action.Writes() && it.Write != nil {
				e := &entry{item: it}
				m.entries = append(m.entries, e)
				m.byIndex[i] = e
			}
		}
	}
	return m
}

// Init starts nothing: the review waits for the user.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize gives the model the box it draws in.
func (m *Model) SetSize(width, height int) { m.width, m.height = max(width, 1), max(height, 1) }

// SetStyles changes the styles (for a terminal's background learnt late).
func (m *Model) SetStyles(s Styles) { m.styles = s }

// Screen is the screen showing.
func (m *Model) Screen() Screen { return m.screen }

// Report is what the apply did; nil before it has finished.
func (m *Model) Report() *apply.Report { return m.report }

// Err is why there is no report: outcome.ErrCancelled after a cancel at
// the review, apply.ErrPlanNotApplicable for a plan with errors; nil
// otherwise.
func (m *Model) Err() error { return m.err }

// canApply reports whether the review may start the apply.
func (m *Model) canApply() bool {
	return m.o.Plan != nil && m.o.Plan.OK() && len(m.entries) > 0
}

// Update handles a message and returns the model and what to do next.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if msg.Width > 0 && msg.Height > 0 {
			m.SetSize(msg.Width, msg.Height)
		}
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case eventsMsg:
		if msg.run != m.run {
			return m, nil
		}
		for _, e := range msg.events {
			m.event(e)
		}
		return m, m.run.next()
	case finishedMsg:
		if msg.run != m.run {
			return m, nil
		}
		return m, m.finish(msg.rep, msg.err)
	case tickMsg:
		if msg.m == m && m.screen == ScreenApplying {
			m.frame++
			return m, m.tick()
		}
	}
	return m, nil
}

// Interrupt is a signal (SIGINT, SIGTERM, SIGHUP) while the model shows:
// at the review it cancels (nothing sent); while applying it stops the
// apply and ends once every write in flight has finished; on the result
// it ends.
func (m *Model) Interrupt() tea.Cmd {
	switch m.screen {
	case ScreenReview:
		return m.cancel()
	case ScreenApplying:
		m.signaled = true
		m.Stop()
		return nil
	}
	return emit(DoneMsg{m.report})
}

// Stop asks a running apply to stop: items not started are skipped, items
// in flight finish and say truthfully what became of them.
func (m *Model) Stop() {
	if m.run != nil && !m.stopping {
		m.stopping = true
		m.run.cancel()
	}
}

// Wait blocks until a started apply has finished and returns its report
// (nil, with Err, when it never started). For a parent that goes away
// while the apply runs: call Stop first.
func (m *Model) Wait() (*apply.Report, error) {
	if m.run == nil {
		return m.report, m.err
	}
	<-m.run.done
	m.run.mu.Lock()
	defer m.run.mu.Unlock()
	return m.run.rep, m.run.err
}

func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

func (m *Model) cancel() tea.Cmd {
	m.err = outcome.ErrCancelled
	if m.o.Plan == nil || !m.o.Plan.OK() {
		m.err = apply.ErrPlanNotApplicable
	}
	return emit(CancelledMsg{m.err})
}

func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	if m.confirming != nil && m.screen == ScreenReview {
		return m.confirmKey(k)
	}
	if m.scrollKey(k) {
		return nil
	}
	switch m.screen {
	case ScreenReview:
		switch {
		case key.Matches(k, m.keys.Apply):
			switch {
			case m.canApply():
				if a := m.archives(); len(a) > 0 {
					m.confirming = &archiveConfirm{items: a}
					return nil
				}
				return m.start()
			case m.o.Plan != nil && m.o.Plan.OK():
				// Nothing to send: the report lists the conflicts, if any.
				m.report = apply.Unsent(m.o.Plan)
				return emit(DoneMsg{m.report})
			}
		case key.Matches(k, m.keys.Cancel):
			if m.o.Plan != nil && m.o.Plan.OK() && len(m.entries) == 0 {
				m.report = apply.Unsent(m.o.Plan)
				return emit(DoneMsg{m.report})
			}
			return m.cancel()
		case key.Matches(k, m.keys.Unchanged):
			m.showUnchanged = !m.showUnchanged
			m.clampScroll()
		}
	case ScreenApplying:
		if key.Matches(k, m.keys.Stop) {
			m.Stop()
		}
	case ScreenResult:
		if key.Matches(k, m.keys.Close) {
			return emit(DoneMsg{m.report})
		}
	}
	return nil
}

// scrollKey moves the window over a body taller than it.
func (m *Model) scrollKey(k tea.KeyPressMsg) bool {
	l := m.layout()
	page := max(l.window-1, 1)
	var to int
	switch {
	case key.Matches(k, m.keys.Up):
		to = l.start - 1
	case key.Matches(k, m.keys.Down):
		to = l.start + 1
	case key.Matches(k, m.keys.PageUp):
		to = l.start - page
	case key.Matches(k, m.keys.PageDown) && l.scrolls():
		to = l.start + page
	case key.Matches(k, m.keys.Home):
		to = 0
	case key.Matches(k, m.keys.End):
		to = len(l.body)
	default:
		return false
	}
	m.follow = false
	m.scroll = min(max(to, 0), max(len(l.body)-l.window, 0))
	return true
}

// clampScroll keeps the scroll within the body after it changed.
func (m *Model) clampScroll() {
	l := m.layout()
	m.scroll = min(max(m.scroll, 0), max(len(l.body)-l.window, 0))
}

// start sends the plan's writes.
func (m *Model) start() tea.Cmd {
	m.screen, m.scroll, m.follow = ScreenApplying, 0, true
	m.started = m.o.Now()
	m.run = startRun(m.ctx, m.o.Admin, m.o.Plan, apply.Options{
		Concurrency: m.o.Concurrency, Now: m.o.Now, Sleep: m.o.Sleep, LookAgainAfter: m.o.LookAgainAfter,
	})
	return tea.Batch(m.run.next(), m.tick())
}

// tick schedules the next frame of the spinner and the clocks.
func (m *Model) tick() tea.Cmd {
	if m.o.Still {
		return nil
	}
	return tea.Tick(100*time.Millisecond, func(time.Time) tea.Msg { return tickMsg{m} })
}

func (m *Model) event(ev apply.Event) {
	e := m.byIndex[ev.Index]
	if e == nil {
		return
	}
	switch ev.Kind {
	case apply.EventStarted:
		e.phase, e.since = sending, m.o.Now()
	case apply.EventWaiting:
		e.phase, e.wait, e.since, e.why = waiting, ev.Wait, m.o.Now(), outcome.Short(ev.Err)+"; "+apply.WaitNote(ev.Err)
	case apply.EventLooking:
		e.phase, e.look, e.since, e.why = looking, ev.Look, m.o.Now(), outcome.Short(ev.Err)
	case apply.EventFinished:
		m.done++
		e.phase, e.result, e.finished = finished, ev.Result, m.done
	}
}

// finish shows the report.
func (m *Model) finish(rep *apply.Report, err error) tea.Cmd {
	m.ended = m.o.Now()
	m.report, m.err = rep, err
	if rep != nil {
		// The report is the truth; entries Run never announced (skipped
		// before their turn) take their result from it.
		byID := map[string]apply.ItemResult{}
		for _, r := range rep.Items {
			byID[r.ID] = r
		}
		m.done = 0
		for _, e := range m.entries {
			if r, ok := byID[e.item.ID]; ok {
				e.result, e.phase = &r, finished
				m.done++
			}
		}
	}
	m.screen, m.scroll, m.follow = ScreenResult, 0, false
	if m.signaled {
		return emit(DoneMsg{m.report})
	}
	return nil
}
