package fakeapi_test

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func TestOrganization(t *testing.T) {
	for _, tc := range []struct{ opts, want string }{{"", fakeapi.DefaultOrgName}, {"Acme Corp", "Acme Corp"}} {
		srv := newServer(t, fakeapi.Options{OrgName: tc.opts})
		var org map[string]string
		decodeOK(t, send(t, srv, "GET", "/v1/organizations/me", ""), &org)
		if len(org) != 3 || org["type"] != "organization" || org["name"] != tc.want || !uuidV4Re.MatchString(org["id"]) {
			t.Errorf("me = %v", org)
		}
	}
}

func TestExternalKeys(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	var all struct {
		Data     []map[string]any `json:"data"`
		NextPage *string          `json:"next_page"`
	}
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/external_keys", ""), &all)
	if len(all.Data) != 3 || all.NextPage != nil {
		t.Fatalf("keys = %+v", all)
	}
	aws := all.Data[0]
	if aws["id"] != fakeapi.DemoExternalKeyAWS || aws["type"] != "external_key" || aws["display_name"] != "prod-kms (us-east-1)" || aws["geo"] != "us" {
		t.Errorf("aws key = %v", aws)
	}
	for i, want := range []string{
		`{"kms_arn":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab","region":"us-east-1","type":"aws"}`,
		`{"key_name":"projects/acme-prod/locations/us/keyRings/anthropic/cryptoKeys/workspaces","type":"gcp"}`,
		`{"client_id":null,"key_name":"anthropic-cmek","tenant_id":"72f988bf-86f1-41af-91ab-2d7cd011db47","type":"azure","vault_uri":"https://acme-keys.vault.azure.net"}`,
	} {
		if got, _ := json.Marshal(all.Data[i]["provider_config"]); string(got) != want {
			t.Errorf("key %d provider_config = %s, want %s", i, got, want)
		}
		if got, _ := json.Marshal(all.Data[i]["attachment"]); string(got) != `{"type":"unattached"}` {
			t.Errorf("key %d attachment = %s", i, got)
		}
	}

	// Cursor pages: limit=2, then next_page.
	var first, second struct {
		Data     []struct{ ID string } `json:"data"`
		NextPage *string               `json:"next_page"`
	}
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/external_keys?limit=2", ""), &first)
	if len(first.Data) != 2 || first.NextPage == nil {
		t.Fatalf("first page = %+v", first)
	}
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/external_keys?limit=2&page="+url.QueryEscape(*first.NextPage), ""), &second)
	if len(second.Data) != 1 || second.Data[0].ID != fakeapi.DemoExternalKeyAzure || second.NextPage != nil {
		t.Errorf("second page = %+v", second)
	}
	wantError(t, send(t, srv, "GET", "/v1/organizations/external_keys?page=garbage", ""), 400, "invalid_request_error", "page:")

	var one map[string]any
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/external_keys/"+fakeapi.DemoExternalKeyGCP, ""), &one)
	if one["id"] != fakeapi.DemoExternalKeyGCP {
		t.Errorf("get key = %v", one)
	}
}

func TestValidateExternalKey(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	tests := []struct {
		id, status string
		wantError  bool
	}{
		{fakeapi.DemoExternalKeyAWS, "success", false},
		{fakeapi.DemoExternalKeyGCP, "success", false},
		{fakeapi.DemoExternalKeyAzure, "failure", true},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			var got map[string]any
			decodeOK(t, send(t, srv, "POST", "/v1/organizations/external_keys/"+tc.id+"/validate", ""), &got)
			msg, isString := got["error"].(string)
			if got["type"] != "external_key_validation" || got["status"] != tc.status || len(got) != 3 ||
				isString != tc.wantError || (tc.wantError && msg == "") || (!tc.wantError && got["error"] != nil) {
				t.Errorf("validate = %v", got)
			}
		})
	}
	wantError(t, send(t, srv, "POST", "/v1/organizations/external_keys/ekey_nope/validate", ""), 404, "not_found_error", "external key ekey_nope not found")
}

func TestUsers(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	type userPage struct {
		Data    []map[string]string `json:"data"`
		HasMore bool                `json:"has_more"`
		LastID  *string             `json:"last_id"`
	}
	var all userPage
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/users", ""), &all)
	if len(all.Data) != 3 || all.HasMore {
		t.Fatalf("users = %+v", all)
	}
	ada := all.Data[0]
	if ada["id"] != fakeapi.DemoUserAdmin || ada["type"] != "user" || ada["email"] != "ada@example.com" || ada["role"] != "admin" || ada["added_at"] == "" || len(ada) != 6 {
		t.Errorf("first user = %v", ada)
	}
	var byEmail userPage
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/users?email=DEV@example.com", ""), &byEmail)
	if len(byEmail.Data) != 1 || byEmail.Data[0]["id"] != fakeapi.DemoUserDeveloper {
		t.Errorf("by email = %+v", byEmail)
	}
	var p1, p2 userPage
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/users?limit=2", ""), &p1)
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/users?limit=2&after_id="+*p1.LastID, ""), &p2)
	if len(p1.Data) != 2 || !p1.HasMore || len(p2.Data) != 1 || p2.HasMore || p2.Data[0]["id"] != fakeapi.DemoUserUser {
		t.Errorf("pages = %+v / %+v", p1, p2)
	}
}

