package wizard_test

import (
	"context"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

const developer = anthropic.NoBillingWorkspaceRoleWorkspaceDeveloper

// created makes the session's workspace on the server and records it, as
// the wizard does before members can be added.
func (f fixture) created(t *testing.T) string {
	t.Helper()
	if f.s.Spec().Name == "" {
		if err := f.s.SetName("team space"); err != nil {
			t.Fatal(err)
		}
	}
	res, err := f.create(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f.s.Created(res)
	return res.Workspace.ID
}

// users reads the organization's users page by page, as the members
// screen does, and returns them with the number of pages.
func users(t *testing.T, f fixture) ([]anthropic.OrganizationUser, int) {
	t.Helper()
	var all []anthropic.OrganizationUser
	after, pages := "", 0
	for {
		p, err := wizard.ListUsersPage(context.Background(), f.s.Admin(), after)
		if err != nil {
			t.Fatalf("page %d: %v", pages+1, err)
		}
		pages++
		f.s.Members.AddUsers(p.Users)
		all = append(all, p.Users...)
		if !p.More {
			return all, pages
		}
		after = p.Next
	}
}

// TestListUsersPage: 2,500 users come in three pages of at most 1000,
// each asked after the last id of the one before.
func TestListUsersPage(t *testing.T) {
	f := start(t, setup{fake: fakeapi.Options{Users: 2500}})
	all, pages := users(t, f)
	if pages != 3 || len(all) != 2500 || f.s.Members.Loaded() != 2500 {
		t.Fatalf("%d pages, %d users, %d loaded; want 3 pages of 2500", pages, len(all), f.s.Members.Loaded())
	}
	want := f.srv.Users()
	for i, u := range all {
		if u.ID != want[i].ID || u.Email != want[i].Email {
			t.Fatalf("user %d = %s %s, want %s %s", i, u.ID, u.Email, want[i].ID, want[i].Email)
		}
	}
	if u, ok := f.s.Members.User(want[2499].ID); !ok || u.Name != want[2499].Name {
		t.Errorf("User(last) = %+v, %v", u, ok)
	}
	p := "GET /v1/organizations/users?"
	wantSent(t, f.srv, "/v1/organizations/users",
		p+"limit=1000",
		p+"after_id="+want[999].ID+"&limit=1000",
		p+"after_id="+want[1999].ID+"&limit=1000")
}

// TestListUsersPageAgain: a page that fails is asked for again from the
// same cursor; users loaded twice count once.
func TestListUsersPageAgain(t *testing.T) {
	f := start(t, setup{fake: fakeapi.Options{Users: 1500}, faults: "users:ok,users:500"})
	ctx := context.Background()
	a, m := f.s.Admin(), &f.s.Members
	p1, err := wizard.ListUsersPage(ctx, a, "")
	if err != nil || !p1.More {
		t.Fatalf("page 1: more %v, %v", p1.More, err)
	}
	m.AddUsers(p1.Users)
	if _, err := wizard.ListUsersPage(ctx, a, p1.Next); err == nil {
		t.Fatal("page 2 did not fail")
	}
	m.AddUsers(p1.Users) // the first page again, as a restarted listing would
	p2, err := wizard.ListUsersPage(ctx, a, p1.Next)
	if err != nil || p2.More || len(p2.Users) != 500 {
		t.Fatalf("page 2 again: %d users, more %v, %v", len(p2.Users), p2.More, err)
	}
	m.AddUsers(p2.Users)
	if m.Loaded() != 1500 {
		t.Errorf("Loaded() = %d, want 1500", m.Loaded())
	}
	if n := f.srv.CountRequests("GET", "/v1/organizations/users"); n != 3 {
		t.Errorf("%d user-list requests, want 3", n)
	}
}

// TestAddRound: six users added with at most AddConcurrency requests in
// flight, the next sent as each answer comes; all six end as members.
func TestAddRound(t *testing.T) {
	f := start(t, setup{fake: fakeapi.Options{Users: 10}})
	id := f.created(t)
	all, _ := users(t, f)
	chosen := all[2:8]
	ctx := context.Background()
	m := &f.s.Members

	answers := make(chan wizard.MemberAdd)
	var active, most atomic.Int32
	send := func(u anthropic.OrganizationUser) {
		go func() {
			n := active.Add(1)
			for {
				if old := most.Load(); n <= old || most.CompareAndSwap(old, n) {
					break
				}
			}
			r := wizard.AddMember(ctx, f.s.Admin(), f.s.Sleep, id, u, developer)
			active.Add(-1)
			answers <- r
		}()
	}

	first := m.Start(chosen, developer)
	if len(first) != wizard.AddConcurrency || !m.Adding() {
		t.Fatalf("Start sent %d, adding %v; want %d", len(first), m.Adding(), wizard.AddConcurrency)
	}
	progress := []string{m.Progress(false)}
	for _, u := range first {
		send(u)
	}
	for m.Adding() {
		r := <-answers
		if r.Err != nil {
			t.Errorf("add %s: %v", r.User.Name, r.Err)
		}
		if next, ok := m.Added(r); ok {
			send(next)
		}
		if n := len(m.InFlight); n > wizard.AddConcurrency {
			t.Errorf("%d in flight, want at most %d", n, wizard.AddConcurrency)
		}
		progress = append(progress, m.Progress(false))
	}
	if n := most.Load(); n > wizard.AddConcurrency {
		t.Errorf("%d requests were in flight at once, want at most %d", n, wizard.AddConcurrency)
	}
	wantProgress := []string{
		"Adding members: 0 of 6 done…", "Adding members: 1 of 6 done…", "Adding members: 2 of 6 done…",
		"Adding members: 3 of 6 done…", "Adding members: 4 of 6 done…", "Adding members: 5 of 6 done…", "",
	}
	if !reflect.DeepEqual(progress, wantProgress) {
		t.Errorf("progress = %q\nwant       %q", progress, wantProgress)
	}
	members := map[string]string{}
	for _, mb := range f.srv.Members(id) {
		if _, twice := members[mb.UserID]; twice {
			t.Errorf("%s added twice", mb.UserID)
		}
		members[mb.UserID] = mb.WorkspaceRole
	}
	for _, u := range chosen {
		if members[u.ID] != string(developer) {
			t.Errorf("%s: role %q on the server, want %s", u.Name, members[u.ID], developer)
		}
	}
	if len(members) != 6 || len(m.AddedRoles()) != 6 {
		t.Errorf("%d members on the server, %d added; want 6", len(members), len(m.AddedRoles()))
	}
	if n := f.srv.CountRequests("POST", workspacesPath+"/"+id+"/members"); n != 6 {
		t.Errorf("%d add requests, want 6", n)
	}
}

// TestAddMember: a 429 waits what the API asks and sends once more;
// any other failure is sent once and explained.
func TestAddMember(t *testing.T) {
	tests := []struct {
		name   string
		faults string
		twice  bool // the user is added before
		sends  int
		waits  []time.Duration
		err    string // the start of AddFailure, "" for added
		member bool
	}{
		{"added", "", false, 1, nil, "", true},
		{"rate limited once", "members:429:3", false, 2, []time.Duration{3 * time.Second}, "", true},
		{"rate limited in milliseconds", "members:429ms:250", false, 2, []time.Duration{250 * time.Millisecond}, "", true},
		{"rate limited to the end", "members:429,members:429,members:429,members:429", false, 4,
			[]time.Duration{time.Second, time.Second, time.Second}, "rate limit exceeded: too many requests; retry after 1 seconds (429 rate_limit_error, request-id req_", false},
		{"a server error is not sent again", "members:500", false, 1, nil,
			"Internal server error (500 api_error, request-id req_", false},
		{"already a member", "", true, 2, nil,
			"the user is already a member of this workspace (400 invalid_request_error, request-id req_", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{faults: tc.faults})
			id := f.created(t)
			all, _ := users(t, f)
			u := all[1]
			ctx := context.Background()
			if tc.twice {
				if r := wizard.AddMember(ctx, f.s.Admin(), f.s.Sleep, id, u, developer); r.Err != nil {
					t.Fatal(r.Err)
				}
			}
			r := wizard.AddMember(ctx, f.s.Admin(), f.s.Sleep, id, u, developer)
			got := ""
			if r.Err != nil {
				got = wizard.AddFailure(r.Err)
			}
			if !strings.HasPrefix(got, tc.err) || (got == "") != (tc.err == "") {
				t.Errorf("AddFailure = %q, want a start %q", got, tc.err)
			}
			if tc.name == "a server error is not sent again" && !strings.HasSuffix(got, "; they may have been added anyway: check the Console") {
				t.Errorf("AddFailure = %q, want it to say they may have been added", got)
			}
			if w := f.sleep.Waits(); !reflect.DeepEqual(w, tc.waits) {
				t.Errorf("waits = %v, want %v", w, tc.waits)
			}
			if n := f.srv.CountRequests("POST", workspacesPath+"/"+id+"/members"); n != tc.sends {
				t.Errorf("%d add requests, want %d", n, tc.sends)
			}
			ms := f.srv.Members(id)
			if n := len(ms); tc.member && (n != 1 || ms[0].UserID != u.ID) || !tc.member && n != 0 {
				t.Errorf("members on the server = %+v", ms)
			}
		})
	}
}

