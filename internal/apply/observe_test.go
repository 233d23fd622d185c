package apply_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
)

// Observe reads the whole organization, and members and overrides only of
// the workspaces named.
func TestObserve(t *testing.T) {
	srv, admin := newOrg(t, "")
	a := srv.AddWorkspace(fakeapi.Workspace{Name: "a"}).ID
	b := srv.AddWorkspace(fakeapi.Workspace{Name: "b"}).ID
	o, err := apply.Observe(context.Background(), admin, "a")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Workspaces) != 2 || o.ActiveWorkspaces != 2 || len(o.Users) != fakeapi.NewOrgUsers || len(o.Invites) != 1 || len(o.RateLimits) != 5 {
		t.Errorf("observed %d workspaces (%d active), %d users, %d invites, %d rate limits",
			len(o.Workspaces), o.ActiveWorkspaces, len(o.Users), len(o.Invites), len(o.RateLimits))
	}
	if _, ok := o.Members[a]; !ok {
		t.Error("a's members were not read")
	}
	if _, ok := o.Members[b]; ok {
		t.Error("b's members were read, though no entry names b")
	}
	if n := srv.CountRequests("GET", "/v1/organizations/workspaces/"+b+"/members"); n != 0 {
		t.Errorf("b's members listed %d times", n)
	}
}

// A list that cannot be read to its end is an error naming it: nothing is
// planned from part of the organization.
func TestObserveIncompleteList(t *testing.T) {
	_, admin := newOrg(t, "")
	_, err := apply.Observe(context.Background(), cutUsers{admin})
	var incomplete *api.IncompleteListError
	if !errors.As(err, &incomplete) || !strings.Contains(err.Error(), "read the organization's users") || !strings.Contains(err.Error(), "nothing is planned from part of a list") {
		t.Errorf("err = %v", err)
	}
}

// cutUsers is an organization whose user list stops after its first page.
type cutUsers struct{ api.Admin }

func (c cutUsers) ListUsers(ctx context.Context, email string) ([]anthropic.OrganizationUser, error) {
	users, err := c.Admin.ListUsers(ctx, email)
	return users[:1], errors.Join(err, &api.IncompleteListError{What: "users", Read: 1, Reason: "stopped after 50 pages while the server still said there were more"})
}
