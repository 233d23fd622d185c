package setup

import (
	"slices"
	"testing"
)

// The one-workspace-per-team template refuses a team given twice as it is
// typed, and on Enter, until it is changed.
func TestTemplateRefusesATeamTwice(t *testing.T) {
	h := newHarness(t, nil)
	h.press("down", "enter")
	h.typeText("research, platform, research")
	h.see(`✗ "research" is given twice; each name may appear once in a plan`)
	h.press("enter")
	h.see(`"research" is given twice`)
	h.notSee("The plan:")
	for range len(", research") {
		h.press("backspace")
	}
	h.notSee("given twice")
	h.press("enter")
	h.see("The plan: 2 workspaces")
}

// An invite for someone already a user is flagged at once (the API is
// asked with the email filter), and a plan of invites only is reviewed and
// applied: one POST /v1/organizations/invites, for the one not a user.
func TestInvitesOnly(t *testing.T) {
	h := newHarness(t, nil, 100, 40)
	h.press("down", "down", "enter") // empty
	h.see("No workspaces yet")
	h.press("i")
	h.typeText("dev@example.com developer")
	h.press("enter")
	h.see("⚠ a user", "dev@example.com is already a user of the organization", "no invite is sent")
	h.typeText("carol@example.com developer")
	h.press("enter")
	h.press("esc")
	h.see("The plan: 0 workspaces, 2 invites", "r review")
	h.press("r")
	h.see("Review the plan", "Apply 1 change", "invite carol@example.com")
	h.press("y")
	h.see("Applied", "✓ 1 done · exit 0")
	if got := h.writes(); !slices.Equal(got, []string{"POST /v1/organizations/invites"}) {
		t.Errorf("writes %v", got)
	}
}
