package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// state names a screen of the wizard: a numbered step, the sign-in, or
// one of the screens after Create.
type state int

const (
	stateKey        state = iota // sign in: ask for the admin key
	stateName                    // step 1
	stateTags                    // step 2
	stateResidency               // step 3
	stateEncryption              // step 4
	stateProfile                 // step 5 when the organization has user profiles
	stateReview                  // the last step
	stateSubmitting              // the create in flight
	stateResult                  // the workspace, created
	stateFailed                  // not created, or not known
	stateMembers                 // after the result: add members
)

// screens is every screen, in order: its name in the header, whether it
// is a numbered step (and when it is offered), and its constructor. A new
// step is a type in a file of its own (see step.go) and one line here.
var screens = []struct {
	id       state
	name     string
	numbered bool
	offered  func(*wizard.Session) bool // nil: always
	make     func(e *env) page
}{
	{stateKey, "Admin key", false, nil, newKeyStep},
	{stateName, "Name", true, nil, newNameStep},
	{stateTags, "Tags", true, nil, newTagsStep},
	{stateResidency, "Data residency", true, nil, newResStep},
	{stateEncryption, "Encryption key", true, nil, newEncStep},
	{stateProfile, "User profile", true, func(s *wizard.Session) bool { return s.Org.ProfilesOffered }, newProfStep},
	{stateReview, "Review", true, nil, newReviewStep},
	{stateSubmitting, "Creating", false, nil, newSubmitScreen},
	{stateResult, "Created", false, nil, newResultScreen},
	{stateFailed, "Not created", false, nil, newFailedScreen},
	{stateMembers, "Add members", false, nil, newMembersScreen},
}

func screenName(s state) string {
	for _, sc := range screens {
		if sc.id == s {
			return sc.name
		}
	}
	return ""
}

// Model is the wizard's parent: it owns the screens and which one shows,
// routes keys to it and answers to the screen that asked, and draws the
// chrome (header, scrolling, help) around it. What the wizard knows lives
// in the session (env.s); each screen keeps only its widgets.
type Model struct {
	e        *env
	pages    []page // indexed by state
	scroll   int    // lines the user scrolled the screen by (pgup/pgdn)
	fullHelp bool
	spin     spinner.Model
	spinning bool // a spinner tick is on its way
	outcome  Outcome
	done     bool
}

// newModel builds the wizard from main's options, pre-filling every field
// given on the command line.
func newModel(ctx context.Context, o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	s := wizard.New(wizard.Options{Config: o.Config, API: o.API, Connect: o.Connect, Demo: o.Demo,
		Now: o.Now, Sleep: o.Sleep, LookAgainAfter: o.LookAgainAfter})
	e := &env{ctx: ctx, s: s, edit: o.Edit, afterKey: stateName, width: 80, height: 24, keys: newKeyMap(), loc: o.Location, animate: !o.Still,
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		}}
	if o.After != nil {
		e.after = o.After
	}
	if e.loc == nil {
		e.loc = time.Local
	}
	if o.Edit {
		e.keys.Quit.SetHelp("ctrl+c", "back, keeping nothing")
	}
	e.setStyles(true)
	m := &Model{e: e, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
	m.spin.Style = e.styles.Cursor
	e.frame = m.spin.View()
	m.pages = make([]page, len(screens))
	for _, sc := range screens {
		m.pages[sc.id] = sc.make(e)
	}
	m.e.cur = stateName
	if s.Admin() == nil {
		m.e.cur = stateKey
	}
	m.e.scrollBy, m.e.room = m.scrollBy, m.bodyRoom
	return m
}

// Init asks the terminal for its background, names the organization and
// opens the first screen.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.page().open(m.e)}
	if a := m.e.s.Admin(); a != nil {
		cmds = append(cmds, orgCmd(m.e.ctx, a))
	}
	return tea.Batch(cmds...)
}

func (m *Model) page() page { return m.pages[m.e.cur] }

// Update routes a message, then carries out the move the screen asked for
// and starts the spinner if the screen now waits for an answer.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	return m, tea.Batch(cmd, m.afterUpdate(), m.spinCmd())
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	e := m.e
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if msg.ID == m.spin.ID() {
			return m.spinTick(msg)
		}
		return nil
	case tea.WindowSizeMsg:
		if msg.Width <= 0 || msg.Height <= 0 {
			return nil // not a terminal: keep the 80x24 default
		}
		e.width, e.height = msg.Width, msg.Height
		var cmds []tea.Cmd
		for i, p := range m.pages {
			if r, ok := p.(resizer); ok {
				cmds = append(cmds, r.resize(e, state(i) == e.cur))
			}
		}
		return tea.Batch(cmds...)
	case tea.BackgroundColorMsg:
		e.setStyles(msg.IsDark())
		m.spin.Style = e.styles.Cursor
		e.frame = m.spin.View()
		for _, p := range m.pages {
			if r, ok := p.(restyler); ok {
				r.restyle(e.styles)
			}
		}
		return nil
	case signalledMsg:
		return tea.Quit
	case orgMsg:
		return m.gotOrg(msg)
	case answer:
		// An answer goes to the screen that asked, whatever shows: the
		// user may have left it meanwhile, and a dropped answer would
		// leave it waiting for good.
		return m.pages[msg.to()].update(e, msg)
	case tea.KeyPressMsg:
		e.notice = "" // a notice lasts until the next key
		if cmd, ok := m.key(msg); ok {
			return cmd
		}
	}
	return m.page().update(e, msg)
}

