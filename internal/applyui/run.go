package applyui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// Run shows the plan on o.Out, reads keys from o.In, and applies the plan
// if the user says so, until they close the result. It returns the report
// (nil error: the report's own Err and ExitCode say how it went), or no
// report and outcome.ErrCancelled (nothing sent), apply.ErrPlanNotApplicable
// (a plan with errors: nothing sent), or the terminal's failure. A ctx
// cancelled (a signal) at the review cancels; while applying it stops the
// apply, which still reports truthfully. It draws on the alternate screen,
// so nothing is left on the terminal: the caller prints the report where it
// belongs (stdout).
func Run(ctx context.Context, o Options) (*apply.Report, error) {
	m := New(ctx, o)
	prog := &program{m: m, styled: o.Styles != nil}
	opts := []tea.ProgramOption{tea.WithWindowSize(80, 24), tea.WithFilter(filter)}
	if o.In != nil {
		opts = append(opts, tea.WithInput(o.In))
	}
	if o.Out != nil {
		opts = append(opts, tea.WithOutput(o.Out))
	}
	p := tea.NewProgram(prog, opts...)
	// A signal ends the program the way the keys do, never by killing it:
	// a write in flight must still be reported.
	stop := context.AfterFunc(ctx, func() { p.Send(signalledMsg{}) })
	defer stop()
	_, err := p.Run()
	if m.run != nil {
		// Stopped before the apply ended (the terminal went away): it
		// stops, and reports what became of each write all the same.
		m.Stop()
		return m.Wait()
	}
	switch {
	case m.report != nil:
		return m.report, nil
	case m.err != nil:
		return nil, m.err
	case err != nil && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, tea.ErrProgramKilled):
		return nil, fmt.Errorf("the apply screen failed: %w", err)
	}
	return nil, outcome.ErrCancelled
}

// signalledMsg is a signal arriving while Run shows the model.
type signalledMsg struct{}

// filter turns bubbletea's SIGINT message, which would end the program as
// killed, into a signalledMsg.
func filter(_ tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(tea.InterruptMsg); ok {
		return signalledMsg{}
	}
	return msg
}

// program is Run's tea.Model around the Model: the terminal's background,
// signals, and the end.
type program struct {
	m      *Model
	styled bool // the caller chose the styles
	done   bool
}

func (p *program) Init() tea.Cmd { return tea.Batch(tea.RequestBackgroundColor, p.m.Init()) }

func (p *program) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		if !p.styled {
			p.m.SetStyles(DefaultStyles(msg.IsDark()))
		}
		return p, nil
	case signalledMsg:
		return p, p.m.Interrupt()
	case DoneMsg, CancelledMsg:
		p.done = true
		return p, tea.Quit
	}
	var cmd tea.Cmd
	p.m, cmd = p.m.Update(msg)
	return p, cmd
}

func (p *program) View() tea.View {
	if p.done {
		return tea.NewView("")
	}
	v := tea.NewView(p.m.View())
	// The alternate screen: a plan longer than the terminal scrolls within
	// it, and once it ends the terminal is as it was, with the report
	// printed after it by the caller.
	v.AltScreen = true
	v.WindowTitle = "workspace-wizard apply"
	return v
}