// TestMembersSummary: the result lists who was added with which role,
// and who was not and why, unless a later add made it.
func TestMembersSummary(t *testing.T) {
	f := start(t, setup{spec: api.Spec{Name: "team space", DisplayColor: "#2E7D6B", Tags: []api.Tag{{Key: "env", Value: "dev"}}},
		faults: "members:ok,members:403,members:ok"})
	id := f.created(t)
	all, _ := users(t, f) // Ada Admin, Dev Developer, Uma User
	m := &f.s.Members
	ctx := context.Background()
	add := func(u anthropic.OrganizationUser, role anthropic.NoBillingWorkspaceRole) {
		m.Start([]anthropic.OrganizationUser{u}, role)
		m.Added(wizard.AddMember(ctx, f.s.Admin(), f.s.Sleep, id, u, role))
	}
	add(all[0], developer)
	add(all[1], developer)                                      // refused: 403
	add(all[2], anthropic.NoBillingWorkspaceRoleWorkspaceUser)  // added
	add(all[1], anthropic.NoBillingWorkspaceRoleWorkspaceAdmin) // added on the second try
	add(all[1], developer)                                      // already a member: refused, but added before

	if n := f.srv.CountRequests("POST", workspacesPath+"/"+id+"/members"); n != 5 {
		t.Errorf("%d add requests, want 5, one per add", n)
	}

	sum := f.s.Summary(time.UTC)
	var got []string
	for _, fl := range sum.Fields {
		s := fl.Label + ": " + fl.Value
		if fl.Failed {
			s += " ✗"
		}
		got = append(got, s)
	}
	want := []string{
		"ID: " + id,
		"Name: team space",
		"Created: 2026-03-14 15:09:26 UTC",
		"Colour: #2E7D6B",
		"Tags: env=dev",
		"Workspace geo: us",
		"Inference: allowed unrestricted · default global",
		"Members: Ada Admin (workspace_developer), Uma User (workspace_user), Dev Developer (workspace_admin)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summary fields:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if len(sum.Next) != 1 || sum.Next[0] != "Create an API key for the workspace, and manage its members, in the Console: "+api.ConsoleURL {
		t.Errorf("Next = %q", sum.Next)
	}
	if sum.Incomplete || sum.Recovered || len(sum.Notes) != 0 {
		t.Errorf("Summary = %+v, want a plain create", sum)
	}

	// Without the later add, Dev Developer is listed as not added.
	f2 := start(t, setup{faults: "members:403"})
	id2 := f2.created(t)
	all2, _ := users(t, f2)
	m2 := &f2.s.Members
	m2.Start(all2[:2], developer)
	for _, u := range all2[:2] {
		m2.Added(wizard.AddMember(ctx, f2.s.Admin(), f2.s.Sleep, id2, u, developer))
	}
	if n := f2.srv.CountRequests("POST", workspacesPath+"/"+id2+"/members"); n != 2 {
		t.Errorf("%d add requests, want 2", n)
	}
	added, notAdded := m2.Summary()
	wantNot := "Ada Admin: only organization admins can manage workspace members (403 permission_error, request-id req_"
	if !reflect.DeepEqual(added, []string{"Dev Developer (workspace_developer)"}) || len(notAdded) != 1 || !strings.HasPrefix(notAdded[0], wantNot) {
		t.Errorf("Summary() = %q, %q", added, notAdded)
	}
	var failed []string
	for _, fl := range f2.s.Summary(time.UTC).Fields {
		if fl.Failed {
			failed = append(failed, fl.Label+": "+fl.Value)
		}
	}
	if len(failed) != 1 || !strings.HasPrefix(failed[0], "Not added: "+wantNot) {
		t.Errorf("failed fields = %q", failed)
	}
}

