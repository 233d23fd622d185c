package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// WaitFor waits until the screen shows text and returns the screen; it
// fails the test, showing the screen, if it does not within timeout. Text
// the program word-wrapped still matches (see Shows).
func (tm *Term) WaitFor(t testing.TB, text string, timeout time.Duration) string {
	t.Helper()
	return tm.WaitUntil(t, "the screen to show "+fmt.Sprintf("%q", text), timeout,
		func(s string) bool { return Shows(s, text) })
}

// WaitGone waits until the screen no longer shows text.
func (tm *Term) WaitGone(t testing.TB, text string, timeout time.Duration) string {
	t.Helper()
	return tm.WaitUntil(t, "the screen to stop showing "+fmt.Sprintf("%q", text), timeout,
		func(s string) bool { return !Shows(s, text) })
}

// Shows reports whether screen shows text, on one line or word-wrapped
// over several.
func Shows(screen, text string) bool {
	return strings.Contains(screen, text) || strings.Contains(Flat(screen), Flat(text))
}

// Flat is s with every run of blanks and line breaks turned into one space.
func Flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// WaitUntil polls the screen until ok accepts it.
func (tm *Term) WaitUntil(t testing.TB, what string, timeout time.Duration, ok func(screen string) bool) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := tm.Screen()
		if ok(s) {
			return s
		}
		exited := false
		select {
		case <-tm.exited:
			exited = true
		default:
		}
		if time.Now().After(deadline) || exited && tm.drained() {
			if ok(tm.Screen()) {
				return tm.Screen()
			}
			why := "timed out after " + timeout.String()
			if exited {
				why = "the program exited (" + tm.exitText() + ")"
			}
			t.Fatalf("waiting for %s: %s\n%s", what, why, tm.Dump())
			return ""
		}
		// Look again when the program draws, exits, or in a while anyway.
		select {
		case <-tm.changed:
		case <-tm.exited:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (tm *Term) drained() bool {
	select {
	case <-tm.readDone:
		return true
	default:
		return false
	}
}

// Dump is the screen in a frame, for failure messages.
func (tm *Term) Dump() string {
	s := tm.Screen()
	w, h := tm.size()
	var b strings.Builder
	fmt.Fprintf(&b, "screen (%dx%d):\n┌%s┐\n", w, h, strings.Repeat("─", w))
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		fmt.Fprintf(&b, "│%s\n", l)
	}
	fmt.Fprintf(&b, "└%s┘\nstdout: %q", strings.Repeat("─", w), tm.stdout.String())
	return b.String()
}
