package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// idPattern is a workspace id as the simulated API makes them.
var idPattern = regexp.MustCompile(`wrkspc_[A-Za-z0-9]+`)

// Screens of the wizard, as their header names them. The demo
// organization has user profiles, so the wizard offers that step too.
const (
	nameStep       = "Step 1 of 6 · Name"
	tagsStep       = "Step 2 of 6 · Tags"
	residencyStep  = "Step 3 of 6 · Data residency"
	encryptionStep = "Step 4 of 6 · Encryption key"
	profileStep    = "Step 5 of 6 · User profile"
	reviewStep     = "Step 6 of 6 · Review"
	created        = "✓ Workspace created"
	// createWait covers the simulated API's retries: 529s are retried
	// after 1 s, 2 s and 4 s.
	createWait = 40 * time.Second
)

// typeName types a name on the name step and waits until it shows.
func typeName(t *testing.T, tm *Term, name string) {
	t.Helper()
	tm.WaitFor(t, nameStep, wait)
	tm.Type(name)
	tm.WaitFor(t, "> "+name, wait)
}

// enterTo presses Enter and waits for the screen that should follow.
func enterTo(t *testing.T, tm *Term, screen string) string {
	t.Helper()
	tm.Press("enter")
	return tm.WaitFor(t, screen, wait)
}

// throughDefaults goes from the tags step to review, keeping every default.
func throughDefaults(t *testing.T, tm *Term) string {
	t.Helper()
	enterTo(t, tm, residencyStep)
	enterTo(t, tm, encryptionStep)
	enterTo(t, tm, profileStep)
	return enterTo(t, tm, reviewStep)
}

// reviewRow is the review line whose label matches label, a regular
// expression such as "Tags" or "Allowed inference|Inference geos".
func reviewRow(t *testing.T, screen, label string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^.{0,6}\b(` + label + `)\b.*$`)
	row := re.FindString(screen)
	if row == "" {
		t.Fatalf("review shows no %q row:\n%s", label, screen)
	}
	return strings.TrimSpace(row)
}

// createAndExit presses Enter on Create, waits for the result, reads the id
// from the screen, leaves with Enter, and checks the exit and stdout.
func createAndExit(t *testing.T, tm *Term) (screen, id string) {
	t.Helper()
	tm.Press("enter")
	screen = tm.WaitFor(t, created, createWait)
	return screen, exitWithID(t, tm, screen)
}

// exitWithID leaves the result screen and checks that the program exits 0
// with exactly the id shown on the screen as stdout.
func exitWithID(t *testing.T, tm *Term, screen string) string {
	t.Helper()
	id := idPattern.FindString(screen)
	if id == "" {
		t.Fatalf("the result screen shows no workspace id\n%s", tm.Dump())
	}
	tm.Press("enter")
	if code := tm.Wait(t, wait); code != 0 {
		t.Fatalf("exit code %d, want 0\n%s", code, tm.Dump())
	}
	if got := tm.Stdout(); got != id+"\n" {
		t.Errorf("stdout = %q, want exactly the id line %q", got, id+"\n")
	}
	return id
}
