package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Bug 8: a 10,000-character paste into the name is not cut silently: the
// error gives its real length and says the field cut it.
func TestLongPastedNameSaysItsRealLength(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run(h.send(tea.PasteMsg{Content: strings.Repeat("n", 10000)}))
	h.see("use at most 255 characters: the pasted name has 10000, cut to the first 305 here")
	h.notSee("this name has 305")
	h.press("enter")
	h.wantState(stateName)
	h.see("the pasted name has 10000")
	// Deleting a character: the field now holds 304, and says just that.
	h.press("backspace")
	h.see("use at most 255 characters (this name has 304)")
	h.press("ctrl+u")
	h.run(h.send(tea.PasteMsg{Content: strings.Repeat("n", 300)}))
	h.see("this name has 300")
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates", n)
	}
}
