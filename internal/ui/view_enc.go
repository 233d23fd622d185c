package ui

import ()

// writeOnce is the warning every key choice carries.
const writeOnce = "Write-once: a key attached to a workspace can never be detached or replaced. It also turns off Workbench and Managed Agents for the workspace, is US only, and protects only data written afterwards."

func (m *Model) viewEnc(b *block) {
	s := m.styles
	st := &m.enc
	switch st.phase {
	case encChoose:
		b.form(st.chooseBox)
		if st.apiErr != "" {
			b.wrap(s.Error, "✗ "+st.apiErr)
		}
		if st.want {
			b.wrap(s.Warn, "⚠ "+writeOnce)
		}
	case encPick:
		if st.loading {
			b.line(s.Title.Render("Choose the encryption key"))
			b.line(s.Dim.Render(m.spinner() + " listing the organization's keys…"))
			break
		}
		b.form(st.pickBox)
		if st.checking || st.apiErr != "" || st.statusID == st.pickID {
			m.encStatus(b)
		}
	case encManual:
		b.line(s.Title.Render("Encryption key id"))
		b.mark()
		b.line(st.input.View())
		switch {
		case st.inputErr != nil:
			b.wrap(s.Error, "✗ "+st.inputErr.Error())
		case st.checking || st.apiErr != "" || st.statusID == st.input.Value():
			m.encStatus(b) // about the id as typed, not one typed before
		}
		if st.listNote != "" {
			b.wrap(s.Desc, st.listNote)
		}
	}
	if st.phase != encChoose {
		b.wrap(s.Warn, "⚠ "+writeOnce)
	}
}

// encStatus shows the validation of the chosen key.
func (m *Model) encStatus(b *block) {
	s := m.styles
	st := &m.enc
	switch {
	case st.checking:
		b.line(s.Dim.Render(m.spinner() + " validating " + m.text(st.chosen) + "…"))
	case st.apiErr != "":
		b.wrap(s.Error, "✗ "+st.apiErr)
	case st.status == "ok":
		b.wrap(s.OK, "✓ "+st.message)
	case st.status == "failed" || st.status == "missing":
		b.wrap(s.Error, "✗ "+st.message)
	case st.status == "unknown":
		b.wrap(s.Warn, "⚠ "+st.message)
	}
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
