package setup

import (
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// The prod/staging/dev template makes three entries, tagged by env, and
// sends nothing.
func TestTemplateMakesThreeWorkspaces(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.see("research-prod env=prod · 0 members", "research-staging env=staging", "research-dev env=dev", "not saved")
	h.press("s", "enter")
	h.see("Saved to org.yaml")
	h.notSee("not saved")
	want := `version: 1
workspaces:
  - name: research-prod
    tags: {env: prod}
  - name: research-staging
    tags: {env: staging}
  - name: research-dev
    tags: {env: dev}
`
	if got := h.files["org.yaml"]; got != want {
		t.Errorf("org.yaml:\n%s\nwant:\n%s", got, want)
	}
	if w := h.writes(); len(w) > 0 {
		t.Errorf("the setup sent %v before any apply", w)
	}
}

// The template's question is asked again until it has an answer.
func TestTemplateNeedsAnAnswer(t *testing.T) {
	h := newHarness(t, nil)
	h.press("enter", "enter")
	h.see("type the project's name, e.g. research")
	h.press("esc", "down", "enter")
	h.typeText(" research, platform ,")
	h.press("enter")
	h.see("The plan: 2 workspaces", "research team=research", "platform team=platform")
}

// Editing a workspace through the wizard's own steps changes the entry:
// a tag added on the tags step is in the saved file, and nothing is sent.
func TestEditorChangesTags(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.press("enter")
	h.see("Step 1 of 5 · Name", "> research-prod")
	h.press("enter")
	h.see("Step 2 of 5 · Tags", "env = prod")
	h.typeText("team=ml")
	h.press("enter", "enter") // add it; an empty line continues
	h.see("Step 3 of 5 · Data residency")
	h.press("enter", "enter")
	h.see("Step 5 of 5 · Review", "env=prod, team=ml", "Keep in the plan")
	h.press("enter")
	h.see("The plan: 3 workspaces", "research-prod env=prod, team=ml · 0 members")
	h.press("s", "enter")
	if got := h.files["org.yaml"]; !strings.Contains(got, "  - name: research-prod\n    tags: {env: prod, team: ml}\n  - name: research-staging\n") {
		t.Errorf("org.yaml lacks the edited tags:\n%s", got)
	}
	if w := h.writes(); len(w) > 0 {
		t.Errorf("the editor sent %v", w)
	}
}

// Ctrl+C in the editor goes back to the plan keeping nothing: neither the
// changes to a workspace nor a new one; the setup goes on.
func TestEditorCtrlCKeepsNothing(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.press("enter", "enter")
	h.typeText("team=ml")
	h.press("enter", "ctrl+c")
	h.see("The plan: 3 workspaces", "research-prod env=prod · 0 members")
	h.notSee("team=ml")

	h.press("a")
	h.see("Step 1 of 5 · Name")
	h.typeText("extra")
	h.press("enter", "ctrl+c")
	h.see("The plan: 3 workspaces")
	h.notSee("extra")
	if h.quit {
		t.Fatal("ctrl+c in the editor quit the setup")
	}
	h.press("s", "enter")
	if got := h.files["org.yaml"]; strings.Contains(got, "ml") || strings.Contains(got, "extra") {
		t.Errorf("org.yaml keeps what ctrl+c left:\n%s", got)
	}
}

// A workspace added with a name the plan has already is not kept: the
// editor says so and opens again at the name.
func TestEditorRefusesANameThePlanHas(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.press("a")
	h.typeText("research-dev")
	h.press("enter", "enter", "enter", "enter", "enter")
	h.see("The plan has a workspace named “research-dev” already", "Step 1 of 5 · Name")
	h.press("ctrl+u")
	h.typeText("research-qa")
	h.press("enter", "enter", "enter", "enter", "enter")
	h.see("The plan: 4 workspaces", "research-qa no tags")
}

// Members chosen with the picker land in the plan, with the role chosen.
func TestMembersFromThePicker(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.press("m")
	h.see("Members of “research-prod”", "No members in the plan")
	h.press("a")
	h.see("12 of 12 users")
	h.typeText("dev@")
	h.see("1 of 12 users", "Dev Developer")
	h.press("space", "right") // choose; the next role
	h.see("1 selected", "role: workspace_restricted_developer")
	h.press("enter")
	h.see("dev@example.com workspace_restricted_developer")
	h.press("esc")
	h.see("research-prod env=prod · 1 member")
	h.press("s", "enter")
	if got := h.files["org.yaml"]; !strings.Contains(got, "    members:\n      - {email: dev@example.com, role: workspace_restricted_developer}\n") {
		t.Errorf("org.yaml lacks the member:\n%s", got)
	}
}

// An invite with a bad email or role is refused with the rules' message
// and not added; a good one is.
func TestInviteRefusedByTheRules(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.press("i")
	h.see("carol@example.com developer") // the placeholder, whole
	h.typeText("not-an-email developer")
	h.press("enter")
	h.see("✗ " + rules.ValidateEmail("not-an-email").Error())
	h.press("ctrl+u")
	h.typeText("carol@example.com admin")
	h.press("enter")
	h.see("✗ " + rules.ValidateInviteRole("admin").Error())
	h.press("esc")
	h.see("The plan: 3 workspaces")
	h.notSee("Invites:", "invite,")

	h.press("i")
	h.typeText("carol@example.com")
	h.press("enter")
	h.typeText("CAROL@example.com user")
	h.press("enter")
	h.see("CAROL@example.com is invited already")
	h.press("esc")
	h.see("The plan: 3 workspaces, 1 invite", "Invites: carol@example.com")
}

// A cap above the organization's limit is flagged on the review with the
// plan's warning.
func TestCapAboveTheOrgLimitWarns(t *testing.T) {
	h := newHarness(t, nil, 100, 60)
	h.prodStagingDev("research")
	h.press("l")
	h.see("Claude Sonnet 4.x", "organization: requests_per_minute 4000")
	h.press("enter")
	h.typeText("requests_per_minute=5000")
	h.press("enter")
	h.see("cap: requests_per_minute=5000")
	h.press("esc", "r")
	h.see("Review the plan", "requests_per_minute 5000 is "+plan.AboveOrgLimit+": the organization allows 4000")
}

// Caps that break the rules are refused where they are typed.
func TestCapRefusedByTheRules(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.press("l", "enter")
	h.typeText("rpm=5")
	h.press("enter")
	h.see("✗ " + rules.ValidateRateLimitType("rpm").Error())
	h.press("esc", "esc")
	h.see("research-prod env=prod · 0 members")
	h.notSee("cap")
}

// Review, y: the server holds exactly the plan's workspaces, member,
// invite and cap, each sent once. Reviewed again, the plan is "nothing to
// apply" and y sends nothing.
func TestApplyThenNothingToApply(t *testing.T) {
	h := newHarness(t, nil, 100, 60)
	h.prodStagingDev("research")
	h.press("m", "a")
	h.typeText("dev@")
	h.press("space", "enter", "esc")
	h.press("l", "enter")
	h.typeText("requests_per_minute=500")
	h.press("enter", "esc")
	h.press("i")
	h.typeText("carol@example.com developer")
	h.press("enter", "esc")
	h.press("r")
	h.see("Review the plan", "Apply 6 changes", "invite carol@example.com")
	if w := h.writes(); len(w) > 0 {
		t.Fatalf("the review sent %v", w)
	}
	h.press("y")
	h.see("Applied", "✓ 6 done · exit 0")
	h.press("enter") // the result closed: back at the plan, which says what the apply did
	h.see("Applied: 6 done (exit code 0)")

	ws := h.srv.Workspaces()
	var names []string
	var prod string
	for _, w := range ws {
		names = append(names, w.Name+" env="+w.Tags["env"])
		if w.Name == "research-prod" {
			prod = w.ID
		}
	}
	slices.Sort(names)
	if want := []string{"research-dev env=dev", "research-prod env=prod", "research-staging env=staging"}; !slices.Equal(names, want) {
		t.Errorf("workspaces %v, want %v", names, want)
	}
	members := h.srv.Members(prod)
	if len(members) != 1 || members[0].UserID != fakeapi.DemoUserDeveloper || members[0].WorkspaceRole != "workspace_developer" {
		t.Errorf("research-prod's members %+v, want dev@example.com as workspace_developer", members)
	}
	if caps := h.srv.WorkspaceRateLimits(prod); len(caps) != 1 || caps[fakeapi.DemoRateLimitSonnet]["requests_per_minute"] != 500 {
		t.Errorf("research-prod's caps %v, want Sonnet's requests_per_minute 500", caps)
	}
	var invited []string
	for _, in := range h.srv.Invites() {
		invited = append(invited, in.Email+" "+in.Role)
	}
	if want := []string{"new.hire@example.com developer", "carol@example.com developer"}; !slices.Equal(invited, want) {
		t.Errorf("invites %v, want %v", invited, want)
	}
	writes := h.writes()
	slices.Sort(writes)
	want := []string{
		"POST /v1/organizations/invites",
		"POST /v1/organizations/workspaces", "POST /v1/organizations/workspaces", "POST /v1/organizations/workspaces",
		"POST /v1/organizations/workspaces/" + prod + "/members",
		"POST /v1/organizations/workspaces/" + prod + "/rate_limits/" + fakeapi.DemoRateLimitSonnet,
	}
	if !slices.Equal(writes, want) {
		t.Errorf("writes %v, want %v", writes, want)
	}

	h.press("r")
	h.see("Nothing to apply: the organization already matches the file")
	h.notSee("Apply 6 changes")
	h.press("y")
	if n := len(h.writes()); n != len(want) {
		t.Errorf("%d writes after the second review and y, want %d: %v", n, len(want), h.writes())
	}
}

// Saving never overwrites an existing file without a y: Enter, n and esc
// leave it; y writes it.
func TestSaveAsksBeforeOverwriting(t *testing.T) {
	h := newHarness(t, nil)
	h.files["org.yaml"] = "keep me\n"
	h.prodStagingDev("research")
	h.press("s", "enter")
	h.see("org.yaml exists. Overwrite it? (y/n)")
	h.press("enter")
	h.notSee("Overwrite it?")
	h.press("enter")
	h.see("Overwrite it?")
	h.press("n")
	h.press("esc")
	h.see("The plan: 3 workspaces · not saved")
	if got := h.files["org.yaml"]; got != "keep me\n" {
		t.Fatalf("org.yaml was overwritten without a y:\n%s", got)
	}
	h.press("s")
	h.press("ctrl+u")
	h.typeText("other.yaml")
	h.press("enter")
	h.see("Saved to other.yaml")
	h.press("s", "ctrl+u")
	h.typeText("org.yaml")
	h.press("enter")
	h.see("Overwrite it?")
	h.press("y")
	h.see("Saved to org.yaml")
	if got := h.files["org.yaml"]; !strings.HasPrefix(got, "version: 1\n") {
		t.Errorf("y did not overwrite org.yaml:\n%s", got)
	}
}

// A plan file the setup starts from (-f) is asked about before it is
// saved over, and reviewed against the organization like any plan.
func TestStartFromAFile(t *testing.T) {
	f, err := plan.Parse("org.yaml", []byte("version: 1\nworkspaces:\n  - name: solo\n    tags: {team: a}\n"))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, f)
	h.files["org.yaml"] = "version: 1\n"
	h.see("The plan: 1 workspace", "solo team=a")
	h.press("s", "enter")
	h.see("Overwrite it?")
	h.press("y", "r")
	h.see("create workspace solo", "Apply 1 change")
}

