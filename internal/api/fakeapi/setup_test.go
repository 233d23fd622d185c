package fakeapi_test

import (
	"net/http"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// "ok" faults aim the one after them at the Nth request: the third create
// is the one answered 529 after it was stored; a drop on the second create
// stores nothing.
func TestPassFaultsAimAtTheNthRequest(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	faults, err := fakeapi.ParseFaults("ok,ok,529-after-commit,ok,drop")
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(faults...)
	for i, name := range []string{"one", "two", "three"} {
		r := send(t, srv, "POST", workspacesPath, `{"name":"`+name+`"}`)
		if want := map[bool]int{true: 529, false: 200}[i == 2]; r.status != want {
			t.Fatalf("create %d: status %d, want %d", i+1, r.status, want)
		}
	}
	send(t, srv, "POST", workspacesPath, `{"name":"four"}`)
	if _, err := trySend(srv, "POST", workspacesPath, `{"name":"five"}`); err == nil {
		t.Fatal("the fifth create was answered; want the connection dropped")
	}
	if n := len(srv.Workspaces()); n != 4 {
		t.Fatalf("%d workspaces, want 4 (the 529 one stored, the dropped one not)", n)
	}
	if left := srv.PendingFaults(); len(left) != 0 {
		t.Fatalf("faults left: %v", left)
	}
}

// The wire shapes of the new objects, key for key, as the SDK reads them.
func TestInviteAndRateLimitShapes(t *testing.T) {
	srv := newServer(t, fakeapi.Options{Preset: fakeapi.PresetNew})
	var inv map[string]any
	decodeOK(t, send(t, srv, "POST", "/v1/organizations/invites", `{"email":"grace@example.com","role":"billing"}`), &inv)
	wantKeys(t, inv, "accepted_at", "email", "expires_at", "id", "invited_at", "rbac_group_ids", "role", "status", "type")
	if inv["type"] != "invite" || inv["status"] != "pending" || inv["accepted_at"] != nil {
		t.Errorf("invite: %v", inv)
	}
	var deleted map[string]any
	decodeOK(t, send(t, srv, "DELETE", "/v1/organizations/invites/"+inv["id"].(string), ""), &deleted)
	if deleted["type"] != "invite_deleted" || deleted["id"] != inv["id"] {
		t.Errorf("deleted: %v", deleted)
	}
	r := send(t, srv, "POST", "/v1/organizations/invites", `{"email":"ada@example.com","role":"user"}`)
	wantError(t, r, http.StatusBadRequest, "invalid_request_error", "email: ada@example.com is already a member")
	if d := errorDetails(t, r); d["error_code"] != "already_member" {
		t.Errorf("details = %v", d)
	}
	wantError(t, send(t, srv, "POST", "/v1/organizations/invites", `{"email":"x@example.com","role":"user","extra":1}`), 400, "invalid_request_error", "extra: Extra inputs are not permitted")
	wantError(t, send(t, srv, "POST", "/v1/organizations/invites", `{"email":"x@example.com","role":"user","rbac_group_ids":["g"]}`), 400, "invalid_request_error", "rbac_group_ids: RBAC groups are for Claude Enterprise")
	wantError(t, send(t, srv, "GET", "/v1/organizations/invites?statuses[]=gone", ""), 400, "invalid_request_error", "statuses:")

	var groups struct {
		Data     []map[string]any `json:"data"`
		NextPage *string          `json:"next_page"`
	}
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/rate_limits?limit=2", ""), &groups)
	if len(groups.Data) != 2 || groups.NextPage == nil {
		t.Fatalf("rate limits page: %+v", groups)
	}
	wantKeys(t, groups.Data[0], "group", "id", "limits", "models", "type")
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/rate_limits?limit=2&page="+*groups.NextPage, ""), &groups)
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/rate_limits?group_type=batch", ""), &groups)
	if len(groups.Data) != 1 || groups.Data[0]["models"] != nil || groups.NextPage != nil {
		t.Fatalf("batch: %+v", groups)
	}
	wantError(t, send(t, srv, "GET", "/v1/organizations/rate_limits?model=claude-none", ""), 404, "not_found_error", "model claude-none not found")

	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "w"}).ID
	var entry map[string]any
	decodeOK(t, send(t, srv, "POST", workspacesPath+"/"+ws+"/rate_limits/"+fakeapi.DemoRateLimitHaiku,
		`{"limits":[{"type":"tokens_per_day","value":5000000}]}`), &entry)
	wantKeys(t, entry, "group", "limits", "models", "rate_limit_id", "type", "workspace_id")
	limits := entry["limits"].([]any)
	if len(limits) != 1 {
		t.Fatalf("limits: %v", limits)
	}
	l := limits[0].(map[string]any)
	wantKeys(t, l, "org_limit", "source", "type", "value")
	if l["org_limit"] != nil || l["source"].(map[string]any)["type"] != "workspace" {
		t.Errorf("a type the organization has no limit for: %v", l)
	}
	wantError(t, send(t, srv, "POST", workspacesPath+"/"+ws+"/rate_limits/"+fakeapi.DemoRateLimitHaiku,
		`{"limits":[{"type":"tokens_per_day","value":1},{"type":"tokens_per_day","value":null}]}`), 400, "invalid_request_error", "limits[1].type: tokens_per_day is named twice")
	wantError(t, send(t, srv, "POST", workspacesPath+"/"+ws+"/rate_limits/"+fakeapi.DemoRateLimitHaiku,
		`{"limits":[{"type":"tokens_per_day"}]}`), 400, "invalid_request_error", "limits[0].value: Field required")
	send(t, srv, "POST", workspacesPath+"/"+ws+"/archive", "")
	wantError(t, send(t, srv, "POST", workspacesPath+"/"+ws+"/rate_limits/"+fakeapi.DemoRateLimitHaiku,
		`{"limits":[{"type":"tokens_per_day","value":1}]}`), 400, "invalid_request_error", "workspace "+ws+" is archived")
}

func wantKeys(t *testing.T, obj map[string]any, keys ...string) {
	t.Helper()
	if len(obj) != len(keys) {
		t.Errorf("object has %d keys, want %v: %v", len(obj), keys, obj)
	}
	for _, k := range keys {
		if _, ok := obj[k]; !ok {
			t.Errorf("no %q in %v", k, obj)
		}
	}
}
