package e2e

import (
	"strings"
	"testing"
)

// The accessible mode asks one plain question per line; Enter on each
// takes the default shown in brackets.
func TestAccessibleHurriedPath(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--demo", "--accessible")
	answer := func(prompt, text string) {
		t.Helper()
		tm.WaitUntil(t, "the prompt "+prompt, wait, func(s string) bool { return lastLineHas(s, prompt) })
		tm.Type(text + "\r")
	}
	tm.WaitFor(t, "workspace-wizard: create a workspace in Demo organization", wait)
	answer("Workspace name (1-255 characters): ", "plain-ws")
	tm.WaitFor(t, "Step 2 of 6: Tags", wait)
	answer("Tag: ", "team=a11y")
	tm.WaitFor(t, "Tags now: team=a11y", wait)
	answer("Tag: ", "")
	tm.WaitFor(t, "Step 3 of 6: Data residency", wait)
	answer("[unrestricted]: ", "")
	answer("[global]: ", "")
	tm.WaitFor(t, "Step 4 of 6: Encryption key", wait)
	answer("Use a customer-managed key? (y/n) [n]: ", "")
	tm.WaitFor(t, "Step 5 of 6: User profile", wait)
	answer("User profile number, or a user profile id [0]: ", "")
	// The review is printed line by line: wait for its last line, the
	// prompt, with everything above it, before looking at it.
	review := []string{"Step 6 of 6: Review", "plain-ws", "team=a11y", "unrestricted (default)", "global (default)"}
	tm.WaitUntil(t, "the review "+strings.Join(review, ", ")+" and its prompt", wait, func(s string) bool {
		if !lastLineHas(s, "q to quit [y]: ") {
			return false
		}
		for _, want := range review {
			if !Shows(s, want) {
				return false
			}
		}
		return true
	})
	if strings.Contains(tm.Raw(), "\x1b[?1049h") {
		t.Errorf("accessible mode switched to the alternate screen")
	}
	answer("q to quit [y]: ", "")
	tm.WaitFor(t, "Workspace created", createWait)
	answer("Add members now? (y/n) [n]: ", "") // the default: no
	if code := tm.Wait(t, wait); code != 0 {
		t.Fatalf("exit code %d, want 0\n%s", code, tm.Dump())
	}
	screen := tm.Screen()
	id := idPattern.FindString(screen)
	if id == "" || tm.Stdout() != id+"\n" {
		t.Errorf("stdout = %q, want the id shown on the screen (%q) alone", tm.Stdout(), id)
	}
}

// Ctrl+C at a plain prompt quits as the full-screen wizard does.
func TestAccessibleCtrlC(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--demo", "--accessible")
	tm.WaitUntil(t, "the name prompt", wait, func(s string) bool {
		return lastLineHas(s, "Workspace name (1-255 characters): ")
	})
	tm.Press("ctrl+c")
	if code := tm.Wait(t, wait); code != 130 {
		t.Errorf("exit code %d, want 130\n%s", code, tm.Dump())
	}
	if tm.Stdout() != "" {
		t.Errorf("stdout = %q, want nothing", tm.Stdout())
	}
}

// lastLineHas reports whether the screen ends with prompt, where the cursor
// waits for an answer. The terminal wraps a long prompt over rows, so the
// rows are joined as they were written.
func lastLineHas(screen, prompt string) bool {
	joined := strings.ReplaceAll(strings.TrimRight(screen, "\n "), "\n", "")
	return strings.HasSuffix(joined, strings.TrimRight(prompt, " "))
}
