package ui

import (
	"slices"
	"testing"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// waitAnimated presses k with the spinner animating, as the program runs
// it, and runs the commands the press gave back once (one level of
// batches), without delivering their answers: the screen stays waiting.
// It returns the spinner tick the wizard started and the other answers.
func (h *harness) waitAnimated(k string) (tick spinner.TickMsg, answers []tea.Msg) {
	h.t.Helper()
	h.m.e.animate = true
	return h.waitAnimatedCmd(h.send(keyPress(k)), k)
}

// waitAnimatedCmd is waitAnimated for the command a message gave back.
func (h *harness) waitAnimatedCmd(cmd tea.Cmd, what string) (tick spinner.TickMsg, answers []tea.Msg) {
	h.t.Helper()
	h.m.e.animate = true
	found := false
	var do func(tea.Cmd)
	do = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				do(c)
			}
		case spinner.TickMsg:
			tick, found = msg, true
		default:
			answers = append(answers, msg)
		}
	}
	do(cmd)
	if !found {
		h.t.Fatalf("%s started no spinner tick:\n%s", what, h.screen())
	}
	return tick, answers
}

// spins checks that the waiting screen's spinner moves on a tick, and that
// once the answers are in the ticks stop.
func (h *harness) spins(tick spinner.TickMsg, answers []tea.Msg, text string) {
	h.t.Helper()
	frames := spinner.MiniDot.Frames
	now := slices.Index(frames, ansi.Strip(h.m.spin.View()))
	if now < 0 {
		h.t.Fatalf("spinner frame %q", h.m.spin.View())
	}
	h.see(frames[now] + " " + text)
	if next := h.send(tick); next == nil {
		h.t.Fatal("a tick while waiting did not ask for the next one")
	}
	h.see(frames[(now+1)%len(frames)] + " " + text)
	h.notSee(frames[now] + " " + text)

	for _, a := range answers {
		h.run(h.send(a))
	}
	h.notSee(text)
	if next := h.send(h.m.spin.Tick()); next != nil {
		h.t.Fatal("the spinner still ticks with nothing to wait for")
	}
	if h.m.spinning {
		h.t.Fatal("the spinner thinks a tick is on its way")
	}
	h.m.e.animate = false
}

// Every screen that waits on the API draws the one spinner, and it moves
// there: the admin key check, listing and validating encryption keys,
// creating, listing users and adding members.
func TestSpinnerMovesOnEveryWaitingScreen(t *testing.T) {
	t.Parallel()
	t.Run("checking the key", func(t *testing.T) {
		h := newHarness(t, withoutKey())
		h.wantState(stateKey)
		h.typeText(fakeapi.DemoKey)
		tick, answers := h.waitAnimated("enter")
		h.spins(tick, answers, "checking the key…")
		h.wantState(stateName)
	})
	t.Run("listing and validating encryption keys", func(t *testing.T) {
		h := newHarness(t)
		h.typeText("keyed")
		h.press("enter", "enter", "enter", "down")
		h.wantState(stateEncryption)
		tick, answers := h.waitAnimated("enter")
		h.spins(tick, answers, "listing the organization's keys…")
		h.see("Choose the encryption key")

		tick, answers = h.waitAnimated("enter")
		h.spins(tick, answers, "validating "+h.firstKey()+"…")
		h.see("✓ the key validated")
	})
	t.Run("creating", func(t *testing.T) {
		h := newHarness(t)
		h.toReview("spun")
		tick, answers := h.waitAnimated("enter")
		h.see(spinner.MiniDot.Frames[0] + " Sending the request…")
		h.send(tick)
		h.see(spinner.MiniDot.Frames[1] + " Sending the request…")
		// The create's answers come one by one; deliver them all.
		for _, a := range answers {
			h.run(h.send(a))
		}
		h.wantState(stateResult)
		if next := h.send(h.m.spin.Tick()); next != nil {
			t.Fatal("the spinner still ticks on the result")
		}
		h.m.e.animate = false
	})
	t.Run("listing users and adding members", func(t *testing.T) {
		h := newHarness(t)
		h.toReview("crew")
		h.press("enter")
		h.wantState(stateResult)
		tick, answers := h.waitAnimated("m")
		h.spins(tick, answers, "listing the organization's users…")
		h.wantState(stateMembers)
		h.press("space")
		submit := h.send(keyPress("enter")) // the picker answers with the users chosen
		h.m.e.animate = true
		tick, answers = h.waitAnimatedCmd(h.step(submit), "the choice")
		h.spins(tick, answers, "Ada Admin: adding…")
		h.see("✓ Ada Admin: added")
	})
}

// Without animation (tests, plain prompts) no tick is ever started, so
// nothing runs for ever.
func TestNoSpinnerTickWithoutAnimation(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withoutKey())
	h.typeText(fakeapi.DemoKey)
	h.press("enter")
	h.wantState(stateName)
	h.toReview("still")
	h.press("enter")
	h.wantState(stateResult)
	for _, msg := range h.msgs {
		if tick, ok := msg.(spinner.TickMsg); ok && tick.ID == h.m.spin.ID() {
			t.Fatalf("a spinner tick ran without animation %+v (wizard's %d)", tick, h.m.spin.ID())
		}
	}
}
