package fakeapi_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

const profilesPath = "/v1/user_profiles"

type profilePage struct {
	Data     []map[string]any `json:"data"`
	NextPage *string          `json:"next_page"`
}

func TestUserProfilesListedNewestFirstWithCursor(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	var empty profilePage
	decodeOK(t, send(t, srv, "GET", profilesPath, ""), &empty)
	if empty.Data == nil || len(empty.Data) != 0 || empty.NextPage != nil {
		t.Fatalf("a new organization's profiles = %+v, want none", empty)
	}
	for _, p := range fakeapi.DemoUserProfiles() {
		srv.AddUserProfile(p)
	}
	var first, second profilePage
	decodeOK(t, send(t, srv, "GET", profilesPath+"?limit=1", ""), &first)
	if len(first.Data) != 1 || first.NextPage == nil || first.Data[0]["id"] != fakeapi.DemoUserProfileContoso {
		t.Fatalf("page 1 = %+v", first)
	}
	p := first.Data[0]
	if p["type"] != "user_profile" || p["name"] != "Contoso Health" || p["access_type"] != "application" {
		t.Errorf("profile = %v", p)
	}
	decodeOK(t, send(t, srv, "GET", profilesPath+"?limit=1&page="+*first.NextPage, ""), &second)
	if len(second.Data) != 1 || second.NextPage != nil || second.Data[0]["id"] != fakeapi.DemoUserProfileNorthwind {
		t.Fatalf("page 2 = %+v", second)
	}
	for _, q := range []string{"?limit=0", "?limit=101", "?limit=x", "?page=bogus"} {
		wantError(t, send(t, srv, "GET", profilesPath+q, ""), 400, "invalid_request_error", "")
	}
	if n := srv.CountRequests("GET", profilesPath); n != 7 {
		t.Errorf("server counted %d list requests, want 7", n)
	}
}

func TestCreateWithUserProfile(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	p := srv.AddUserProfile(fakeapi.UserProfile{Name: "Acme"})
	w := create(t, srv, fmt.Sprintf(`{"name":"with-profile","user_profile_id":%q}`, p.ID))
	if w.UserProfileID != p.ID {
		t.Fatalf("created workspace's profile %q, want %q", w.UserProfileID, p.ID)
	}
	var raw map[string]any
	decodeOK(t, send(t, srv, "GET", workspacesPath+"/"+w.ID, ""), &raw)
	if raw["user_profile_id"] != p.ID {
		t.Errorf("served user_profile_id %v, want %s", raw["user_profile_id"], p.ID)
	}
	if got := srv.Workspaces()[0].UserProfileID; got != p.ID {
		t.Errorf("stored profile %q", got)
	}
}

func TestCreateWithUnknownUserProfile(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	r := send(t, srv, "POST", workspacesPath, `{"name":"x","user_profile_id":"uprof_01JNobodyHere"}`)
	if r.status != 400 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var body struct {
		Type  string `json:"type"`
		Error struct {
			Type    string `json:"type"`
			Message string `json:"message"`
			Details struct {
				ErrorCode string `json:"error_code"`
			} `json:"details"`
		} `json:"error"`
		RequestID string `json:"request_id"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatal(err)
	}
	if body.Type != "error" || body.Error.Type != "invalid_request_error" || body.Error.Details.ErrorCode != "user_profile_not_found" ||
		body.Error.Message != "user_profile_id: no user profile with id uprof_01JNobodyHere in this organization" || body.RequestID == "" {
		t.Errorf("error body %s", r.body)
	}
	wantError(t, send(t, srv, "POST", workspacesPath, `{"name":"x","user_profile_id":"prof_1"}`), 400, "invalid_request_error", "user_profile_id: ")
	wantError(t, send(t, srv, "POST", workspacesPath, `{"name":"x","user_profile_id":""}`), 400, "invalid_request_error", "user_profile_id: ")
	if n := len(srv.Workspaces()); n != 0 {
		t.Fatalf("%d workspaces created", n)
	}
}

func TestUserProfileFault(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	f, err := fakeapi.ParseFaults("profiles:403")
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(f...)
	wantError(t, send(t, srv, "GET", profilesPath, ""), 403, "permission_error", "only organization admins can list user profiles")
	decodeOK(t, send(t, srv, "GET", profilesPath, ""), &profilePage{})
	if s := f[0].String(); s != "profiles:403" {
		t.Errorf("fault name %q", s)
	}
}
