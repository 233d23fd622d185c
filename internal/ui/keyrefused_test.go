package ui

import (
	"strings"
	"testing"
)

// A key the Workspace Policy refused (400 workspace_policy_violation) is
// marked refused in the key list and cannot be picked and sent again until
// the answer changes, as a refused name cannot; the refusal says once where
// the policy is seen.
func TestPolicyRefusedKeyIsNotSentAgainFromThePicker(t *testing.T) {
	t.Parallel()
	h := reviewWithFirstKey(t, "policed")
	h.fault("policy-cmek")
	h.press("enter")
	h.wantState(stateEncryption)
	h.see("✗ The API refused this encryption key", "Workspace Policy does not allow external key")
	if n := strings.Count(h.flat(), "admin can see the policy in the Console") + strings.Count(h.flat(), "admin sees it in the Console"); n != 1 {
		t.Errorf("where the policy is seen is said %d times, want once:\n%s", n, h.screen())
	}
	h.press("enter") // yes, a key: the list
	h.see("Choose the encryption key", "refused by the API")
	h.press("enter") // the refused key, picked again
	h.wantState(stateEncryption)
	h.see("✗ The API refused this encryption key")
	h.notSee("validating", "✓ the key validated")
	h.press("enter")
	h.wantState(stateEncryption)
	h.golden("encryption_key_refused")
	h.press("up", "down") // another key, then the refused one again: still refused
	h.press("enter")
	h.see("✗ The API refused this encryption key")
	h.notSee("validating")
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent; want 1 (the refused key was sent again)", n)
	}
	// The key was validated once, before the create; never after the refusal.
	validates := 0
	for _, r := range h.srv.Requests() {
		if strings.HasSuffix(r.Path, "/validate") {
			validates++
		}
	}
	if validates != 1 {
		t.Fatalf("%d validate calls; want 1 (the refused key was checked again to be sent)", validates)
	}
}
