package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// toMembers creates a workspace on the hurried path and opens the members
// screen from the result.
func (h *harness) toMembers(name string) {
	h.t.Helper()
	h.toReview(name)
	h.press("enter")
	h.wantState(stateResult)
	h.see("m add members")
	h.press("m")
	h.wantState(stateMembers)
}

// members is what the server holds for the created workspace, as
// "user_id:role".
func (h *harness) members() []string {
	h.t.Helper()
	var out []string
	for _, m := range h.srv.Members(h.m.e.s.Result().Workspace.ID) {
		out = append(out, m.UserID+":"+m.WorkspaceRole)
	}
	return out
}

func (h *harness) memberPosts() int {
	return h.srv.CountRequests("POST", "/v1/organizations/workspaces/"+h.m.e.s.Result().Workspace.ID+"/members")
}

// Two users picked with space, the admin role chosen with tab and ↑:
// each is added once, the server holds exactly them with that role, and
// the result screen lists them.
func TestMembersAddTwoAndListThemOnTheResult(t *testing.T) {
	h := newHarness(t)
	h.toMembers("team")
	h.see("Add members to “team”", "Members to add", "Ada Admin · admin", "ada@example.com",
		"Dev Developer · developer", "Uma User · user",
		"Workspace role", "workspace_developer: uses the API and manages its API keys (default)",
		"enter add members", "space select", "esc back")
	h.notSee("workspace_billing")
	h.golden("members_choose")

	h.press("space", "down", "space") // Ada and Dev
	h.see("[x] Ada Admin", "[x] Dev Developer", "[ ] Uma User")
	h.press("tab", "up") // the role: up from developer to admin
	h.see("› workspace_admin: manages the workspace and its members", "↑/↓ choose", "shift+tab users")
	if n := h.memberPosts(); n != 0 {
		t.Fatalf("%d adds sent before Enter", n)
	}
	h.press("enter")
	h.wantState(stateMembers)
	h.see("Added 2 of 2 members as workspace_admin", "✓ Ada Admin: added", "✓ Dev Developer: added",
		"enter/esc back to the workspace")
	h.golden("members_done")

	want := []string{fakeapi.DemoUserAdmin + ":workspace_admin", fakeapi.DemoUserDeveloper + ":workspace_admin"}
	if got := h.members(); !slices.Equal(got, want) {
		t.Fatalf("the server holds members %q, want %q", got, want)
	}
	if n := h.memberPosts(); n != 2 {
		t.Fatalf("%d add requests, want 2", n)
	}
	h.press("enter")
	h.wantState(stateResult)
	h.see("✓ Workspace created", "Members Ada Admin (workspace_admin), Dev Developer (workspace_admin)")
	h.notSee("Not added")
	h.golden("result_members")

	h.press("q")
	if !h.quit || h.outcome().Workspace == nil || h.outcome().Err != nil {
		t.Fatalf("outcome %+v; want the workspace", h.outcome())
	}
	if got := h.m.View().Content; !strings.Contains(got, "Ada Admin (workspace_admin)") {
		t.Errorf("the final screen does not list the members:\n%s", got)
	}
}

// Adding someone twice: the API refuses the second add, and the screen
// says so in its words, with the request id; no add is retried.
func TestMembersAlreadyAMemberIsShownPerUser(t *testing.T) {
	h := newHarness(t)
	h.toMembers("twice")
	h.press("space", "enter") // Ada, as developer
	h.see("✓ Ada Admin: added")
	h.press("enter", "m")
	h.wantState(stateMembers)
	h.see("› [ ] Ada Admin")                           // a fresh choice, at the users
	h.press("space", "down", "down", "space", "enter") // Ada again, and Uma
	h.see("Added 1 of 2 members as workspace_developer",
		"✗ Ada Admin: not added: the user is already a member of this workspace (400 invalid_request_error, request-id req_",
		"✓ Uma User: added")
	want := []string{fakeapi.DemoUserAdmin + ":workspace_developer", fakeapi.DemoUserUser + ":workspace_developer"}
	if got := h.members(); !slices.Equal(got, want) {
		t.Fatalf("the server holds members %q, want %q", got, want)
	}
	if n := h.memberPosts(); n != 3 {
		t.Fatalf("%d add requests, want 3: one each, never retried", n)
	}
	h.press("esc")
	h.wantState(stateResult)
	h.see("Members Ada Admin (workspace_developer), Uma User (workspace_developer)")
	h.notSee("Not added") // Ada was added, the first time
}

// A 400 on one add: that user gets a ✗ with the API's message and request
// id, the next is still added, and the result lists who was not added.
func TestMembersFailedAddShownPerUser(t *testing.T) {
	h := newHarness(t)
	h.toMembers("refused")
	h.fault("members:400")
	h.press("space", "down", "space", "enter")
	h.see("Added 1 of 2 members", "✗ Ada Admin: not added: the request was refused (400 invalid_request_error, request-id req_",
		"✓ Dev Developer: added")
	if got := h.members(); !slices.Equal(got, []string{fakeapi.DemoUserDeveloper + ":workspace_developer"}) {
		t.Fatalf("the server holds members %q", got)
	}
	h.press("enter")
	h.see("Members Dev Developer (workspace_developer)", "Not added ✗ Ada Admin: the request was refused")
}

