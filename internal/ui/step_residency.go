package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// resStep is data residency, a huh form (forms.ResidencyForm): where data
// is stored (permanent), where inference may run, and the default
// inference geo, offered only from the allowed geos.
type resStep struct {
	v    forms.Residency
	box  formBox
	note string // something the wizard changed or ignored
}

func newResStep(e *env) page { return &resStep{note: e.s.Org.ResidencyNote} }

// open (re)builds the form from the answers so far.
func (st *resStep) open(e *env) tea.Cmd {
	r := e.s.Residency()
	st.v = forms.Residency{WorkspaceGeo: r.WorkspaceGeo, Allowed: r.Allowed, Default: r.Default}
	var cmd tea.Cmd
	st.box, cmd = e.embed(forms.ResidencyForm(&st.v), rules.FieldWorkspaceGeo)
	return cmd
}

func (st *resStep) resize(e *env, active bool) tea.Cmd {
	if !active {
		return nil
	}
	return st.box.update(e.formSize())
}

func (st *resStep) answer() wizard.Residency {
	return wizard.Residency{WorkspaceGeo: st.v.WorkspaceGeo, Allowed: st.v.Allowed, Default: st.v.Default}
}

// refused reports whether the answer on screen is the one the API refused.
func (st *resStep) refused(e *env) bool {
	return e.s.Refusal(wizard.FieldResidency) != "" && st.answer() == e.s.Residency()
}

func (st *resStep) mode(e *env) mode { return mode{inner: !st.box.onFirst()} }

func (st *resStep) help(e *env) (short, more []key.Binding) {
	k := e.keys
	if st.refused(e) {
		return []key.Binding{refusedNote(), with(k.Up, "↑/↓", "choose"), k.Tab, k.Back, k.Help}, nil
	}
	return []key.Binding{with(k.Up, "↑/↓", "choose"), k.Tab, k.Next, k.Back, k.Help}, nil
}

func (st *resStep) update(e *env, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, e.keys.Next) {
		if st.refused(e) {
			return nil // the same answer would be refused again
		}
		cmd := st.box.form.NextGroup()
		if st.box.form.State != huh.StateCompleted {
			return cmd
		}
		st.note = e.s.SetResidency(st.answer())
		e.next()
		return cmd
	}
	before := st.v
	cmd := st.box.update(msg)
	if st.v.Allowed != before.Allowed {
		st.note = ""
	}
	if st.v.Default != before.Default && before.Default != "" && st.box.focused() != rules.FieldDefaultGeo {
		// The allowed geos changed and the form moved the default to one of them.
		st.note = wizard.DefaultMovedNote(before.Default, st.v.Default)
	}
	return cmd
}

func (st *resStep) view(e *env, b *block) {
	s := e.styles
	b.form(st.box)
	switch {
	case st.refused(e):
		b.wrap(s.Error, "✗ "+e.s.Refusal(wizard.FieldResidency))
	case st.note != "":
		b.wrap(s.Warn, "⚠ "+st.note)
	}
}
