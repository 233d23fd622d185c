package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// tagsStep is a list of key=value tags with an entry field below it. The
// entry is checked as it is typed against the tags already there.
type tagsStep struct {
	list    []api.Tag
	input   textinput.Model
	cursor  int // selected tag, or -1 when the entry field has focus
	editing int // tag being edited in the entry field, or -1
	err     error
	tried   bool   // Enter was pressed on the current, invalid entry
	setErr  error  // the list as a whole breaks a rule (e.g. tags from flags)
	apiErr  string // a 400 from the API about the tags
}

func newTagsStep(s Styles, tags []api.Tag) tagsStep {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "key=value, e.g. team=research"
	in.SetStyles(s.Input)
	st := tagsStep{list: slices.Clone(tags), input: in, cursor: -1, editing: -1}
	st.setErr = rules.ValidateTags(st.list)
	return st
}

func (m *Model) updateTags(msg tea.Msg) tea.Cmd {
	st := &m.tags
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey && st.cursor >= 0 {
		return m.tagsListKey(k)
	}
	if isKey {
		switch {
		case key.Matches(k, m.keys.Next):
			return m.tagsEnter()
		case key.Matches(k, m.keys.CancelEdit) && st.editing >= 0:
			st.editing = -1
			st.input.Reset()
			st.err, st.tried = nil, false
			return nil
		case k.String() == "up" && len(st.list) > 0:
			st.cursor = len(st.list) - 1
			if st.editing >= 0 {
				st.cursor = st.editing
			}
			st.input.Blur()
			return nil
		}
	}
	before := st.input.Value()
	var cmd tea.Cmd
	st.input, cmd = st.input.Update(msg)
	if v := st.input.Value(); v != before {
		st.tried = false
		st.err = nil
		if v != "" {
			_, st.err = rules.CheckTagEntry(st.list, st.editing, v)
		}
	}
	return cmd
}

// tagsEnter adds (or replaces) the typed tag, or moves on when the entry is empty.
func (m *Model) tagsEnter() tea.Cmd {
	st := &m.tags
	v := st.input.Value()
	if v == "" {
		if st.editing >= 0 {
			st.editing = -1
			return nil
		}
		if st.setErr != nil || st.apiErr != "" {
			return nil
		}
		return m.next()
	}
	t, err := rules.CheckTagEntry(st.list, st.editing, v)
	if err != nil {
		st.err, st.tried = err, true
		return nil
	}
	if st.editing >= 0 {
		st.list[st.editing] = t
	} else {
		st.list = append(st.list, t)
	}
	st.changed()
	st.input.Reset()
	return nil
}

func (st *tagsStep) changed() {
	st.editing = -1
	st.err, st.tried = nil, false
	st.apiErr = ""
	st.setErr = rules.ValidateTags(st.list)
}

// tagsListKey handles keys while a tag in the list is selected.
func (m *Model) tagsListKey(k tea.KeyPressMsg) tea.Cmd {
	st := &m.tags
	switch {
	case key.Matches(k, m.keys.Up):
		st.cursor = max(st.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		st.cursor++
		if st.cursor >= len(st.list) {
			st.cursor = -1
			return st.input.Focus()
		}
	case key.Matches(k, m.keys.Edit):
		t := st.list[st.cursor]
		st.editing = st.cursor
		st.cursor = -1
		st.input.SetValue(t.Key + "=" + t.Value)
		st.input.CursorEnd()
		st.err, st.tried = nil, false
		return st.input.Focus()
	case key.Matches(k, m.keys.Delete):
		st.list = slices.Delete(st.list, st.cursor, st.cursor+1)
		st.changed()
		if st.cursor >= len(st.list) {
			st.cursor = len(st.list) - 1
		}
		if st.cursor < 0 {
			return st.input.Focus()
		}
	case k.String() == "esc" || k.String() == "tab":
		st.cursor = -1
		return st.input.Focus()
	case k.Text != "":
		// Typing goes to the entry field.
		st.cursor = -1
		return tea.Batch(st.input.Focus(), m.updateTags(k))
	}
	return nil
}

func (m *Model) viewTags(b *block) {
	s := m.styles
	st := &m.tags
	b.line(s.Title.Render("Tags") + s.Dim.Render(fmt.Sprintf("  optional · %d of at most %d", len(st.list), rules.MaxTags)))
	// Keep the entry field on screen: show only as many tags as fit.
	room := max(m.bodyRoom()-4, 1)
	from, to := 0, len(st.list)
	if to-from > room {
		room = max(room-1, 1)
		focus := st.cursor
		if focus < 0 {
			focus = len(st.list) - 1
			if st.editing >= 0 {
				focus = st.editing
			}
		}
		from = min(max(focus-room+1, 0), len(st.list)-room)
		to = from + room
		b.line(s.Dim.Render(fmt.Sprintf("  … %d more (↑/↓)", len(st.list)-room)))
	}
	for i := from; i < to; i++ {
		t := st.list[i]
		row := t.Key + s.Dim.Render(" = ") + t.Value
		switch {
		case i == st.editing:
			b.line(s.Dim.Render("  ✎ " + t.Key + " = " + t.Value + " (editing)"))
		case i == st.cursor:
			b.line(s.Cursor.Render("› ") + s.Selected.Render(t.Key+" = "+t.Value))
		default:
			b.line("  " + row)
		}
	}
	b.mark()
	b.line(st.input.View())
	v := st.input.Value()
	switch {
	case st.err != nil && !st.tried && !strings.Contains(v, "="):
		b.wrap(s.Dim, "  type = and the value, e.g. "+v+"=value")
	case st.err != nil:
		b.wrap(s.Error, "✗ "+st.err.Error())
	case st.apiErr != "":
		b.wrap(s.Error, "✗ "+st.apiErr)
	case st.setErr != nil:
		b.wrap(s.Error, "✗ "+st.setErr.Error())
	}
	b.gap()
	switch {
	case st.cursor >= 0:
		b.wrap(s.Desc, "enter/e edits the selected tag, d removes it, ↓ returns to the entry field.")
	case st.editing >= 0:
		b.wrap(s.Desc, "Change the tag and press Enter; esc keeps it as it was.")
	case st.apiErr != "":
		b.wrap(s.Desc, "Change the tags before going on: add one (key=value, Enter), or ↑ to select one to edit or remove.")
	case len(st.list) == 0:
		b.wrap(s.Desc, "Type key=value and press Enter to add a tag. Enter on an empty line continues; no tags is fine.")
	default:
		b.wrap(s.Desc, "Enter adds another tag; Enter on an empty line continues. ↑ selects a tag to edit or remove.")
	}
}

// bodyRoom is how many lines the current screen may use.
func (m *Model) bodyRoom() int {
	w := max(m.width-2, 10)
	return max(m.height-len(m.headerView(w))-len(m.helpLines(w))-3, 3)
}