// key handles the keys every screen shares: esc as back, ctrl+c, shift+tab,
// ? and the page keys.
func (m *Model) key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	e, md := m.e, m.page().mode(m.e)
	numbered := m.stepIndex(m.e.cur) >= 0
	if k.String() == "esc" && numbered && !md.editing {
		// Esc has one meaning on the steps: back, as Shift+Tab.
		k = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	switch {
	case key.Matches(k, e.keys.Quit):
		if md.busy {
			return nil, false // the screen cancels what is under way
		}
		o := Outcome{Err: e.s.Cancelled()}
		if en, ok := m.page().(ender); ok {
			o = en.ending(e)
		}
		return m.quit(o), true
	case md.keys:
		return nil, false
	case key.Matches(k, e.keys.Back) && numbered:
		if md.inner {
			return nil, false // the step goes back within itself
		}
		return m.back(), true
	case key.Matches(k, e.keys.Help) && !md.typing:
		m.fullHelp = !m.fullHelp
		return nil, true
	case key.Matches(k, e.keys.PageDown):
		m.scrollBy(max(e.height/2, 1))
		return nil, true
	case key.Matches(k, e.keys.PageUp):
		m.scrollBy(-max(e.height/2, 1))
		return nil, true
	}
	return nil, false
}

// back goes to the step before; from the first step opened from review,
// back to review.
func (m *Model) back() tea.Cmd {
	steps := m.steps()
	i := m.stepIndex(m.e.cur)
	switch {
	case i > 0:
		// A step reached by going back is left forward, to the next
		// step: review is no longer one Enter away.
		m.e.fromRev = false
		return m.show(steps[i-1])
	case m.e.fromRev:
		return m.show(stateReview)
	}
	m.e.notice = "This is the first step: nothing to go back to (ctrl+c quits)"
	return nil
}

// afterUpdate carries out the move the screen asked for in this update.
func (m *Model) afterUpdate() tea.Cmd {
	mv := m.e.move
	m.e.move = nil
	if mv == nil {
		return nil
	}
	switch mv.kind {
	case moveNext:
		if m.e.fromRev {
			return m.show(stateReview)
		}
		steps := m.steps()
		return m.show(steps[m.stepIndex(m.e.cur)+1])
	case moveShow:
		return m.show(mv.to)
	case moveJump:
		cmd := m.show(mv.to)
		m.e.fromRev = true
		return cmd
	case moveQuit:
		return m.quit(mv.outcome)
	}
	return nil
}

// show makes s the screen and opens it.
func (m *Model) show(s state) tea.Cmd {
	if s == stateReview {
		m.e.fromRev = false
	}
	m.e.cur = s
	m.fullHelp = false
	m.scroll = 0
	return tea.Batch(m.pages[s].open(m.e), m.afterUpdate())
}

func (m *Model) quit(o Outcome) tea.Cmd {
	m.outcome = o
	m.done = true
	m.e.ended = true
	if m.e.edit {
		// An editor hands the answers to its parent; the program goes on.
		return func() tea.Msg { return EditedMsg{o} }
	}
	return tea.Quit
}

// steps are this session's numbered steps.
func (m *Model) steps() []state {
	var out []state
	for _, sc := range screens {
		if sc.numbered && (sc.offered == nil || sc.offered(m.e.s)) {
			out = append(out, sc.id)
		}
	}
	return out
}

// stepIndex is the 0-based position of s in the session's steps, or -1.
func (m *Model) stepIndex(s state) int {
	for i, st := range m.steps() {
		if st == s {
			return i
		}
	}
	return -1
}

// gotOrg names the organization in the header. A key refused at start is
// explained and asked for again on the key screen; the answers typed
// meanwhile are kept.
func (m *Model) gotOrg(msg orgMsg) tea.Cmd {
	s := m.e.s
	if s.SetOrganization(msg.org, msg.err) {
		if m.e.cur <= stateReview {
			m.e.afterKey = m.e.cur
			return m.show(stateKey)
		}
		return nil
	}
	return m.e.listProfiles()
}

// spinCmd starts the spinner's ticks when the program animates, a screen
// waits and no tick is already on its way. Without animation (tests, plain
// output) no tick is ever started, so nothing runs for ever.
func (m *Model) spinCmd() tea.Cmd {
	if !m.e.animate || m.done || m.spinning || !m.page().mode(m.e).waiting {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

// spinTick moves the spinner on while a screen waits; once none does, the
// ticks stop until the next wait (spinCmd).
func (m *Model) spinTick(msg spinner.TickMsg) tea.Cmd {
	if !m.page().mode(m.e).waiting {
		m.spinning = false
		return nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	m.e.frame = m.spin.View()
	return cmd
}
