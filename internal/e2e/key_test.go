package e2e

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// A key typed into the wizard is never drawn, written or printed: not the
// refused one, not the accepted one. The refusal is explained and another
// key can be typed.
func TestTypedKeyNeverShown(t *testing.T) {
	t.Parallel()
	const canary = "sk-ant-admin01-CANARYKEY-4f1d2c3b5a6e7d8c9b0a1f2e3d4c5b6a7988-QQ"
	srv := fakeapitest.New(t, fakeapi.Options{AdminKey: fakeapi.DemoKey, OrgName: "Acme Research"})
	tm := start(t, 80, 24, nil, "--base-url", srv.URL())
	tm.WaitFor(t, "Admin API key", wait)
	tm.Type(canary)
	tm.Press("enter")
	tm.WaitFor(t, "the API refused this key", wait)
	tm.Type(fakeapi.DemoKey)
	tm.Press("enter")
	// This organization has no user profiles: five steps, not the demo's six.
	screen := tm.WaitFor(t, "Step 1 of 5 · Name", wait)
	if !strings.Contains(screen, "Acme Research") {
		t.Errorf("the header does not name the key's organization:\n%s", tm.Dump())
	}
	tm.Press("ctrl+c")
	if code := tm.Wait(t, wait); code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
	for _, secret := range []string{canary, "CANARYKEY", fakeapi.DemoKey, "0000000000000000"} {
		if strings.Contains(tm.Raw(), secret) || strings.Contains(tm.Stdout(), secret) {
			t.Errorf("%q reached the terminal or stdout", secret)
		}
	}
	if n := srv.CountRequests("GET", "/v1/organizations/me"); n != 2 {
		t.Errorf("%d key checks, want 2 (the refused key, then the accepted one)", n)
	}
}
