package setup

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// listScreen is the plan's workspaces, one row each, and what can be done
// with them: edit, add, remove, members, rate limits; the invites; review.
type listScreen struct {
	sel    int
	notice string
}

func newListScreen(*Model) screen { return &listScreen{} }

func (st *listScreen) title(m *Model) string {
	n := len(m.file.Workspaces)
	t := fmt.Sprintf("The plan: %d workspace", n)
	if n != 1 {
		t += "s"
	}
	if len(m.file.Invites) > 0 {
		t += fmt.Sprintf(", %d invite", len(m.file.Invites))
		if len(m.file.Invites) != 1 {
			t += "s"
		}
	}
	if m.dirty {
		t += " · not saved"
	}
	return t
}

func (st *listScreen) help(m *Model) []key.Binding {
	k := m.keys
	if len(m.file.Workspaces) == 0 {
		if len(m.file.Invites) > 0 { // a plan of invites only is reviewed and applied too
			return []key.Binding{k.Add, k.Invites, k.Review, k.Save, k.Quit}
		}
		return []key.Binding{k.Add, k.Invites, k.Save, k.Quit}
	}
	return []key.Binding{k.Edit, k.Add, k.Delete, k.Members, k.Limits, k.Invites, k.Review, k.Save, k.Quit}
}

func (st *listScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	st.notice = ""
	ws := m.file.Workspaces
	has := len(ws) > 0
	switch {
	case key.Matches(k, m.keys.Up):
		st.sel = max(st.sel-1, 0)
	case key.Matches(k, m.keys.Down):
		st.sel = min(st.sel+1, max(len(ws)-1, 0))
	case key.Matches(k, m.keys.Add):
		return m.show(newEditorScreen(m, -1))
	case has && key.Matches(k, m.keys.Edit):
		return m.show(newEditorScreen(m, st.sel))
	case has && key.Matches(k, m.keys.Delete):
		st.notice = "Removed " + ws[st.sel].Name + " from the plan (nothing is archived)."
		m.file.Workspaces = slices.Delete(ws, st.sel, st.sel+1)
		st.sel = min(st.sel, max(len(m.file.Workspaces)-1, 0))
		m.dirty = true
	case has && key.Matches(k, m.keys.Members):
		return m.show(newMembersScreen(m, st.sel))
	case has && key.Matches(k, m.keys.Limits):
		return m.show(newLimitsScreen(m, st.sel))
	case key.Matches(k, m.keys.Invites):
		return m.show(newInvitesScreen(m))
	case (has || len(m.file.Invites) > 0) && key.Matches(k, m.keys.Review):
		return m.show(newReviewScreen(m))
	case key.Matches(k, m.keys.Save):
		return m.show(newSaveScreen(m, st))
	}
	return nil
}

func (st *listScreen) view(m *Model, w, h int) []string {
	s := m.styles
	var out []string
	if len(m.file.Workspaces) == 0 {
		out = append(out, wrap(s.Desc, "No workspaces yet: press a to add one.", w)...)
	}
	for i, ws := range m.file.Workspaces {
		cur, ns := "  ", s.Value
		if i == st.sel {
			cur, ns = s.Cursor.Render("› "), s.Selected
		}
		out = append(out, cur+ns.Render(ansi.Truncate(ws.Name, w-2, "…")))
		out = append(out, "    "+s.Dim.Render(ansi.Truncate(describe(ws), w-4, "…")))
	}
	if n := len(m.file.Invites); n > 0 {
		var who []string
		for _, in := range m.file.Invites {
			who = append(who, in.Email)
		}
		out = append(out, "", s.Label.Render(ansi.Truncate("Invites: "+strings.Join(who, ", "), w, "…")))
	}
	if st.notice != "" {
		out = append(out, "")
		out = append(out, wrap(s.OK, st.notice, w)...)
	}
	return scrollTo(out, 2*st.sel+1, h)
}

// describe is a workspace's row under its name: tags, residency, key,
// members and caps.
func describe(ws plan.Workspace) string {
	var parts []string
	if len(ws.Tags) > 0 {
		parts = append(parts, api.TagList(ws.Tags))
	} else {
		parts = append(parts, "no tags")
	}
	if dr := ws.DataResidency; dr != nil && dr.AllowedInferenceGeos != "" {
		parts = append(parts, "inference "+dr.AllowedInferenceGeos)
	}
	if ws.ExternalKeyID != "" {
		parts = append(parts, "key "+ws.ExternalKeyID)
	}
	parts = append(parts, plural(len(ws.Members), "member"))
	if n := len(ws.RateLimits); n > 0 {
		parts = append(parts, plural(n, "rate-limit cap"))
	}
	return strings.Join(parts, " · ")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// scrollTo keeps line focus of lines in a window of h lines.
func scrollTo(lines []string, focus, h int) []string {
	if len(lines) <= h {
		return lines
	}
	start := min(max(focus-h+2, 0), len(lines)-h)
	return lines[start : start+h]
}
