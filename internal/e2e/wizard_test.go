package e2e

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The hurried path: a name, then Enter on every step, then Create.
func TestHurriedPath(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--demo")
	screen := tm.WaitFor(t, "Workspace name", wait)
	if !strings.Contains(screen, "workspace-wizard") || !strings.Contains(screen, "Demo organization") {
		t.Errorf("header does not name the program and the demo organization:\n%s", tm.Dump())
	}
	typeName(t, tm, "hurried-ws")
	enterTo(t, tm, tagsStep)
	review := throughDefaults(t, tm)

	for _, c := range []struct{ label, want string }{
		{"Name", "hurried-ws"},
		{"Tags", "none (default)"},
		{"Workspace geo", "us (default) PERMANENT"},
		{"Allowed inference|Inference geos", "unrestricted (default)"},
		{"Default inference|Default geo", "global (default)"},
		{"Encryption key", "none (default)"},
	} {
		if row := reviewRow(t, review, c.label); !strings.Contains(row, c.want) {
			t.Errorf("review row %q = %q, want it to show %q", c.label, row, c.want)
		}
	}
	if !strings.Contains(review, "Create workspace") {
		t.Errorf("review shows no Create button:\n%s", review)
	}

	screen, id := createAndExit(t, tm)
	if !Shows(screen, "Name hurried-ws") {
		t.Errorf("result does not show the name:\n%s", screen)
	}
	// What stays on the terminal after exit is the result, id included.
	if after := tm.Screen(); !strings.Contains(after, id) {
		t.Errorf("the terminal no longer shows the id after exit:\n%s", tm.Dump())
	}
}

// A tag that breaks a rule is flagged as it is typed and can be fixed in place.
func TestTagErrorFixedInline(t *testing.T) {
	t.Parallel()
	const msg = `keys may not start with "anthropic"`
	tm := start(t, 80, 24, nil, "--demo")
	typeName(t, tm, "tagged")
	enterTo(t, tm, tagsStep)

	tm.Type("anthropic-env=1")
	screen := tm.WaitFor(t, "> anthropic-env=1", wait)
	if !Shows(screen, msg) {
		t.Fatalf("no inline message about the anthropic prefix before Enter\n%s", tm.Dump())
	}
	// Enter must not add the broken tag.
	tm.Press("enter")
	screen = tm.WaitFor(t, msg, wait)
	if strings.Contains(screen, "1 of at most 50") || !strings.Contains(screen, tagsStep) {
		t.Fatalf("Enter accepted a tag key starting with anthropic\n%s", tm.Dump())
	}

	tm.Type(strings.Repeat("\x7f", len("anthropic-env=1")))
	tm.WaitFor(t, "> key=value", wait) // the empty field's placeholder
	tm.Type("env=1")
	tm.WaitFor(t, "> env=1", wait)
	screen = tm.WaitGone(t, msg, wait)
	if strings.Contains(screen, "✗") {
		t.Errorf("an error is still shown after the fix\n%s", tm.Dump())
	}
	tm.Press("enter")
	tm.WaitFor(t, "1 of at most 50", wait)
	tm.WaitFor(t, "env = 1", wait)

	review := throughDefaults(t, tm)
	if row := reviewRow(t, review, "Tags"); !strings.Contains(row, "env=1") {
		t.Errorf("review Tags row = %q, want env=1", row)
	}
	screen, _ = createAndExit(t, tm)
	if !Shows(screen, "Tags env=1") {
		t.Errorf("the created workspace does not show the tag:\n%s", screen)
	}
}

