package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
)

// Review rows, in order; rowCreate is the Create button.
const (
	rowName = iota
	rowTags
	rowWsGeo
	rowAllowed
	rowDefault
	rowKey
	rowCreate
)

var rowStep = [...]state{stateName, stateTags, stateResidency, stateResidency, stateResidency, stateEncryption}

// spec is the workspace as answered. A field the user left at its default
// (and did not give as a flag) stays empty, so the server's default applies.
func (m *Model) spec() api.Spec {
	s := api.Spec{
		Name:          m.name.input.Value(),
		Tags:          append([]api.Tag(nil), m.tags.list...),
		ExternalKeyID: m.enc.keyID(),
		DisplayColor:  m.opts.Config.Spec.DisplayColor,
	}
	pick := func(field, v, def string) string {
		if m.set[field] || v != def {
			return v
		}
		return ""
	}
	s.WorkspaceGeo = pick(forms.FieldWorkspaceGeo, m.res.wsGeo, forms.DefaultWorkspaceGeo)
	s.AllowedInferenceGeos = pick(forms.FieldAllowedGeos, m.res.allowed(), forms.DefaultAllowedGeos)
	s.DefaultInferenceGeo = pick(forms.FieldDefaultGeo, m.res.def, forms.DefaultInferenceGeo)
	return s
}

func (m *Model) updateReview(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Up):
		m.review = max(m.review-1, 0)
	case key.Matches(k, m.keys.Down):
		m.review = min(m.review+1, rowCreate)
	case key.Matches(k, m.keys.Jump):
		n, _ := strconv.Atoi(k.String())
		return m.jump(steps[n-1])
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
	lw := 20
	if b.width < 60 {
		lw = 16
	}
	row := func(r int, num, label, value string) {
		cur := "  "
		if m.review == r {
			cur = s.Cursor.Render("› ")
		}
		lab := num + " " + label
		if len(lab) > lw {
			lab = lab[:lw]
		}
		lab = lab + strings.Repeat(" ", lw-len(lab))
		if m.review == r {
			lab = s.Selected.Render(lab)
		} else {
			lab = s.Label.Render(lab)
		}
		b.line(cur + lab + " " + value)
	}
	def := func(v string) string { return v + " " + s.Default.Render("(default)") }
	row(rowName, "1", "Name", s.Value.Render(spec.Name))
	tags := def("none")
	if len(spec.Tags) > 0 {
		parts := make([]string, len(spec.Tags))
		for i, t := range spec.Tags {
			parts[i] = t.Key + "=" + t.Value
		}
		tags = strings.Join(parts, ", ")
	}
	row(rowTags, "2", "Tags", tags)
	perm := " " + s.Permanent.Render("PERMANENT")
	orDef := func(v, d string) string {
		if v == "" {
			return def(d)
		}
		return v
	}
	row(rowWsGeo, "3", "Workspace geo", orDef(spec.WorkspaceGeo, forms.DefaultWorkspaceGeo)+perm)
	row(rowAllowed, " ", "Allowed inference", orDef(spec.AllowedInferenceGeos, forms.DefaultAllowedGeos))
	dg := orDef(spec.DefaultInferenceGeo, forms.DefaultInferenceGeo)
	if spec.DefaultInferenceGeo == "us" {
		dg += s.Dim.Render(" (priced at " + forms.USInferencePremium + ")")
	}
	row(rowDefault, " ", "Default inference", dg)
	keyv := def("none")
	if spec.ExternalKeyID != "" {
		keyv = spec.ExternalKeyID + " " + s.Permanent.Render("WRITE-ONCE")
	}
	row(rowKey, "4", "Encryption key", keyv)
	if spec.DisplayColor != "" {
		b.line("  " + s.Label.Render(lipgloss.NewStyle().Width(lw).Render("  Colour")) + " " + s.swatch(spec.DisplayColor) + spec.DisplayColor)
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
	cmd := "workspace-wizard " + strings.Join(spec.Args(), " ")
	if m.plain {
		b.line(cmd) // one line, to copy as it is
	} else {
		b.wrap(s.Code, cmd)
	}
}
