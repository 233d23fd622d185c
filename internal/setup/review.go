package setup

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// reviewScreen reads the organization, shows the whole plan against it
// (create, update, conflict, unchanged, item by item), and applies it on a
// keystroke with live progress per item; nothing is sent before.
type reviewScreen struct {
	phase   reviewPhase
	plan    *plan.Plan
	err     error
	scroll  int
	events  chan tea.Msg
	cancel  context.CancelFunc
	done    []*apply.ItemResult // progress: each item finished
	total   int
	report  *apply.Report
	running int
}

type reviewPhase int

const (
	reading reviewPhase = iota
	planned
	applying
	applied
)

type observedMsg struct {
	p   *plan.Plan
	err error
}

// applyEventMsg is one event of the apply in flight; applyDoneMsg its end.
type applyEventMsg struct{ ev apply.Event }

type applyDoneMsg struct {
	report *apply.Report
	err    error
}

func newReviewScreen(*Model) screen { return &reviewScreen{} }

func (st *reviewScreen) open(m *Model) tea.Cmd {
	st.phase = reading
	ctx, a, f := m.ctx, m.o.Admin, m.file
	return func() tea.Msg {
		var names []string
		for _, w := range f.Workspaces {
			names = append(names, w.Name)
		}
		o, err := apply.Observe(ctx, a, names...)
		if err != nil {
			return observedMsg{err: err}
		}
		return observedMsg{p: plan.Diff(f, o)}
	}
}

func (st *reviewScreen) busy() bool { return st.phase == applying }

func (st *reviewScreen) title(m *Model) string {
	switch st.phase {
	case applying:
		return fmt.Sprintf("Applying: %d of %d done", len(st.done), st.total)
	case applied:
		return "Applied"
	}
	return "Review the plan"
}

func (st *reviewScreen) help(m *Model) []key.Binding {
	k := m.keys
	switch st.phase {
	case planned:
		var bs []key.Binding
		if st.plan != nil && st.plan.OK() && st.plan.Changes() > 0 {
			bs = append(bs, with(k.Apply, "y", fmt.Sprintf("apply %d changes", st.plan.Changes())))
		}
		return append(bs, with(k.Up, "↑/↓", "scroll"), with(k.Save, "s", "save the plan"), with(k.Back, "esc", "back to the plan"), k.Quit)
	case applying:
		return []key.Binding{with(k.Quit, "ctrl+c", "stop (items in flight finish)")}
	case applied:
		return []key.Binding{with(k.Save, "s", "save the plan"), with(k.Back, "esc", "back to the plan"), with(k.Enter, "q", "quit")}
	}
	return []key.Binding{with(k.Back, "esc", "back"), k.Quit}
}

func (st *reviewScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case observedMsg:
		st.phase, st.plan, st.err = planned, msg.p, msg.err
		return nil
	case applyEventMsg:
		ev := msg.ev
		switch ev.Kind {
		case apply.EventStarted:
			st.running++
		case apply.EventFinished:
			st.running--
			st.done = append(st.done, ev.Result)
		}
		return st.next()
	case applyDoneMsg:
		st.phase, st.report = applied, msg.report
		if msg.err != nil && msg.report == nil {
			st.err = msg.err
		}
		m.result.Report = ReportSummary{Ran: true, ExitCode: 0}
		if msg.report != nil {
			m.result.Report.ExitCode = msg.report.ExitCode()
			m.result.Err = msg.report.Err()
		}
		return nil
	case tea.KeyPressMsg:
		switch {
		case st.phase == applying && key.Matches(msg, m.keys.Quit):
			st.cancel()
			return nil
		case st.phase == applying:
			return nil
		case key.Matches(msg, m.keys.Back):
			return m.show(newListScreen(m))
		case key.Matches(msg, m.keys.Save):
			return m.show(newSaveScreen(m, st))
		case key.Matches(msg, m.keys.Up):
			st.scroll = max(st.scroll-1, 0)
		case key.Matches(msg, m.keys.Down):
			st.scroll++
		case st.phase == applied && (msg.String() == "q" || msg.String() == "enter"):
			return tea.Quit
		case st.phase == planned && msg.String() == "y" && st.plan != nil && st.plan.OK() && st.plan.Changes() > 0:
			return st.start(m)
		}
	}
	return nil
}

// start runs the apply in the background; its events come back one by one.
func (st *reviewScreen) start(m *Model) tea.Cmd {
	ctx, cancel := context.WithCancel(m.ctx)
	st.phase, st.cancel, st.scroll = applying, cancel, 0
	st.events = make(chan tea.Msg, 64)
	for _, it := range st.plan.Items {
		if it.Write != nil && it.Action.Writes() {
			st.total++
		}
	}
	a, p, events := m.o.Admin, st.plan, st.events
	opts := apply.Options{Now: m.o.Now, Sleep: m.o.Sleep, OnEvent: func(ev apply.Event) { events <- applyEventMsg{ev} }}
	go func() {
		r, err := apply.Run(ctx, a, p, opts)
		events <- applyDoneMsg{r, err}
	}()
	return st.next()
}

func (st *reviewScreen) next() tea.Cmd {
	events := st.events
	return func() tea.Msg { return <-events }
}

// resultLines are one finished item: its mark, and what became of it in
// words (the server's made safe by wrap).
func resultLines(m *Model, r *apply.ItemResult, w int) []string {
	s := m.styles
	mark := map[apply.Status]string{apply.Done: s.OK.Render("✓"), apply.Failed: s.Error.Render("✗"),
		apply.Skipped: s.Dim.Render("⊘"), apply.Unknown: s.Warn.Render("⚠"), apply.Incomplete: s.Warn.Render("⚠")}[r.Result]
	lines := wrap(s.Value, string(r.Result)+" "+r.ID+": "+r.Message, w-2)
	lines[0] = mark + " " + lines[0]
	for i := 1; i < len(lines); i++ {
		lines[i] = "  " + lines[i]
	}
	return lines
}

func (st *reviewScreen) view(m *Model, w, h int) []string {
	s := m.styles
	var out []string
	switch {
	case st.err != nil:
		out = wrap(s.Error, "✗ "+st.err.Error(), w)
	case st.phase == reading:
		out = []string{s.Dim.Render("• reading the organization…")}
	case st.phase == planned:
		out = strings.Split(strings.TrimRight(st.plan.Text(w, false), "\n"), "\n")
		if st.plan.Changes() == 0 && st.plan.OK() {
			out = append(out, "")
			out = append(out, wrap(s.OK, "✓ The organization already matches the plan: nothing to apply.", w)...)
		}
	case st.phase == applying:
		for _, r := range st.done {
			out = append(out, resultLines(m, r, w)...)
		}
		if st.running > 0 {
			out = append(out, s.Dim.Render(fmt.Sprintf("• %d in flight…", st.running)))
		}
	case st.phase == applied && st.report != nil:
		out = strings.Split(strings.TrimRight(st.report.Text(w), "\n"), "\n")
		out = append(out, "")
		out = append(out, wrap(s.Desc, fmt.Sprintf("Exit code %d. Save the plan (s) to apply it again later: a second apply changes nothing.", st.report.ExitCode()), w)...)
	}
	if st.phase == applying {
		return scrollTo(out, len(out)-1, h)
	}
	start := min(st.scroll, max(len(out)-h, 0))
	return out[start:]
}
