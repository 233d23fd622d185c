// Package setup is the guided setup of a new organization: start from a
// template, edit each workspace with the wizard's own steps, choose its
// members with the member picker, add invites and rate-limit caps, review
// the whole plan against the organization, apply it, and save it as a plan
// file (org.yaml) that `workspace-wizard apply` applies again, changing
// nothing the second time.
package setup

import (
	"context"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/applyui"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
	"github.com/anthropic-tools/workspace-wizard/internal/ui"
)

// Options is what the setup needs from the command.
type Options struct {
	Admin  api.Admin // the organization's client
	Key    config.Secret
	File   *plan.File // a plan to start from (-f); nil: choose a template
	Path   string     // where the plan is saved by default
	Demo   bool
	Input  io.Reader
	Output io.Writer
	Now    func() time.Time
	Sleep  func(ctx context.Context, d time.Duration) error
	Still  bool // tests: no animation
	// After makes the editor's timers (tea.Tick when nil); tests pass one
	// that fires at once.
	After   func(d time.Duration, msg tea.Msg) tea.Cmd
	Exists  func(path string) bool
	Write   func(path string, data []byte) error
	OrgName string
}

// Result is how the setup ended.
type Result struct {
	File  *plan.File
	Saved string // the path the plan was saved to, or ""
	// Unsaved: the plan has changes that were not saved when the setup ended.
	Unsaved bool
	Report  ReportSummary
	Err     error // ErrQuit when the user left; an apply's error
}

// ReportSummary is what an apply in the setup did, if one ran.
type ReportSummary struct {
	Ran      bool
	ExitCode int
}

// screen is one screen of the setup.
type screen interface {
	update(m *Model, msg tea.Msg) tea.Cmd
	view(m *Model, w, h int) []string
	help(m *Model) []key.Binding
	title(m *Model) string
}

// Model is the setup: the plan being built and the screen on show.
type Model struct {
	ctx    context.Context
	o      Options
	styles ui.Styles
	keys   keys
	width  int
	height int
	file   *plan.File
	cur    screen
	saved  string // the path the plan was last saved to
	dirty  bool   // changed since it was last saved
	result Result
}

// New builds the setup.
func New(ctx context.Context, o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Path == "" {
		o.Path = "org.yaml"
	}
	m := &Model{ctx: ctx, o: o, keys: newKeys(), width: 80, height: 24}
	m.restyle(true)
	if o.File != nil {
		m.file = o.File
		m.cur = newListScreen(m)
	} else {
		m.file = &plan.File{Version: plan.Version}
		m.cur = newTemplateScreen(m)
	}
	return m
}

// Run runs the setup in the terminal until the user leaves.
func Run(ctx context.Context, o Options) Result {
	m := New(ctx, o)
	opts := []tea.ProgramOption{tea.WithWindowSize(80, 24)}
	if o.Input != nil {
		opts = append(opts, tea.WithInput(o.Input))
	}
	if o.Output != nil {
		opts = append(opts, tea.WithOutput(o.Output))
	}
	p := tea.NewProgram(m, opts...)
	stop := context.AfterFunc(ctx, func() { p.Send(quitMsg{}) })
	defer stop()
	if _, err := p.Run(); err != nil && m.result.Err == nil {
		m.result.Err = err
	}
	m.result.File = m.file
	m.result.Saved = m.saved
	m.result.Unsaved = m.dirty
	return m.result
}

type quitMsg struct{}

func (m *Model) Init() tea.Cmd { return tea.RequestBackgroundColor }

// restyle takes the styles for a dark (or light) terminal; with Still the
// cursor of every field is steady.
func (m *Model) restyle(dark bool) {
	m.styles = ui.NewStyles(dark)
	m.styles.Input.Cursor.Blink = !m.o.Still
	if r, ok := m.cur.(*reviewScreen); ok && r.ap != nil {
		r.ap.SetStyles(applyui.DefaultStyles(dark))
	}
}

// show makes s the screen.
func (m *Model) show(s screen) tea.Cmd {
	m.cur = s
	if o, ok := s.(opener); ok {
		return o.open(m)
	}
	return nil
}

// resizer is a screen with text fields, whose widths follow the window.
type resizer interface{ resize(m *Model) }

// newInput is a text field of the setup, indent columns in from the
// body's edge. Its width follows the window: a field without one shows
// only the first letter of its placeholder, and a long value runs off the
// screen.
func newInput(m *Model, placeholder string, indent int) textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = placeholder
	in.SetStyles(m.styles.Input)
	in.SetWidth(inputWidth(m, indent))
	return in
}