// A 400 from the API about the name sends the user back to the name, with
// the API's message at the field and every other answer kept.
func TestServerRejectsName(t *testing.T) {
	t.Parallel()
	const apiMsg = "is being archived; choose another name"
	tm := start(t, 80, 24, nil, "--demo", "--demo-faults", "400")
	typeName(t, tm, "Quarterly research")
	enterTo(t, tm, tagsStep)
	tm.Type("team=ml")
	tm.WaitFor(t, "> team=ml", wait)
	tm.Press("enter")
	tm.WaitFor(t, "team = ml", wait)
	throughDefaults(t, tm)

	tm.Press("enter") // Create
	screen := tm.WaitFor(t, apiMsg, createWait)
	if !strings.Contains(screen, nameStep) {
		t.Fatalf("the API's message is not shown on the name step\n%s", tm.Dump())
	}
	if !strings.Contains(screen, "> Quarterly research") {
		t.Errorf("the name typed before is gone from the field\n%s", tm.Dump())
	}
	if strings.Contains(screen, created) || tm.Stdout() != "" {
		t.Fatalf("a 400 reported a workspace\n%s", tm.Dump())
	}
	// The message is at the field: the line right after the input.
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.Contains(l, "> Quarterly research") {
			if i+1 >= len(lines) || !strings.Contains(Flat(strings.Join(lines[i+1:min(i+3, len(lines))], " ")), apiMsg) {
				t.Errorf("the API's message is not right below the name field\n%s", tm.Dump())
			}
		}
	}

	tm.Type(strings.Repeat("\x7f", len(" research")))
	tm.WaitFor(t, "> Quarterly", wait)
	tm.WaitGone(t, apiMsg, wait)
	review := enterTo(t, tm, reviewStep) // from a field error, Enter goes back to review
	if row := reviewRow(t, review, "Name"); !strings.Contains(row, "Quarterly") || strings.Contains(row, "research") {
		t.Errorf("review Name row = %q, want the fixed name", row)
	}
	if row := reviewRow(t, review, "Tags"); !strings.Contains(row, "team=ml") {
		t.Errorf("review Tags row = %q: the tag typed before the 400 was lost", row)
	}
	screen, _ = createAndExit(t, tm)
	if !Shows(screen, "Tags team=ml") || !Shows(screen, "Name Quarterly") {
		t.Errorf("the created workspace is not the one reviewed:\n%s", screen)
	}
}

// Quitting before Create sends nothing: exit 130, nothing on stdout.
func TestCancel(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		toStep func(t *testing.T, tm *Term)
	}{
		{"at review", func(t *testing.T, tm *Term) {
			typeName(t, tm, "never-made")
			enterTo(t, tm, tagsStep)
			throughDefaults(t, tm)
		}},
		{"at the name", func(t *testing.T, tm *Term) { typeName(t, tm, "never-made") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tm := start(t, 80, 24, nil, "--demo")
			tc.toStep(t, tm)
			tm.Press("ctrl+c")
			if code := tm.Wait(t, wait); code != 130 {
				t.Errorf("exit code %d, want 130\n%s", code, tm.Dump())
			}
			if out := tm.Stdout(); out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
			if s := tm.Screen(); !strings.Contains(s, "Cancelled. Nothing was sent.") {
				t.Errorf("the terminal does not say nothing was sent\n%s", tm.Dump())
			}
		})
	}
}

// An overloaded API (529) may have created the workspace: the wizard looks
// for it, never sends again on its own, and creates anyway only after the
// name is typed.
func TestOverloadedIsLookedForThenCreatedAnyway(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--demo", "--demo-faults", "529")
	typeName(t, tm, "busy-day")
	enterTo(t, tm, tagsStep)
	throughDefaults(t, tm)
	tm.Press("enter")
	tm.WaitFor(t, "Creating “busy-day”", wait)
	screen := tm.WaitFor(t, "may or may not have been created", createWait)
	for _, want := range []string{"overloaded (529)", "looked for 2 times", "a create anyway"} {
		if !Shows(screen, want) {
			t.Errorf("the unknown-outcome screen does not show %q\n%s", want, tm.Dump())
		}
	}
	if Shows(screen, "r try again") || tm.Stdout() != "" {
		t.Errorf("a blind retry is offered, or stdout has output before anything was created\n%s", tm.Dump())
	}
	tm.Type("a")
	tm.WaitFor(t, "type the name and press enter", wait)
	tm.Type("busy-day")
	tm.Press("enter")
	screen = tm.WaitFor(t, created, createWait)
	exitWithID(t, tm, screen)
}

// A small terminal still shows the field being typed and completes.
func TestSmallTerminal(t *testing.T) {
	t.Parallel()
	tm := start(t, 40, 12, nil, "--demo")
	typeName(t, tm, "tiny")
	enterTo(t, tm, "Tags")
	enterTo(t, tm, "Data residency")
	enterTo(t, tm, "Encryption key")
	enterTo(t, tm, "User profile")
	review := enterTo(t, tm, "Review")
	if !strings.Contains(review, "Create workspace") {
		t.Errorf("the Create button is cut off at 40x12\n%s", tm.Dump())
	}
	tm.Press("enter")
	screen := tm.WaitFor(t, created, createWait)
	// The id is what the user came for: it must be whole on the screen,
	// not cut to the width.
	tm.Press("enter")
	if code := tm.Wait(t, wait); code != 0 {
		t.Fatalf("exit code %d, want 0\n%s", code, tm.Dump())
	}
	id := strings.TrimSpace(tm.Stdout())
	if !idPattern.MatchString(id) || strings.Count(tm.Stdout(), "\n") != 1 {
		t.Fatalf("stdout = %q, want one id line", tm.Stdout())
	}
	if !strings.Contains(screen, id) {
		t.Errorf("at 40 columns the result screen does not show the whole id %s\n%s", id, screen)
	}
	if strings.Contains(tm.Raw(), "panic") {
		t.Errorf("the program panicked\n%s", tm.Raw())
	}
}

