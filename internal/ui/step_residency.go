package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
)

// resStep is data residency: where data is stored (permanent), where
// inference may run, and the default inference geo, which is offered only
// from the allowed geos so an invalid pair cannot be picked.
type resStep struct {
	cursor       int
	wsGeo        string
	unrestricted bool
	geos         []string // allowed geos when not unrestricted
	def          string
	err          string // the choice cannot be sent as it stands
	note         string // something the wizard changed or ignored
	apiErr       string
}

type resRow struct {
	section int // 0 workspace geo, 1 allowed, 2 default
	value   string
}

func newResStep(spec api.Spec) resStep {
	st := resStep{wsGeo: forms.DefaultWorkspaceGeo, unrestricted: true, def: forms.DefaultInferenceGeo}
	if spec.WorkspaceGeo != "" {
		if err := forms.ValidateWorkspaceGeo(spec.WorkspaceGeo); err != nil {
			st.note = "--workspace-geo: " + err.Error()
		} else {
			st.wsGeo = spec.WorkspaceGeo
		}
	}
	if a := spec.AllowedInferenceGeos; a != "" && a != api.Unrestricted {
		if err := forms.ValidateAllowedGeos(a); err != nil {
			st.note = "--allowed-inference-geos: " + err.Error()
		} else {
			st.unrestricted, st.geos = false, api.SplitGeos(a)
		}
	}
	if spec.DefaultInferenceGeo != "" {
		st.def = spec.DefaultInferenceGeo
	}
	st.fixDefault()
	return st
}

func (st *resStep) allowed() string { return forms.AllowedGeosValue(st.unrestricted, st.geos) }

// fixDefault keeps the default inference geo among the allowed ones.
func (st *resStep) fixDefault() {
	choices := forms.DefaultGeoChoices(st.allowed())
	if len(choices) > 0 && !slices.Contains(choices, st.def) {
		st.note = "The default inference geo is now \"" + choices[0] + "\": \"" + st.def + "\" is not among the allowed geos."
		st.def = choices[0]
	}
}

func (st *resStep) rows() []resRow {
	var rows []resRow
	for _, g := range forms.WorkspaceGeos {
		rows = append(rows, resRow{0, g})
	}
	rows = append(rows, resRow{1, api.Unrestricted})
	for _, g := range forms.InferenceGeos {
		rows = append(rows, resRow{1, g})
	}
	for _, g := range forms.DefaultGeoChoices(st.allowed()) {
		rows = append(rows, resRow{2, g})
	}
	return rows
}

// pick applies the choice on a row: radio rows select, geo rows toggle.
func (st *resStep) pick(r resRow, toggle bool) {
	st.apiErr = ""
	switch r.section {
	case 0:
		st.wsGeo = r.value
	case 1:
		if r.value == api.Unrestricted {
			st.unrestricted, st.geos = true, nil
			break
		}
		if !toggle {
			return
		}
		if st.unrestricted {
			st.unrestricted, st.geos = false, nil
		}
		if i := slices.Index(st.geos, r.value); i >= 0 {
			st.geos = slices.Delete(st.geos, i, i+1)
		} else {
			st.geos = append(st.geos, r.value)
		}
		st.note = ""
		st.fixDefault()
	case 2:
		st.def = r.value
	}
	st.err = ""
	if !st.unrestricted && len(st.geos) == 0 {
		st.err = "choose at least one geo, or Unrestricted"
	}
}

func (m *Model) updateRes(msg tea.Msg) tea.Cmd {
	st := &m.res
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	rows := st.rows()
	st.cursor = min(st.cursor, len(rows)-1)
	switch {
	case key.Matches(k, m.keys.Up):
		st.cursor = max(st.cursor-1, 0)
	case key.Matches(k, m.keys.Down), k.String() == "tab":
		st.cursor = min(st.cursor+1, len(rows)-1)
	case key.Matches(k, m.keys.Toggle):
		st.pick(rows[st.cursor], true)
	case key.Matches(k, m.keys.Next):
		if r := rows[st.cursor]; r.section != 1 {
			st.pick(r, false)
		}
		if st.err != "" || st.apiErr != "" {
			return nil
		}
		return m.next()
	}
	return nil
}

func (m *Model) viewRes(b *block) {
	s := m.styles
	st := &m.res
	rows := st.rows()
	section := -1
	for i, r := range rows {
		if r.section != section {
			section = r.section
			switch section {
			case 0:
				b.line(s.Title.Render("Workspace geo") + s.Dim.Render(" · where its data is stored"))
			case 1:
				b.line(s.Title.Render("Allowed inference geos") + s.Dim.Render(" · can be changed later"))
			case 2:
				b.line(s.Title.Render("Default inference geo") + s.Dim.Render(" · when a request names none"))
			}
		}
		var mark, label, extra string
		switch section {
		case 0:
			mark, label = radio(st.wsGeo == r.value), r.value
			extra = s.Permanent.Render("PERMANENT") + s.Dim.Render(" cannot be changed later")
		case 1:
			if r.value == api.Unrestricted {
				mark, label, extra = radio(st.unrestricted), "Unrestricted", s.Dim.Render("every geo, now and later")+" "+s.Default.Render("(default)")
			} else {
				mark, label = check(!st.unrestricted && slices.Contains(st.geos, r.value)), r.value
			}
		case 2:
			mark, label = radio(st.def == r.value), r.value
			if r.value == forms.DefaultInferenceGeo {
				extra = s.Default.Render("(default)")
			}
		}
		if r.value == "us" && section > 0 {
			extra = s.Dim.Render("US only, priced at " + forms.USInferencePremium)
		}
		if i == st.cursor {
			b.mark()
			b.line(s.Cursor.Render("› ") + s.Selected.Render(mark+" "+label) + "  " + extra)
		} else {
			b.line("  " + mark + " " + label + "  " + extra)
		}
	}
	switch {
	case st.apiErr != "":
		b.wrap(s.Error, "✗ "+st.apiErr)
	case st.err != "":
		b.wrap(s.Error, "✗ "+st.err)
	case st.note != "":
		b.wrap(s.Warn, "⚠ "+st.note)
	}
}

func radio(on bool) string {
	if on {
		return "(•)"
	}
	return "( )"
}

func check(on bool) string {
	if on {
		return "[x]"
	}
	return "[ ]"
}
