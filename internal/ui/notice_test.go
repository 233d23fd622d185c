package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Bug 5: "✓ ID copied" is a notice at the bottom of the screen, not a line
// of the workspace: the next key clears it and the summary left on the
// terminal never has it.
func TestCopyNoticeIsTransient(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("notice-once")
	h.press("enter")
	h.wantState(stateResult)
	h.press("c")
	h.see("✓ ID copied to the clipboard")
	lines := strings.Split(h.screen(), "\n")
	for i, l := range lines {
		if strings.Contains(l, "ID copied") {
			if i > 0 && strings.Contains(lines[i-1], "wrkspc_") {
				t.Fatalf("the notice sits between the id and the name:\n%s", h.screen())
			}
			if i < len(lines)-4 {
				t.Fatalf("the notice is not at the bottom, by the keys:\n%s", h.screen())
			}
		}
	}
	h.press("down")
	h.notSee("ID copied")
	h.press("c")
	h.see("ID copied")
	h.press("enter")
	if !h.quit || h.outcome().Workspace == nil {
		t.Fatalf("Enter did not end with the workspace: %+v", h.outcome())
	}
	final := ansi.Strip(h.m.View().Content)
	if strings.Contains(final, "ID copied") {
		t.Fatalf("the summary left on the terminal has the notice:\n%s", final)
	}
	if !strings.Contains(final, h.m.e.s.Result().Workspace.ID) {
		t.Fatalf("the summary lacks the id:\n%s", final)
	}
}
