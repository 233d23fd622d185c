package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

const invitesPath = "/v1/organizations/invites"

// An invite is sent, found by its email in any case, and deleted; once the
// invitee accepts, they are a user who can be made a workspace member.
func TestInvitesLifecycle(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "")
	ctx := context.Background()
	inv, err := c.CreateInvite(ctx, "grace@example.com", anthropic.OrganizationInviteNewParamsRoleDeveloper)
	if err != nil {
		t.Fatal(err)
	}
	if inv.Status != anthropic.OrganizationInviteStatusPending || inv.Email != "grace@example.com" || inv.Role != "developer" ||
		!inv.InvitedAt.Equal(testNow) || !inv.ExpiresAt.Equal(testNow.Add(fakeapi.InviteLifetime)) || !inv.AcceptedAt.IsZero() {
		t.Fatalf("invite: %s", inv.RawJSON())
	}
	second, err := c.CreateInvite(ctx, "linus@example.com", anthropic.OrganizationInviteNewParamsRoleUser)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ListInvites(ctx, "GRACE@example.com")
	if err != nil || len(got) != 1 || got[0].ID != inv.ID {
		t.Fatalf("ListInvites(email) = %+v, %v", got, err)
	}
	if err := c.DeleteInvite(ctx, inv.ID); err != nil {
		t.Fatal(err)
	}
	if left := srv.Invites(); len(left) != 1 || left[0].ID != second.ID {
		t.Fatalf("invites left: %+v", left)
	}
	wantSent(t, srv, invitesPath,
		"POST "+invitesPath+` {"email":"grace@example.com","role":"developer"}`,
		"POST "+invitesPath+` {"email":"linus@example.com","role":"user"}`,
		"GET "+invitesPath+"?email=GRACE%40example.com&limit=1000",
		"DELETE "+invitesPath+"/"+inv.ID,
	)

	u, err := srv.AcceptInvite(second.ID, "Linus Example")
	if err != nil {
		t.Fatal(err)
	}
	all, err := c.ListInvites(ctx, "")
	if err != nil || len(all) != 1 || all[0].Status != anthropic.OrganizationInviteStatusAccepted || !all[0].AcceptedAt.Equal(testNow) {
		t.Fatalf("after accepting: %+v, %v", all, err)
	}
	users, err := c.ListUsers(ctx, "linus@example.com")
	if err != nil || len(users) != 1 || users[0].ID != u.ID || users[0].Role != "user" {
		t.Fatalf("the invitee as a user: %+v, %v", users, err)
	}
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "team"}).ID
	if _, err := c.AddMember(ctx, ws, u.ID, anthropic.NoBillingWorkspaceRoleWorkspaceUser); err != nil {
		t.Fatal(err)
	}
	apiErr(t, c.DeleteInvite(ctx, second.ID), 400, "", "was accepted")
}

func TestInvitesRefused(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{Preset: fakeapi.PresetNew}, "")
	ctx := context.Background()
	cases := []struct {
		name, email string
		role        anthropic.OrganizationInviteNewParamsRole
		status      int
		code, msg   string
	}{
		{"already a user, any case", "ADA@example.com", "user", 400, api.CodeAlreadyMember, "email: ada@example.com is already a member of this organization"},
		{"already pending", "New.Hire@example.com", "user", 400, api.CodeInviteAlreadyExists, "email: new.hire@example.com already has a pending invite (" + fakeapi.NewOrgInvite + ")"},
		{"not an email", "grace", "user", 400, "", `email: "grace" is not an email address`},
		{"admin", "grace@example.com", "admin", 400, "", "role: admin cannot be given through the API"},
		{"managed", "grace@example.com", "managed", 400, "", "role: managed is for Claude Enterprise organizations only"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateInvite(ctx, tc.email, tc.role)
			if e := apiErr(t, err, tc.status, tc.code, tc.msg); e.Kind != api.KindInvalid {
				t.Errorf("kind = %v", e.Kind)
			}
		})
	}
	apiErr(t, c.DeleteInvite(ctx, "invite_01JNoSuchInvite"), 404, "", "invite invite_01JNoSuchInvite not found")
	if n := len(srv.Invites()); n != 1 {
		t.Fatalf("%d invites, want the preset's one", n)
	}
}

