package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// page is one screen of the wizard: a numbered step or a screen after
// Create. It keeps its own widgets; what it learns goes to the session.
type page interface {
	// open is called each time the screen is shown: (re)build forms from
	// the session's answers, focus the field.
	open(e *env) tea.Cmd
	// update takes the keys while the screen shows, and the answers to
	// the requests it made (see answer), whether it shows or not.
	update(e *env, msg tea.Msg) tea.Cmd
	// view draws the screen into b, at b's width. It changes nothing.
	view(e *env, b *block)
	// help is the screen's own keys for the help line, and more for the
	// full help (?); the parent adds the keys every screen shares.
	help(e *env) (short, more []key.Binding)
	mode(e *env) mode
}

// mode is what the parent needs to know of the screen right now.
type mode struct {
	typing  bool // keys go into a text field: ? is a character
	waiting bool // waiting for the API: the spinner turns
	editing bool // esc cancels an edit here, rather than going back
	inner   bool // shift+tab moves within the screen (a form's earlier field)
	busy    bool // ctrl+c cancels what is under way, rather than quitting
	keys    bool // the screen takes every key but ctrl+c (a filter being typed)
}

// Optional parts of a page.
type (
	// resizer lays its widgets out again for a new window size.
	resizer interface {
		resize(e *env, active bool) tea.Cmd
	}
	// restyler takes new styles (the terminal's background is known).
	restyler interface{ restyle(s Styles) }
	// ender says what the wizard's outcome is if it stops on this screen.
	ender interface{ ending(e *env) Outcome }
)

// answer is a message for one screen: the answer to a request it made.
type answer interface{ to() state }

// env is what every screen shares: the session, the terminal, the styles
// and keys, the clock, and a way to ask the parent to move.
type env struct {
	ctx     context.Context
	s       *wizard.Session
	styles  Styles
	theme   *huh.Styles // styles for the embedded huh forms
	keys    keyMap
	width   int
	height  int
	loc     *time.Location
	after   func(d time.Duration, msg tea.Msg) tea.Cmd
	animate bool
	frame   string // the spinner's frame
	notice  string // a passing word by the keys ("✓ ID copied"), gone at the next key
	// plain draws for accessible mode's review: no buttons or hints.
	plain bool
	// edit: the wizard edits a workspace of a plan and sends nothing
	// (Options.Edit).
	edit bool
	// move is what the screen asked for in this update; the parent
	// carries it out after (Model.afterUpdate).
	move     *move
	scrollBy func(n int)
	room     func() int // the lines a screen may use (Model.bodyRoom)
	afterKey state      // the screen to show once a typed key is accepted
	fromRev  bool       // the step was opened from review: Enter goes back there
	cur      state      // the screen that shows
	ended    bool       // the wizard has ended: the last view is drawn
}

type moveKind int

const (
	moveNext moveKind = iota // the step is done: the next one, or review
	moveShow                 // show another screen
	moveJump                 // open a step from review: Enter there returns
	moveQuit
)

type move struct {
	kind    moveKind
	to      state
	outcome Outcome
}

func (e *env) next()                { e.move = &move{kind: moveNext} }
func (e *env) show(s state)         { e.move = &move{kind: moveShow, to: s} }
func (e *env) jump(s state)         { e.move = &move{kind: moveJump, to: s} }
func (e *env) quit(o Outcome)       { e.move = &move{kind: moveQuit, outcome: o} }
func (e *env) text(s string) string { return e.s.Text(s) }
func (e *env) fromReview() bool     { return e.fromRev }
func (e *env) active() state        { return e.cur }

func (e *env) setStyles(isDark bool) {
	e.styles = NewStyles(isDark)
	e.styles.Input.Cursor.Blink = e.animate
	e.theme = e.styles.huhStyles()
}

// newBlock is a block at width w whose messages are made safe to show.
func (e *env) newBlock(w int) *block { return &block{width: w, clean: e.s.Text} }

// spinner is the spinner's frame, or a still dot where nothing animates.
func (e *env) spinner() string {
	if !e.animate {
		return "•"
	}
	return e.frame
}

// bodyWidth is the width a screen draws at.
func (e *env) bodyWidth() int { return max(e.width-2, 10) }

// listProfiles asks for the organization's user profiles once.
func (e *env) listProfiles() tea.Cmd {
	if !e.s.NeedProfiles() {
		return nil
	}
	ctx, a := e.ctx, e.s.Admin()
	return func() tea.Msg {
		ps, err := wizard.Profiles(ctx, a)
		return profilesMsg{ps, err}
	}
}

// Requests every screen may start; each answer is a typed message.

type orgMsg struct {
	org *anthropic.OrganizationInfo
	err error
}

func orgCmd(ctx context.Context, a interface {
	Organization(context.Context) (*anthropic.OrganizationInfo, error)
}) tea.Cmd {
	return func() tea.Msg {
		org, err := a.Organization(ctx)
		return orgMsg{org, err}
	}
}

// profilesMsg is the user-profile list, for the profile step.
type profilesMsg struct {
	profiles []anthropic.UserProfile
	err      error
}

func (profilesMsg) to() state { return stateProfile }