// The users cannot be listed (403): the screen says why and points at the
// Console; going back leaves the workspace as it was.
func TestMembersListRefused(t *testing.T) {
	h := newHarness(t)
	h.fault("users:403")
	h.toMembers("no-list")
	h.see("✗ This key may not list the organization's users: only organization admins can list the organization's users (request-id req_",
		"Members can be added in the Console: https://platform.claude.com/settings/workspaces",
		"r list again", "enter/esc back to the workspace")
	h.golden("members_list_refused")
	h.press("enter")
	h.wantState(stateResult)
	h.notSee("Members ")
	// Listing again works once the fault is used up.
	h.press("m", "r")
	h.see("Ada Admin · admin")
	if n := h.memberPosts(); n != 0 {
		t.Fatalf("%d adds sent", n)
	}
}

// Esc on the form goes back to the result, adding no one.
func TestMembersEscAddsNoOne(t *testing.T) {
	h := newHarness(t)
	h.toMembers("nobody")
	h.press("space", "down", "space", "esc")
	h.wantState(stateResult)
	if n := h.memberPosts(); n != 0 {
		t.Fatalf("%d adds sent after esc", n)
	}
	h.notSee("Members ")
	h.press("m")
	h.see("[ ] Ada Admin", "[ ] Dev Developer") // nothing carried over
	h.press("enter")
	h.see("✗ Choose at least one user with space, or press esc to go back.")
	if n := h.memberPosts(); n != 0 {
		t.Fatalf("%d adds sent with no one chosen", n)
	}
}

// The users' list and the adds answer on whatever screen the user is on:
// nothing is dropped and nothing stays "loading" or "adding".
func TestMembersAnswersArriveOnTheResult(t *testing.T) {
	h := newHarness(t)
	h.toReview("later")
	h.press("enter")
	list := h.send(keyPress("m")) // listing; the answer is held back
	h.see("listing the organization's users")
	h.press("esc")
	h.wantState(stateResult)
	h.run(list)
	h.wantState(stateResult)
	h.press("m")
	h.see("Ada Admin · admin")
	if n := h.srv.CountRequests("GET", "/v1/organizations/users"); n != 1 {
		t.Fatalf("the users were listed %d times, want once", n)
	}

	h.press("space", "down", "space")
	add := h.send(keyPress("enter")) // the first add, held back
	h.see("Adding 2 members as workspace_developer", "Ada Admin: adding…", "Dev Developer: waiting")
	h.press("esc")
	h.wantState(stateResult)
	h.see("Adding members: 0 of 2 done")
	h.run(add) // both adds finish while the result shows
	h.wantState(stateResult)
	h.see("Members Ada Admin (workspace_developer), Dev Developer (workspace_developer)")
	h.notSee("Adding members")
	h.press("m")
	h.see("[ ] Ada Admin") // a new round, not a stuck "adding"
}

// Ctrl+C on the members screen, even with an add in flight, ends with the
// workspace: it was created, whatever happens to members.
func TestMembersQuitStillReportsTheWorkspace(t *testing.T) {
	for _, tc := range []struct {
		name   string
		do     func(h *harness)
		adding bool
	}{
		{"on the form", func(h *harness) { h.press("space") }, false},
		{"while adding", func(h *harness) { h.press("space", "down", "space"); h.send(keyPress("enter")) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.toMembers("quitter")
			tc.do(h)
			h.press("ctrl+c")
			if !h.quit || h.outcome().Workspace == nil || h.outcome().Err != nil || h.outcome().Workspace.Name != "quitter" {
				t.Fatalf("outcome %+v; want the workspace", h.outcome())
			}
			final := strings.Join(strings.Fields(ansi.Strip(h.m.View().Content)), " ")
			if adding := tc.adding; adding != strings.Contains(final, "Stopped while adding Ada Admin, who may or may not have been added; 1 other waiting was not") {
				t.Errorf("adding %v; the final screen:\n%s", adding, final)
			}
		})
	}
	// Stopped by a signal on the members screen: ended reports the workspace.
	h := newHarness(t)
	h.toMembers("signalled")
	if o := h.m.ended(context.Background(), tea.ErrInterrupted); o.Workspace == nil || o.Err != nil {
		t.Fatalf("ended on the members screen: %+v", o)
	}
}

// At 40x12 the members form wraps its labels and keeps the cursor in view.
func TestMembersAt40x12(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	h.toMembers("small")
	h.golden("members_40x12")
	h.press("down", "down", "space")
	h.see("› [x] Uma User")
	h.press("tab")
	h.see("› workspace_developer")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24}) // the labels are laid out again
	h.see("[x] Uma User", "› workspace_developer")
	h.press("enter")
	h.see("✓ Uma User: added")
}
