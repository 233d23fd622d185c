package applyui_test

import (
	"slices"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// archiveFile archives both of the demo organization's workspaces.
const archiveFile = `version: 1
workspaces:
  - name: staging
    archived: true
  - name: research-prod
    archived: true
`

// demoOrg is the demo organization's two workspaces.
var demoOrg = withWorkspaces(fakeapi.DemoWorkspaces()...)

// Archiving is never one keystroke: Enter at the review asks for each
// workspace's name to be typed; a wrong name is refused, esc goes back,
// and only once every name matches is anything sent, one POST …/archive
// per workspace.
func TestArchiveNeedsTheNameTyped(t *testing.T) {
	h := newHarness(t, demoOrg, withFile(archiveFile))
	h.see("⊗ ARCHIVE", "workspace staging", "archiving is permanent", "2 to archive (permanent)",
		"Each workspace to archive is asked for by name first.")
	h.golden("archive-review-80x24")

	h.press("enter")
	h.see("Archive workspace “staging”", "(1 of 2)", "Permanent: its API keys stop working", "Type its name to archive it:", "enter archive", "esc back")
	h.press("s", "t", "a", "g", "e", "enter")
	h.see("✗ That is not its name")
	h.press("esc")
	h.notSee("Type its name")
	h.see("Apply 2 changes")
	if w := h.writes(); len(w) != 0 {
		t.Fatalf("sent before the names were typed: %v", w)
	}

	h.press("enter")
	for _, k := range "staging" {
		h.press(string(k))
	}
	h.golden("archive-confirm-80x24")
	h.press("enter")
	h.see("Archive workspace “research-prod”", "(2 of 2)")
	if w := h.writes(); len(w) != 0 {
		t.Fatalf("sent before the second name was typed: %v", w)
	}
	for _, k := range "research-prod" {
		h.press(string(k))
	}
	h.press("enter")
	h.see("✓ done", "archived; its API keys no longer work")
	var want []string
	for _, w := range h.srv.Workspaces() {
		want = append(want, "POST /v1/organizations/workspaces/"+w.ID+"/archive")
		if !w.Archived() {
			t.Errorf("%s is not archived", w.Name)
		}
	}
	got := h.writes()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("writes %v, want %v", got, want)
	}
	h.press("enter")
	if rep := h.done(); rep.ExitCode() != 0 || len(rep.Items) != 2 {
		t.Errorf("report: %+v", rep)
	}
}

// At 40x12 the question and the typed name stay on screen.
func TestArchiveConfirmSmall(t *testing.T) {
	h := newHarness(t, demoOrg, withFile(archiveFile), withSize(40, 12))
	h.press("enter", "s", "t")
	h.see("Archive workspace", "Type its name", "st▏")
	h.fits(40, 12)
	h.golden("archive-confirm-40x12")
	h.press("ctrl+c")
	if w := h.writes(); len(w) != 0 || h.ended == nil {
		t.Errorf("ctrl+c: writes %v, ended %#v", w, h.ended)
	}
}
