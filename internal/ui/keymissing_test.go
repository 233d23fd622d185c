package ui

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// Bug 4: a typed key id the organization does not have (validate answers
// 404) is said plainly and never accepted with one more Enter: the key is
// write-once, so the id must be changed (or the key given up with esc).
func TestTypedKeyIDThatDoesNotExist(t *testing.T) {
	t.Parallel()
	const missing = "ekey_ABCDEFGH1234"
	validate := "/v1/organizations/external_keys/" + missing + "/validate"
	h := newHarness(t)
	h.fault("keys:403")
	h.typeText("missing-key")
	h.press("enter", "enter", "enter", "down", "enter")
	h.wantState(stateEncryption)
	h.see("Encryption key id")
	h.typeText(missing)
	h.notSee("✗")
	h.press("enter")
	h.see("✗ no external key with that id in this organization")
	h.notSee("use it anyway", "✓")
	if n := h.srv.CountRequests("POST", validate); n != 1 {
		t.Fatalf("%d validate requests, want 1", n)
	}
	h.press("enter", "enter")
	h.wantState(stateEncryption)
	h.see("✗ no external key with that id in this organization")
	if id := h.spec().ExternalKeyID; id == missing && h.m.e.cur != stateEncryption {
		t.Fatalf("the missing key was taken")
	}
	// Changing the id clears the verdict; a real one validates and is taken.
	h.press("backspace")
	h.notSee("no external key with that id")
	h.press("ctrl+u")
	h.typeText(fakeapi.DemoExternalKeyGCP)
	h.press("enter")
	h.see("✓ the key validated")
	h.press("enter")
	h.wantState(stateReview)
	h.notSee(missing)
	h.press("enter")
	h.wantState(stateResult)
	if body := h.createdBody(); body["external_key_id"] != fakeapi.DemoExternalKeyGCP {
		t.Fatalf("created with %v", body["external_key_id"])
	}
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates, want 1", n)
	}
}

// The same in accessible mode: the missing id is refused, and the prompt
// asks again until an id that exists is typed.
func TestAccessibleTypedKeyIDThatDoesNotExist(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock, OrgName: "Acme Research"})
	out, text := plainRun(t, srv, true,
		"plain-missing-key", // name
		"",                  // no tags
		"",                  // allowed geos: unrestricted
		"",                  // default geo
		"y",                 // an encryption key
		"ekey_ABCDEFGH1234", // does not exist: asked again
		fakeapi.DemoExternalKeyGCP,
		"y", // create
	)
	if !strings.Contains(text, "Error: no external key with that id in this organization") {
		t.Errorf("output does not say the key does not exist:\n%s", text)
	}
	if out.Err != nil || out.Workspace == nil || out.Workspace.ExternalKeyID != fakeapi.DemoExternalKeyGCP {
		t.Fatalf("outcome %+v\n%s", out, text)
	}
}
