package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// For each fault the simulated API can inject into a create: what exit code
// a script sees, what the person is told, how many POSTs went out and how
// many workspaces exist afterwards. Never two.
func TestFaultMatrix(t *testing.T) {
	cases := []struct {
		faults     string
		code       int
		say        []string
		posts      int
		workspaces int
	}{
		{"", exitOK, []string{"Creating workspace"}, 1, 1},
		{"429", exitOK, []string{"rate limiting requests (429)", "nothing was created. Trying again in 1s"}, 2, 1},
		{"429,429,429,429", exitFailed, []string{"rate_limit_error", "HTTP 429", "Nothing was created"}, 4, 0},
		// A 529 or a 5xx may have landed: looked for twice, never resent.
		{"529", exitUnknown, []string{"overloaded (529)", "Looking for it", "looking again (look 2)", "Outcome unknown", "looked for 2 times", "Do not simply run this again"}, 1, 0},
		{"500", exitUnknown, []string{"failed with 500 api_error", "Outcome unknown"}, 1, 0},
		{"504", exitUnknown, []string{"No answer from the API in time", "Outcome unknown"}, 1, 0},
		{"drop", exitUnknown, []string{"connection", "Outcome unknown"}, 1, 0},
		{"500-after-commit", exitOK, []string{"Looking for it", "Found it", "No second request"}, 1, 1},
		{"504-after-commit", exitOK, []string{"Found it"}, 1, 1},
		{"drop-after-commit", exitOK, []string{"connection", "Found it"}, 1, 1},
		{"stall-after-commit", exitOK, []string{"No answer from the API in time", "Found it"}, 1, 1},
		{"stall", exitUnknown, []string{"Outcome unknown", "may or may not exist", "Do not simply run this again", "Check first"}, 1, 0},
		{"500-after-commit,list:500,list:500,list:500", exitUnknown, []string{"Outcome unknown", "Looking for it failed", "Check first"}, 1, 1},
		{"529-after-commit", exitOK, []string{"overloaded (529)", "Found it", "No second request"}, 1, 1},
		{"429ms:20", exitOK, []string{"rate limiting requests (429)", "Trying again in"}, 2, 1},
		{"503-incomplete", exitIncomplete, []string{"was created, but not all of the request took effect", "its tags were not saved", "workspace_created_incomplete", "HTTP 503", "Do not create it again"}, 1, 1},
		{"policy-cmek", exitFailed, []string{"Workspace Policy", "workspace_policy_violation", "Change --external-key-id and run again", "Nothing was created"}, 1, 0},
		{"key-validation-failed", exitFailed, []string{"external_key_validation_failed", "Change --external-key-id"}, 1, 0},
		{"409-key-changed", exitFailed, []string{"external_key_changed", "Change --external-key-id", "Nothing was created"}, 1, 0},
		{"403-egress", exitAuth, []string{"sandbox_egress_restricted", "network access is restricted"}, 1, 0},
		{"unknown-code", exitFailed, []string{"some_future_code", "being moved between regions", "Nothing was created"}, 1, 0},
		{"400", exitFailed, []string{"name: a workspace with this name is being archived; choose another name", "invalid_request_error", "HTTP 400", "request-id req_", "Change --name and run again"}, 1, 0},
		{"401", exitAuth, []string{"HTTP 401", "admin key (sk-ant-admin…)"}, 1, 0},
		{"403", exitAuth, []string{"permission_error", "Only organization admins"}, 1, 0},
	}
	for _, tc := range cases {
		name := tc.faults
		if name == "" {
			name = "no fault"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fakeapitest.New(t, fakeapi.Options{})
			faults, err := fakeapi.ParseFaults(tc.faults)
			if err != nil {
				t.Fatal(err)
			}
			srv.AddFaults(faults...)
			r := runCLI(t, srv, keyEnv(), "--name", "faulty", "--timeout", "700ms", "--yes")
			if r.code != tc.code {
				t.Errorf("exit code = %d, want %d\nstderr:\n%s", r.code, tc.code, r.stderr)
			}
			for _, s := range tc.say {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr does not say %q:\n%s", s, r.stderr)
				}
			}
			if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != tc.posts {
				t.Errorf("POSTs sent = %d, want %d", n, tc.posts)
			}
			if n := len(srv.Workspaces()); n != tc.workspaces {
				t.Errorf("workspaces = %d, want %d", n, tc.workspaces)
			}
			if (tc.workspaces == 1 && tc.code != exitUnknown) != strings.Contains(r.stdout, "wrkspc_") {
				t.Errorf("stdout should name the workspace exactly when one was created:\n%s", r.stdout)
			}
		})
	}
}

// A create the API reports as incomplete: exit 3, and with --json stdout is
// the workspace as the API serves it (read back), so a script can fix it.
func TestIncompleteCreateJSON(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	faults, _ := fakeapi.ParseFaults("503-incomplete")
	srv.AddFaults(faults...)
	r := runCLI(t, srv, keyEnv(), "--name", "half", "--tag", "env=dev", "--json", "--yes")
	if r.code != exitIncomplete {
		t.Fatalf("exit code = %d, want %d\n%s", r.code, exitIncomplete, r.stderr)
	}
	var ws map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &ws); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	stored := srv.Workspaces()
	if len(stored) != 1 || ws["id"] != stored[0].ID || ws["name"] != "half" {
		t.Errorf("stdout = %v, want the one stored workspace %+v", ws, stored)
	}
	if !strings.Contains(r.stderr, "tags were not saved") {
		t.Errorf("stderr does not carry the API's message:\n%s", r.stderr)
	}
}
