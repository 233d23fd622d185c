package fakeapi_test

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	anthropic "github.com/anthropics/anthropic-sdk-go/v2"

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
		{"limit=-1", "limit: Input should be greater than or equal to 1"},
		{"ids[]=" + strings.Repeat("wrkspc_x&ids[]=", 100) + "wrkspc_y", "ids: List should have at most 100 items after validation, not 101"},
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
	// Tags merge (a partial update): "a" was not sent, so it stays.
	if got.Name != "new" || got.DisplayColor != "#000000" || !maps.Equal(got.Tags, map[string]string{"a": "1", "b": "2"}) ||
		got.DataResidency != (fakeapi.DataResidency{AllowedInferenceGeos: "us", DefaultInferenceGeo: "us", WorkspaceGeo: "us"}) {
		t.Errorf("updated = %+v", got)
	}
	decodeOK(t, send(t, srv, "POST", path, `{}`), &got)
	if got.Name != "new" || !maps.Equal(got.Tags, map[string]string{"a": "1", "b": "2"}) {
		t.Errorf("an empty update changed the workspace: %+v", got)
	}
	// A tag sent as null is removed; one sent with a value is set.
	decodeOK(t, send(t, srv, "POST", path, `{"tags":{"a":null,"c":"3"}}`), &got)
	if !maps.Equal(got.Tags, map[string]string{"b": "2", "c": "3"}) || got.Name != "new" {
		t.Errorf("after removing a and setting c: %+v", got)
	}
	decodeOK(t, send(t, srv, "POST", path, `{"tags":null}`), &got)
	if !maps.Equal(got.Tags, map[string]string{"b": "2", "c": "3"}) {
		t.Errorf("tags null changed the tags to %v", got.Tags)
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

func TestListLimitBounds(t *testing.T) {
	srv := newServer(t, fakeapi.Options{MaxWorkspaces: 1001})
	for i := range 1001 {
		srv.AddWorkspace(fakeapi.Workspace{Name: fmt.Sprintf("ws %d", i)})
	}
	for _, tc := range []struct {
		limit int
		more  bool
	}{{1, true}, {1000, true}} {
		var p page
		decodeOK(t, send(t, srv, "GET", fmt.Sprintf("%s?limit=%d", workspacesPath, tc.limit), ""), &p)
		if len(p.Data) != tc.limit || p.HasMore != tc.more {
			t.Errorf("limit=%d: %d workspaces, has_more %v", tc.limit, len(p.Data), p.HasMore)
		}
	}
}

// ids[] keeps only the workspaces named, in the list's order; an unknown id
// is left out; include_archived still applies; the cursors page through the
// kept ones.
func TestListIDsFilter(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	var all []string
	for i := range 6 {
		all = append(all, create(t, srv, fmt.Sprintf(`{"name":"ws %d"}`, i)).ID)
	}
	send(t, srv, "POST", workspacesPath+"/"+all[3]+"/archive", "")
	query := func(ids ...string) string {
		q := url.Values{"ids[]": ids}
		return q.Encode()
	}
	tests := []struct {
		name, query string
		want        []string
		more        bool
	}{
		{"two, given out of order", query(all[4], all[1]), []string{all[1], all[4]}, false},
		{"an unknown id is left out", query(all[0], "wrkspc_unknown"), []string{all[0]}, false},
		{"archived left out", query(all[2], all[3]), []string{all[2]}, false},
		{"archived included", query(all[2], all[3]) + "&include_archived=true", []string{all[2], all[3]}, false},
		{"include_default is read", query(all[2]) + "&include_default=true", []string{all[2]}, false},
		{"plain ids too", "ids=" + all[5], []string{all[5]}, false},
		{"first page", query(all[0], all[2], all[4], all[5]) + "&limit=2", []string{all[0], all[2]}, true},
		{"after_id", query(all[0], all[2], all[4], all[5]) + "&limit=2&after_id=" + all[2], []string{all[4], all[5]}, false},
		{"after_id outside the filter", query(all[0], all[2], all[4], all[5]) + "&limit=2&after_id=" + all[1], []string{all[2], all[4]}, true},
		{"before_id", query(all[0], all[2], all[4], all[5]) + "&limit=2&before_id=" + all[5], []string{all[2], all[4]}, true},
		{"a hundred ids", strings.Repeat("ids[]=wrkspc_x&", 99) + query(all[0]), []string{all[0]}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var p page
			decodeOK(t, send(t, srv, "GET", workspacesPath+"?"+tc.query, ""), &p)
			if !slices.Equal(ids(p.Data), tc.want) || p.HasMore != tc.more {
				t.Errorf("listed %v has_more %v, want %v has_more %v", ids(p.Data), p.HasMore, tc.want, tc.more)
			}
		})
	}

	// The SDK sends ids as ids[]=a&ids[]=b.
	c := sdkClient(srv)
	res, err := c.Organization.Workspaces.List(context.Background(), anthropic.OrganizationWorkspaceListParams{
		IDs: []string{all[5], all[0]}, Limit: anthropic.Int(1000),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := sdkIDs(res.Data); !slices.Equal(got, []string{all[0], all[5]}) {
		t.Errorf("SDK list = %v", got)
	}
	last := srv.Requests()[len(srv.Requests())-1]
	if got := last.Query["ids[]"]; !slices.Equal(got, []string{all[5], all[0]}) || last.Query.Get("limit") != "1000" {
		t.Errorf("the SDK sent %v", last.Query)
	}
}

func sdkIDs(ws []anthropic.Workspace) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.ID
	}
	return out
}

// update:503-change-unknown saves the tags and nothing else, then answers
// 503 overloaded_error change_outcome_unknown; the same request sent again
// finishes the update. It aims at updates only.
func TestUpdateChangeOutcomeUnknown(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	w := create(t, srv, `{"name":"old","tags":{"a":"1"}}`)
	f, err := fakeapi.ParseFaults("update:503-change-unknown")
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(f...)
	body := `{"name":"new","tags":{"a":null,"b":"2"}}`
	r := send(t, srv, "POST", workspacesPath+"/"+w.ID, body)
	wantError(t, r, 503, "overloaded_error", "Some of the request's changes may have been saved")
	if !strings.Contains(string(r.body), `"error_code":"change_outcome_unknown"`) {
		t.Errorf("body %s", r.body)
	}
	var got fakeapi.Workspace
	decodeOK(t, send(t, srv, "GET", workspacesPath+"/"+w.ID, ""), &got)
	if got.Name != "old" || !maps.Equal(got.Tags, map[string]string{"b": "2"}) {
		t.Errorf("after the fault: %+v", got)
	}
	decodeOK(t, send(t, srv, "POST", workspacesPath+"/"+w.ID, body), &got)
	if got.Name != "new" || !maps.Equal(got.Tags, map[string]string{"b": "2"}) {
		t.Errorf("sent again: %+v", got)
	}
	if _, err := fakeapi.ParseFaults("503-change-unknown"); err == nil || !strings.Contains(err.Error(), "update only") {
		t.Errorf("a create fault: %v", err)
	}
}
