package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Bug 2: a screen scrolled down says how much is above it, as it says how
// much is below: at 40×12 the review opens on its Create button, the
// result can be scrolled, and both show "↑ N more".
func TestScrolledScreensSayWhatIsAbove(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	h.typeText("scrolled")
	h.press("enter", "enter", "enter", "enter")
	h.wantState(stateReview)
	h.see("Create workspace", "more lines (pgup)")
	first := bodyFirstLine(h)
	if !strings.HasPrefix(first, "↑ ") {
		t.Fatalf("the review's first body line is %q, want the ↑ hint:\n%s", first, h.screen())
	}
	h.press("enter")
	h.wantState(stateResult)
	h.see("more lines (↓ scrolls)")
	h.notSee("more lines (↑")
	h.press("down", "down", "down")
	if first := bodyFirstLine(h); !strings.HasPrefix(first, "↑ 4 more lines") {
		t.Fatalf("scrolled 3 lines down (the hint takes a fourth), the first body line is %q:\n%s", first, h.screen())
	}
	for range 30 {
		h.press("down")
	}
	h.see("more lines (↑ scrolls)")
	h.notSee("more lines (↓")
	if n := len(strings.Split(h.screen(), "\n")); n > 12 {
		t.Fatalf("%d lines in a 12-line window:\n%s", n, h.screen())
	}
}

// bodyFirstLine is the first line under the header (the header is two
// lines and a blank one at this width).
func bodyFirstLine(h *harness) string {
	lines := strings.Split(h.screen(), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" && i > 0 {
			return strings.TrimSpace(lines[i+1])
		}
	}
	return ""
}
