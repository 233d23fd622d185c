package setup

import (
	"os"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// saveScreen saves the plan as a file, asked where; an existing file is
// never overwritten without asking.
type saveScreen struct {
	back    screen // where esc and a save return
	input   textinput.Model
	confirm bool // the file exists: y overwrites
	err     string
}

func newSaveScreen(m *Model, back screen) screen {
	in := newInput(m, "", 0)
	path := m.saved
	if path == "" {
		path = m.o.Path
	}
	in.SetValue(path)
	in.CursorEnd()
	return &saveScreen{back: back, input: in}
}

func (st *saveScreen) resize(m *Model) { st.input.SetWidth(inputWidth(m, 0)) }

func (st *saveScreen) open(*Model) tea.Cmd { return st.input.Focus() }

func (st *saveScreen) title(*Model) string { return "Save the plan" }

func (st *saveScreen) help(m *Model) []key.Binding {
	k := m.keys
	if st.confirm {
		return []key.Binding{key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "overwrite")), key.NewBinding(key.WithKeys("n"), key.WithHelp("n/esc", "choose another name")), k.Quit}
	}
	return []key.Binding{with(k.Enter, "enter", "save"), with(k.Back, "esc", "back"), k.Quit}
}

func (st *saveScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey {
		switch {
		case st.confirm && k.String() == "y":
			return st.write(m)
		case st.confirm:
			st.confirm = false
			return nil
		case key.Matches(k, m.keys.Back):
			m.cur = st.back
			return nil
		case key.Matches(k, m.keys.Enter):
			path := strings.TrimSpace(st.input.Value())
			if path == "" {
				st.err = "type where to save the plan, e.g. org.yaml"
				return nil
			}
			if m.o.exists(path) && path != m.saved {
				st.confirm = true
				return nil
			}
			return st.write(m)
		}
	}
	var cmd tea.Cmd
	st.input, cmd = st.input.Update(msg)
	if isKey {
		st.err = ""
	}
	return cmd
}

// exists reports whether there is a file at path (Options.Exists in tests).
func (o Options) exists(path string) bool {
	if o.Exists != nil {
		return o.Exists(path)
	}
	_, err := os.Stat(path)
	return err == nil
}

// save writes f to path as a plan file (through Options.Write in tests):
// whole or not at all, never through a symbolic link, keeping the mode
// of the file it replaces (plan.WriteFileAtomic). Overwriting was asked.
func (o Options) save(f *plan.File, path string) error {
	data, err := plan.Marshal(f)
	if err != nil {
		return err
	}
	if o.Write != nil {
		return o.Write(path, data)
	}
	return plan.WriteFileAtomic(path, data, true)
}

func (st *saveScreen) write(m *Model) tea.Cmd {
	st.confirm = false
	path := strings.TrimSpace(st.input.Value())
	if err := m.o.save(m.file, path); err != nil {
		st.err = "saving failed: " + err.Error()
		return nil
	}
	m.saved, m.dirty = path, false
	m.cur = st.back
	if l, ok := st.back.(*listScreen); ok {
		l.notice = "Saved to " + path + ". Apply it again any time: workspace-wizard apply -f " + path
	}
	return nil
}

func (st *saveScreen) view(m *Model, w, _ int) []string {
	s := m.styles
	out := []string{s.Title.Render("Where should the plan be saved?"), st.input.View()}
	if st.confirm {
		out = append(out, wrap(s.Warn, "⚠ "+strings.TrimSpace(st.input.Value())+" exists. Overwrite it? (y/n)", w)...)
	}
	if st.err != "" {
		out = append(out, wrap(s.Error, "✗ "+st.err, w)...)
	}
	out = append(out, "")
	out = append(out, wrap(s.Desc, "The file can be kept in git: workspace-wizard plan -f FILE shows what it would change, apply -f FILE makes it so, and a second apply changes nothing.", w)...)
	return out
}