// Resizing the terminal mid-flow redraws cleanly at the new size.
func TestResizeMidFlow(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--demo")
	typeName(t, tm, "resized")
	enterTo(t, tm, tagsStep)
	tm.Type("team=research")
	tm.WaitFor(t, "> team=research", wait)

	for _, size := range []struct{ cols, rows int }{{50, 14}, {100, 30}, {34, 10}, {80, 24}} {
		drawn := len(tm.Raw())
		tm.Resize(size.cols, size.rows)
		// Wait for a frame drawn after the resize, then check it is whole:
		// one header, the field once, nothing wider than the window.
		screen := tm.WaitUntil(t, "a redraw at the new size", wait, func(s string) bool {
			return len(tm.Raw()) > drawn && strings.Count(s, "workspace-wizard") == 1 &&
				strings.Count(s, "> team=research") == 1 &&
				strings.HasPrefix(strings.TrimSpace(strings.SplitN(s, "\n", 2)[0]), "workspace-wizard")
		})
		if strings.Count(screen, "Step 2 of 6") != 1 {
			t.Errorf("at %dx%d the tags step is not drawn exactly once\n%s", size.cols, size.rows, tm.Dump())
		}
		for _, l := range strings.Split(screen, "\n") {
			if w := utf8.RuneCountInString(l); w > size.cols {
				t.Errorf("at %dx%d a line is %d wide: %q", size.cols, size.rows, w, l)
			}
		}
	}
	tm.Press("enter")
	tm.WaitFor(t, "team = research", wait)
	review := throughDefaults(t, tm)
	if row := reviewRow(t, review, "Tags"); !strings.Contains(row, "team=research") {
		t.Errorf("review Tags row = %q", row)
	}
	createAndExit(t, tm)
	if strings.Contains(tm.Raw(), "panic") {
		t.Errorf("the program panicked\n%s", tm.Raw())
	}
}

// The demo organization already has "research-prod": typing that name gets
// a warning from the background look-up, and the workspace can still be made.
func TestNameInUseWarning(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--demo")
	tm.WaitFor(t, "Workspace name", wait)
	tm.Type("research-prod")
	screen := tm.WaitFor(t, "already exists", wait)
	if !Shows(screen, `a workspace named "research-prod" already exists`) {
		t.Errorf("no name-in-use warning:\n%s", tm.Dump())
	}
	tm.Type("-2")
	tm.WaitGone(t, "already exists", wait)
}

// The demo organization has user profiles: the wizard offers the step,
// the chosen profile is on review marked PERMANENT and in the workspace.
func TestUserProfileChosen(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--demo", "--json")
	typeName(t, tm, "resold")
	enterTo(t, tm, tagsStep)
	enterTo(t, tm, residencyStep)
	enterTo(t, tm, encryptionStep)
	screen := enterTo(t, tm, profileStep)
	if !Shows(screen, "Northwind Trading") || !Shows(screen, "None: requests need not name a user profile (default)") {
		t.Fatalf("the profile step does not list the demo profiles\n%s", tm.Dump())
	}
	tm.Press("down") // the newest profile first
	tm.WaitFor(t, "PERMANENT: every inference request", wait)
	review := enterTo(t, tm, reviewStep)
	if row := reviewRow(t, review, "User profile"); !strings.Contains(row, "Contoso Health (uprof_") || !strings.Contains(row, "PERMANENT") {
		t.Fatalf("review row = %q\n%s", row, tm.Dump())
	}
	tm.Press("enter")
	tm.WaitFor(t, created, createWait)
	tm.Press("enter")
	if code := tm.Wait(t, wait); code != 0 {
		t.Fatalf("exit %d\n%s", code, tm.Dump())
	}
	if out := tm.Stdout(); !strings.Contains(out, `"user_profile_id": "uprof_01JDemoContosoHealth00"`) {
		t.Fatalf("stdout lacks the user profile: %s", out)
	}
}