func TestAddMember(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	w := create(t, srv, `{"name":"team"}`)
	path := workspacesPath + "/" + w.ID + "/members"

	var m map[string]string
	decodeOK(t, send(t, srv, "POST", path, `{"user_id":"`+fakeapi.DemoUserDeveloper+`","workspace_role":"workspace_developer"}`), &m)
	want := map[string]string{"type": "workspace_member", "user_id": fakeapi.DemoUserDeveloper, "workspace_id": w.ID, "workspace_role": "workspace_developer"}
	if len(m) != len(want) || m["type"] != want["type"] || m["user_id"] != want["user_id"] || m["workspace_id"] != want["workspace_id"] || m["workspace_role"] != want["workspace_role"] {
		t.Errorf("member = %v, want %v", m, want)
	}
	if got := srv.Members(w.ID); !slices.Equal(got, []fakeapi.Member{{UserID: fakeapi.DemoUserDeveloper, WorkspaceID: w.ID, WorkspaceRole: "workspace_developer"}}) {
		t.Errorf("Members = %v", got)
	}

	tests := []struct {
		name, path, body string
		status           int
		typ, message     string
	}{
		{"billing role", path, `{"user_id":"` + fakeapi.DemoUserUser + `","workspace_role":"workspace_billing"}`, 400, "invalid_request_error", "workspace_role: workspace_billing cannot be given through the API"},
		{"unknown role", path, `{"user_id":"` + fakeapi.DemoUserUser + `","workspace_role":"owner"}`, 400, "invalid_request_error", `workspace_role: unknown role "owner"`},
		{"role missing", path, `{"user_id":"` + fakeapi.DemoUserUser + `"}`, 400, "invalid_request_error", "workspace_role: Field required"},
		{"extra field", path, `{"user_id":"u","workspace_role":"workspace_user","x":1}`, 400, "invalid_request_error", "x: Extra inputs are not permitted"},
		{"already a member", path, `{"user_id":"` + fakeapi.DemoUserDeveloper + `","workspace_role":"workspace_admin"}`, 400, "invalid_request_error", "user_id: the user is already a member"},
		{"unknown user", path, `{"user_id":"user_nope","workspace_role":"workspace_user"}`, 404, "not_found_error", "user user_nope not found"},
		{"unknown workspace", workspacesPath + "/wrkspc_nope/members", `{"user_id":"` + fakeapi.DemoUserUser + `","workspace_role":"workspace_user"}`, 404, "not_found_error", "workspace wrkspc_nope not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, send(t, srv, "POST", tc.path, tc.body), tc.status, tc.typ, tc.message)
		})
	}
	if n := len(srv.Members(w.ID)); n != 1 {
		t.Errorf("%d members after refused adds, want 1", n)
	}
}

// An external key id that is an AWS KMS ARN has ":" and "/" in it: escaped
// in the path ("%2F" for "/"), it is one segment, for get and validate, by
// hand and through the SDK; and a create can attach it.
func TestARNKeyIDsInPaths(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	arn := srv.AddExternalKey(fakeapi.ARNExternalKey())
	if arn.ID != fakeapi.ExampleKeyARN {
		t.Fatalf("added %+v", arn)
	}
	const keys = "/v1/organizations/external_keys/"
	for _, tc := range []struct{ name, escaped string }{
		{"colons escaped too", "arn%3Aaws%3Akms%3Aus-east-1%3A111122223333%3Akey%2F1234abcd-12ab-34cd-56ef-1234567890ab"},
		{"as the SDK escapes it", url.PathEscape(arn.ID)}, // "arn:aws:…:key%2F1234…"
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got map[string]any
			decodeOK(t, send(t, srv, "GET", keys+tc.escaped, ""), &got)
			if got["id"] != arn.ID {
				t.Errorf("get = %v", got)
			}
			var v map[string]any
			decodeOK(t, send(t, srv, "POST", keys+tc.escaped+"/validate", ""), &v)
			if v["status"] != "success" {
				t.Errorf("validate = %v", v)
			}
			last := srv.Requests()[len(srv.Requests())-1]
			if last.Path != keys+arn.ID+"/validate" || last.EscapedPath != keys+tc.escaped+"/validate" {
				t.Errorf("recorded path %q, escaped %q", last.Path, last.EscapedPath)
			}
		})
	}
	wantError(t, send(t, srv, "GET", keys+url.PathEscape(arn.ID+"x"), ""), 404, "not_found_error", "external key "+arn.ID+"x not found")
	// Unescaped, the ARN's "/" splits the path: no such endpoint.
	wantError(t, send(t, srv, "GET", keys+arn.ID+"/validate", ""), 404, "not_found_error", "Not found")

	c := sdkClient(srv)
	key, err := c.Organization.ExternalKeys.Get(context.Background(), arn.ID)
	if err != nil || key.ID != arn.ID {
		t.Fatalf("SDK get = %+v, %v", key, err)
	}
	res, err := c.Organization.ExternalKeys.Validate(context.Background(), arn.ID)
	if err != nil || string(res.Status) != "success" {
		t.Fatalf("SDK validate = %+v, %v", res, err)
	}
	w := create(t, srv, `{"name":"on-aws","external_key_id":"`+arn.ID+`"}`)
	if w.ExternalKeyID != arn.ID {
		t.Errorf("created %+v", w)
	}
}