// Faults aimed at the Nth invite: the second is answered 529 after it was
// stored (so the caller must look, and a resend is refused as pending), the
// third rate limited and not stored.
func TestInviteFaults(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "invite-create:ok,invite-create:529-after-commit,invite-create:429,invites:403")
	ctx := context.Background()
	emails := []string{"a.one@example.com", "b.two@example.com", "c.three@example.com"}
	_, err := c.CreateInvite(ctx, emails[0], "user")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateInvite(ctx, emails[1], "user")
	if e := apiErr(t, err, 529, "", "Overloaded"); e.NotProcessed() {
		t.Error("a 529 after commit must leave the outcome open")
	}
	_, err = c.CreateInvite(ctx, emails[2], "user")
	if e := apiErr(t, err, 429, "", "rate limit"); !e.NotProcessed() {
		t.Error("a 429 was not processed")
	}
	_, err = c.CreateInvite(ctx, emails[1], "user")
	apiErr(t, err, 400, api.CodeInviteAlreadyExists, "already has a pending invite")
	_, err = c.ListInvites(ctx, "")
	apiErr(t, err, 403, "", "only organization admins can list invites")
	var stored []string
	for _, inv := range srv.Invites() {
		stored = append(stored, inv.Email)
	}
	if len(stored) != 2 || stored[0] != emails[0] || stored[1] != emails[1] {
		t.Fatalf("stored invites %q, want the first two", stored)
	}
	if n := srv.CountRequests("POST", invitesPath); n != 4 {
		t.Errorf("%d invites sent, want 4: nothing is retried", n)
	}
}

// The new organization: no workspaces or keys, a dozen users, one pending
// invite, the rate-limit groups.
func TestPresetNewOrganization(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{Preset: fakeapi.PresetNew}, "")
	ctx := context.Background()
	org, err := c.Organization(ctx)
	if err != nil || org.Name != fakeapi.NewOrgName {
		t.Fatalf("org = %+v, %v", org, err)
	}
	users, err := c.ListUsers(ctx, "")
	if err != nil || len(users) != fakeapi.NewOrgUsers || users[0].ID != fakeapi.DemoUserAdmin {
		t.Fatalf("users: %d, %v", len(users), err)
	}
	invites, err := c.ListInvites(ctx, "")
	if err != nil || len(invites) != 1 || invites[0].ID != fakeapi.NewOrgInvite || invites[0].Status != "pending" ||
		!invites[0].InvitedAt.Equal(testNow.Add(-48*time.Hour)) {
		t.Fatalf("invites: %+v, %v", invites, err)
	}
	keys, err := c.ListExternalKeys(ctx)
	if err != nil || len(keys) != 0 {
		t.Fatalf("keys: %d, %v", len(keys), err)
	}
	groups, err := c.ListRateLimits(ctx)
	if err != nil || len(groups) != len(fakeapi.DemoRateLimits()) {
		t.Fatalf("rate limits: %d, %v", len(groups), err)
	}
	if err := api.EachWorkspace(ctx, c, func(w *anthropic.Workspace) bool { t.Errorf("workspace %s", w.Name); return true }); err != nil {
		t.Fatal(err)
	}
	if len(srv.Workspaces()) != 0 {
		t.Fatal("the new organization has workspaces")
	}
	// Users: N still makes N, the preset's first.
	_, big := newAdmin(t, fakeapi.Options{Preset: fakeapi.PresetNew, Users: 500}, "")
	if n := len(big.Users()); n != 500 {
		t.Fatalf("Users: 500 gave %d", n)
	}
}

// The demo organization is as it was: three users, three keys, no invites.
func TestPresetDemoUnchanged(t *testing.T) {
	_, srv := newAdmin(t, fakeapi.Options{}, "")
	if len(srv.Users()) != 3 || len(srv.ExternalKeys()) != 3 || len(srv.Invites()) != 0 || len(srv.Workspaces()) != 0 {
		t.Fatalf("demo org: %d users, %d keys, %d invites, %d workspaces", len(srv.Users()), len(srv.ExternalKeys()), len(srv.Invites()), len(srv.Workspaces()))
	}
}
