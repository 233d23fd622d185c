package ui

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// withProfiles gives the organization the demo's user profiles.
func withProfiles() harnessOpt {
	return func(s *setup) { s.profiles = fakeapi.DemoUserProfiles() }
}

// toProfile walks the defaults from the name step to the user profile.
func (h *harness) toProfile(name string) {
	h.t.Helper()
	h.typeText(name)
	h.press("enter", "enter", "enter", "enter")
	h.wantState(stateProfile)
}

// createdBody is the body of the one create the server received.
func (h *harness) createdBody() map[string]any {
	h.t.Helper()
	var body map[string]any
	n := 0
	for _, r := range h.srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/organizations/workspaces" {
			n++
			if err := json.Unmarshal(r.Body, &body); err != nil {
				h.t.Fatal(err)
			}
		}
	}
	if n != 1 {
		h.t.Fatalf("%d creates sent, want 1", n)
	}
	return body
}

func TestUserProfileChosenIsPermanentOnReviewAndSent(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withProfiles())
	h.toProfile("resold")
	h.see("Step 5 of 6 · User profile", "None: requests need not name a user profile (default)",
		"Contoso Health · application", fakeapi.DemoUserProfileContoso, "Northwind Trading · passthrough")
	h.golden("profile_choose")
	h.press("down")
	h.see("⚠ PERMANENT: every inference request through the workspace must then name this user profile, and it can never be replaced or removed.")
	h.press("enter")
	h.wantState(stateReview)
	h.see("Step 6 of 6 · Review", "5 User profile Contoso Health ("+fakeapi.DemoUserProfileContoso+") PERMANENT",
		"--user-profile-id "+fakeapi.DemoUserProfileContoso, "1-5 edit a step")
	h.golden("review_profile")
	h.press("enter")
	h.wantState(stateResult)
	h.see("User profile", "must name user profile "+fakeapi.DemoUserProfileContoso)
	if body := h.createdBody(); body["user_profile_id"] != fakeapi.DemoUserProfileContoso || len(body) != 2 {
		t.Fatalf("request body %v, want the name and the profile", body)
	}
	if ws := h.srv.Workspaces(); len(ws) != 1 || ws[0].UserProfileID != fakeapi.DemoUserProfileContoso {
		t.Fatalf("server holds %+v", ws)
	}
}

// Review opens the step by number and by row, and Enter there comes back.
func TestUserProfileJumpFromReviewAndBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withProfiles())
	h.toProfile("jumper")
	h.press("down", "down", "enter") // Northwind
	h.wantState(stateReview)
	h.press("5")
	h.wantState(stateProfile)
	h.see("› Northwind Trading")
	h.press("up", "up", "enter") // None
	h.wantState(stateReview)
	h.see("5 User profile none (default)")
	h.notSee("--user-profile-id")
	// ↑ from Create selects the profile row; Enter opens it.
	h.press("up")
	h.see("› 5 User profile")
	h.press("enter")
	h.wantState(stateProfile)
	h.press("shift+tab") // back from a step opened from review: the step before it
	h.wantState(stateEncryption)
	h.press("enter") // reached by going back: Enter goes on to the next step
	h.wantState(stateProfile)
	h.press("enter")
	h.wantState(stateReview)
	h.press("5", "down", "enter")
	h.wantState(stateReview)
	if id := h.spec().UserProfileID; id != fakeapi.DemoUserProfileContoso {
		t.Fatalf("spec profile %q", id)
	}
	h.press("enter")
	if body := h.createdBody(); body["user_profile_id"] != fakeapi.DemoUserProfileContoso {
		t.Fatalf("request body %v", body)
	}
}

// Without profiles, or when the key may not list them, there is no step:
// the flow is the five steps it always was, and 5 on review is Create's
// step, not a jump.
func TestUserProfileStepSkipped(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts []harnessOpt
	}{
		{"no profiles", nil},
		{"listing refused", []harnessOpt{withProfiles(), func(s *setup) {
			s.faults = append(s.faults, fakeapi.Fault{Target: fakeapi.TargetProfiles, Kind: fakeapi.FaultPermissionDenied})
		}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.opts...)
			h.typeText("plain")
			h.press("enter", "enter", "enter", "enter")
			h.wantState(stateReview)
			h.see("Step 5 of 5 · Review", "1-4 edit a step")
			h.notSee("User profile", "✗")
			h.press("5")
			h.wantState(stateReview)
			h.press("up")
			h.see("› 4 Encryption key")
			if n := h.srv.CountRequests("GET", "/v1/user_profiles"); n != 1 {
				t.Fatalf("profiles listed %d times, want once", n)
			}
		})
	}
}