// TestProgressStopped: a wizard that ends mid-round says who may have
// been added and who was not.
func TestProgressStopped(t *testing.T) {
	f := start(t, setup{fake: fakeapi.Options{Users: 10}})
	all, _ := users(t, f)
	u := func(i int) string { return all[i].Name }
	tests := []struct {
		name    string
		users   int
		answers int
		want    string
	}{
		{"nothing under way", 0, 0, ""},
		{"all finished", 2, 2, ""},
		{"two waiting", 6, 0, "⚠ Stopped while adding " + u(0) + ", " + u(1) + ", " + u(2) + ", " + u(3) +
			", who may or may not have been added; 2 others waiting were not. Check the workspace's members in the Console."},
		{"one waiting", 5, 0, "⚠ Stopped while adding " + u(0) + ", " + u(1) + ", " + u(2) + ", " + u(3) +
			", who may or may not have been added; 1 other waiting was not. Check the workspace's members in the Console."},
		{"none waiting", 6, 4, "⚠ Stopped while adding " + u(4) + ", " + u(5) +
			", who may or may not have been added. Check the workspace's members in the Console."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m wizard.Members
			if tc.users > 0 {
				m.Start(all[:tc.users], developer)
			}
			for i := range tc.answers {
				m.Added(wizard.MemberAdd{User: all[i], Role: developer})
			}
			if got := m.Progress(true); got != tc.want {
				t.Errorf("Progress(true) = %q\nwant            %q", got, tc.want)
			}
		})
	}
	if n := len(f.srv.Requests()); n != 1 {
		t.Errorf("%d requests, want the one user list", n)
	}
}
