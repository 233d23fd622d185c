package ui

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func TestAdminKeyIsAskedCheckedAndNeverShown(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withoutKey())
	h.wantState(stateKey)
	h.see("Admin key", "--demo, which needs no key")
	h.golden("key_empty")
	h.press("enter")
	h.see("✗ paste an admin key")

	h.typeText("sk-ant-api03-regularkey")
	h.press("enter")
	h.wantState(stateKey)
	h.see("✗ this is a regular API key (sk-ant-api…); creating workspaces needs an admin key (sk-ant-admin…)")
	if n := len(h.srv.Requests()); n != 0 {
		t.Fatalf("a regular key was sent to the API (%d requests)", n)
	}

	h.press("ctrl+u")
	h.typeText("sk-ant-admin01-wrongwrongwrong")
	h.notSee("wrongwrong")
	h.press("enter")
	h.wantState(stateKey)
	h.see("✗ the API refused this key", "Creating workspaces needs an admin key", "request-id")

	h.typeText(fakeapi.DemoKey)
	if strings.Contains(h.screen(), "DEMO") || strings.Contains(h.screen(), "sk-ant-admin01") {
		t.Fatalf("the key is drawn:\n%s", h.screen())
	}
	h.press("enter")
	h.wantState(stateName)
	h.see("in Acme") // not demo: the organization is named by the API
}

func TestEncryptionKeyFromTheList(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("keyed")
	h.press("enter", "enter", "enter")
	h.wantState(stateEncryption)
	h.see("(default)", "Most workspaces need no key")
	h.press("down")
	h.see("⚠ Write-once: a key attached to a workspace can never be detached or replaced", "Workbench", "US only")
	h.press("enter")
	h.see("Choose the encryption key", fakeapi.DemoExternalKeyAWS, fakeapi.DemoExternalKeyAzure, "aws")
	h.golden("encryption_pick")

	// The Azure key fails validation: it cannot be used.
	azure := -1
	for i, k := range h.srv.ExternalKeys() {
		if k.ID == fakeapi.DemoExternalKeyAzure {
			azure = i
		}
	}
	for range azure {
		h.press("down")
	}
	h.see("› azure")
	h.press("enter")
	h.see("✗ the key failed validation")
	h.press("enter")
	h.wantState(stateEncryption)
	h.see("✗ the key failed validation")

	h.press("up")
	h.press("enter")
	h.see("✓ the key validated")
	h.press("enter")
	h.wantState(stateReview)
	if id := h.spec().ExternalKeyID; !strings.HasPrefix(id, "ekey_") {
		t.Fatalf("spec key %q", id)
	}
}

func TestEncryptionKeyTypedWhenListingIsRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.fault("keys:403")
	h.typeText("typed-key")
	h.press("enter", "enter", "enter", "down", "enter")
	h.wantState(stateEncryption)
	h.see("Encryption key id", "may not list the organization's encryption keys", "type the key id instead")
	h.typeText("ekey_short")
	h.see(`✗ "ekey_short" is not a key id; use an id like ekey_01SDCCSbTxrXDpWc1phhtcfK`)
	h.press("enter")
	h.wantState(stateEncryption)
	h.press("ctrl+u")
	h.typeText(fakeapi.DemoExternalKeyGCP)
	h.notSee("✗")
	h.press("enter")
	h.see("✓ the key validated")
	h.press("enter")
	h.wantState(stateReview)
	h.see(fakeapi.DemoExternalKeyGCP, "WRITE-ONCE")
	h.press("enter")
	h.wantState(stateResult)
	h.see("Encryption key", "Compartment")
}

func TestHelpToggles(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("helpful")
	h.notSee("change the selected row")
	h.press("?")
	h.see("change the selected row", "fewer keys")
	h.press("?")
	h.notSee("change the selected row")
}

func TestCopyID(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("copied")
	h.press("enter")
	cmd := h.send(keyPress("c"))
	if cmd == nil || cmd() == nil {
		t.Fatal("c did not copy")
	}
	h.see("✓ ID copied to the clipboard")
}

// A key from the environment that the API refuses at start is explained
// and can be replaced on the masked key step; answers typed meanwhile stay.
func TestRefusedKeyFromTheEnvironmentIsReenteredAtOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault string
		want  []string
	}{
		{"401", "", []string{"The demo key was refused (401 authentication_error", "needs an admin key (sk-ant-admin…)", "request-id"}},
		{"403", "me:403", []string{"is not allowed to manage workspaces (403 permission_error", "of an organization admin", "request-id"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, func(s *setup) {
				s.fake.AdminKey = "sk-ant-admin01-only-this-one"
				if tc.fault != "" {
					s.fake.AdminKey = ""
					f, _ := fakeapi.ParseFaults(tc.fault)
					s.faults = f
				}
			})
			h.wantState(stateKey)
			h.see(tc.want...)
			h.see("> sk-ant-admin…") // the masked field, empty
			h.typeText("sk-ant-admin01-only-this-one")
			h.notSee("only-this-one")
			h.press("enter")
			h.wantState(stateName)
			h.notSee("✗", "⚠")
		})
	}
}