// inputWidth is the room for a field's text: the body's width less the
// indent, the prompt and the cursor at the end.
func inputWidth(m *Model, indent int) int { return max(m.width-2-indent-3, 1) }

// opener is a screen with work to start when shown.
type opener interface{ open(m *Model) tea.Cmd }

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if msg.Width > 0 && msg.Height > 0 {
			m.width, m.height = msg.Width, msg.Height
			if r, ok := m.cur.(resizer); ok {
				r.resize(m)
			}
		}
	case tea.BackgroundColorMsg:
		m.restyle(msg.IsDark())
	case quitMsg:
		return m, tea.Quit
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Quit) && !m.busy() {
			if _, asking := m.cur.(*quitScreen); m.dirty && !asking {
				// Nothing is lost on one keystroke: unsaved changes are asked about.
				return m, m.show(&quitScreen{back: m.cur})
			}
			return m, m.quit()
		}
	}
	return m, m.cur.update(m, msg)
}

// quit ends the setup.
func (m *Model) quit() tea.Cmd {
	if m.result.Err == nil && !m.result.Report.Ran {
		m.result.Err = ErrQuit
	}
	return tea.Quit
}

// busy reports whether the screen takes ctrl+c itself (an apply running,
// an editor open).
func (m *Model) busy() bool {
	b, ok := m.cur.(interface{ busy() bool })
	return ok && b.busy()
}

func (m *Model) View() tea.View {
	w := max(m.width-2, 10)
	s := m.styles
	if ed, ok := m.cur.(*editorScreen); ok {
		// The wizard's steps draw their own header and help.
		return tea.NewView(termsafe.Screen(termsafe.Redact(strings.Join(ed.view(m, w, m.height), "\n"), m.o.Key.Reveal())))
	}
	top := s.Brand.Render("workspace-wizard setup")
	if org := m.o.OrgName; org != "" {
		top += " " + s.Dim.Render("in") + " " + s.Org.Render(termsafe.String(org))
	}
	if r, ok := m.cur.(*reviewScreen); ok && r.ap != nil {
		// The apply screens (applyui) draw the rest, titles and keys too.
		body := " " + strings.ReplaceAll(r.ap.View(), "\n", "\n ")
		return tea.NewView(termsafe.Screen(termsafe.Redact(" "+ansi.Truncate(top, w, "…")+"\n"+body, m.o.Key.Reveal())))
	}
	head := []string{ansi.Truncate(top, w, "…"), s.Step.Render(ansi.Truncate(m.cur.title(m), w, "…"))}
	foot := helpLine(m, m.cur.help(m), w)
	room := max(m.height-len(head)-len(foot)-2, 1)
	body := m.cur.view(m, w, room)
	if len(body) > room {
		body = body[:room]
	}
	var b strings.Builder
	for _, l := range head {
		b.WriteString(" " + l + "\n")
	}
	b.WriteString("\n")
	for _, l := range body {
		b.WriteString(" " + l + "\n")
	}
	for range room - len(body) {
		b.WriteString("\n")
	}
	for _, l := range foot {
		b.WriteString(" " + l + "\n")
	}
	v := tea.NewView(termsafe.Screen(termsafe.Redact(strings.TrimSuffix(b.String(), "\n"), m.o.Key.Reveal())))
	v.WindowTitle = "workspace-wizard setup"
	return v
}

// helpLine lays the keys out in lines of at most w columns.
func helpLine(m *Model, bs []key.Binding, w int) []string {
	hs := m.styles.Help
	sep := hs.ShortSeparator.Render(" • ")
	var lines []string
	cur := ""
	for _, b := range bs {
		if !b.Enabled() {
			continue
		}
		item := hs.ShortKey.Render(b.Help().Key) + " " + hs.ShortDesc.Render(b.Help().Desc)
		switch {
		case cur == "":
			cur = item
		case ansi.StringWidth(cur+sep+item) <= w:
			cur += sep + item
		default:
			lines = append(lines, cur)
			cur = item
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return lines
}

// wrap word-wraps text to w columns in style st, made safe to show.
func wrap(st interface{ Render(...string) string }, text string, w int) []string {
	var out []string
	for _, l := range strings.Split(ansi.Wrap(termsafe.String(text), max(w, 10), ""), "\n") {
		out = append(out, st.Render(l))
	}
	return out
}
