package ui

import "testing"

// Bug 9: the review's "same from a script" line runs against what this run
// talks to: with --demo it says --demo, so pasting it works; with a real
// key it does not.
func TestReviewCommandLineKeepsDemo(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("demo-line")
	h.see("workspace-wizard --demo --name demo-line --yes")

	h = newHarness(t, notDemo())
	h.toReview("real-line")
	h.see("workspace-wizard --name real-line --yes")
	h.notSee("--demo")
}
