package wizard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// TestValidateKey: the validate call against the server, one per key,
// and what the check says.
func TestValidateKey(t *testing.T) {
	const missing = "ekey_01NoSuchKeyInThisOrg"
	tests := []struct {
		name    string
		id      string
		faults  string
		status  wizard.KeyStatus
		usable  bool
		message string // its start
		path    string // as sent
	}{
		{"validates", fakeapi.DemoExternalKeyAWS, "", wizard.KeyOK, true,
			"the key validated: Anthropic can use it.", "/v1/organizations/external_keys/" + fakeapi.DemoExternalKeyAWS + "/validate"},
		{"an ARN, escaped in the path", fakeapi.ExampleKeyARN, "", wizard.KeyOK, true,
			"the key validated", "/v1/organizations/external_keys/arn:aws:kms:us-east-1:111122223333:key%2F1234abcd-12ab-34cd-56ef-1234567890ab/validate"},
		{"fails validation", fakeapi.DemoExternalKeyAzure, "", wizard.KeyFailed, false,
			"the key failed validation: Azure Key Vault answered 403 Forbidden", "/v1/organizations/external_keys/" + fakeapi.DemoExternalKeyAzure + "/validate"},
		{"not in the organization", missing, "", wizard.KeyMissing, false,
			"no external key with that id in this organization (external key " + missing + " not found). (request-id req_", "/v1/organizations/external_keys/" + missing + "/validate"},
		{"validate call fails", fakeapi.DemoExternalKeyGCP, "validate:500", wizard.KeyUnknown, true,
			"could not validate the key: ", "/v1/organizations/external_keys/" + fakeapi.DemoExternalKeyGCP + "/validate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{faults: tc.faults})
			f.srv.AddExternalKey(fakeapi.ARNExternalKey())
			c := wizard.ValidateKey(context.Background(), f.s.Admin(), tc.id)
			if c.ID != tc.id || c.Status != tc.status || c.Usable() != tc.usable || !strings.HasPrefix(c.Message, tc.message) {
				t.Errorf("ValidateKey(%s) = %+v (usable %v)\nwant status %d, usable %v, a message starting %q", tc.id, c, c.Usable(), tc.status, tc.usable, tc.message)
			}
			wantSent(t, f.srv, "/v1/organizations/external_keys", "POST "+tc.path)
		})
	}
}

// TestChooseKey: a key is validated once; a check for another key is
// ignored; one that comes after the user stopped waiting still counts.
func TestChooseKey(t *testing.T) {
	f := start(t, setup{})
	s := f.s
	ctx := context.Background()
	check := func(id string) wizard.KeyCheck { return wizard.ValidateKey(ctx, s.Admin(), id) }
	want := func(step string, id string, status wizard.KeyStatus) {
		t.Helper()
		if c := s.KeyCheck(); c.ID != id || c.Status != status {
			t.Errorf("%s: KeyCheck() = %+v, want %s with status %d", step, c, id, status)
		}
	}
	aws, gcp, azure := fakeapi.DemoExternalKeyAWS, fakeapi.DemoExternalKeyGCP, fakeapi.DemoExternalKeyAzure

	if s.UsesKey() || s.Spec().ExternalKeyID != "" {
		t.Fatal("a key before one was chosen")
	}
	if s.ChooseKey(aws) {
		t.Error("ChooseKey(aws) = ready before any validation")
	}
	want("choosing aws", aws, wizard.KeyChecking)
	if !s.UsesKey() || s.Spec().ExternalKeyID != aws {
		t.Errorf("after ChooseKey: UsesKey %v, Spec key %q", s.UsesKey(), s.Spec().ExternalKeyID)
	}
	s.SetKeyCheck(check(aws))
	want("aws validated", aws, wizard.KeyOK)
	if !s.ChooseKey(aws) {
		t.Error("ChooseKey(aws) again = not ready, though it validated")
	}

	// Another key chosen while aws's answer is late: that answer is stale.
	late := check(aws)
	if s.ChooseKey(gcp) {
		t.Error("ChooseKey(gcp) = ready before its validation")
	}
	s.SetKeyCheck(late)
	want("a stale answer for aws", gcp, wizard.KeyChecking)

	// The user goes back while gcp is checked; its answer still counts.
	s.StopWaiting()
	want("stopped waiting", gcp, wizard.KeyUnchecked)
	s.SetKeyCheck(check(gcp))
	want("gcp's late answer", gcp, wizard.KeyOK)
	if !s.ChooseKey(gcp) {
		t.Error("ChooseKey(gcp) after its late answer = not ready")
	}

	// A key that failed validation is never taken as it is.
	s.ChooseKey(azure)
	s.SetKeyCheck(check(azure))
	want("azure failed", azure, wizard.KeyFailed)
	if s.ChooseKey(azure) {
		t.Error("ChooseKey(azure) = ready, though it failed validation")
	}

	s.NoKey()
	if s.UsesKey() || s.Spec().ExternalKeyID != "" || s.KeyID() != azure {
		t.Errorf("after NoKey: UsesKey %v, Spec key %q, KeyID %q", s.UsesKey(), s.Spec().ExternalKeyID, s.KeyID())
	}

	p := "POST /v1/organizations/external_keys/"
	wantSent(t, f.srv, "/v1/organizations/external_keys",
		p+aws+"/validate", p+aws+"/validate", p+gcp+"/validate", p+azure+"/validate")
}

// TestSetExternalKeys: the key list, or why there is none to choose from.
func TestSetExternalKeys(t *testing.T) {
	tests := []struct {
		name   string
		fake   fakeapi.Options
		faults string
		keys   int
		note   string // its start
	}{
		{"listed", fakeapi.Options{}, "", 3, ""},
		{"may not list", fakeapi.Options{}, "keys:403",
			0, "This key may not list the organization's encryption keys (only organization admins can list external keys); type the key id instead. (request-id req_"},
		{"listing fails", fakeapi.Options{}, "keys:500", 0, "Listing encryption keys failed: "},
		{"no keys", fakeapi.Options{Preset: fakeapi.PresetNew}, "", 0, "The organization has no encryption keys yet"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{fake: tc.fake, faults: tc.faults})
			s := f.s
			s.SetExternalKeys(wizard.ExternalKeys(context.Background(), s.Admin()))
			o := s.Org
			if !o.KeysListed || len(o.Keys) != tc.keys || !strings.HasPrefix(o.KeysNote, tc.note) || (tc.note == "") != (o.KeysNote == "") {
				t.Errorf("Org: listed %v, %d keys, note %q; want %d keys, a note starting %q", o.KeysListed, len(o.Keys), o.KeysNote, tc.keys, tc.note)
			}
			if tc.keys > 0 {
				if got, want := wizard.KeyLabel(o.Keys[0]), "prod-kms (us-east-1) · aws · us"; got != want {
					t.Errorf("KeyLabel = %q, want %q", got, want)
				}
			}
			wantSent(t, f.srv, "/v1/organizations/external_keys", "GET /v1/organizations/external_keys?limit=100")
		})
	}
}
