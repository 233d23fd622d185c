package fakeapi_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func TestListPagesOldestFirst(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	var want []string
	for i := range 7 {
		want = append(want, create(t, srv, fmt.Sprintf(`{"name":"ws %d"}`, i)).ID)
	}
	var got []string
	after := ""
	for n := 1; ; n++ {
		path := workspacesPath + "?limit=3"
		if after != "" {
			path += "&after_id=" + after
		}
		var p page
		decodeOK(t, send(t, srv, "GET", path, ""), &p)
		got = append(got, ids(p.Data)...)
		if *p.FirstID != p.Data[0].ID || *p.LastID != p.Data[len(p.Data)-1].ID {
			t.Errorf("page %d: first_id/last_id %s/%s do not match the data", n, *p.FirstID, *p.LastID)
		}
		if wantMore := n < 3; p.HasMore != wantMore {
			t.Errorf("page %d: has_more = %v, want %v", n, p.HasMore, wantMore)
		}
		if !p.HasMore {
			if n != 3 {
				t.Errorf("%d pages, want 3", n)
			}
			break
		}
		after = *p.LastID
	}
	if !slices.Equal(got, want) {
		t.Errorf("listed %v, want %v (creation order)", got, want)
	}

	var before page
	decodeOK(t, send(t, srv, "GET", workspacesPath+"?limit=2&before_id="+want[4], ""), &before)
	if !slices.Equal(ids(before.Data), want[2:4]) || !before.HasMore {
		t.Errorf("before_id page = %v has_more %v, want %v and more", ids(before.Data), before.HasMore, want[2:4])
	}
}

func TestListEmptyAndDefaultLimit(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	r := send(t, srv, "GET", workspacesPath, "")
	if string(r.body) != `{"data":[],"has_more":false,"first_id":null,"last_id":null}` {
		t.Errorf("empty list = %s", r.body)
	}
	for i := range 25 {
		create(t, srv, fmt.Sprintf(`{"name":"ws %d"}`, i))
	}
	var p page
	decodeOK(t, send(t, srv, "GET", workspacesPath, ""), &p)
	if len(p.Data) != 20 || !p.HasMore {
		t.Errorf("default page has %d workspaces, has_more %v; want 20, true", len(p.Data), p.HasMore)
	}
}

func TestListRejectsBadParameters(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	tests := []struct{ query, message string }{
		{"limit=0", "limit: Input should be greater than or equal to 1"},
		{"limit=1001", "limit: Input should be less than or equal to 1000"},
		{"limit=ten", "limit: Input should be a valid integer"},
		{"include_archived=maybe", "include_archived: Input should be a valid boolean"},
		{"after_id=wrkspc_nope", "after_id: no object with id wrkspc_nope"},
		{"after_id=a&before_id=b", "before_id: give after_id or before_id, not both"},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			wantError(t, send(t, srv, "GET", workspacesPath+"?"+tc.query, ""), 400, "invalid_request_error", tc.message)
		})
	}
}

func TestArchiveAndIncludeArchived(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	a := create(t, srv, `{"name":"a"}`)
	b := create(t, srv, `{"name":"b"}`)
	c := create(t, srv, `{"name":"c"}`)

	var archived fakeapi.Workspace
	decodeOK(t, send(t, srv, "POST", workspacesPath+"/"+b.ID+"/archive", ""), &archived)
	if !archived.ArchivedAt.Equal(fixedNow) || archived.ID != b.ID {
		t.Errorf("archived = %+v", archived)
	}
	wantError(t, send(t, srv, "POST", workspacesPath+"/"+b.ID+"/archive", ""), 400, "invalid_request_error", "workspace "+b.ID+" is already archived")
	wantError(t, send(t, srv, "POST", workspacesPath+"/wrkspc_nope/archive", ""), 404, "not_found_error", "workspace wrkspc_nope not found")

	var live, all page
	decodeOK(t, send(t, srv, "GET", workspacesPath, ""), &live)
	decodeOK(t, send(t, srv, "GET", workspacesPath+"?include_archived=true", ""), &all)
	if !slices.Equal(ids(live.Data), []string{a.ID, c.ID}) {
		t.Errorf("default list = %v, want a and c", ids(live.Data))
	}
	if !slices.Equal(ids(all.Data), []string{a.ID, b.ID, c.ID}) {
		t.Errorf("include_archived list = %v, want a, b, c", ids(all.Data))
	}
	// A cursor on a workspace archived since the last page still works.
	var rest page
	decodeOK(t, send(t, srv, "GET", workspacesPath+"?after_id="+b.ID, ""), &rest)
	if !slices.Equal(ids(rest.Data), []string{c.ID}) {
		t.Errorf("after the archived b = %v, want c", ids(rest.Data))
	}

	var got fakeapi.Workspace
	decodeOK(t, send(t, srv, "GET", workspacesPath+"/"+b.ID, ""), &got)
	if !got.Archived() {
		t.Errorf("GET archived workspace = %+v", got)
	}
	wantError(t, send(t, srv, "GET", workspacesPath+"/wrkspc_nope", ""), 404, "not_found_error", "workspace wrkspc_nope not found")
	wantError(t, send(t, srv, "POST", workspacesPath+"/"+b.ID, `{"name":"z"}`), 400, "invalid_request_error", "workspace "+b.ID+" is archived")
}

