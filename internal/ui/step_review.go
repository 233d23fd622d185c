package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// reviewStep shows every answer, one row each; Enter on a row (or its
// step's number) opens that step, Enter on Create sends the workspace.
type reviewStep struct {
	sel int // the selected row, or onCreate
}

// onCreate is the Create button's place in reviewStep.sel: rows may be
// added while the review shows (the user-profile row), Create stays.
const onCreate = -1

func newReviewStep(*env) page { return &reviewStep{} }

// fieldStep is the step that sets each answer.
var fieldStep = map[wizard.Field]state{
	wizard.FieldName: stateName, wizard.FieldTags: stateTags, wizard.FieldResidency: stateResidency,
	wizard.FieldKey: stateEncryption, wizard.FieldProfile: stateProfile,
}

func (st *reviewStep) open(e *env) tea.Cmd {
	st.sel = onCreate
	return nil
}

func (st *reviewStep) mode(e *env) mode { return mode{} }

func (st *reviewStep) help(e *env) (short, more []key.Binding) {
	k := e.keys
	rows := e.s.Review()
	enter := k.Create
	if e.edit {
		enter = with(k.Create, "enter", "keep in the plan")
	}
	if st.sel != onCreate {
		// The selected row opens its step: Enter does not create.
		enter = with(k.Edit, "enter", "change "+strings.ToLower(screenName(fieldStep[rows[st.sel].Field])))
	}
	steps := 0
	for _, r := range rows {
		if r.First {
			steps++
		}
	}
	return []key.Binding{enter, with(k.Jump, "1-"+strconv.Itoa(steps), "edit a step"), with(k.Up, "↑/↓", "select"), k.Back, k.Help},
		[]key.Binding{with(k.Edit, "↑ enter", "change the selected row")}
}

func (st *reviewStep) update(e *env, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	rows := e.s.Review()
	switch {
	case key.Matches(k, e.keys.Up) && st.sel == onCreate:
		st.sel = len(rows) - 1
	case key.Matches(k, e.keys.Up):
		st.sel = max(st.sel-1, 0)
	case key.Matches(k, e.keys.Down) && st.sel != onCreate:
		if st.sel++; st.sel >= len(rows) {
			st.sel = onCreate
		}
	case key.Matches(k, e.keys.Jump):
		n, _ := strconv.Atoi(k.String())
		for _, r := range rows {
			if r.First {
				if n--; n == 0 {
					e.jump(fieldStep[r.Field])
					return nil
				}
			}
		}
	case key.Matches(k, e.keys.Next):
		if st.sel != onCreate {
			e.jump(fieldStep[rows[st.sel].Field])
			return nil
		}
		return submit(e)
	}
	return nil
}

// submit checks the whole draft, then shows the create: a value the API
// refused is never sent again unchanged, its step opens instead.
func submit(e *env) tea.Cmd {
	f, back, err := e.s.Check()
	switch {
	case back:
		e.jump(fieldStep[f])
	case e.edit && err == nil:
		spec := e.s.Spec()
		e.quit(Outcome{Spec: &spec}) // the editor hands the answers back
	case e.edit:
		e.s.Failed(err)
		e.show(stateFailed)
	case err != nil:
		e.s.Failed(err)
		e.show(stateFailed)
	default:
		e.show(stateSubmitting)
	}
	return nil
}

func (st *reviewStep) view(e *env, b *block) {
	s := e.styles
	switch {
	case e.edit:
		b.line(s.Title.Render("Review") + s.Dim.Render(" · nothing is sent: Enter keeps this workspace in the plan"))
	case !e.plain:
		b.line(s.Title.Render("Review") + s.Dim.Render(" · nothing is sent until you press Enter on Create"))
	}
	const lw = 20 // "  Allowed inference" and a space
	rows := e.s.Review()
	num := 0
	for i, r := range rows {
		n := " "
		if r.First {
			num++
			n = strconv.Itoa(num)
		}
		value := s.Value.Render(r.Value)
		if r.Default {
			value = r.Value + " " + s.Default.Render("(default)")
		}
		if r.Note != "" {
			value += s.Dim.Render(" (" + r.Note + ")")
		}
		if r.Lock != "" {
			value += " " + s.Permanent.Render(r.Lock)
		}
		if r.Warn != "" {
			value += " " + s.Warn.Render("⚠ "+r.Warn)
		}
		if r.Refused {
			value += " " + s.Error.Render("✗ refused by the API: change it")
		}
		cur, ls := "  ", s.Label
		if st.sel == i && !e.plain {
			cur, ls = s.Cursor.Render("› "), s.Selected
		}
		lab := n + " " + r.Label
		if 2+lw+1+ansi.StringWidth(value) <= b.width {
			b.line(cur + ls.Render(pad(lab, lw)) + " " + value)
			continue
		}
		// Narrow: the value goes under its label, whole.
		b.line(cur + ls.Render(lab))
		sub := &block{width: b.width - 6}
		sub.line(value)
		for _, l := range sub.lines {
			b.lines = append(b.lines, "      "+l)
		}
	}
	if c := e.s.Spec().DisplayColor; c != "" {
		b.field(s.Label, "  Colour", lw, s.swatch(c)+e.text(c))
	}
	b.gap()
	button := "Create workspace"
	if e.edit {
		button = "Keep in the plan"
	}
	switch {
	case e.plain:
	case st.sel == onCreate:
		b.mark()
		b.line(s.Cursor.Render("› ") + s.ButtonOn.Render(button))
	default:
		b.line("  " + s.Button.Render(button))
	}
	b.gap()
	if e.edit {
		return // a plan is applied as a whole: no command line for one workspace
	}
	b.line(s.Dim.Render("The same from a script:"))
	args := e.s.Args()
	if e.plain {
		b.lines = append(b.lines, e.text(strings.Join(args, " "))) // one line, to copy as it is
		return
	}
	for _, l := range commandLines(args, b.width) {
		b.line(s.Code.Render(e.text(l)))
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

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
