package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// A conflict is reported by apply, not hidden: a file whose only difference
// is a write-once key sends nothing, lists the conflict as not done and
// exits 1, as text and as JSON; with a write beside it, the write is done
// and the conflict still reported.
func TestApplyReportsConflicts(t *testing.T) {
	const key = "ekey_01SDCCSbTxrXDpWc1phhtcfK"
	conflictOnly := "version: 1\nworkspaces:\n  - name: research\n    external_key_id: " + key + "\n"
	withWrite := "version: 1\nworkspaces:\n  - name: research\n    tags: {env: prod}\n    external_key_id: " + key + "\n"
	for _, tc := range []struct {
		name, file string
		writes     int
		json       bool
	}{
		{"conflict only", conflictOnly, 0, false},
		{"conflict only, json", conflictOnly, 0, true},
		{"with a write", withWrite, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newOrgServer(t, "")
			srv.AddWorkspace(fakeapi.Workspace{Name: "research"})
			args := []string{"apply", "-f", writeFile(t, "org.yaml", tc.file), "--yes"}
			if tc.json {
				args = append(args, "--json")
			}
			r := runOrg(t, srv, args...)
			if r.code != exitFailed {
				t.Errorf("exit %d, want %d\n%s\n%s", r.code, exitFailed, r.stdout, r.stderr)
			}
			if w := nonGET(srv); len(w) != tc.writes {
				t.Errorf("writes %v, want %d", w, tc.writes)
			}
			if strings.Contains(r.stdout+r.stderr, "Nothing to apply") {
				t.Errorf("apply says there is nothing to apply:\n%s\n%s", r.stdout, r.stderr)
			}
			if tc.json {
				var rep struct {
					Items    []struct{ ID, Result string }
					Summary  struct{ Conflict int }
					ExitCode int `json:"exit_code"`
				}
				if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Items) != 1 || rep.Items[0].Result != "conflict" ||
					rep.Items[0].ID != `workspace["research"].external_key_id` || rep.Summary.Conflict != 1 || rep.ExitCode != exitFailed {
					t.Errorf("%v %+v\n%s", err, rep, r.stdout)
				}
				return
			}
			if !strings.Contains(r.stdout, "1 conflict, not applied") || !strings.Contains(r.stdout, "not sent: the workspace has no encryption key") {
				t.Errorf("stdout:\n%s", r.stdout)
			}
		})
	}
}

// An update answered 503 change_outcome_unknown is sent again, and the
// progress line does not claim nothing was changed.
func TestApplyResendsAChangeOutcomeUnknown(t *testing.T) {
	srv := newOrgServer(t, "update:503-change-unknown")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "research", Tags: map[string]string{"env": "dev"}})
	r := runOrg(t, srv, "apply", "-f", writeFile(t, "org.yaml", "version: 1\nworkspaces:\n  - name: research\n    tags: {env: prod}\n"), "--yes")
	if r.code != exitOK || !strings.Contains(r.stdout, "Applied: 1 done.") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "change_outcome_unknown") || !strings.Contains(r.stderr, "some of it may have been saved") || strings.Contains(r.stderr, "nothing was changed") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if w := nonGET(srv); len(w) != 2 || w[0] != "POST /v1/organizations/workspaces/"+ws.ID || w[1] != w[0] {
		t.Errorf("writes %v, want the update twice", w)
	}
}
