package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// --user-profile-id goes into the request body, and the summary shows it.
func TestUserProfileFlagIsSentAndShown(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	for _, p := range fakeapi.DemoUserProfiles() {
		srv.AddUserProfile(p)
	}
	r := runCLI(t, srv, keyEnv(), "--name", "resold", "--user-profile-id", fakeapi.DemoUserProfileNorthwind, "--yes")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "user profile            "+fakeapi.DemoUserProfileNorthwind+" (permanent)") {
		t.Errorf("summary lacks the user profile:\n%s", r.stdout)
	}
	var body map[string]any
	posts := 0
	for _, req := range srv.Requests() {
		if req.Method == "POST" && req.Path == "/v1/organizations/workspaces" {
			posts++
			if err := json.Unmarshal(req.Body, &body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if posts != 1 || body["user_profile_id"] != fakeapi.DemoUserProfileNorthwind {
		t.Fatalf("%d POSTs, body %v", posts, body)
	}
	if ws := srv.Workspaces(); len(ws) != 1 || ws[0].UserProfileID != fakeapi.DemoUserProfileNorthwind {
		t.Fatalf("server holds %+v", ws)
	}
}

func TestUserProfileFlagBadShapeSendsNothing(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	for _, args := range [][]string{
		{"--name", "x", "--user-profile-id", "prof_123", "--yes"},
		{"--name", "x", "--user-profile-id", "uprof_x", "--dry-run"},
	} {
		r := runCLI(t, srv, keyEnv(), args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "--user-profile-id: ") || !strings.Contains(r.stderr, "copy it from the Console") {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming --user-profile-id", args, r.code, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("stdout %q", r.stdout)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

// A well-formed id the organization does not have: the API's 400, exit 1.
func TestUserProfileFlagUnknownProfile(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	r := runCLI(t, srv, keyEnv(), "--name", "x", "--user-profile-id", "uprof_01JNobodyHere", "--yes")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d: %s", r.code, exitFailed, r.stderr)
	}
	for _, want := range []string{"no user profile with id uprof_01JNobodyHere", "invalid_request_error", "HTTP 400", "request-id req_", "Nothing was created"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 1 || len(srv.Workspaces()) != 0 {
		t.Fatalf("%d POSTs, %d workspaces", n, len(srv.Workspaces()))
	}
}

func TestUserProfileDryRun(t *testing.T) {
	r := runCLI(t, nil, nil, "--name", "x", "--user-profile-id", "uprof_01JDemoProfile", "--dry-run", "--json")
	var got map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); r.code != 0 || err != nil || got["user_profile_id"] != "uprof_01JDemoProfile" {
		t.Fatalf("exit %d, body %s: %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, nil, "--name", "x", "--user-profile-id", "uprof_01JDemoProfile", "--dry-run")
	if r.code != 0 || !strings.Contains(r.stdout, `"user_profile_id": "uprof_01JDemoProfile"`) {
		t.Fatalf("exit %d, stdout %s", r.code, r.stdout)
	}
}
