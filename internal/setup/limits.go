package setup

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// limitsScreen sets one workspace's rate-limit caps, group by group, beside
// the organization's own limits (a cap above them would have no effect).
type limitsScreen struct {
	index   int
	groups  []anthropic.OrganizationRateLimit
	loading bool
	err     error
	sel     int
	input   *textinput.Model // the selected group's caps, being typed
	inErr   string
}

type rateLimitsMsg struct {
	groups []anthropic.OrganizationRateLimit
	err    error
}

func newLimitsScreen(_ *Model, index int) screen { return &limitsScreen{index: index, loading: true} }

func (st *limitsScreen) open(m *Model) tea.Cmd {
	ctx, a := m.ctx, m.o.Admin
	return func() tea.Msg {
		g, err := a.ListRateLimits(ctx)
		return rateLimitsMsg{g, err}
	}
}

func (st *limitsScreen) ws(m *Model) *plan.Workspace { return &m.file.Workspaces[st.index] }

func (st *limitsScreen) title(m *Model) string {
	return "Rate-limit caps of “" + st.ws(m).Name + "”"
}

func (st *limitsScreen) help(m *Model) []key.Binding {
	k := m.keys
	if st.input != nil {
		return []key.Binding{with(k.Enter, "enter", "keep"), with(k.Back, "esc", "cancel"), k.Quit}
	}
	return []key.Binding{with(k.Up, "↑/↓", "choose a group"), with(k.Enter, "enter", "set caps"), with(k.Back, "esc", "back to the plan"), k.Quit}
}

// groupName is how the plan file names a group: its display name, or its
// type for groups that have none.
func groupName(g anthropic.OrganizationRateLimit) string {
	if g.Group.DisplayName != "" {
		return g.Group.DisplayName
	}
	return g.Group.Type
}

// caps is the workspace's caps for group g in the plan, or nil.
func (st *limitsScreen) caps(m *Model, g anthropic.OrganizationRateLimit) *plan.RateLimit {
	return capsOf(st.ws(m), g)
}

// capsOf is ws's caps for group g, or nil.
func capsOf(ws *plan.Workspace, g anthropic.OrganizationRateLimit) *plan.RateLimit {
	for i, rl := range ws.RateLimits {
		if rl.Group == groupName(g) || rl.Group == g.ID {
			return &ws.RateLimits[i]
		}
	}
	return nil
}

func (st *limitsScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case rateLimitsMsg:
		st.loading, st.groups, st.err = false, msg.groups, msg.err
		return nil
	case tea.KeyPressMsg:
		if st.input != nil {
			switch {
			case key.Matches(msg, m.keys.Back):
				st.input, st.inErr = nil, ""
				return nil
			case key.Matches(msg, m.keys.Enter):
				limits, err := parseCaps(st.input.Value())
				if err != nil {
					st.inErr = err.Error()
					return nil
				}
				setCaps(st.ws(m), st.groups[st.sel], limits)
				m.dirty = true
				st.input, st.inErr = nil, ""
				return nil
			}
			in, cmd := st.input.Update(msg)
			st.input = &in
			st.inErr = ""
			return cmd
		}
		switch {
		case key.Matches(msg, m.keys.Back):
			return m.show(newListScreen(m))
		case key.Matches(msg, m.keys.Up):
			st.sel = max(st.sel-1, 0)
		case key.Matches(msg, m.keys.Down):
			st.sel = min(st.sel+1, max(len(st.groups)-1, 0))
		case key.Matches(msg, m.keys.Enter) && len(st.groups) > 0:
			in := newInput(m, "requests_per_minute=500 output_tokens_per_minute=80000", 4)
			if c := st.caps(m, st.groups[st.sel]); c != nil {
				in.SetValue(capsText(c.Limits))
			}
			st.input = &in
			return in.Focus()
		}
	}
	return nil
}

func (st *limitsScreen) resize(m *Model) {
	if st.input != nil {
		st.input.SetWidth(inputWidth(m, 4))
	}
}

// setCaps puts the caps for g into ws; none removes them.
func setCaps(ws *plan.Workspace, g anthropic.OrganizationRateLimit, limits []plan.Limit) {
	ws.RateLimits = slices.DeleteFunc(ws.RateLimits, func(rl plan.RateLimit) bool { return rl.Group == groupName(g) || rl.Group == g.ID })
	if len(limits) > 0 {
		ws.RateLimits = append(ws.RateLimits, plan.RateLimit{Group: groupName(g), Limits: limits})
	}
}

// parseCaps reads "type=value type=value"; an empty line is no caps.
func parseCaps(s string) ([]plan.Limit, error) {
	var out []plan.Limit
	for _, f := range strings.Fields(strings.ReplaceAll(s, ",", " ")) {
		typ, val, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("write each cap as type=value, e.g. requests_per_minute=500 (got %q)", f)
		}
		if err := rules.ValidateRateLimitType(typ); err != nil {
			return nil, err
		}
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a whole number", typ, val)
		}
		if err := rules.ValidateRateLimitValue(typ, n); err != nil {
			return nil, err
		}
		if slices.ContainsFunc(out, func(l plan.Limit) bool { return string(l.Type) == typ }) {
			return nil, errors.New(typ + " is given twice")
		}
		out = append(out, plan.Limit{Type: anthropic.WorkspaceRateLimitType(typ), Value: n})
	}
	return out, nil
}

func capsText(ls []plan.Limit) string {
	var parts []string
	for _, l := range ls {
		parts = append(parts, string(l.Type)+"="+strconv.FormatInt(l.Value, 10))
	}
	return strings.Join(parts, " ")
}

func (st *limitsScreen) view(m *Model, w, h int) []string {
	s := m.styles
	switch {
	case st.loading:
		return []string{s.Dim.Render("• listing the organization's rate-limit groups…")}
	case st.err != nil:
		return wrap(s.Error, "✗ The rate-limit groups could not be listed: "+st.err.Error(), w)
	case len(st.groups) == 0:
		return wrap(s.Desc, "The organization has no rate-limit groups to cap.", w)
	}
	var out []string
	for i, g := range st.groups {
		cur, ns := "  ", s.Value
		if i == st.sel {
			cur, ns = s.Cursor.Render("› "), s.Selected
		}
		out = append(out, cur+ns.Render(ansi.Truncate(groupName(g), w-2, "…")))
		var org []string
		for _, l := range g.Limits {
			org = append(org, l.Type+" "+strconv.FormatInt(l.Value, 10))
		}
		out = append(out, "    "+s.Dim.Render(ansi.Truncate("organization: "+strings.Join(org, ", "), w-4, "…")))
		if c := st.caps(m, g); c != nil {
			out = append(out, "    "+s.OK.Render(ansi.Truncate("cap: "+capsText(c.Limits), w-4, "…")))
		}
		if i == st.sel && st.input != nil {
			out = append(out, "    "+st.input.View())
			if st.inErr != "" {
				out = append(out, wrap(s.Error, "✗ "+st.inErr, w)...)
			}
		}
	}
	out = append(out, "")
	out = append(out, wrap(s.Desc, "Caps are the workspace's overrides; the organization's limits still apply, and the plan flags a cap above them.", w)...)
	return scrollTo(out, 2*st.sel+1, h)
}
