package app

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// A Workspace Policy refusal in flag mode names the flag to change and
// says once where the policy is seen: the API's message already says it.
func TestPolicyRefusalSaysItOnce(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	faults, _ := fakeapi.ParseFaults("policy-cmek")
	srv.AddFaults(faults...)
	r := runCLI(t, srv, keyEnv(), "--name", "x", "--external-key-id", fakeapi.DemoExternalKeyAWS, "--yes")
	if r.code != 1 || !strings.Contains(r.stderr, "Change --external-key-id") {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if n := strings.Count(r.stderr, "Workspace Policy"); n != 1 {
		t.Errorf("the Workspace Policy is named %d times, want once:\n%s", n, r.stderr)
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 1 {
		t.Errorf("%d POSTs, want 1", n)
	}
}
