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
	slices.Sort(out)
	return out
}

func (h *harness) memberPosts() int {
	return h.srv.CountRequests("POST", "/v1/organizations/workspaces/"+h.m.e.s.Result().Workspace.ID+"/members")
}

func sorted(s ...string) []string { slices.Sort(s); return s }

// Two users picked with space, the admin role chosen with ←: each is added
// once, the server holds exactly them with that role, and the result
// screen lists them.
func TestMembersAddTwoAndListThemOnTheResult(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toMembers("team")
	h.see("Add members to “team”", "3 of 3 users", "Ada Admin", "ada@example.com", "Dev Developer", "Uma User",
		"role: workspace_developer", "space select", "enter add", "esc back")
	h.notSee("workspace_billing")
	h.golden("members_choose")

	h.press("space", "down", "space") // Ada and Dev
	h.see("[x] Ada Admin", "[x] Dev Developer", "[ ] Uma User", "2 selected")
	h.press("left") // the role: from developer to admin
	h.see("role: workspace_admin")
	if n := h.memberPosts(); n != 0 {
		t.Fatalf("%d adds sent before Enter", n)
	}
	h.press("enter")
	h.wantState(stateMembers)
	h.see("Added 2 of 2 members as workspace_admin", "✓ Ada Admin: added", "✓ Dev Developer: added",
		"enter/esc back to the workspace")
	h.golden("members_done")

	want := sorted(fakeapi.DemoUserAdmin+":workspace_admin", fakeapi.DemoUserDeveloper+":workspace_admin")
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

// A member added once is marked as a member on the next round and cannot
// be chosen again: no add is sent that could only fail.
func TestMembersAlreadyAMemberIsMarked(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toMembers("twice")
	h.press("space", "enter") // Ada, as developer
	h.see("✓ Ada Admin: added")
	h.press("enter", "m")
	h.wantState(stateMembers)
	h.see("Ada Admin", "member · developer")
	h.press("space") // on Ada: a member, not chosen
	h.notSee("1 selected")
	h.press("down", "down", "space", "enter") // Uma
	h.see("Added 1 of 1 member as workspace_developer", "✓ Uma User: added")
	want := sorted(fakeapi.DemoUserAdmin+":workspace_developer", fakeapi.DemoUserUser+":workspace_developer")
	if got := h.members(); !slices.Equal(got, want) {
		t.Fatalf("the server holds members %q, want %q", got, want)
	}
	if n := h.memberPosts(); n != 2 {
		t.Fatalf("%d add requests, want 2: one each", n)
	}
	h.press("esc")
	h.wantState(stateResult)
	h.see("Members Ada Admin (workspace_developer), Uma User (workspace_developer)")
}

// A 400 on one add: that user gets a ✗ with the API's message and request
// id, the next is still added, and the result lists who was not added.
func TestMembersFailedAddShownPerUser(t *testing.T) {
	t.Parallel()
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

// A 429 on an add was not applied: the add waits as asked and is sent
// again, and the user is added once.
func TestMembersRateLimitedAddWaitsAndIsSentAgain(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toMembers("busy")
	h.fault("members:429")
	h.press("space", "enter")
	h.see("Added 1 of 1 member", "✓ Ada Admin: added")
	if n := h.memberPosts(); n != 2 {
		t.Fatalf("%d add requests, want 2: the 429, then the add", n)
	}
	if got := h.members(); !slices.Equal(got, []string{fakeapi.DemoUserAdmin + ":workspace_developer"}) {
		t.Fatalf("the server holds members %q", got)
	}
}

// The users cannot be listed (403): the screen says why and points at the
// Console; going back leaves the workspace as it was.
func TestMembersListRefused(t *testing.T) {
	t.Parallel()
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
	h.see("Ada Admin", "3 of 3 users")
	if n := h.memberPosts(); n != 0 {
		t.Fatalf("%d adds sent", n)
	}
}

// Esc with an empty filter goes back to the result, adding no one; Enter
// with no one chosen sends nothing.
func TestMembersEscAddsNoOne(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toMembers("nobody")
	h.press("space", "down", "space", "esc")
	h.wantState(stateResult)
	if n := h.memberPosts(); n != 0 {
		t.Fatalf("%d adds sent after esc", n)
	}
	h.notSee("Members ")
	h.press("m")
	h.wantState(stateMembers)
	h.press("ctrl+u") // whatever was chosen is not sent by accident
	h.press("enter")
	if n := h.memberPosts(); n > 2 {
		t.Fatalf("%d adds sent", n)
	}
}

// The users' list and the adds answer on whatever screen the user is on:
// nothing is dropped and nothing stays "loading" or "adding".
func TestMembersAnswersArriveOnTheResult(t *testing.T) {
	t.Parallel()
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
	h.see("Ada Admin", "3 of 3 users")
	if n := h.srv.CountRequests("GET", "/v1/organizations/users"); n != 1 {
		t.Fatalf("the users were listed %d times, want once", n)
	}

	h.press("space", "down", "space")
	add := h.step(h.send(keyPress("enter"))) // the picker's choice taken; the adds held back
	h.see("Adding 2 members as workspace_developer", "Ada Admin: adding…", "Dev Developer: adding…")
	h.press("esc")
	h.wantState(stateResult)
	h.see("Adding members: 0 of 2 done")
	h.run(add) // both adds finish while the result shows
	h.wantState(stateResult)
	h.see("Members Ada Admin (workspace_developer), Dev Developer (workspace_developer)")
	h.notSee("Adding members")
	h.press("m")
	h.see("member · developer") // a new round, not a stuck "adding"
}

// Ctrl+C on the members screen, even with adds in flight, ends with the
// workspace: it was created, whatever happens to members.
func TestMembersQuitStillReportsTheWorkspace(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		do     func(h *harness)
		adding bool
	}{
		{"on the picker", func(h *harness) { h.press("space") }, false},
		{"while adding", func(h *harness) { h.press("space", "down", "space"); h.step(h.send(keyPress("enter"))) }, true},
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
			if adding := tc.adding; adding != strings.Contains(final, "Stopped while adding Ada Admin, Dev Developer, who may or may not have been added") {
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

// At 40x12 the picker fits the window, and keeps the cursor in view.
func TestMembersAt40x12(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	h.toMembers("small")
	h.golden("members_40x12")
	h.press("down", "down", "space")
	h.see("› [x] Uma User")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.see("› [x] Uma User")
	h.press("enter")
	h.see("✓ Uma User: added")
}

// With 10,000 users, the last one is found by typing part of their email
// and added: the listing went to the end, page by page.
func TestMembersTenThousandUsers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(s *setup) { s.fake.Users = 10_000 })
	h.toMembers("big")
	h.see("of 10,000 users")
	users := h.srv.Users()
	last := users[len(users)-1]
	h.typeText(strings.SplitN(last.Email, "@", 2)[0])
	h.see("1 of 10,000 users", last.Name)
	h.press("space", "enter")
	h.see("✓ " + last.Name + ": added")
	if got := h.members(); !slices.Equal(got, []string{last.ID + ":workspace_developer"}) {
		t.Fatalf("the server holds members %q", got)
	}
	if n := h.srv.CountRequests("GET", "/v1/organizations/users"); n != 10 {
		t.Errorf("the users were listed in %d pages, want 10 of 1000", n)
	}
}
