package api_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// twinMaker is the real client, and right after its create commits a
// second workspace of the same name appears on the server: another run, on
// another machine, creating the same name at the same moment.
type twinMaker struct {
	api.Admin
	srv  *fakeapi.Server
	twin string
}

func (a *twinMaker) CreateWorkspace(ctx context.Context, p anthropic.OrganizationWorkspaceNewParams) (*anthropic.Workspace, error) {
	ws, err := a.Admin.CreateWorkspace(ctx, p)
	a.twin = a.srv.AddWorkspace(fakeapi.Workspace{Name: p.Name, CreatedAt: time.Now()}).ID
	return ws, err
}

// A workspace of the same name that appeared during the create is
// reported with its id, next to ours; one that was there before is not.
func TestCreatorReportsATwin(t *testing.T) {
	for _, faults := range []string{"", "529-after-commit"} {
		t.Run("faults="+faults, func(t *testing.T) {
			client, srv := newClient(t, 5*time.Second, faults)
			before := srv.AddWorkspace(fakeapi.Workspace{Name: "ml-research", CreatedAt: time.Now().Add(-time.Hour)}).ID
			admin := &twinMaker{Admin: client, srv: srv}
			c := &api.Creator{API: admin, Sleep: (&sleeps{}).sleep}
			res, err := c.Create(context.Background(), api.Spec{Name: "ml-research"})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Twins, []string{admin.twin}) || res.Workspace.ID == admin.twin || res.Workspace.ID == before {
				t.Errorf("twins %v, ours %s; want the twin %s (and not %s, there before)", res.Twins, res.Workspace.ID, admin.twin, before)
			}
			if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 1 {
				t.Errorf("%d POSTs", n)
			}
		})
	}
	t.Run("no twin", func(t *testing.T) {
		client, srv := newClient(t, 5*time.Second, "")
		srv.AddWorkspace(fakeapi.Workspace{Name: "ml-research", CreatedAt: time.Now().Add(-time.Hour)})
		res, err := (&api.Creator{API: client}).Create(context.Background(), api.Spec{Name: "ml-research"})
		if err != nil || len(res.Twins) != 0 {
			t.Errorf("%v, twins %v", err, res.Twins)
		}
	})
}
