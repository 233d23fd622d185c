package ui

import "testing"

// Bug 7: Esc means one thing on every step: back a step (as Shift+Tab), or,
// while something is being edited, cancel that edit. The help line says so.
func TestEscGoesBackOnEveryStep(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withProfiles())
	h.typeText("esc-back")
	h.press("esc")
	h.wantState(stateName)
	h.see("This is the first step: nothing to go back to")
	h.press("enter")
	h.wantState(stateTags)
	h.see("shift+tab/esc back")
	h.notSee("nothing to go back to")

	// Editing a tag: esc cancels the edit and stays.
	h.typeText("env=prod")
	h.press("enter", "up", "e")
	h.see("(editing)", "esc cancel edit")
	h.press("esc")
	h.wantState(stateTags)
	h.notSee("(editing)")
	h.see("env = prod")
	h.press("esc")
	h.wantState(stateName)

	h.press("enter", "enter")
	h.wantState(stateResidency)
	h.see("shift+tab/esc back")
	h.press("esc")
	h.wantState(stateTags)
	h.press("enter", "enter", "enter")
	h.wantState(stateProfile)
	h.see("shift+tab/esc back")
	h.press("esc")
	h.wantState(stateEncryption)
	h.see("shift+tab/esc back")
	h.press("esc")
	h.wantState(stateResidency)
	h.press("enter", "enter", "enter")
	h.wantState(stateReview)
	h.see("shift+tab/esc back")
	h.press("esc")
	h.wantState(stateProfile)
	h.press("enter")
	h.wantState(stateReview)
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates sent by esc", n)
	}
	// A step opened from review: esc is back to review, unchanged.
	h.press("1")
	h.wantState(stateName)
	h.see("esc review, unchanged")
	h.press("esc")
	h.wantState(stateReview)
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates sent by esc", n)
	}
}
