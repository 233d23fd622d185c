package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// state is the screen the wizard shows.
type state int

const (
	stateKey        state = iota // sign in: ask for the admin key
	stateName                    // step 1
	stateTags                    // step 2
	stateResidency               // step 3
	stateEncryption              // step 4
	stateProfile                 // step 5 when offered (see profStep)
	stateReview                  // step 5, or 6 with the user profile
	stateSubmitting
	stateResult
	stateFailed
	stateMembers // after the result: add members to the new workspace
)

// baseSteps are the numbered steps, in order; the sign-in screen is not
// one. profileSteps add the user profile, when the wizard offers it.
var (
	baseSteps    = []state{stateName, stateTags, stateResidency, stateEncryption, stateReview}
	profileSteps = []state{stateName, stateTags, stateResidency, stateEncryption, stateProfile, stateReview}
)

// steps are this session's numbered steps.
func (m *Model) steps() []state {
	if m.prof.offered {
		return profileSteps
	}
	return baseSteps
}

var stepNames = map[state]string{
	stateKey: "Admin key", stateName: "Name", stateTags: "Tags", stateResidency: "Data residency",
	stateEncryption: "Encryption key", stateProfile: "User profile", stateReview: "Review", stateSubmitting: "Creating",
	stateResult: "Created", stateFailed: "Not created", stateMembers: "Add members",
}

// Model is the wizard: one state machine over the steps, owning every
// field's component and answer. All I/O runs in commands (see cmds.go).
type Model struct {
	ctx    context.Context
	opts   Options
	api    api.Admin
	org    string
	orgErr string // why the organization check failed, e.g. a refused key

	state        state
	returnReview bool // editing a step from review: Enter goes straight back
	width        int
	height       int
	isDark       bool
	styles       Styles
	huhTheme     *huh.Styles // styles for the embedded huh forms
	keys         keyMap
	help         help.Model
	fullHelp     bool
	scroll       int // lines the user scrolled the screen by (pgup/pgdn)
	scrollMin    int // the bounds of scroll, as last laid out
	scrollMax    int

	// Injected for deterministic tests.
	now     func() time.Time
	loc     *time.Location
	after   func(d time.Duration, msg tea.Msg) tea.Cmd
	animate bool
	plain   bool // accessible mode: no buttons or key hints in shared views
	sleep   func(ctx context.Context, d time.Duration) error

	set     map[string]bool // spec fields given as flags
	key     keyStep
	name    nameStep
	tags    tagsStep
	res     resStep
	enc     encStep
	prof    profStep
	review  int // selected review row; rowCreate is the Create button
	sub     submitStep
	failure failure
	result  *api.Result
	notice  string // a passing word by the keys ("✓ ID copied"), gone at the next key
	mem     membersStep

	reentering bool // a refused key is being replaced: go back to review after

	// spin is the one spinner every waiting screen draws (see spinner). It
	// ticks only while the program animates and a screen waits: spinning
	// is true while a tick is on its way.
	spin     spinner.Model
	spinning bool

	sent bool // a create was sent in this session (and, if still here, did not create)

	secrets []string // every admin key of the session, redacted from all shown (see text)

	outcome Outcome
	done    bool
}

// newModel builds the wizard from main's options, pre-filling every field
// given on the command line.
func newModel(ctx context.Context, o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Config == nil {
		o.Config = &config.Config{}
	}
	m := &Model{
		ctx: ctx, opts: o, api: o.API,
		width: 80, height: 24, isDark: true,
		keys: newKeyMap(), help: help.New(),
		now: o.Now, loc: time.Local, animate: true,
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		},
		set:    o.Config.Set,
		review: rowCreate,
		spin:   spinner.New(spinner.WithSpinner(spinner.MiniDot)),
	}
	if m.set == nil {
		m.set = map[string]bool{}
	}
	m.remember(o.Config.APIKey)
	if o.Demo {
		m.org = "Demo organization"
	}
	m.setStyles(true)
	m.key = newKeyStep(m.styles)
	m.name = newNameStep(m.styles, o.Config.Spec.Name)
	m.tags = newTagsStep(m.styles, o.Config.Spec.Tags)
	m.res = newResStep(o.Config.Spec)
	m.enc = newEncStep(m.styles, o.Config.Spec.ExternalKeyID)
	m.prof = newProfStep(o.Config.Spec.UserProfileID)
	m.state = stateName
	if m.api == nil {
		m.state = stateKey
	}
	m.setWidth(m.width)
	return m
}

func (m *Model) setStyles(isDark bool) {
	m.isDark = isDark
	m.styles = NewStyles(isDark)
	m.huhTheme = m.styles.huhStyles()
	m.styles.Input.Cursor.Blink = m.animate
	m.help.Styles = m.styles.Help
	m.spin.Style = m.styles.Cursor
	for _, in := range m.inputs() {
		in.SetStyles(m.styles.Input)
	}
}

// Init asks the terminal for its background, names the organization and
// focuses the first field.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.focusCmd()}
	if m.api != nil {
		cmds = append(cmds, orgCmd(m.ctx, m.api))
	}
	if m.name.input.Value() != "" {
		// A name from --name is checked for duplicates like a typed one.
		cmds = append(cmds, m.after(0, nameTickMsg{m.name.seq}))
	}
	return tea.Batch(cmds...)
}

// Update routes a message to the current screen after the keys and
// messages every screen shares, then starts the spinner if the screen now
// waits for an answer.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	return m, tea.Batch(cmd, m.spinCmd())
}

