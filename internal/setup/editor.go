package setup

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/ui"
)

// editorScreen edits one workspace of the plan with the wizard's own steps
// (ui.NewEditor): name, tags, data residency, encryption key, user profile,
// review. Nothing is sent; Enter on the review keeps it in the plan.
type editorScreen struct {
	index  int // the workspace edited, or -1 for a new one
	ed     *ui.Model
	notice string
}

func newEditorScreen(m *Model, index int) screen {
	var ws plan.Workspace
	if index >= 0 {
		ws = m.file.Workspaces[index]
	}
	cfg := &config.Config{Spec: ws.Spec(), Set: setFields(ws)}
	return &editorScreen{index: index, ed: newEditor(m, cfg)}
}

// newEditor is the wizard's steps over cfg's workspace, sending nothing.
func newEditor(m *Model, cfg *config.Config) *ui.Model {
	return ui.NewEditor(m.ctx, ui.Options{Config: cfg, API: m.o.Admin, Now: m.o.Now, Still: m.o.Still, After: m.o.After})
}

// setFields are the fields the entry sets: the editor keeps them in its
// answers even at their defaults, so the plan still manages them.
func setFields(ws plan.Workspace) map[string]bool {
	set := map[string]bool{}
	if ws.Tags != nil {
		set[rules.FieldTags] = true
	}
	if dr := ws.DataResidency; dr != nil {
		set[rules.FieldWorkspaceGeo] = dr.WorkspaceGeo != ""
		set[rules.FieldAllowedGeos] = dr.AllowedInferenceGeos != ""
		set[rules.FieldDefaultGeo] = dr.DefaultInferenceGeo != ""
	}
	return set
}

func (st *editorScreen) open(m *Model) tea.Cmd {
	return tea.Batch(st.ed.Init(), st.size(m))
}

// size gives the editor the window, less the lines of the notice above it.
func (st *editorScreen) size(m *Model) tea.Cmd {
	_, cmd := st.ed.Update(tea.WindowSizeMsg{Width: m.width, Height: max(m.height-len(st.noticeLines(m)), 1)})
	return cmd
}

// noticeLines are the notice, wrapped to the window, or none.
func (st *editorScreen) noticeLines(m *Model) []string {
	if st.notice == "" {
		return nil
	}
	return wrap(m.styles.Error, "✗ "+st.notice, max(m.width-2, 10))
}

func (st *editorScreen) busy() bool { return true } // ctrl+c leaves the editor, not the setup

func (st *editorScreen) title(*Model) string { return "" }

func (st *editorScreen) help(*Model) []key.Binding { return nil }

func (st *editorScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if done, ok := msg.(ui.EditedMsg); ok {
		if done.Outcome.Spec != nil {
			if err := st.keep(m, *done.Outcome.Spec); err != "" {
				// The answers stay in the editor, which opens at the
				// name: the clash is there.
				st.ed = newEditor(m, &config.Config{Spec: *done.Outcome.Spec, Set: setFields(fromSpec(*done.Outcome.Spec, plan.Workspace{}))})
				st.notice = err
				return st.open(m)
			}
			m.dirty = true
		}
		return m.show(newListScreen(m))
	}
	switch msg.(type) {
	case tea.WindowSizeMsg:
		return st.size(m)
	case tea.KeyPressMsg:
		if st.notice != "" {
			// A notice lasts until the next key; the editor gets its lines back.
			st.notice = ""
			_, cmd := st.ed.Update(msg)
			return tea.Batch(cmd, st.size(m))
		}
	}
	_, cmd := st.ed.Update(msg)
	return cmd
}

// keep puts the edited workspace into the plan, or says why it cannot be:
// two entries may not share a name.
func (st *editorScreen) keep(m *Model, spec api.Spec) string {
	for i, ws := range m.file.Workspaces {
		if i != st.index && ws.Name == spec.Name {
			return "The plan has a workspace named “" + spec.Name + "” already: give this one another name."
		}
	}
	if st.index < 0 {
		m.file.Workspaces = append(m.file.Workspaces, fromSpec(spec, plan.Workspace{}))
		return ""
	}
	m.file.Workspaces[st.index] = fromSpec(spec, m.file.Workspaces[st.index])
	return ""
}

// fromSpec is the plan entry for a workspace as the wizard answered it,
// keeping old's members and rate limits.
func fromSpec(s api.Spec, old plan.Workspace) plan.Workspace {
	ws := plan.Workspace{Name: s.Name, ExternalKeyID: s.ExternalKeyID, UserProfileID: s.UserProfileID,
		DisplayColor: s.DisplayColor, Members: old.Members, RateLimits: old.RateLimits}
	if len(s.Tags) > 0 || old.Tags != nil {
		ws.Tags = map[string]string{}
		for _, t := range s.Tags {
			ws.Tags[t.Key] = t.Value
		}
	}
	if s.WorkspaceGeo != "" || s.AllowedInferenceGeos != "" || s.DefaultInferenceGeo != "" {
		ws.DataResidency = &plan.DataResidency{WorkspaceGeo: s.WorkspaceGeo,
			AllowedInferenceGeos: s.AllowedInferenceGeos, DefaultInferenceGeo: s.DefaultInferenceGeo}
	}
	return ws
}

func (st *editorScreen) view(m *Model, w, h int) []string {
	var lines []string
	for _, l := range st.noticeLines(m) {
		lines = append(lines, " "+l)
	}
	lines = append(lines, strings.Split(st.ed.View().Content, "\n")...)
	if len(lines) > h {
		lines = lines[:h]
	}
	return lines
}
