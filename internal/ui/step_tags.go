package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// tagsStep is a list of key=value tags with an entry field below it. The
// entry is checked as it is typed against the tags already there.
type tagsStep struct {
	input   textinput.Model
	cursor  int // selected tag, or -1 when the entry field has focus
	editing int // tag being edited in the entry field, or -1
	err     error
	tried   bool // Enter was pressed on the current, invalid entry
}

func newTagsStep(e *env) page {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "key=value, e.g. team=research"
	in.SetStyles(e.styles.Input)
	in.SetWidth(max(e.width-6, 10))
	return &tagsStep{input: in, cursor: -1, editing: -1}
}

func (st *tagsStep) restyle(s Styles) { st.input.SetStyles(s.Input) }

func (st *tagsStep) resize(e *env, _ bool) tea.Cmd {
	st.input.SetWidth(max(e.width-6, 10))
	return nil
}

func (st *tagsStep) open(e *env) tea.Cmd {
	if st.cursor >= 0 {
		st.input.Blur()
		return nil
	}
	return st.input.Focus()
}

func (st *tagsStep) mode(e *env) mode {
	return mode{typing: st.cursor < 0, editing: st.editing >= 0 || st.cursor >= 0}
}

func (st *tagsStep) help(e *env) (short, more []key.Binding) {
	k := e.keys
	refused := e.s.Refusal(wizard.FieldTags) != ""
	switch {
	case st.cursor >= 0:
		return []key.Binding{k.Edit, k.Delete, with(k.Down, "↑/↓", "select"), k.Back, k.Help}, nil
	case refused && st.editing < 0:
		// Enter on an empty line would send the refused tags again.
		return []key.Binding{refusedNote(), with(k.Up, "↑", "select a tag"), k.Back, k.Quit}, nil
	case st.editing >= 0:
		return []key.Binding{with(k.Next, "enter", "save the tag"), k.CancelEdit, k.Back, k.Quit}, nil
	case e.fromReview():
		return []key.Binding{with(k.Next, "enter", "add tag / back to review"), with(k.Up, "↑", "select a tag"), k.Back, k.Quit}, nil
	}
	return []key.Binding{with(k.Next, "enter", "add tag / continue"), with(k.Up, "↑", "select a tag"), k.Back, k.Quit}, nil
}

func (st *tagsStep) update(e *env, msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey && st.cursor >= 0 {
		return st.listKey(e, k)
	}
	if isKey {
		switch {
		case key.Matches(k, e.keys.Next):
			return st.enter(e)
		case key.Matches(k, e.keys.CancelEdit) && st.editing >= 0:
			st.editing = -1
			st.input.Reset()
			st.err, st.tried = nil, false
			return nil
		case k.String() == "up" && len(e.s.Tags()) > 0:
			st.cursor = len(e.s.Tags()) - 1
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
			_, st.err = rules.CheckTagEntry(e.s.Tags(), st.editing, v)
		}
	}
	return cmd
}

// enter adds (or replaces) the typed tag, or moves on when the entry is empty.
func (st *tagsStep) enter(e *env) tea.Cmd {
	v := st.input.Value()
	if v == "" {
		if st.editing >= 0 {
			st.editing = -1
			return nil
		}
		if e.s.TagsError() != nil || e.s.Refusal(wizard.FieldTags) != "" {
			return nil
		}
		e.next()
		return nil
	}
	if err := e.s.AddTag(st.editing, v); err != nil {
		st.err, st.tried = err, true
		return nil
	}
	st.editing = -1
	st.err, st.tried = nil, false
	st.input.Reset()
	return nil
}

// listKey handles keys while a tag in the list is selected.
func (st *tagsStep) listKey(e *env, k tea.KeyPressMsg) tea.Cmd {
	tags := e.s.Tags()
	switch {
	case key.Matches(k, e.keys.Up):
		st.cursor = max(st.cursor-1, 0)
	case key.Matches(k, e.keys.Down):
		st.cursor++
		if st.cursor >= len(tags) {
			st.cursor = -1
			return st.input.Focus()
		}
	case key.Matches(k, e.keys.Edit):
		t := tags[st.cursor]
		st.editing = st.cursor
		st.cursor = -1
		st.input.SetValue(t.Key + "=" + t.Value)
		st.input.CursorEnd()
		st.err, st.tried = nil, false
		return st.input.Focus()
	case key.Matches(k, e.keys.Delete):
		e.s.RemoveTag(st.cursor)
		st.editing = -1
		st.err, st.tried = nil, false
		if st.cursor >= len(tags)-1 {
			st.cursor = len(tags) - 2
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
		return tea.Batch(st.input.Focus(), st.update(e, k))
	}
	return nil
}

func (st *tagsStep) view(e *env, b *block) {
	s := e.styles
	tags := e.s.Tags()
	b.line(s.Title.Render("Tags") + s.Dim.Render(fmt.Sprintf("  optional · %d of at most %d", len(tags), rules.MaxTags)))
	// Keep the entry field on screen: show only as many tags as fit.
	room := max(e.room()-4, 1)
	from, to := 0, len(tags)
	if to-from > room {
		room = max(room-1, 1)
		focus := st.cursor
		if focus < 0 {
			focus = len(tags) - 1
			if st.editing >= 0 {
				focus = st.editing
			}
		}
		from = min(max(focus-room+1, 0), len(tags)-room)
		to = from + room
		b.line(s.Dim.Render(fmt.Sprintf("  … %d more (↑/↓)", len(tags)-room)))
	}
	for i := from; i < to; i++ {
		t := tags[i]
		switch {
		case i == st.editing:
			b.line(s.Dim.Render("  ✎ " + t.Key + " = " + t.Value + " (editing)"))
		case i == st.cursor:
			b.line(s.Cursor.Render("› ") + s.Selected.Render(t.Key+" = "+t.Value))
		default:
			b.line("  " + t.Key + s.Dim.Render(" = ") + t.Value)
		}
	}
	b.mark()
	b.line(st.input.View())
	v := st.input.Value()
	refusal := e.s.Refusal(wizard.FieldTags)
	switch {
	case st.err != nil && !st.tried && !strings.Contains(v, "="):
		b.wrap(s.Dim, "  type = and the value, e.g. "+v+"=value")
	case st.err != nil:
		b.wrap(s.Error, "✗ "+st.err.Error())
	case refusal != "":
		b.wrap(s.Error, "✗ "+refusal)
	case e.s.TagsError() != nil:
		b.wrap(s.Error, "✗ "+e.s.TagsError().Error())
	}
	b.gap()
	switch {
	case st.cursor >= 0:
		b.wrap(s.Desc, "enter/e edits the selected tag, d removes it, ↓ returns to the entry field.")
	case st.editing >= 0:
		b.wrap(s.Desc, "Change the tag and press Enter; esc keeps it as it was.")
	case refusal != "":
		b.wrap(s.Desc, "Change the tags before going on: add one (key=value, Enter), or ↑ to select one to edit or remove.")
	case len(tags) == 0:
		b.wrap(s.Desc, "Type key=value and press Enter to add a tag. Enter on an empty line continues; no tags is fine.")
	default:
		b.wrap(s.Desc, "Enter adds another tag; Enter on an empty line continues. ↑ selects a tag to edit or remove.")
	}
}
