package ui

import (
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// toEncryptionPick takes the wizard to the list of encryption keys.
func (h *harness) toEncryptionPick(name string) {
	h.t.Helper()
	h.typeText(name)
	h.press("enter", "enter", "enter", "down", "enter")
	h.wantState(stateEncryption)
	h.see("Choose the encryption key")
}

// A key's validation that answers after the user went back two steps is
// not lost: step 4 works when the user comes forward again.
func TestEncryptionValidationAnsweredOnAnotherStep(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toEncryptionPick("left-behind")
	validate := h.send(keyPress("enter")) // validating; the answer is held back
	h.see("validating " + h.firstKey())
	h.press("shift+tab", "shift+tab")
	h.wantState(stateResidency)
	h.run(validate) // the answer arrives on step 3
	h.press("enter")
	h.wantState(stateEncryption)
	// The choice answers the keys its help offers: ↑ to "No", Enter.
	h.press("up", "enter")
	h.wantState(stateReview)
	if id := h.spec().ExternalKeyID; id != "" {
		t.Fatalf("spec key %q, want none", id)
	}
}

// Going back a step while a key validates frees the keys at once, and the
// late answer still counts for that key.
func TestEncryptionValidationAnsweredAfterGoingBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toEncryptionPick("went-back")
	first := h.firstKey()
	validate := h.send(keyPress("enter"))
	h.press("shift+tab") // back to the choice, the answer still out
	h.wantState(stateEncryption)
	h.see("(default)")
	h.press("enter") // "Yes" again: the keys, usable before the answer comes
	h.see("Choose the encryption key")
	h.notSee("validating")
	h.run(validate)
	h.see("✓ the key validated")
	h.press("enter") // the validated key is used without asking again
	h.wantState(stateReview)
	if id := h.spec().ExternalKeyID; id != first {
		t.Fatalf("spec key %q, want %q", id, first)
	}
}

// An answer about a key the user no longer chose does not end the check
// of the one now chosen.
func TestEncryptionStaleValidationIgnored(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toEncryptionPick("stale")
	stale := h.send(keyPress("enter"))
	h.press("shift+tab", "enter", "down") // back, "Yes", the next key
	current := h.send(keyPress("enter"))
	chosen := h.srv.ExternalKeys()[1].ID
	h.run(stale)
	h.see("validating " + chosen) // a stale answer did not end the check
	h.notSee("✓ the key validated")
	h.run(current)
	h.notSee("validating")
	h.see("✓ the key validated")
}

// The key list answering after the user went back to the choice leaves
// them there (and keeps their answer); it is used on the next "Yes".
func TestEncryptionKeyListAnsweredAfterGoingBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.fault("keys:403")
	h.typeText("listed")
	h.press("enter", "enter", "enter", "down")
	list := h.send(keyPress("enter")) // listing; the answer is held back
	h.see("listing the organization's keys")
	h.press("shift+tab", "up") // back to the choice, "No" highlighted
	h.run(list)
	h.wantState(stateEncryption)
	h.notSee("Encryption key id")
	h.press("enter")
	h.wantState(stateReview)
	if id := h.spec().ExternalKeyID; id != "" {
		t.Fatalf("spec key %q, want none", id)
	}
}

// The key list answering on another step is kept: coming back and saying
// "Yes" shows it without asking the API again, and nothing stays loading.
func TestEncryptionKeyListAnsweredOnAnotherStep(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("listed-away")
	h.press("enter", "enter", "enter", "down")
	list := h.send(keyPress("enter"))
	h.press("shift+tab", "shift+tab")
	h.wantState(stateResidency)
	h.run(list)
	asked := h.srv.CountRequests("GET", "/v1/organizations/external_keys")
	if asked != 1 {
		t.Fatalf("the keys were listed %d times, want once", asked)
	}
	h.press("enter", "enter")
	h.wantState(stateEncryption)
	h.see("Choose the encryption key", fakeapi.DemoExternalKeyAWS)
	if n := h.srv.CountRequests("GET", "/v1/organizations/external_keys"); n != asked {
		t.Fatalf("the keys were listed %d more times", n-asked)
	}
}
