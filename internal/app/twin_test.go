package app

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// twinAdmin is the real client; right after its create another workspace
// of the same name appears, as when another machine creates it too.
type twinAdmin struct {
	api.Admin
	srv  *fakeapi.Server
	twin string
}

func (a *twinAdmin) CreateWorkspace(ctx context.Context, p anthropic.OrganizationWorkspaceNewParams) (*anthropic.Workspace, error) {
	ws, err := a.Admin.CreateWorkspace(ctx, p)
	a.twin = a.srv.AddWorkspace(fakeapi.Workspace{Name: p.Name, CreatedAt: time.Now()}).ID
	return ws, err
}

// Flag mode: a twin that appeared during the create is reported loudly
// with both ids, and the exit code is 3, not 0.
func TestCreateReportsATwin(t *testing.T) {
	srv := newOrgServer(t, "")
	admin := &twinAdmin{srv: srv}
	var out, errb bytes.Buffer
	code := runWith(context.Background(), []string{"create", "--name", "ml-research", "--yes", "--base-url", srv.URL()}, &Options{
		Getenv: withLockDir(t, keyEnv()), In: strings.NewReader(""), Out: &out, ErrOut: &errb, Now: time.Now,
		Admin: func(k config.Secret) api.Admin {
			admin.Admin = api.New(api.Options{APIKey: k.Reveal(), BaseURL: srv.URL()})
			return admin
		},
	})
	ours := regexp.MustCompile(`wrkspc_\w+`).FindString(out.String())
	if code != exitIncomplete || admin.twin == "" || ours == "" || ours == admin.twin ||
		!strings.Contains(errb.String(), "Warning: the workspace "+ours+" was created, and meanwhile another workspace of the same name appeared: "+admin.twin) ||
		!strings.Contains(errb.String(), "archive the other") {
		t.Errorf("exit %d, stdout %q\n%s", code, out.String(), errb.String())
	}
}