// At 40×12 every screen fits the window (the harness checks after each
// key): template, plan, the editor's steps, members and the picker, caps,
// invites, review, applying, applied, save.
func TestEveryScreenFits40x12(t *testing.T) {
	h := newHarness(t, nil, 40, 12)
	h.press("enter")
	h.typeText("a-project-with-a-rather-long-name")
	h.press("enter")
	h.press("down", "enter", "enter")
	h.typeText("team=a-team-with-a-long-name-too")
	h.press("enter", "enter", "down")
	h.pressUntil("Keep in the plan", "enter")
	h.press("enter")
	h.see("The plan: 3 workspaces")
	h.press("m", "a")
	h.typeText("a")
	h.press("space", "enter", "esc")
	h.press("l", "down", "down", "enter")
	h.typeText("requests_per_minute=100 output_tokens_per_minute=1000")
	h.press("enter", "esc")
	h.press("i")
	h.typeText("somebody.with.a.long.address@example.com developer")
	h.press("enter", "up", "esc")
	h.press("r")
	for range 30 {
		h.press("down")
	}
	h.press("y")
	h.see("Applied")
	for range 30 {
		h.press("down")
	}
	h.press("enter", "s")
	h.typeText("a/rather/long/path/to/the/plan/file/org.yaml")
	h.press("enter")
	h.press("r")
	h.see("nothing to apply")
	h.press("esc", "a")
	h.typeText("x")
	h.press("enter")
	h.press("ctrl+c")
	h.see("The plan: 3 workspaces")
}

