package setup

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/applyui"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// reviewScreen reads the organization and plans the file against it, then
// hands the plan to the apply screens the apply command uses (applyui): the
// plan as a table, a confirmation, live progress per item, the result.
// Nothing is sent before the user applies.
type reviewScreen struct {
	reading bool
	err     error
	ap      *applyui.Model
}

type observedMsg struct {
	p   *plan.Plan
	err error
}

func newReviewScreen(*Model) screen { return &reviewScreen{} }

func (st *reviewScreen) open(m *Model) tea.Cmd {
	st.reading, st.err, st.ap = true, nil, nil
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

// busy: while the apply screens show, they take every key, ctrl+c too (it
// stops an apply under way, or leaves the review).
func (st *reviewScreen) busy() bool { return st.ap != nil }

func (st *reviewScreen) title(*Model) string {
	if st.ap != nil {
		return "" // the apply screens have their own
	}
	return "Review the plan"
}

func (st *reviewScreen) help(m *Model) []key.Binding {
	if st.ap != nil {
		return nil // drawn by the apply screens
	}
	return []key.Binding{with(m.keys.Back, "esc", "back to the plan"), m.keys.Quit}
}

func (st *reviewScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case observedMsg:
		st.reading, st.err = false, msg.err
		if msg.err != nil {
			return nil
		}
		styles := applyui.DefaultStyles(true)
		st.ap = applyui.New(m.ctx, applyui.Options{Admin: m.o.Admin, Plan: msg.p, OrgName: m.o.OrgName,
			Now: m.o.Now, Sleep: m.o.Sleep, Secrets: []string{m.o.Key.Reveal()}, Styles: &styles, Embedded: true, Still: m.o.Still})
		st.size(m)
		return st.ap.Init()
	case applyui.DoneMsg:
		if r := msg.Report; r != nil && len(r.Items) > 0 {
			m.result.Report = ReportSummary{Ran: true, ExitCode: r.ExitCode()}
			m.result.Err = r.Err()
			l := newListScreen(m).(*listScreen)
			l.notice = applied(r)
			m.cur = l
			return nil
		}
		return m.show(newListScreen(m))
	case applyui.CancelledMsg:
		return m.show(newListScreen(m))
	case tea.WindowSizeMsg:
		st.size(m)
	case tea.KeyPressMsg:
		if st.ap == nil {
			if key.Matches(msg, m.keys.Back) {
				return m.show(newListScreen(m))
			}
			return nil
		}
	}
	if st.ap != nil {
		var cmd tea.Cmd
		st.ap, cmd = st.ap.Update(msg)
		return cmd
	}
	return nil
}

// size gives the apply screens the window below the setup's first row.
func (st *reviewScreen) size(m *Model) {
	if st.ap != nil {
		st.ap.SetSize(max(m.width-2, 10), max(m.height-1, 3))
	}
}

// applied is the plan list's word after an apply: what it did, its exit
// code, and that the plan can be saved to apply again.
func applied(r *apply.Report) string {
	s := r.Summary
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{s.Done, "done"}, {s.Failed, "failed"}, {s.Unknown, "unknown: check with workspace-wizard list"}, {s.Incomplete, "incomplete"}, {s.Skipped, "skipped"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	return "Applied: " + strings.Join(parts, ", ") + fmt.Sprintf(" (exit code %d). Save the plan (s) to apply it again later; a second apply changes nothing.", r.ExitCode())
}

func (st *reviewScreen) view(m *Model, w, h int) []string {
	s := m.styles
	switch {
	case st.err != nil:
		return wrap(s.Error, "✗ The organization could not be read, so there is no plan to review: "+st.err.Error(), w)
	case st.reading:
		return []string{s.Dim.Render("• reading the organization…")}
	}
	return nil
}
