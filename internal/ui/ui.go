// Package ui is the interactive wizard: a Bubble Tea parent model over the
// wizard's core (internal/wizard), one screen per file, and accessible
// mode's plain prompts over the same core.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// Options is what the wizard needs from main.
type Options struct {
	Config *config.Config
	// API is the client to use; nil means there is no key yet and the wizard
	// asks for one, building the client with Connect.
	API     api.Admin
	Connect func(key config.Secret) api.Admin
	Demo    bool
	Input   io.Reader // the terminal
	Output  io.Writer // the terminal (stderr): stdout is kept for the result
	Now     func() time.Time
	// LookAgainAfter is the pause between the looks for a create whose
	// outcome is open; 0 means the Creator's default.
	LookAgainAfter time.Duration

	// Edit makes the wizard an editor of one workspace of a plan (the
	// guided setup): nothing is sent; the review's Enter hands the answers
	// back in an EditedMsg, as ctrl+c does with Err set, instead of quitting
	// the program. See NewEditor.
	Edit bool

	// For tests: a still spinner and cursor, the time zone times are shown
	// in (time.Local when nil), timers (tea.Tick when nil), and the
	// Creator's sleep (a real one when nil).
	Still    bool
	Location *time.Location
	After    func(d time.Duration, msg tea.Msg) tea.Cmd
	Sleep    func(ctx context.Context, d time.Duration) error
}

// Outcome is how the wizard ended. Exactly one of Workspace and Err is set.
type Outcome struct {
	Workspace *anthropic.Workspace
	Result    *api.Result
	// Spec is the workspace as answered, when the wizard edits one (Edit).
	Spec *api.Spec
	// Err is outcome.ErrCancelled (or outcome.ErrCancelledAfterRefusal,
	// which wraps it), an *api.Error, an *api.UnknownOutcomeError, or
	// another failure; main maps it to the exit code.
	Err error
}

// Run runs the full-screen wizard until the workspace is created or the user
// quits. It draws on o.Output and reads keys from o.Input; nothing is sent
// before the user presses Create, so a quit before then is ErrCancelled.
func Run(ctx context.Context, o Options) Outcome {
	m := newModel(ctx, o)
	// The size is a fallback for output that is not a terminal; a terminal's
	// own size replaces it.
	//
	// A signal ends the program gracefully, like a quit key: a cancelled
	// tea.WithContext would kill it, and bubbletea v2.1.1's killed shutdown
	// closes its input reader while the reader still uses it (a data race).
	opts := []tea.ProgramOption{tea.WithWindowSize(80, 24), tea.WithFilter(filter)}
	if o.Input != nil {
		opts = append(opts, tea.WithInput(o.Input))
	}
	if o.Output != nil {
		opts = append(opts, tea.WithOutput(o.Output))
	}
	p := tea.NewProgram(m, opts...)
	stop := context.AfterFunc(ctx, func() { p.Send(signalledMsg{}) })
	defer stop()
	_, err := p.Run()
	sub := m.pages[stateSubmitting].(*submitScreen)
	sub.stop()
	return m.ended(ctx, err)
}

// signalledMsg is a signal (SIGINT, SIGTERM, SIGHUP) arriving while the
// wizard runs: it quits the way the quit key does, and ended reports what
// the screen it stopped on means.
type signalledMsg struct{}

// windowSizeRequest is what tea.RequestWindowSize sends, which huh's
// Form.Init asks for.
var windowSizeRequest = tea.RequestWindowSize()

// filter turns bubbletea's own SIGINT message, which would end the program
// as killed, into a graceful signalledMsg, and drops the window-size
// requests huh's forms make on Init: the wizard sizes its forms itself, and
// bubbletea v2.1.1 answers each request in a goroutine of its own that
// writes the program's size unsynchronised, so two forms opened together
// raced (seen by -race in the e2e tests).
func filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch {
	case msg == windowSizeRequest:
		return nil
	case isInterrupt(msg):
		return signalledMsg{}
	}
	return msg
}

func isInterrupt(msg tea.Msg) bool {
	_, ok := msg.(tea.InterruptMsg)
	return ok
}

// ended is the outcome of a wizard that stopped, however it stopped: by the
// user's choice, or by a signal at any screen. Whatever was created or may
// have been is reported, never "cancelled".
func (m *Model) ended(ctx context.Context, err error) Outcome {
	switch {
	case m.done:
		return m.outcome
	case m.e.cur == stateSubmitting:
		// Stopped while a create was in flight: its context is cancelled, so
		// the Creator looks the workspace up and reports what it found.
		return m.pages[stateSubmitting].(*submitScreen).await()
	}
	if en, ok := m.page().(ender); ok {
		return en.ending(m.e)
	}
	if err != nil && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, tea.ErrProgramKilled) && ctx.Err() == nil {
		return Outcome{Err: fmt.Errorf("the wizard failed: %w", err)}
	}
	return Outcome{Err: m.e.s.Cancelled()}
}

// await waits, bounded, for a cancelled create's own verdict.
func (st *submitScreen) await() Outcome {
	select {
	case <-st.run.done:
		if st.run.err != nil {
			return Outcome{Err: st.run.err}
		}
		return Outcome{Workspace: st.run.res.Workspace, Result: st.run.res}
	case <-time.After(awaitCreateLimit):
		return Outcome{Err: &api.UnknownOutcomeError{Name: st.name, Since: st.started,
			Cause: &api.Error{Op: "create workspace", Kind: api.KindCanceled, Message: "the wizard was stopped"}}}
	}
}

// awaitCreateLimit bounds the wait for a cancelled create's look-up.
const awaitCreateLimit = 30 * time.Second

// NewEditor is the wizard as a component of a parent Bubble Tea model (the
// guided setup): it edits one workspace, pre-filled from o.Config.Spec,
// through the same steps, and sends nothing. The parent forwards every
// message to it and draws View().Content; when the user keeps the answers
// (Enter on the review) or leaves (ctrl+c), it emits an EditedMsg.
func NewEditor(ctx context.Context, o Options) *Model {
	o.Edit = true
	return newModel(ctx, o)
}

// EditedMsg ends an editor (NewEditor): Outcome.Spec holds the answers, or
// Outcome.Err says the user left without keeping them.
type EditedMsg struct{ Outcome Outcome }
