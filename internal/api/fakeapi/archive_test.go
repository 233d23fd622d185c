package fakeapi_test

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// Archive Workspace answers the Workspace with archived_at set; the spec
// says nothing of archiving twice, so a second archive is refused as any
// change to an archived workspace is (400), and an unknown id is a 404. An
// archived workspace leaves the default list but not include_archived.
func TestArchiveWorkspace(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	w := srv.AddWorkspace(fakeapi.Workspace{Name: "old"})
	r := send(t, srv, "POST", workspacesPath+"/"+w.ID+"/archive", "")
	if r.status != 200 || !strings.Contains(string(r.body), `"archived_at":"`) || !strings.Contains(string(r.body), `"id":"`+w.ID+`"`) {
		t.Errorf("archive: %d %s", r.status, r.body)
	}
	msg := wantError(t, send(t, srv, "POST", workspacesPath+"/"+w.ID+"/archive", ""), 400, "invalid_request_error", "")
	if !strings.Contains(msg, "already archived") {
		t.Errorf("second archive: %q", msg)
	}
	wantError(t, send(t, srv, "POST", workspacesPath+"/wrkspc_nosuch/archive", ""), 404, "not_found_error", "")
	if r := send(t, srv, "GET", workspacesPath, ""); strings.Contains(string(r.body), w.ID) {
		t.Errorf("the archived workspace is listed: %s", r.body)
	}
	if r := send(t, srv, "GET", workspacesPath+"?include_archived=true", ""); !strings.Contains(string(r.body), w.ID) {
		t.Errorf("include_archived leaves it out: %s", r.body)
	}
}
