package ui

import (
	"strings"
)

// writeOnce is the warning every key choice carries.
const writeOnce = "Write-once: a key attached to a workspace can never be detached or replaced. It also turns off Workbench and Managed Agents for the workspace, is US only, and protects only data written afterwards."

func (m *Model) viewEnc(b *block) {
	s := m.styles
	st := &m.enc
	switch st.phase {
	case encChoose:
		b.line(s.Title.Render("Customer-managed encryption key") + s.Dim.Render(" · optional"))
		rows := []string{"No, Anthropic manages encryption " + s.Default.Render("(default)"), "Yes, use a key from our cloud KMS (CMEK)"}
		for i, r := range rows {
			if i == st.choice {
				b.mark()
				b.line(s.Cursor.Render("› ") + s.Selected.Render(radio(true)+" ") + r)
			} else {
				b.line("  " + radio(false) + " " + r)
			}
		}
		if st.apiErr != "" {
			b.wrap(s.Error, "✗ "+st.apiErr)
		}
		if st.choice == 1 {
			b.wrap(s.Warn, "⚠ "+writeOnce)
		} else {
			b.gap()
			b.wrap(s.Desc, "Most workspaces need no key of their own.")
		}
	case encPick:
		b.line(s.Title.Render("Choose the encryption key"))
		if st.loading {
			b.line(s.Dim.Render(m.sub.spin.View() + " listing the organization's keys…"))
			break
		}
		for i, k := range st.keys {
			pc := k.ProviderConfig.Type
			desc := strings.Join(nonEmpty(k.DisplayName, pc, k.Geo), " · ")
			mark := "  "
			if st.statusID == k.ID {
				mark = statusMark(st.status)
			}
			if i == st.cursor {
				b.mark()
				b.line(s.Cursor.Render("› ") + s.Selected.Render(desc) + " " + mark)
			} else {
				b.line("  " + desc + " " + mark)
			}
			b.line("    " + s.Dim.Render(k.ID))
		}
		row := "Type a key id instead"
		if st.cursor == len(st.keys) {
			b.mark()
			b.line(s.Cursor.Render("› ") + s.Selected.Render(row))
		} else {
			b.line("  " + s.Dim.Render(row))
		}
		m.encStatus(b)
	case encManual:
		b.line(s.Title.Render("Encryption key id"))
		b.mark()
		b.line(st.input.View())
		switch {
		case st.inputErr != nil:
			b.wrap(s.Error, "✗ "+st.inputErr.Error())
		default:
			m.encStatus(b)
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
		b.line(s.Dim.Render(m.sub.spin.View() + " validating " + st.chosen + "…"))
	case st.apiErr != "":
		b.wrap(s.Error, "✗ "+st.apiErr)
	case st.status == "ok":
		b.wrap(s.OK, "✓ "+st.message)
	case st.status == "failed":
		b.wrap(s.Error, "✗ "+st.message)
	case st.status == "unknown":
		b.wrap(s.Warn, "⚠ "+st.message)
	}
}

func statusMark(status string) string {
	switch status {
	case "ok":
		return "✓"
	case "failed":
		return "✗"
	case "unknown":
		return "?"
	}
	return ""
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
