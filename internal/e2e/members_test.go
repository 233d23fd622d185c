package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// Issue 11: in an organization of 2,000 people, type part of an email,
// choose two of the users it finds, add them: the server receives exactly
// those two adds.
func TestMembersFilterChooseTwoAdd(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Users: 2000})
	tm := start(t, 100, 30, []string{"ANTHROPIC_ADMIN_API_KEY=" + fakeapi.DemoKey},
		"--base-url", srv.URL(), "--name", "pickers")
	tm.WaitFor(t, "> pickers", wait)
	tm.Press("enter")
	tm.WaitFor(t, "Step 2 of 5 · Tags", wait)
	enterTo(t, tm, "Step 3 of 5 · Data residency")
	enterTo(t, tm, "Step 4 of 5 · Encryption key")
	enterTo(t, tm, "Step 5 of 5 · Review")
	tm.Press("enter")
	tm.WaitFor(t, "Workspace created", createWait)
	tm.Type("m")
	tm.WaitFor(t, "2,000 of 2,000 users", wait)

	// A part of one generated email that a few other users share.
	part := srv.Users()[3].Email[:4]
	var matches []fakeapi.User
	for _, u := range srv.Users() {
		if strings.Contains(strings.ToLower(u.Name+" "+u.Email), part) {
			matches = append(matches, u)
		}
	}
	if len(matches) < 2 {
		t.Fatalf("fewer than two users match %q", part)
	}
	tm.Type(part)
	tm.WaitFor(t, "of 2,000 users", wait)
	tm.Press("space")
	tm.Press("down")
	tm.Press("space")
	tm.WaitFor(t, "2 selected", wait)
	tm.Press("enter")
	tm.WaitFor(t, "Added 2 of 2 members", createWait)

	var got []string
	ws := srv.Workspaces()
	for _, m := range srv.Members(ws[len(ws)-1].ID) {
		got = append(got, m.UserID)
	}
	slices.Sort(got)
	if len(got) != 2 || srv.CountRequests("POST", "/v1/organizations/workspaces/"+ws[len(ws)-1].ID+"/members") != 2 {
		t.Fatalf("the server holds members %v after %d adds, want the two chosen\n%s", got, srv.CountRequests("POST", "/v1/organizations/workspaces/"+ws[len(ws)-1].ID+"/members"), tm.Dump())
	}
	for _, id := range got {
		if !slices.ContainsFunc(matches, func(u fakeapi.User) bool { return u.ID == id }) {
			t.Fatalf("added %s, whom the filter %q does not show", id, part)
		}
	}
}