// The profile list answering while the user is on another step is kept:
// the step appears, and the step count with it.
func TestUserProfileListAnsweredOnAnotherStep(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, p := range fakeapi.DemoUserProfiles() {
		h.srv.AddUserProfile(p)
	}
	late := h.profilesAnswer() // held back
	h.typeText("late")
	h.press("enter")
	h.wantState(stateTags)
	h.see("Step 2 of 5 · Tags")
	h.run(late)
	h.wantState(stateTags)
	h.see("Step 2 of 6 · Tags")
	h.press("enter", "enter", "enter")
	h.wantState(stateProfile)
	h.press("down", "enter")
	h.wantState(stateReview)
	if id := h.spec().UserProfileID; id != fakeapi.DemoUserProfileContoso {
		t.Fatalf("spec profile %q", id)
	}

	// An answer reaching review adds the row; nothing else moves.
	h2 := newHarness(t)
	h2.srv.AddUserProfile(fakeapi.UserProfile{ID: "uprof_01JLateProfile00", Name: "Late Co"})
	late2 := h2.profilesAnswer()
	h2.typeText("late2")
	h2.press("enter", "enter", "enter", "enter")
	h2.wantState(stateReview)
	h2.run(late2)
	h2.wantState(stateReview)
	h2.see("5 User profile none (default)", "Step 6 of 6 · Review")
	h2.see("› Create workspace") // the selection did not move
}

// A 400 about the user profile opens its step with the API's message; the
// refused id cannot be sent again, another choice can.
func TestUserProfileRefusedByAPIReturnsToStep(t *testing.T) {
	t.Parallel()
	const unknown = "uprof_01JNobodyHere00"
	h := newHarness(t, withProfiles(), withSpec(api.Spec{UserProfileID: unknown}, rules.FieldUserProfileID))
	h.typeText("refused")
	h.press("enter", "enter", "enter", "enter")
	h.wantState(stateProfile)
	h.see(unknown + " (given with --user-profile-id)")
	h.press("enter")
	h.wantState(stateReview)
	h.see("User profile " + unknown + " PERMANENT")
	h.press("enter")
	h.wantState(stateProfile)
	h.see("✗ The API refused this user profile: no user profile with id "+unknown+" in this organization", "request-id req_")
	h.press("enter") // the same id: nothing happens
	h.wantState(stateProfile)
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent", n)
	}
	h.press("up", "enter") // Northwind
	h.wantState(stateReview)
	h.notSee("refused by the API")
	h.press("enter")
	h.wantState(stateResult)
	if ws := h.srv.Workspaces(); len(ws) != 1 || ws[0].UserProfileID != fakeapi.DemoUserProfileNorthwind {
		t.Fatalf("server holds %+v", ws)
	}
}

func TestAccessibleUserProfile(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
	for _, p := range fakeapi.DemoUserProfiles() {
		srv.AddUserProfile(p)
	}
	out, text := plainRun(t, srv, true,
		"a11y-profile", "", "", "", "n",
		"7",      // out of range
		"prof_x", // not an id
		"2",      // Northwind (newest first: 1 is Contoso)
		"y",      // create
	)
	for _, want := range []string{
		"Step 5 of 6: User profile", rules.UserProfilePermanent,
		"0) None (default)", "1) Contoso Health · application  " + fakeapi.DemoUserProfileContoso,
		"Error: choose a number from 0 to 2", "Error: \"prof_x\" is not a user profile id",
		"Step 6 of 6: Review", "5 User profile", "Northwind Trading (" + fakeapi.DemoUserProfileNorthwind + ") PERMANENT",
		"--user-profile-id " + fakeapi.DemoUserProfileNorthwind,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if out.Err != nil || out.Workspace == nil || out.Workspace.UserProfileID != fakeapi.DemoUserProfileNorthwind {
		t.Fatalf("outcome %+v\n%s", out, text)
	}

	// Without profiles the step is not asked.
	plain := fakeapitest.New(t, fakeapi.Options{Now: clock})
	_, text = plainRun(t, plain, true, "no-profiles", "", "", "", "n", "y")
	if strings.Contains(text, "User profile") || !strings.Contains(text, "Step 5 of 5: Review") {
		t.Errorf("the step was asked without profiles:\n%s", text)
	}
}
