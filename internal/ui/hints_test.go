package ui

import (
	"strings"
	"testing"
)

// Bug 6: the help line names what the keys do on the screen as it is.
func TestKeyHintsMatchTheScreen(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("hinted")
	h.see("enter create")
	// A row selected: Enter opens its step, it does not create.
	h.press("up")
	h.see("enter change encryption key")
	h.notSee("enter create")
	for range 6 {
		h.press("up")
	}
	h.see("enter change name")
	h.notSee("enter create")
	h.press("enter")
	h.wantState(stateName)
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates", n)
	}
	h.press("enter")
	h.wantState(stateReview)

	// Full help shows more keys, not the short line again.
	h.press("?")
	if n := strings.Count(h.flat(), "shift+tab/esc back"); n != 1 {
		t.Fatalf("full help shows back %d times:\n%s", n, h.screen())
	}
	h.see("ctrl+c quit", "fewer keys")
	h.press("?")

	// Tags: editing says Enter saves; esc cancel edit only while editing.
	h.press("2")
	h.wantState(stateTags)
	h.notSee("cancel edit")
	h.typeText("env=prod")
	h.press("enter")
	h.notSee("cancel edit")
	h.press("up", "e")
	h.see("enter save the tag", "esc cancel edit")
	h.notSee("add tag / continue", "add tag / back to review")
	h.press("esc")
	h.notSee("cancel edit")
}

// Every screen offers ? when it has more keys than its line shows; where ?
// is typed as text (the name), the line shows every key instead.
func TestEveryScreenShowsItsKeysOrOffersMore(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.see("enter continue", "ctrl+c quit")
	h.notSee("? help")
	h.typeText("shown?")
	h.see("> shown?")
	h.press("enter")
	h.wantState(stateTags)
	h.press("enter")
	h.wantState(stateResidency)
	h.see("? help")
	h.press("?")
	h.see("ctrl+c quit", "? fewer keys")
	h.press("?")
	h.press("enter", "enter")
	h.wantState(stateReview)
	h.press("enter")
	h.wantState(stateResult)
	h.see("? help")
	h.press("?")
	h.see("ctrl+c quit")
	h.notSee("shift+tab") // no way back from a created workspace
}
