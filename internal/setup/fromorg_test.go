package setup

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// seedInUse gives the simulated new organization two workspaces in use,
// one with a member.
func seedInUse(srv *fakeapi.Server) {
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "ops", Tags: map[string]string{"team": "ops"}})
	srv.AddWorkspace(fakeapi.Workspace{Name: "lab"})
	srv.AddMember(fakeapi.Member{UserID: fakeapi.DemoUserDeveloper, WorkspaceID: ws.ID, WorkspaceRole: "workspace_developer"})
}

// "This organization" loads what exists as the plan; reviewing it says
// nothing to apply, and nothing is sent.
func TestStartFromThisOrganization(t *testing.T) {
	h := newHarness(t, nil)
	seedInUse(h.srv)
	h.see("This organization", "export what exists")
	h.press("down", "down", "down", "enter")
	h.see("The plan: 2 workspaces", "team=ops · inference unrestricted · 1 member", "lab", `Loaded "New organization" as it is: 2 workspaces, 1 invite.`)
	h.press("r")
	h.see("Nothing to apply: the organization already matches the file")
	if w := h.writes(); len(w) > 0 {
		t.Errorf("sent %v", w)
	}
}

// The same choice in plain prompts.
func TestAccessibleStartFromThisOrganization(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew, Now: clock})
	seedInUse(srv)
	res, text := plainRun(t, srv, map[string]string{}, nil, "4", "7", "10", "y")
	wantSaid(t, text, "This organization: export what exists", `Loaded "New organization" as it is: 2 workspaces, 1 invite.`,
		"The plan: 2 workspaces, 1 invite (not saved)\n", "nothing to apply")
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			t.Errorf("sent %s %s", r.Method, r.Path)
		}
	}
	if !errorsIsQuit(res.Err) || strings.Contains(text, "Apply these") {
		t.Errorf("result %+v\n%s", res, text)
	}
}

// At 40×12 the chosen template stays on screen.
func TestTemplateSmallScreenShowsChoice(t *testing.T) {
	h := newHarness(t, nil, 40, 12)
	h.press("down", "down", "down")
	h.see("› This organization")
}