func TestUpdate(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	w := create(t, srv, `{"name":"old","tags":{"a":"1"}}`)
	path := workspacesPath + "/" + w.ID

	var got fakeapi.Workspace
	decodeOK(t, send(t, srv, "POST", path, `{"name":"new","tags":{"b":"2"},"display_color":"#000000",
		"data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"us"}}`), &got)
	if got.Name != "new" || got.DisplayColor != "#000000" || !maps.Equal(got.Tags, map[string]string{"b": "2"}) ||
		got.DataResidency != (fakeapi.DataResidency{AllowedInferenceGeos: "us", DefaultInferenceGeo: "us", WorkspaceGeo: "us"}) {
		t.Errorf("updated = %+v", got)
	}
	decodeOK(t, send(t, srv, "POST", path, `{}`), &got)
	if got.Name != "new" {
		t.Errorf("an empty update changed the name to %q", got.Name)
	}

	tests := []struct{ name, body, message string }{
		{"workspace geo is immutable", `{"data_residency":{"workspace_geo":"us"}}`, "data_residency.workspace_geo: the workspace geo cannot be changed"},
		{"default outside the kept set", `{"data_residency":{"default_inference_geo":"global"}}`, `data_residency.default_inference_geo: default inference geo "global" is not in the allowed geos (us)`},
		{"set excluding the kept default", `{"data_residency":{"allowed_inference_geos":["global"]}}`, `data_residency.default_inference_geo: default inference geo "us" is not in the allowed geos (global)`},
		{"blank name", `{"name":""}`, "name: enter a name for the workspace"},
		{"forbidden tag", `{"tags":{"anthropic":"x"}}`, `tags: tag key "anthropic"`},
		{"unknown key", `{"external_key_id":"ekey_01Unknown000"}`, "external_key_id: no external key with id ekey_01Unknown000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, send(t, srv, "POST", path, tc.body), 400, "invalid_request_error", tc.message)
		})
	}

	// external_key_id is write-once.
	decodeOK(t, send(t, srv, "POST", path, `{"external_key_id":"`+fakeapi.DemoExternalKeyGCP+`"}`), &got)
	if got.ExternalKeyID != fakeapi.DemoExternalKeyGCP {
		t.Fatalf("key not attached: %+v", got)
	}
	decodeOK(t, send(t, srv, "POST", path, `{"external_key_id":"`+fakeapi.DemoExternalKeyGCP+`"}`), &got)
	for _, body := range []string{`{"external_key_id":"` + fakeapi.DemoExternalKeyAWS + `"}`, `{"external_key_id":null}`} {
		wantError(t, send(t, srv, "POST", path, body), 400, "invalid_request_error", "external_key_id: workspace "+w.ID+" already uses external key "+fakeapi.DemoExternalKeyGCP)
	}
	if stored := srv.Workspaces()[0]; stored.ExternalKeyID != fakeapi.DemoExternalKeyGCP || stored.Name != "new" {
		t.Errorf("stored after refused updates = %+v", stored)
	}
}

func TestAddWorkspace(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	w := srv.AddWorkspace(fakeapi.Workspace{Name: "pre-existing"})
	if !workspaceIDRe.MatchString(w.ID) || w.DataResidency.WorkspaceGeo != "us" || !w.CreatedAt.Equal(fixedNow) {
		t.Errorf("AddWorkspace = %+v", w)
	}
	var got fakeapi.Workspace
	decodeOK(t, send(t, srv, "GET", workspacesPath+"/"+w.ID, ""), &got)
	if got.Name != "pre-existing" {
		t.Errorf("GET = %+v", got)
	}
}
