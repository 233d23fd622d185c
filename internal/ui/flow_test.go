package ui

import (
	"encoding/json"
	"testing"
)

// A hurried user types a name and presses Enter at every step: the
// defaults carry them to review, and Enter there creates the workspace.
func TestHurriedPathCreatesWithDefaults(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.wantState(stateName)
	h.golden("name_empty")
	h.typeText("research-prod")
	h.press("enter")
	h.wantState(stateTags)
	h.press("enter")
	h.wantState(stateResidency)
	h.press("enter")
	h.wantState(stateEncryption)
	h.press("enter")
	h.wantState(stateReview)
	h.see("Step 5 of 5 · Review", "none (default)", "unrestricted (default)", "global (default)", "PERMANENT",
		"workspace-wizard --demo --name research-prod --yes")
	h.golden("review_defaults")
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates sent before Create was pressed", n)
	}
	h.press("enter")
	h.wantState(stateResult)
	h.see("✓ Workspace created", "research-prod", "2026-03-14 15:09:26 UTC", "platform.claude.com/settings/workspaces")
	h.golden("result")

	reqs := h.srv.Requests()
	var body map[string]any
	for _, r := range reqs {
		if r.Method == "POST" && r.Path == "/v1/organizations/workspaces" {
			if err := json.Unmarshal(r.Body, &body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(body) != 1 || body["name"] != "research-prod" {
		t.Errorf("request body = %v; want only the name, so the server's defaults apply", body)
	}
	h.press("enter")
	if !h.quit || h.outcome().Workspace == nil || h.outcome().Err != nil {
		t.Fatalf("Enter on the result should quit with the workspace; outcome %+v", h.outcome())
	}
}
