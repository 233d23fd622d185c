package ui

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// createBodyOf is the JSON body of the one create srv received.
func createBodyOf(t *testing.T, srv *fakeapi.Server) map[string]any {
	t.Helper()
	var bodies []map[string]any
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/organizations/workspaces" {
			var body map[string]any
			if err := json.Unmarshal(r.Body, &body); err != nil {
				t.Fatalf("create body %q: %v", r.Body, err)
			}
			bodies = append(bodies, body)
		}
	}
	if len(bodies) != 1 {
		t.Fatalf("%d creates sent, want 1: %v", len(bodies), bodies)
	}
	return bodies[0]
}

// The same answers through the full-screen wizard and through accessible
// mode (plain prompts) make the same create request: a name, a tag, only
// us for inference, the AWS key from the list, and no user profile (the
// organization has profiles; none is chosen).
func TestBothFrontEndsSendTheSameCreate(t *testing.T) {
	t.Parallel()
	const name = "same-either-way"

	// Full screen.
	h := newHarness(t, withProfiles())
	h.typeText(name)
	h.press("enter")
	h.wantState(stateTags)
	h.typeText("env=prod")
	h.press("enter")
	h.see("env = prod")
	h.press("enter")
	h.wantState(stateResidency)
	h.press("tab", "down", "down")
	h.see("› Only us")
	h.press("enter")
	h.wantState(stateEncryption)
	h.press("down", "enter")
	h.see("Choose the encryption key")
	aws := -1
	for i, k := range h.srv.ExternalKeys() {
		if k.ID == fakeapi.DemoExternalKeyAWS {
			aws = i
		}
	}
	if aws < 0 {
		t.Fatalf("the AWS key %s is not listed:\n%s", fakeapi.DemoExternalKeyAWS, h.screen())
	}
	for range aws {
		h.press("down")
	}
	h.press("enter")
	h.see("✓ the key validated")
	h.press("enter")
	h.wantState(stateProfile)
	h.see("None: requests need not name a user profile (default)")
	h.press("enter")
	h.wantState(stateReview)
	h.press("enter")
	h.wantState(stateResult)
	full := createBodyOf(t, h.srv)

	// Accessible mode.
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
	for _, p := range fakeapi.DemoUserProfiles() {
		srv.AddUserProfile(p)
	}
	out, text := plainRun(t, srv, true,
		name,
		"env=prod", "", // one tag, then done
		"us",                            // allowed inference geos: only us (the default follows)
		"y", fakeapi.DemoExternalKeyAWS, // a customer-managed key
		"0", // no user profile
		"y", // create
	)
	if out.Err != nil || out.Workspace == nil {
		t.Fatalf("accessible outcome %+v\n%s", out, text)
	}
	plain := createBodyOf(t, srv)

	if !reflect.DeepEqual(full, plain) {
		f, _ := json.Marshal(full)
		p, _ := json.Marshal(plain)
		t.Errorf("the front ends sent different creates:\nfull screen: %s\naccessible:  %s", f, p)
	}
	// Equal, and what was answered: not two equally empty bodies.
	b, _ := json.Marshal(full)
	want := `{"data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"us"},"external_key_id":"` +
		fakeapi.DemoExternalKeyAWS + `","name":"` + name + `","tags":{"env":"prod"}}`
	if string(b) != want {
		t.Errorf("full-screen create = %s\nwant %s", b, want)
	}
}