// spinCmd starts the spinner's ticks when the program animates, a screen
// waits and no tick is already on its way. Without animation (tests, plain
// output) no tick is ever started, so nothing runs for ever.
func (m *Model) spinCmd() tea.Cmd {
	if !m.animate || m.done || m.spinning || !m.waiting() {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

// spinTick moves the spinner on while a screen waits; once none does, the
// ticks stop until the next wait (spinCmd).
func (m *Model) spinTick(msg spinner.TickMsg) tea.Cmd {
	if !m.waiting() {
		m.spinning = false
		return nil
	}
	if m.state == stateSubmitting {
		m.sub.now = m.now() // the elapsed time moves with the spinner
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	return cmd
}

// waiting reports whether the current screen shows the spinner: it is
// waiting for an answer from the API.
func (m *Model) waiting() bool {
	switch m.state {
	case stateKey:
		return m.key.checking
	case stateEncryption:
		return m.enc.checking || m.enc.loading && m.enc.phase == encPick
	case stateSubmitting:
		return true
	case stateFailed:
		return m.failure.looking
	case stateMembers:
		ph := m.mem.phase()
		return ph == memLoading || ph == memAdding
	}
	return false
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && m.escIsBack(k) {
		// Esc has one meaning on the steps: back, as Shift+Tab (a form's
		// previous field first). Where something is being edited, the
		// step itself takes esc to cancel the edit.
		msg = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if msg.ID == m.spin.ID() {
			return m.spinTick(msg)
		}
	case tea.WindowSizeMsg:
		if msg.Width <= 0 || msg.Height <= 0 {
			return nil // not a terminal: keep the 80x24 default
		}
		m.width, m.height = msg.Width, msg.Height
		m.setWidth(msg.Width)
		var cmd tea.Cmd
		if m.state == stateMembers && m.mem.phase() == memChoose && m.mem.boxWidth != m.width {
			// The users' labels are wrapped for the width: lay them out again.
			cmd = m.buildMembersForm()
		} else if fb := m.activeForm(); fb != nil {
			cmd = fb.update(m.formSize())
		}
		return cmd
	case tea.BackgroundColorMsg:
		m.setStyles(msg.IsDark())
		return nil
	case signalledMsg:
		return tea.Quit
	case orgMsg:
		return m.handleOrg(msg)
	// Answers to requests a step started are handled whatever the screen:
	// the user may have left the step meanwhile, and a dropped answer would
	// leave its checking or loading flag set for good.
	case extKeysMsg:
		return m.gotExtKeys(msg)
	case profilesMsg:
		return m.gotProfiles(msg)
	case keyValidatedMsg:
		m.enc.validated(msg)
		return nil
	case namesMsg:
		m.name.gotNames(msg)
		return nil
	case usersMsg:
		return m.gotUsers(msg)
	case memberAddedMsg:
		return m.memberAdded(msg)
	case keyCheckedMsg:
		if m.state != stateKey { // cannot happen today: the key step cannot be left while checking
			m.key.checking = false
			return nil
		}
	case tea.KeyPressMsg:
		m.notice = "" // a notice lasts until the next key
		if cmd, ok := m.globalKey(msg); ok {
			return cmd
		}
	}
	var cmd tea.Cmd
	switch m.state {
	case stateKey:
		cmd = m.updateKey(msg)
	case stateName:
		cmd = m.updateName(msg)
	case stateTags:
		cmd = m.updateTags(msg)
	case stateResidency:
		cmd = m.updateRes(msg)
	case stateEncryption:
		cmd = m.updateEnc(msg)
	case stateProfile:
		cmd = m.updateProfile(msg)
	case stateReview:
		cmd = m.updateReview(msg)
	case stateSubmitting:
		cmd = m.updateSubmitting(msg)
	case stateResult:
		cmd = m.updateResult(msg)
	case stateFailed:
		cmd = m.updateFailed(msg)
	case stateMembers:
		cmd = m.updateMembers(msg)
	}
	return cmd
}

// globalKey handles ctrl+c, shift+tab and ? wherever they apply.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Quit):
		switch m.state {
		case stateSubmitting:
			return m.cancelSubmit(), true
		case stateResult, stateMembers:
			// The workspace exists; members are extra.
			return m.quit(Outcome{Workspace: m.result.Workspace, Result: m.result}), true
		case stateFailed:
			return m.quit(Outcome{Err: m.failure.err}), true
		}
		return m.quit(Outcome{Err: m.cancelled()}), true
	case key.Matches(msg, m.keys.Back):
		if fb := m.activeForm(); fb != nil && !fb.onFirst() {
			return nil, false // the form goes back a field
		}
		if prev := m.prevStep(); prev >= 0 {
			if prev != m.state {
				// A step reached by going back is left forward, to the
				// next step: review is no longer one Enter away.
				m.returnReview = false
			}
			return m.goTo(prev), true
		}
		if m.returnReview && m.stepIndex(m.state) >= 0 {
			// The first step, opened from review: back is review.
			return m.goTo(stateReview), true
		}
		if m.state == stateName {
			m.notice = "This is the first step: nothing to go back to (ctrl+c quits)"
		}
		return nil, m.state <= stateReview
	case key.Matches(msg, m.keys.Help) && !m.typing():
		m.fullHelp = !m.fullHelp
		return nil, true
	case key.Matches(msg, m.keys.PageDown):
		m.scrollBy(max(m.height/2, 1))
		return nil, true
	case key.Matches(msg, m.keys.PageUp):
		m.scrollBy(-max(m.height/2, 1))
		return nil, true
	}
	return nil, false
}
