package ui

import "testing"

// Bug 1: a step opened from review and left backwards is a step like any
// other: Enter on the steps backed through moves forward one step at a
// time, and no Enter meant for one of them creates the workspace.
func TestBackFromAJumpedStepGoesForwardStepByStep(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("back-forward")
	h.press("enter", "enter", "enter", "enter")
	h.wantState(stateReview)
	h.press("4")
	h.wantState(stateEncryption)
	h.press("shift+tab", "shift+tab")
	h.wantState(stateTags)
	h.see("Step 2 of 5 · Tags", "enter add tag / continue")
	h.notSee("back to review")
	h.press("enter")
	h.wantState(stateResidency)
	h.see("Step 3 of 5 · Data residency")
	h.press("enter")
	h.wantState(stateEncryption)
	h.press("enter")
	h.wantState(stateReview)
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates sent by keys meant for the steps", n)
	}
	h.press("enter")
	h.wantState(stateResult)
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates, want 1", n)
	}
}

// Going back within the step opened from review (the encryption key's
// list back to its yes/no) keeps Enter's way back to review.
func TestJumpedStepStillReturnsToReview(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("jumped")
	h.press("enter", "enter", "enter", "enter")
	h.press("2")
	h.wantState(stateTags)
	h.see("enter add tag / back to review")
	h.press("enter")
	h.wantState(stateReview)
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates", n)
	}
}