// A review whose reading of the organization failed says why; y there
// does nothing, and the next review reads again.
func TestReviewWhenReadingFails(t *testing.T) {
	h := newHarness(t, nil)
	faults, err := fakeapi.ParseFaults("list:403")
	if err != nil {
		t.Fatal(err)
	}
	h.srv.AddFaults(faults...)
	h.prodStagingDev("research")
	h.press("r")
	h.see("Review the plan", "✗")
	h.notSee("y apply")
	h.press("y", "enter")
	h.press("esc", "r")
	h.see("Apply 3 changes")
	if w := h.writes(); len(w) > 0 {
		t.Errorf("sent %v", w)
	}
}

// Ctrl+C with a plan not saved asks first: esc stays, s saves, y quits.
func TestQuitWithUnsavedChangesAsks(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.press("ctrl+c")
	if h.quit {
		t.Fatal("quit at once, losing the plan")
	}
	h.see("Quit without saving?", "not saved", "Nothing was sent")
	h.press("esc")
	h.see("The plan: 3 workspaces")
	h.press("ctrl+c", "y")
	if !h.quit {
		t.Fatal("y did not quit")
	}
}

// After an apply, leaving a plan not saved says what is kept and what is not.
func TestQuitAfterApplyingUnsaved(t *testing.T) {
	h := newHarness(t, nil)
	h.prodStagingDev("research")
	h.press("r", "y")
	h.see("3 done")
	h.press("enter", "ctrl+c")
	h.see("Quit without saving?", "The plan was applied but is not saved as a file")
	h.notSee("Nothing was sent")
}
