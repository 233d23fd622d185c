package ui

import (
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

func TestNameIsCheckedAsTyped(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.press("enter")
	h.wantState(stateName)
	h.see("✗ enter a name for the workspace")

	h.typeText(strings.Repeat("n", rules.MaxNameLen))
	h.notSee("✗")
	h.typeText("x") // 256 characters: the error shows without pressing Enter
	h.see("✗ use at most 255 characters (this name has 256)")
	h.press("enter")
	h.wantState(stateName)
	h.press("backspace")
	h.notSee("✗")

	h.press("ctrl+u") // clear the line: the empty-name error shows as typed too
	h.see("✗ enter a name for the workspace")
	h.typeText("   ")
	h.see("✗ enter a name for the workspace")
}

func TestNameInUseIsAWarningLookedUpOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.AddWorkspace(fakeapi.Workspace{Name: "Research"})
	h.typeText("research")
	h.see("⚠ a workspace named \"research\" already exists (wrkspc_", "Names need not be unique")
	h.typeText("-2")
	h.notSee("⚠")
	if n := h.srv.CountRequests("GET", "/v1/organizations/workspaces"); n != 1 {
		t.Errorf("listed workspaces %d times while typing; want once, then cached", n)
	}
	h.press("enter")
	h.wantState(stateTags) // a warning does not stop the user
}

// A workspace list that fails does not pass for "no such name": the name
// step says the check could not be made.
func TestNameCheckThatCouldNotBeMadeSaysSo(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.fault("list:500")
	h.typeText("research")
	h.see("The workspaces could not be listed to check whether this name is in use")
	h.press("enter")
	h.wantState(stateTags) // it does not stop the user
}

func TestStaleNameLookupIsIgnored(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.m.e.after = func(time.Duration, tea.Msg) tea.Cmd { return nil } // hold the debounce ticks
	h.typeText("abc")
	if cmd := h.send(nameTickMsg{seq: 1}); cmd != nil {
		t.Fatal("a tick from before the last keystroke started a look-up")
	}
	if cmd := h.send(nameTickMsg{seq: 3}); cmd == nil { // the third keystroke's
		t.Fatal("the latest tick did not start the look-up")
	}
}

func TestShiftTabGoesBackEvenWhenInvalid(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("ok")
	h.press("enter")
	h.typeText("anthropic-team=x")
	h.see("✗ tag key \"anthropic-team\": keys may not start with \"anthropic\"")
	h.press("shift+tab")
	h.wantState(stateName)
	h.press("enter")
	h.wantState(stateTags)
	h.see("anthropic-team=x") // the entry was kept
}

func TestTagsAddEditRemoveAndEveryRule(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("tagged")
	h.press("enter")
	h.wantState(stateTags)

	for _, tc := range []struct{ entry, msg string }{
		{"anthropic_x=1", `✗ tag key "anthropic_x": keys may not start with "anthropic"`},
		{"=prod", "✗ a tag needs a key before the '=' (for example env=prod)"},
		{" env=prod", `✗ remove the spaces around the tag key "env"`},
	} {
		h.typeText(tc.entry)
		h.see(tc.msg)
		h.press("enter")
		h.wantState(stateTags)
		h.press("ctrl+u")
		h.notSee("✗")
	}

	// No '=' yet: a hint while typing, an error once Enter is pressed.
	h.typeText("env")
	h.see("type = and the value")
	h.notSee("✗")
	h.press("enter")
	h.see(`✗ write the tag as key=value (got "env")`)
	h.typeText("=prod")
	h.press("enter")
	h.typeText("team=research")
	h.press("enter")
	h.typeText("env=dev")
	h.see(`✗ tag key "env" is used twice; each key may appear once`)
	h.press("ctrl+u")
	h.golden("tags_two")

	// Edit: select env, pull it into the field, change it.
	h.press("up", "up")
	h.see("› env = prod")
	h.press("e")
	h.see("✎ env = prod (editing)")
	h.press("ctrl+u")
	h.typeText("env=staging")
	h.press("enter")
	h.see("env = staging")
	h.notSee("env = prod")

	// Remove team with d.
	h.press("up")
	h.see("› team = research")
	h.press("d")
	h.notSee("team = research")
	if got := h.spec().Tags; len(got) != 1 || got[0] != (api.Tag{Key: "env", Value: "staging"}) {
		t.Fatalf("tags = %v", got)
	}
	h.press("esc", "enter")
	h.wantState(stateResidency)
}

