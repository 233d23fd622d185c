package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func membersPath(ws string) string { return "/v1/organizations/workspaces/" + ws + "/members" }

// A member is added, listed, given another role and removed; each request
// is exactly what the API documents.
func TestMembersLifecycle(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "team"}).ID
	ctx := context.Background()
	for _, u := range []string{fakeapi.DemoUserDeveloper, fakeapi.DemoUserUser} {
		if _, err := c.AddMember(ctx, ws, u, anthropic.NoBillingWorkspaceRoleWorkspaceDeveloper); err != nil {
			t.Fatal(err)
		}
	}
	got, err := c.ListMembers(ctx, ws)
	if err != nil || len(got) != 2 || got[0].UserID != fakeapi.DemoUserDeveloper || got[1].WorkspaceRole != "workspace_developer" {
		t.Fatalf("ListMembers = %+v, %v", got, err)
	}
	m, err := c.UpdateMemberRole(ctx, ws, fakeapi.DemoUserUser, anthropic.WorkspaceRoleWorkspaceAdmin)
	if err != nil || m.WorkspaceRole != anthropic.WorkspaceRoleWorkspaceAdmin || m.WorkspaceID != ws {
		t.Fatalf("UpdateMemberRole = %+v, %v", m, err)
	}
	if err := c.RemoveMember(ctx, ws, fakeapi.DemoUserDeveloper); err != nil {
		t.Fatal(err)
	}
	if left := srv.Members(ws); len(left) != 1 || left[0].UserID != fakeapi.DemoUserUser || left[0].WorkspaceRole != "workspace_admin" {
		t.Fatalf("members left: %+v", left)
	}
	p := membersPath(ws)
	wantSent(t, srv, p,
		"POST "+p+` {"user_id":"`+fakeapi.DemoUserDeveloper+`","workspace_role":"workspace_developer"}`,
		"POST "+p+` {"user_id":"`+fakeapi.DemoUserUser+`","workspace_role":"workspace_developer"}`,
		"GET "+p+"?limit=1000",
		"POST "+p+"/"+fakeapi.DemoUserUser+` {"workspace_role":"workspace_admin"}`,
		"DELETE "+p+"/"+fakeapi.DemoUserDeveloper,
	)
}

func TestMembersRefused(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "team"}).ID
	ctx := context.Background()
	if _, err := c.AddMember(ctx, ws, fakeapi.DemoUserAdmin, anthropic.NoBillingWorkspaceRoleWorkspaceUser); err != nil {
		t.Fatal(err)
	}
	_, err := c.AddMember(ctx, ws, fakeapi.DemoUserAdmin, anthropic.NoBillingWorkspaceRoleWorkspaceAdmin)
	apiErr(t, err, 400, "", "user_id: the user is already a member of this workspace")
	_, err = c.AddMember(ctx, ws, "user_01JNobody", anthropic.NoBillingWorkspaceRoleWorkspaceUser)
	apiErr(t, err, 404, "", "user user_01JNobody not found")
	_, err = c.UpdateMemberRole(ctx, ws, fakeapi.DemoUserAdmin, anthropic.WorkspaceRoleWorkspaceBilling)
	apiErr(t, err, 400, "", "workspace_role: workspace_billing cannot be given through the API")
	_, err = c.UpdateMemberRole(ctx, ws, fakeapi.DemoUserUser, anthropic.WorkspaceRoleWorkspaceAdmin)
	apiErr(t, err, 404, "", "user "+fakeapi.DemoUserUser+" is not a member of workspace "+ws)
	apiErr(t, c.RemoveMember(ctx, ws, fakeapi.DemoUserUser), 404, "", "is not a member")
	_, err = c.ListMembers(ctx, "wrkspc_01JNothingHere")
	apiErr(t, err, 404, "", "workspace wrkspc_01JNothingHere not found")
	if m := srv.Members(ws); len(m) != 1 || m[0].WorkspaceRole != "workspace_user" {
		t.Fatalf("members changed by refused requests: %+v", m)
	}
}

// 1500 members are two pages; a fault aimed at the fourth request (the
// second walk's second page) fails that walk instead of ending it short.
// (A "drop" would not do here: Go's transport sends a GET again by itself
// when a reused connection closes before any answer.)
func TestListMembersPagesAndFaults(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{Users: 1500}, "member-list:ok,member-list:ok,member-list:ok,member-list:504")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "big"}).ID
	ctx := context.Background()
	users := srv.Users()
	for _, u := range users {
		srv.AddMember(fakeapi.Member{UserID: u.ID, WorkspaceID: ws, WorkspaceRole: string(anthropic.NoBillingWorkspaceRoleWorkspaceUser)})
	}
	got, err := c.ListMembers(ctx, ws)
	if err != nil || len(got) != 1500 || got[1499].UserID != users[1499].ID {
		t.Fatalf("ListMembers: %d members, %v", len(got), err)
	}
	got, err = c.ListMembers(ctx, ws) // first page ok, the second 504
	if e := apiErr(t, err, 504, "", "timed out"); e.Kind != api.KindTimeout || got != nil {
		t.Fatalf("err = %v with %d members, want a 504 and no short list", e, len(got))
	}
	p := membersPath(ws)
	if n := srv.CountRequests("GET", p); n != 4 {
		t.Errorf("%d list requests, want 4", n)
	}
}

