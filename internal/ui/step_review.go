package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Review rows, in order; rowCreate is the Create button.
const (
	rowName = iota
	rowTags
	rowWsGeo
	rowAllowed
	rowDefault
	rowKey
	rowProfile // shown only when the wizard offers the user profile
	rowCreate
)

var rowStep = [...]state{stateName, stateTags, stateResidency, stateResidency, stateResidency, stateEncryption, stateProfile}

// moveRow selects the next (d=1) or previous (d=-1) row shown.
func (m *Model) moveRow(d int) {
	r := m.review + d
	if r == rowProfile && !m.prof.offered {
		r += d
	}
	m.review = min(max(r, 0), rowCreate)
}

// spec is the workspace as answered. A field the user left at its default
// (and did not give as a flag) stays empty, so the server's default applies.
func (m *Model) spec() api.Spec {
	s := api.Spec{
		Name:          m.name.input.Value(),
		Tags:          append([]api.Tag(nil), m.tags.list...),
		ExternalKeyID: m.enc.keyID(),
		DisplayColor:  m.opts.Config.Spec.DisplayColor,
		UserProfileID: m.prof.chosen,
	}
	pick := func(field, v, def string) string {
		if m.set[field] || v != def {
			return v
		}
		return ""
	}
	s.WorkspaceGeo = pick(rules.FieldWorkspaceGeo, m.res.v.WorkspaceGeo, rules.DefaultWorkspaceGeo)
	s.AllowedInferenceGeos = pick(rules.FieldAllowedGeos, m.res.allowed(), rules.DefaultAllowedGeos)
	s.DefaultInferenceGeo = pick(rules.FieldDefaultGeo, m.res.v.Default, rules.DefaultInferenceGeo)
	return s
}

func (m *Model) updateReview(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Up):
		m.moveRow(-1)
	case key.Matches(k, m.keys.Down):
		m.moveRow(1)
	case key.Matches(k, m.keys.Jump):
		n, _ := strconv.Atoi(k.String())
		if steps := m.steps(); n < len(steps) {
			return m.jump(steps[n-1])
		}
	case key.Matches(k, m.keys.Next):
		if m.review < rowCreate {
			return m.jump(rowStep[m.review])
		}
		return m.submit()
	}
	return nil
}

func (m *Model) viewReview(b *block) {
	s := m.styles
	spec := m.spec()
	if !m.plain {
		b.line(s.Title.Render("Review") + s.Dim.Render(" · nothing is sent until you press Enter on Create"))
	}
	const lw = 20 // "  Allowed inference" and a space
	row := func(r int, num, label, value string) {
		cur, st := "  ", s.Label
		if m.review == r {
			cur, st = s.Cursor.Render("› "), s.Selected
		}
		lab := num + " " + label
		if 2+lw+1+ansi.StringWidth(value) <= b.width {
			b.line(cur + st.Render(pad(lab, lw)) + " " + value)
			return
		}
		// Narrow: the value goes under its label, whole.
		b.line(cur + st.Render(lab))
		sub := &block{width: b.width - 6, clean: b.clean}
		sub.line(value)
		for _, l := range sub.lines {
			b.lines = append(b.lines, "      "+l)
		}
	}
	def := func(v string) string { return v + " " + s.Default.Render("(default)") }
	name := s.Value.Render(spec.Name)
	if m.name.warn != "" {
		name += " " + s.Warn.Render("⚠ name already in use")
	}
	refused := " " + s.Error.Render("✗ refused by the API: change it")
	if m.name.apiErr != "" {
		name += refused
	}
	row(rowName, "1", "Name", name)
	tags := def("none")
	if len(spec.Tags) > 0 {
		parts := make([]string, len(spec.Tags))
		for i, t := range spec.Tags {
			parts[i] = t.Key + "=" + t.Value
		}
		tags = strings.Join(parts, ", ")
	}
	if m.tags.apiErr != "" {
		tags += refused
	}
	row(rowTags, "2", "Tags", tags)
	perm := " " + s.Permanent.Render("PERMANENT")
	orDef := func(v, d string) string {
		if v == "" {
			return def(d)
		}
		return v
	}
	row(rowWsGeo, "3", "Workspace geo", orDef(spec.WorkspaceGeo, rules.DefaultWorkspaceGeo)+perm)
	row(rowAllowed, " ", "Allowed inference", orDef(spec.AllowedInferenceGeos, rules.DefaultAllowedGeos))
	dg := orDef(spec.DefaultInferenceGeo, rules.DefaultInferenceGeo)
	if spec.DefaultInferenceGeo == "us" {
		dg += s.Dim.Render(" (priced at " + rules.USInferencePremium + ")")
	}
	row(rowDefault, " ", "Default inference", dg)
	keyv := def("none")
	if spec.ExternalKeyID != "" {
		// The id may be one the server listed: shown through m.text.
		keyv = m.text(spec.ExternalKeyID) + " " + s.Permanent.Render("WRITE-ONCE")
		if m.enc.apiErr != "" {
			keyv += refused
		}
	}
	row(rowKey, "4", "Encryption key", keyv)
	if m.prof.offered {
		prof := def("none")
		if spec.UserProfileID != "" {
			prof = m.prof.profileValue(spec.UserProfileID) + " " + s.Permanent.Render("PERMANENT")
			if m.prof.apiErr != "" {
				prof += refused
			}
		}
		row(rowProfile, "5", "User profile", prof)
	}
	if spec.DisplayColor != "" {
		b.field(s.Label, "  Colour", lw, s.swatch(spec.DisplayColor)+spec.DisplayColor)
	}
	b.gap()
	switch {
	case m.plain:
	case m.review == rowCreate:
		b.mark()
		b.line(s.Cursor.Render("› ") + s.ButtonOn.Render("Create workspace"))
	default:
		b.line("  " + s.Button.Render("Create workspace"))
	}
	b.gap()
	b.line(s.Dim.Render("The same from a script:"))
	args := []string{"workspace-wizard"}
	if m.opts.Demo {
		// This run talks to the simulated API: so must the pasted line.
		args = append(args, "--demo")
	}
	args = append(args, config.Args(spec)...)
	if m.plain {
		b.lines = append(b.lines, m.text(strings.Join(args, " "))) // one line, to copy as it is
		return
	}
	for _, l := range commandLines(args, b.width) {
		b.line(s.Code.Render(m.text(l)))
	}
}

// commandLines lays a command out to be pasted into a shell: lines break
// between arguments, a flag stays with its value, and every line but the
// last ends in a \ continuation. An argument wider than the line is not
// cut: its line is simply longer, and the block wraps it.
func commandLines(args []string, width int) []string {
	// Pair each flag with its value: "--name x" moves as one.
	var words []string
	for i := 0; i < len(args); i++ {
		w := args[i]
		if strings.HasPrefix(w, "--") && i+1 < len(args) && !strings.HasPrefix(args[i+1], "--") &&
			ansi.StringWidth(w+" "+args[i+1]) <= width-4 {
			w += " " + args[i+1]
			i++
		}
		words = append(words, w)
	}
	if one := strings.Join(words, " "); ansi.StringWidth(one) <= width {
		return []string{one}
	}
	var lines []string
	cur := ""
	for _, w := range words {
		switch {
		case cur == "":
			cur = w
		case ansi.StringWidth(cur+" "+w) <= width-2:
			cur += " " + w
		default:
			lines = append(lines, cur+" \\")
			cur = "  " + w
		}
	}
	return append(lines, cur)
}
