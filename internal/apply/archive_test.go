package apply_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// An entry with archived: true archives its workspace with one POST to
// …/archive; the workspace is then not active, so planning the same file
// again finds nothing to do and sends nothing. A workspace the file does
// not name is never archived.
func TestArchiveOnceThenNothing(t *testing.T) {
	srv, admin := newOrg(t, "")
	applyFile(t, admin, "version: 1\nworkspaces:\n  - name: old\n  - name: keep\n", noWait(0))
	ids := map[string]string{}
	for _, w := range srv.Workspaces() {
		ids[w.Name] = w.ID
	}
	before := len(writes(srv))

	const file = "version: 1\nworkspaces:\n  - name: old\n    archived: true\n"
	p := planFor(t, admin, file)
	if p.Summary.Archive != 1 || p.Changes() != 1 || p.Workspaces.After != 1 {
		t.Fatalf("plan: %+v\n%s", p.Summary, p.Text(100, true))
	}
	text := p.Text(200, false)
	for _, want := range []string{"archive", `workspace old`, plan.ArchiveWarning, "1 to archive (permanent)"} {
		if !strings.Contains(text, want) {
			t.Errorf("plan text lacks %q:\n%s", want, text)
		}
	}
	js, err := p.JSON()
	if err != nil || !strings.Contains(string(js), `"action": "archive"`) || !strings.Contains(string(js), `"archive_workspace": {}`) {
		t.Errorf("plan --json: %v\n%s", err, js)
	}

	rep, err := apply.Run(context.Background(), admin, p, noWait(0))
	if err != nil {
		t.Fatal(err)
	}
	if got := results(rep); got != `done workspace["old"]` || rep.ExitCode() != 0 {
		t.Errorf("results %q, exit %d:\n%s", got, rep.ExitCode(), rep.Text(100))
	}
	want := []string{"POST /v1/organizations/workspaces/" + ids["old"] + "/archive"}
	if got := writes(srv)[before:]; !slices.Equal(got, want) {
		t.Errorf("writes %v, want %v", got, want)
	}
	for _, w := range srv.Workspaces() {
		if archived := w.Archived(); archived != (w.Name == "old") {
			t.Errorf("%s archived: %v", w.Name, archived)
		}
	}

	before = len(writes(srv))
	again := planFor(t, admin, file)
	if again.Changes() != 0 || again.Items[0].Action != plan.Unchanged || !strings.Contains(again.Items[0].Description, "already archived") {
		t.Errorf("second plan:\n%s", again.Text(100, true))
	}
	rep, err = apply.Run(context.Background(), admin, again, noWait(0))
	if err != nil || len(rep.Items) != 0 {
		t.Fatalf("second run: %+v, %v", rep, err)
	}
	if got := writes(srv)[before:]; len(got) != 0 {
		t.Errorf("the second apply sent %v", got)
	}
}

// An archived entry takes only its name; any other field is an error at
// its own line, and nothing is planned.
func TestArchivedEntryTakesOnlyItsName(t *testing.T) {
	_, err := plan.Parse("org.yaml", []byte("version: 1\nworkspaces:\n  - name: old\n    archived: true\n    tags: {a: b}\n    members:\n      - {email: a@example.com, role: workspace_user}\n"))
	if err == nil {
		t.Fatal("parsed")
	}
	for _, want := range []string{"org.yaml:5:5: workspaces[0].tags: an entry with archived: true takes only its name", "org.yaml:6:5: workspaces[0].members: "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	if _, err := plan.Parse("org.yaml", []byte("version: 1\nworkspaces:\n  - name: old\n    archived: yes please\n")); err == nil || !strings.Contains(err.Error(), "write archived: true") {
		t.Errorf("archived: yes please → %v", err)
	}
	f, err := plan.Parse("org.yaml", []byte("version: 1\nworkspaces:\n  - name: old\n    archived: true\n  - name: kept\n    archived: false\n    tags: {a: b}\n"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := plan.Marshal(f)
	if err != nil || !strings.Contains(string(out), "name: old\n    archived: true\n") || strings.Contains(string(out), "archived: false") {
		t.Errorf("marshal: %v\n%s", err, out)
	}
	back, err := plan.Parse("again.yaml", out)
	if err != nil || !back.Workspaces[0].Archived || back.Workspaces[1].Archived {
		t.Errorf("round trip: %v %+v", err, back)
	}
}