// A 429 on an add is not retried by the client; nothing is added. A
// 529 after commit leaves the member added: the caller must look.
func TestAddMemberFaults(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "members:429:7,members:ok,members:529-after-commit")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "team"}).ID
	ctx := context.Background()
	_, err := c.AddMember(ctx, ws, fakeapi.DemoUserAdmin, anthropic.NoBillingWorkspaceRoleWorkspaceUser)
	e := apiErr(t, err, 429, "", "rate limit")
	if e.Kind != api.KindRateLimited || e.RetryAfter != 7*time.Second || !e.NotProcessed() {
		t.Fatalf("429: %+v", e)
	}
	if len(srv.Members(ws)) != 0 {
		t.Fatal("a rate-limited add added a member")
	}
	for i, u := range []string{fakeapi.DemoUserAdmin, fakeapi.DemoUserDeveloper} {
		_, err := c.AddMember(ctx, ws, u, anthropic.NoBillingWorkspaceRoleWorkspaceUser)
		if i == 0 && err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if e := apiErr(t, err, 529, "", "Overloaded"); e.NotProcessed() {
				t.Error("a 529 must leave the outcome open")
			}
		}
	}
	if n := len(srv.Members(ws)); n != 2 {
		t.Fatalf("%d members, want 2 (the 529 struck after the add)", n)
	}
	if n := srv.CountRequests("POST", membersPath(ws)); n != 3 {
		t.Errorf("%d adds sent, want 3: nothing is retried", n)
	}
}

func TestUpdateWorkspace(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "update:ok,update:400")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "team", Tags: map[string]string{"env": "dev"}}).ID
	ctx := context.Background()
	got, err := c.UpdateWorkspace(ctx, ws, anthropic.OrganizationWorkspaceUpdateParams{
		Tags:         map[string]string{"env": "prod", "team": "ml"},
		DisplayColor: anthropic.String("#112233"),
		DataResidency: anthropic.DataResidencyUpdateConfigParam{
			AllowedInferenceGeos: anthropic.DataResidencyUpdateConfigAllowedInferenceGeosUnionParam{OfGeos: []anthropic.AllowedInferenceGeo{"us"}},
			DefaultInferenceGeo:  "us",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "team" || got.Tags["team"] != "ml" || got.DisplayColor != "#112233" || api.AllowedGeos(got.DataResidency) != "us" || got.DataResidency.DefaultInferenceGeo != "us" {
		t.Fatalf("updated: %s", got.RawJSON())
	}
	_, err = c.UpdateWorkspace(ctx, ws, anthropic.OrganizationWorkspaceUpdateParams{Name: anthropic.String("renamed")})
	apiErr(t, err, 400, "", "name:")
	if w := srv.Workspaces()[0]; w.Name != "team" || w.Tags["env"] != "prod" {
		t.Fatalf("stored: %+v", w)
	}
	wantSent(t, srv, "/v1/organizations/workspaces/"+ws,
		"POST /v1/organizations/workspaces/"+ws+` {"display_color":"#112233","tags":{"env":"prod","team":"ml"},"data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"us"}}`,
		"POST /v1/organizations/workspaces/"+ws+` {"name":"renamed"}`,
	)
}

// A user profile can be set on a workspace that has none, sent again
// unchanged, and never replaced.
func TestUpdateWorkspaceUserProfileIsPermanent(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "")
	for _, p := range fakeapi.DemoUserProfiles() {
		srv.AddUserProfile(p)
	}
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "team"}).ID
	ctx := context.Background()
	set := func(id string) error {
		_, err := c.UpdateWorkspace(ctx, ws, anthropic.OrganizationWorkspaceUpdateParams{UserProfileID: anthropic.String(id)})
		return err
	}
	apiErr(t, set("uprof_01JNobodyHere"), 400, api.CodeUserProfileNotFound, "user_profile_id: no user profile")
	if err := set(fakeapi.DemoUserProfileNorthwind); err != nil {
		t.Fatal(err)
	}
	if err := set(fakeapi.DemoUserProfileNorthwind); err != nil {
		t.Fatalf("the same profile again: %v", err)
	}
	apiErr(t, set(fakeapi.DemoUserProfileContoso), 400, "", "cannot be replaced or removed")
	if got := srv.Workspaces()[0].UserProfileID; got != fakeapi.DemoUserProfileNorthwind {
		t.Fatalf("user profile = %q", got)
	}
}