func TestTagLimit(t *testing.T) {
	t.Parallel()
	var tags []api.Tag
	for i := range rules.MaxTags {
		tags = append(tags, api.Tag{Key: "k" + itoa3(i), Value: "v"})
	}
	h := newHarness(t, withSpec(api.Spec{Name: "full", Tags: tags}, rules.FieldName, rules.FieldTags))
	h.press("enter")
	h.typeText("one=more")
	h.see("✗ at most 50 tags are allowed (there are 51); remove some")
}

func TestDefaultGeoOnlyFromAllowed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("geo")
	h.press("enter", "enter")
	h.wantState(stateResidency)
	h.see("Workspace geo", "PERMANENT", "› us", "• Unrestricted: every geo, now and later (default)",
		"• global (default)", "us (US only, priced at 1.1×)")
	h.golden("residency_default")

	// Allow only us: global is no longer offered as the default.
	h.press("tab") // to the allowed geos
	h.press("down", "down")
	h.see("› Only us")
	h.see(`⚠ The default inference geo is now "us": "global" is not among the allowed geos.`)
	def := h.screen()[strings.Index(h.screen(), "Default inference geo"):strings.Index(h.screen(), "⚠")]
	if strings.Contains(def, "global") {
		t.Fatalf("the default offers a geo that is not allowed:\n%s", def)
	}
	h.press("tab")
	h.see("› us (US only")
	h.press("shift+tab") // a field back, not a step
	h.wantState(stateResidency)
	h.see("› Only us")
	h.press("enter")
	h.wantState(stateEncryption)
	s := h.spec()
	if s.AllowedInferenceGeos != "us" || s.DefaultInferenceGeo != "us" || s.WorkspaceGeo != "" {
		t.Fatalf("spec residency = %q/%q/%q", s.WorkspaceGeo, s.AllowedInferenceGeos, s.DefaultInferenceGeo)
	}
	// Back to the step: the form shows the answers; shift+tab on its first
	// field goes back a step.
	h.press("shift+tab")
	h.wantState(stateResidency)
	h.see("• Only us", "• us (US only")
	h.press("shift+tab")
	h.wantState(stateTags)
}

// Keys typed right behind a tab, before the program has run any command,
// reach the question the tab moved to: a fast typist's ↓ ↓ is not lost.
func TestTabThenArrowsTypedAhead(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("geo")
	h.press("enter", "enter")
	h.wantState(stateResidency)
	var pending []tea.Cmd
	for _, k := range []string{"tab", "down", "down"} {
		pending = append(pending, h.send(keyPress(k)))
	}
	h.run(tea.Batch(pending...)) // as the program would: interleaved
	h.see("› Only us")
	h.press("tab", "shift+tab", "shift+tab")
	h.wantState(stateResidency)
	h.see("› us")
}

// At 40 columns the residency form's descriptions wrap, whole.
func TestResidencyAt40Columns(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 40})
	h.typeText("narrow")
	h.press("enter", "enter")
	h.wantState(stateResidency)
	flat := strings.Join(strings.Fields(strings.ReplaceAll(h.screen(), "┃", "")), " ")
	for _, want := range []string{"Where its data is stored. PERMANENT: cannot be changed later.",
		"Unrestricted: every geo, now and later (default)", "Only us (US only, priced at 1.1×)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the 40-column residency step does not show %q whole:\n%s", want, h.screen())
		}
	}
}

func itoa3(i int) string { return string(rune('a'+i/26)) + string(rune('a'+i%26)) }

// A space typed between words is not an error while typing, and spaces left
// around the name are dropped when it is accepted.
func TestNameSpacesAroundAreDropped(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("  team ")
	h.notSee("✗")
	h.typeText("a ")
	h.press("enter")
	h.wantState(stateTags)
	if got := h.spec().Name; got != "team a" {
		t.Fatalf("name = %q, want %q", got, "team a")
	}
}

// Enter pressed before the name look-up started: the look-up runs anyway,
// and review says the name is in use.
func TestNameInUseShownAtReviewAfterAQuickEnter(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.AddWorkspace(fakeapi.Workspace{Name: "taken"})
	for _, r := range "taken" {
		h.send(keyPress(string(r))) // the debounce ticks are never run
	}
	h.press("enter")
	h.wantState(stateTags)
	h.press("enter", "enter", "enter")
	h.wantState(stateReview)
	h.see("taken ⚠ name already in use")
}
