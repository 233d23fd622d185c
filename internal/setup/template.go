package setup

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// templates are the setup's starting points.
var templates = []struct {
	name, desc, ask string
}{
	{"prod / staging / dev", "three workspaces for one project, tagged env=prod, env=staging, env=dev", "Project name (the workspaces' prefix)"},
	{"one workspace per team", "a workspace for each team, tagged team=<name>", "Team names, separated by commas"},
	{"empty", "start with no workspaces and add them one by one", ""},
	{thisOrg, "export what exists: its workspaces, members, rate limits and invites; reviewed, it is nothing to apply", ""},
}

// templateScreen chooses a template, then asks its one question.
type templateScreen struct {
	sel     int
	input   *textinput.Model // the template's question, once chosen
	err     string
	loading bool // reading the organization (thisOrg)
}

func newTemplateScreen(*Model) screen { return &templateScreen{} }

func (st *templateScreen) title(*Model) string { return "Start from a template" }

func (st *templateScreen) help(m *Model) []key.Binding {
	k := m.keys
	if st.input != nil {
		return []key.Binding{with(k.Enter, "enter", "make the workspaces"), k.Back, k.Quit}
	}
	return []key.Binding{with(k.Up, "↑/↓", "choose"), k.Enter, k.Quit}
}

func (st *templateScreen) busy() bool { return st.loading }

func (st *templateScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if loaded, ok := msg.(orgLoadedMsg); ok {
		st.loading = false
		if loaded.err != nil {
			st.err = "could not read the organization: " + loaded.err.Error()
			return nil
		}
		m.file, m.dirty = loaded.file, true
		list := &listScreen{notice: loaded.notice}
		return m.show(list)
	}
	if st.loading {
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if st.input != nil {
		if ok {
			switch {
			case key.Matches(k, m.keys.Back):
				st.input, st.err = nil, ""
				return nil
			case key.Matches(k, m.keys.Enter):
				ws, err := fromTemplate(st.sel, st.input.Value())
				if err != nil {
					st.err = err.Error()
					return nil
				}
				m.file.Workspaces = ws
				m.dirty = true
				return m.show(newListScreen(m))
			}
		}
		in, cmd := st.input.Update(msg)
		st.input = &in
		st.err = ""
		if _, err := fromTemplate(st.sel, in.Value()); errors.Is(err, errTwice) {
			st.err = err.Error() // at once, as it is typed
		}
		return cmd
	}
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Up):
		st.sel = max(st.sel-1, 0)
	case key.Matches(k, m.keys.Down):
		st.sel = min(st.sel+1, len(templates)-1)
	case key.Matches(k, m.keys.Enter):
		if templates[st.sel].name == thisOrg {
			st.loading, st.err = true, ""
			return loadOrganization(m)
		}
		if templates[st.sel].ask == "" {
			return m.show(newListScreen(m))
		}
		in := newInput(m, "", 0)
		st.input = &in
		return in.Focus()
	}
	return nil
}

// fromTemplate makes template i's workspaces from the answer to its question.
func fromTemplate(i int, answer string) ([]plan.Workspace, error) {
	answer = strings.TrimSpace(answer)
	switch i {
	case 0:
		if answer == "" {
			return nil, errors.New("type the project's name, e.g. research")
		}
		var ws []plan.Workspace
		for _, env := range []string{"prod", "staging", "dev"} {
			ws = append(ws, plan.Workspace{Name: answer + "-" + env, Tags: map[string]string{"env": env}})
		}
		return ws, checkNames(ws)
	case 1:
		var ws []plan.Workspace
		for _, t := range strings.Split(answer, ",") {
			if t = strings.TrimSpace(t); t != "" {
				ws = append(ws, plan.Workspace{Name: t, Tags: map[string]string{"team": t}})
			}
		}
		if len(ws) == 0 {
			return nil, errors.New("type at least one team name, e.g. research, platform")
		}
		return ws, checkNames(ws)
	}
	return nil, nil
}

// errTwice is a name the answer gives twice: entries find workspaces by
// name, so a plan names each once.
var errTwice = errors.New("each name may appear once in a plan (entries find workspaces by name)")

// checkNames applies the workspace rules to names made from a template,
// and refuses a name given twice.
func checkNames(ws []plan.Workspace) error {
	seen := map[string]bool{}
	for _, w := range ws {
		if seen[w.Name] {
			return fmt.Errorf("%q is given twice; %w", w.Name, errTwice)
		}
		seen[w.Name] = true
		if err := rules.ValidateName(w.Name); err != nil {
			return errors.New(w.Name + ": " + err.Error())
		}
		for k, v := range w.Tags {
			if _, err := rules.CheckTagEntry(nil, -1, k+"="+v); err != nil {
				return errors.New(w.Name + ": " + err.Error())
			}
		}
	}
	return nil
}

func (st *templateScreen) resize(m *Model) {
	if st.input != nil {
		st.input.SetWidth(inputWidth(m, 0))
	}
}

func (st *templateScreen) view(m *Model, w, h int) []string {
	s := m.styles
	out := []string{s.Title.Render("How should the organization start?"), ""}
	focus := 0
	for i, t := range templates {
		cur, ns := "  ", s.Value
		if i == st.sel {
			cur, ns = s.Cursor.Render("› "), s.Selected
			focus = len(out) + 1 // its description's first line too
		}
		out = append(out, cur+ns.Render(t.name))
		for _, l := range wrap(s.Dim, t.desc, w-4) {
			out = append(out, "    "+l)
		}
	}
	if st.input != nil {
		out = append(out, "", s.Title.Render(templates[st.sel].ask), st.input.View())
	}
	if st.loading {
		out = append(out, "", s.Dim.Render("Reading the organization…"))
	}
	if st.err != "" {
		out = append(out, wrap(s.Error, "✗ "+termsafe.String(st.err), w)...)
	}
	if st.input != nil || st.loading || st.err != "" {
		focus = len(out) - 1 // the question, the wait or the error
	}
	out = append(out, "")
	out = append(out, wrap(s.Desc, "Every workspace can be edited, added or removed next; nothing is sent until you apply the plan.", w)...)
	// On a small screen the chosen template (or the question) stays in view.
	return scrollTo(out, focus, h)
}
