package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

const usersPath = "/v1/organizations/users"

// An organization of 3,500 people is read to its end in four pages of
// 1000, each asking after the last one's last id; the last user is found.
// (The wizard's members test goes to 10,000.)
func TestListUsersEveryPage(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{Users: 3500}, "")
	all := srv.Users()
	if len(all) != 3500 || all[0].ID != fakeapi.DemoUserAdmin {
		t.Fatalf("server has %d users, first %s", len(all), all[0].ID)
	}
	ctx := context.Background()

	got, err := c.ListUsers(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3500 || got[3499].ID != all[3499].ID || got[3499].Email != all[3499].Email {
		t.Fatalf("ListUsers read %d users, last %+v, want %s", len(got), got[len(got)-1].ID, all[3499].ID)
	}
	seen := map[string]bool{}
	for _, u := range got {
		if seen[u.Email] {
			t.Fatalf("email %s twice", u.Email)
		}
		seen[u.Email] = true
	}
	want := []string{"GET " + usersPath + "?limit=1000"}
	for i := 1; i < 4; i++ {
		want = append(want, fmt.Sprintf("GET %s?after_id=%s&limit=1000", usersPath, all[i*1000-1].ID))
	}
	wantSent(t, srv, usersPath, want...)

	// Page by page, as a background loader does.
	after, pages, n := "", 0, 0
	var last string
	for {
		p, err := c.ListUsersPage(ctx, after, 1000, "")
		if err != nil {
			t.Fatal(err)
		}
		pages++
		n += len(p.Data)
		last = p.Data[len(p.Data)-1].Email
		if !p.HasMore {
			break
		}
		after = p.LastID
	}
	if pages != 4 || n != 3500 || last != all[3499].Email {
		t.Fatalf("pages = %d, users = %d, last %s; want 4, 3500, %s", pages, n, last, all[3499].Email)
	}
}

func TestListUsersPageEmailAndLimit(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{Users: 3500}, "")
	ctx := context.Background()
	target := srv.Users()[2777]

	p, err := c.ListUsersPage(ctx, "", 1000, strings.ToUpper(target.Email))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Data) != 1 || p.Data[0].ID != target.ID || p.HasMore || p.LastID != target.ID {
		t.Fatalf("email filter: %+v", p)
	}
	p, err = c.ListUsersPage(ctx, "", 1000, "nobody@example.com")
	if err != nil || len(p.Data) != 0 || p.HasMore {
		t.Fatalf("unknown email: %+v, %v", p, err)
	}
	p, err = c.ListUsersPage(ctx, "", 1, "")
	if err != nil || len(p.Data) != 1 || !p.HasMore || p.LastID != fakeapi.DemoUserAdmin {
		t.Fatalf("limit 1: %+v, %v", p, err)
	}
	for _, limit := range []int{0, 1001} {
		_, err := c.ListUsersPage(ctx, "", limit, "")
		e := apiErr(t, err, 400, "", "limit: Input should be")
		if e.Kind != api.KindInvalid {
			t.Errorf("kind = %v", e.Kind)
		}
	}
	wantSent(t, srv, usersPath,
		"GET "+usersPath+"?email="+strings.ReplaceAll(strings.ToUpper(target.Email), "@", "%40")+"&limit=1000",
		"GET "+usersPath+"?email=nobody%40example.com&limit=1000",
		"GET "+usersPath+"?limit=1",
		"GET "+usersPath+"?limit=0",
		"GET "+usersPath+"?limit=1001",
	)
}

// "ok" faults let requests through, so the fault after them strikes the
// Nth: here the third page of the walk, which then fails whole.
func TestListUsersFaultOnThirdPage(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{Users: 5000}, "users:ok,users:ok,users:500")
	_, err := c.ListUsers(context.Background(), "")
	e := apiErr(t, err, 500, "", "Internal server error")
	if e.Kind != api.KindServer {
		t.Errorf("kind = %v", e.Kind)
	}
	if n := srv.CountRequests("GET", usersPath); n != 3 {
		t.Errorf("%d user pages asked for, want 3 (the third failed, nothing retried)", n)
	}
}

func TestGenerateUsersIsStableAndUnique(t *testing.T) {
	a, b := fakeapi.GenerateUsers(12000), fakeapi.GenerateUsers(5)
	for i := range b {
		if a[i] != b[i] {
			t.Fatalf("user %d differs: %+v vs %+v", i, a[i], b[i])
		}
	}
	ids, emails := map[string]bool{}, map[string]bool{}
	for _, u := range a {
		if ids[u.ID] || emails[u.Email] || u.Name == "" || !strings.HasSuffix(u.Email, "@example.com") {
			t.Fatalf("user %+v repeats or is incomplete", u)
		}
		ids[u.ID], emails[u.Email] = true, true
	}
	for _, u := range []string{fakeapi.DemoUserAdmin, fakeapi.DemoUserDeveloper, fakeapi.DemoUserUser} {
		if ids[u] {
			t.Errorf("generated id clashes with %s", u)
		}
	}
	// Fewer users than the preset has: the preset's first ones.
	if _, srv := newAdmin(t, fakeapi.Options{Users: 2}, ""); len(srv.Users()) != 2 || srv.Users()[1].ID != fakeapi.DemoUserDeveloper {
		t.Errorf("Users: 2 gave %+v", srv.Users())
	}
}
