package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// resStep is data residency, a huh form (forms.ResidencyForm): where data
// is stored (permanent), where inference may run, and the default
// inference geo, offered only from the allowed geos.
type resStep struct {
	v      forms.Residency
	box    formBox
	note   string          // something the wizard changed or ignored
	apiErr string          // the API refused the residency...
	errFor forms.Residency // ...as it was then
}

func newResStep(spec api.Spec) resStep {
	st := resStep{v: forms.Residency{WorkspaceGeo: rules.DefaultWorkspaceGeo, Allowed: api.Unrestricted, Default: rules.DefaultInferenceGeo}}
	if spec.WorkspaceGeo != "" {
		if err := rules.ValidateWorkspaceGeo(spec.WorkspaceGeo); err != nil {
			st.note = "--workspace-geo: " + err.Error()
		} else {
			st.v.WorkspaceGeo = spec.WorkspaceGeo
		}
	}
	if a := spec.AllowedInferenceGeos; a != "" && a != api.Unrestricted {
		if err := rules.ValidateAllowedGeos(a); err != nil {
			st.note = "--allowed-inference-geos: " + err.Error()
		} else {
			st.v.Allowed = rules.AllowedGeosValue(false, api.SplitGeos(a))
		}
	}
	if spec.DefaultInferenceGeo != "" {
		st.v.Default = spec.DefaultInferenceGeo
	}
	st.fixDefault()
	return st
}

func (st *resStep) allowed() string { return st.v.Allowed }

// fixDefault keeps the default inference geo among the allowed ones.
func (st *resStep) fixDefault() {
	choices := rules.DefaultGeoChoices(st.v.Allowed)
	if len(choices) > 0 && !slices.Contains(choices, st.v.Default) {
		st.note = "The default inference geo is now \"" + choices[0] + "\": \"" + st.v.Default + "\" is not among the allowed geos."
		st.v.Default = choices[0]
	}
}

// openRes (re)builds the form from the answers so far.
func (m *Model) openRes() tea.Cmd {
	var cmd tea.Cmd
	m.res.box, cmd = m.embed(forms.ResidencyForm(&m.res.v), rules.FieldWorkspaceGeo)
	return cmd
}

func (m *Model) updateRes(msg tea.Msg) tea.Cmd {
	st := &m.res
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.keys.Next) {
		if st.apiErr != "" && st.v == st.errFor {
			return nil // the same answer would be refused again
		}
		cmd := st.box.form.NextGroup()
		if st.box.form.State != huh.StateCompleted {
			return cmd
		}
		st.apiErr = ""
		return tea.Batch(cmd, m.next())
	}
	before := st.v
	cmd := st.box.update(msg)
	if st.v.Allowed != before.Allowed {
		st.note = ""
	}
	if st.v.Default != before.Default && before.Default != "" && st.box.form.GetFocusedField().GetKey() != rules.FieldDefaultGeo {
		// The allowed geos changed and the form moved the default to one of them.
		st.note = "The default inference geo is now \"" + st.v.Default + "\": \"" + before.Default + "\" is not among the allowed geos."
	}
	return cmd
}

func (m *Model) viewRes(b *block) {
	s := m.styles
	st := &m.res
	b.form(st.box)
	switch {
	case st.apiErr != "":
		b.wrap(s.Error, "✗ "+st.apiErr)
	case st.note != "":
		b.wrap(s.Warn, "⚠ "+st.note)
	}
}
