package apply_test

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
)

// updateBodies are the bodies of the Update Workspace requests the server
// received for workspace id, in order.
func updateBodies(t *testing.T, srv *fakeapi.Server, id string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/organizations/workspaces/"+id {
			var body map[string]any
			if err := json.Unmarshal(r.Body, &body); err != nil {
				t.Fatalf("update body %s: %v", r.Body, err)
			}
			out = append(out, body)
		}
	}
	return out
}

// A tag dropped from the file is removed: the update sends it as null, a
// changed tag with its new value, and nothing for a tag that is as the
// file says. Then a second plan has nothing to do.
func TestApplyRemovesADroppedTag(t *testing.T) {
	srv, admin := newOrg(t, "")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "research", Tags: map[string]string{"team": "ml", "env": "dev", "cost": "42"}})
	const file = "version: 1\nworkspaces:\n  - name: research\n    tags: {team: ml, env: prod}\n"

	p := planFor(t, admin, file)
	js, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"tags": {`) || !strings.Contains(string(js), `"cost": null`) {
		t.Errorf("plan --json does not show the tag sent as null:\n%s", js)
	}
	rep := applyFile(t, admin, file, noWait(1))
	if rep.ExitCode() != 0 || rep.Summary.Done != 1 {
		t.Fatalf("report:\n%s", rep.Text(100))
	}
	bodies := updateBodies(t, srv, ws.ID)
	if len(bodies) != 1 {
		t.Fatalf("%d updates sent, want 1", len(bodies))
	}
	want := map[string]any{"env": "prod", "cost": nil}
	if got, _ := bodies[0]["tags"].(map[string]any); !maps.Equal(got, want) {
		t.Errorf("the update sent tags %v, want %v (changed and removed keys only)", bodies[0]["tags"], want)
	}
	if got := srv.Workspaces()[0].Tags; !maps.Equal(got, map[string]string{"team": "ml", "env": "prod"}) {
		t.Errorf("the workspace's tags are %v after apply", got)
	}
	if again := planFor(t, admin, file); again.Changes() != 0 {
		t.Errorf("a second plan still has %d changes:\n%s", again.Changes(), again.Text(100, false))
	}
}

// A 503 change_outcome_unknown is sent again, as the API asks: the update
// converges and the server received it twice, the same body both times.
func TestApplyResendsAChangeWhoseOutcomeIsUnknown(t *testing.T) {
	cases := []struct {
		name, faults string
		sends        int
		result       apply.Status
		exit         int
	}{
		{"once", "update:503-change-unknown", 2, apply.Done, 0},
		{"every time", "update:503-change-unknown,update:503-change-unknown,update:503-change-unknown", 3, apply.Unknown, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, admin := newOrg(t, tc.faults)
			ws := srv.AddWorkspace(fakeapi.Workspace{Name: "research", DisplayColor: "#111111", Tags: map[string]string{"env": "dev"}})
			const file = "version: 1\nworkspaces:\n  - name: research\n    tags: {env: prod}\n    display_color: \"#2E7D6B\"\n"
			rep := applyFile(t, admin, file, noWait(1))
			bodies := updateBodies(t, srv, ws.ID)
			if len(bodies) != tc.sends {
				t.Fatalf("%d updates sent, want %d", len(bodies), tc.sends)
			}
			for _, b := range bodies[1:] {
				if !maps.EqualFunc(b, bodies[0], func(a, b any) bool { x, _ := json.Marshal(a); y, _ := json.Marshal(b); return string(x) == string(y) }) {
					t.Errorf("sent again with another body: %v, first %v", b, bodies[0])
				}
			}
			if len(rep.Items) != 1 || rep.Items[0].Result != tc.result || rep.ExitCode() != tc.exit {
				t.Fatalf("report (exit %d):\n%s", rep.ExitCode(), rep.Text(100))
			}
			got := srv.Workspaces()[0]
			if got.Tags["env"] != "prod" {
				t.Errorf("tags %v: the first send saved them", got.Tags)
			}
			if tc.result == apply.Done && got.DisplayColor != "#2E7D6B" {
				t.Errorf("display colour %q after the update converged", got.DisplayColor)
			}
			if tc.result == apply.Unknown && !strings.Contains(rep.Items[0].Message, "change_outcome_unknown") {
				t.Errorf("message %q does not name the API's answer", rep.Items[0].Message)
			}
		})
	}
}

// An entry's rate_limits are the whole truth for its workspace: a type the
// group's entry no longer names, and every override of a group it no longer
// lists, are cleared with value null. Then a second plan has nothing to do.
func TestApplyClearsOverridesTheFileNoLongerNames(t *testing.T) {
	srv, admin := newOrg(t, "")
	const before = "version: 1\nworkspaces:\n  - name: research\n    rate_limits:\n" +
		"      - {group: Claude Sonnet 4.x, requests_per_minute: 500, output_tokens_per_minute: 8000}\n" +
		"      - {group: Claude Opus 4.x, requests_per_minute: 50}\n"
	if rep := applyFile(t, admin, before, noWait(1)); rep.ExitCode() != 0 {
		t.Fatalf("report:\n%s", rep.Text(100))
	}
	const after = "version: 1\nworkspaces:\n  - name: research\n    rate_limits:\n" +
		"      - {group: Claude Sonnet 4.x, requests_per_minute: 500}\n"
	n := len(srv.Requests())
	if rep := applyFile(t, admin, after, noWait(1)); rep.ExitCode() != 0 || rep.Summary.Done != 2 {
		t.Fatalf("report:\n%s", rep.Text(100))
	}
	got := map[string]string{}
	for _, r := range srv.Requests()[n:] {
		if r.Method == "POST" {
			got[r.Path[strings.LastIndex(r.Path, "/")+1:]] = string(r.Body)
		}
	}
	want := map[string]string{
		fakeapi.DemoRateLimitSonnet: `{"limits":[{"value":null,"type":"output_tokens_per_minute"}]}`,
		fakeapi.DemoRateLimitOpus:   `{"limits":[{"value":null,"type":"requests_per_minute"}]}`,
	}
	if !maps.Equal(got, want) {
		t.Errorf("the server received %v\nwant %v", got, want)
	}
	if again := planFor(t, admin, after); again.Changes() != 0 {
		t.Errorf("a second plan still has %d changes:\n%s", again.Changes(), again.Text(100, false))
	}
}

// members_exclusive: true removes the members the file does not name (a
// DELETE each), keeps a workspace_billing member the API does not remove
// (a note), and a second plan has nothing to do. Without it, nobody is
// removed.
func TestApplyMembersExclusive(t *testing.T) {
	srv, admin := newOrg(t, "")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "research"})
	for _, m := range []fakeapi.Member{
		{UserID: fakeapi.DemoUserAdmin, WorkspaceRole: "workspace_admin"},
		{UserID: fakeapi.DemoUserDeveloper, WorkspaceRole: "workspace_developer"},
		{UserID: fakeapi.DemoUserUser, WorkspaceRole: "workspace_billing"},
	} {
		m.WorkspaceID = ws.ID
		srv.AddMember(m)
	}
	const shared = "version: 1\nworkspaces:\n  - name: research\n    members:\n      - {email: ada@example.com, role: workspace_admin}\n"
	if p := planFor(t, admin, shared); p.Changes() != 0 {
		t.Fatalf("without members_exclusive the plan removes members:\n%s", p.Text(100, false))
	}
	file := shared + "    members_exclusive: true\n"
	p := planFor(t, admin, file)
	text := p.Text(400, false)
	if !strings.Contains(text, "remove dev@example.com") || !strings.Contains(text, "workspace_billing comes with the organization's billing role") {
		t.Errorf("the plan does not show the removal and the kept member:\n%s", text)
	}
	rep := applyFile(t, admin, file, noWait(1))
	if rep.ExitCode() != 0 || rep.Summary.Done != 1 {
		t.Fatalf("report:\n%s", rep.Text(100))
	}
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "DELETE" {
			n++
			if r.Path != "/v1/organizations/workspaces/"+ws.ID+"/members/"+fakeapi.DemoUserDeveloper {
				t.Errorf("DELETE %s", r.Path)
			}
		}
	}
	if n != 1 || len(srv.Members(ws.ID)) != 2 {
		t.Errorf("%d DELETEs; members now %v", n, srv.Members(ws.ID))
	}
	if again := planFor(t, admin, file); again.Changes() != 0 {
		t.Errorf("a second plan still has %d changes:\n%s", again.Changes(), again.Text(100, false))
	}
}
