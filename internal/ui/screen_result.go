package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// resultScreen is the workspace, created: every field the API returned,
// the members added so far, and what to do next.
type resultScreen struct{}

func newResultScreen(*env) page { return &resultScreen{} }

func (st *resultScreen) open(e *env) tea.Cmd { return nil }

func (st *resultScreen) mode(e *env) mode { return mode{} }

func (st *resultScreen) help(e *env) (short, more []key.Binding) {
	k := e.keys
	return []key.Binding{k.Copy, k.Members, k.Exit}, nil
}

func (st *resultScreen) ending(e *env) Outcome {
	res := e.s.Result()
	return Outcome{Workspace: res.Workspace, Result: res}
}

func (st *resultScreen) update(e *env, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, e.keys.Up):
		e.scrollBy(-1)
	case key.Matches(k, e.keys.Down):
		e.scrollBy(1)
	case key.Matches(k, e.keys.Copy):
		e.notice = "✓ ID copied to the clipboard"
		// What is shown is what is copied: a pasted id cannot run a command.
		return tea.SetClipboard(e.text(e.s.Result().Workspace.ID))
	case key.Matches(k, e.keys.Members):
		e.show(stateMembers)
	case key.Matches(k, e.keys.Exit):
		e.quit(st.ending(e))
	}
	return nil
}

func (st *resultScreen) view(e *env, b *block) {
	s := e.styles
	sum := e.s.Summary(e.loc)
	if sum.Incomplete {
		b.line(s.Warn.Bold(true).Render("⚠ Workspace created, but not all of the request took effect"))
		b.wrap(s.Warn, sum.Notes[0])
		for _, n := range sum.Notes[1:] {
			b.wrap(s.Desc, n)
		}
	} else {
		b.line(s.OK.Bold(true).Render("✓ Workspace created"))
	}
	for i, f := range sum.Fields {
		v := f.Value
		switch {
		case i == 0:
			v = s.Value.Bold(true).Render(v)
		case f.Colour != "" && !e.plain:
			v = s.swatch(f.Colour) + v
		case f.Failed:
			v = s.Error.Render("✗ ") + v
		}
		b.field(s.Label, f.Label, 15, v)
	}
	if p := e.s.Members.Progress(e.ended); p != "" {
		if e.ended {
			b.wrap(s.Warn, p)
		} else {
			b.wrap(s.Dim, "  "+p)
		}
	}
	if sum.Recovered {
		b.wrap(s.Warn, wizard.RecoveredNote)
	}
	b.gap()
	b.line(s.Title.Render("Next"))
	for _, n := range sum.Next {
		b.wrap(s.Desc, "• "+n)
	}
}
