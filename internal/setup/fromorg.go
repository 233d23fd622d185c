package setup

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// thisOrg is the template row that starts from the organization as it is:
// what `workspace-wizard export` writes, read the way plan reads.
const thisOrg = "This organization"

// fromOrganization reads the organization and makes it a plan: every
// active workspace, members, overrides and pending invites, pinned to the
// organization. Reviewed, it is nothing to apply. notice says what was
// left out, if anything.
func fromOrganization(ctx context.Context, admin api.Admin) (f *plan.File, notice string, err error) {
	org, err := admin.Organization(ctx)
	if err != nil {
		return nil, "", err
	}
	o, err := apply.Observe(ctx, admin)
	if err != nil {
		return nil, "", err
	}
	ex := plan.Export(o, org.ID, nil)
	notice = fmt.Sprintf("Loaded %q as it is: %s, %s.", termsafe.String(org.Name), plural(len(ex.File.Workspaces), "workspace"), plural(len(ex.File.Invites), "invite"))
	if n := len(ex.LeftOut) + len(ex.Notes); n > 0 {
		notice += " Left out: " + termsafe.String(first(append(ex.LeftOut, ex.Notes...)))
		if n > 1 {
			notice += fmt.Sprintf(" (and %d more; workspace-wizard export lists them)", n-1)
		}
	}
	return ex.File, notice, nil
}

func first(s []string) string { return s[0] }

// orgLoadedMsg is the organization read as a plan, or why not.
type orgLoadedMsg struct {
	file   *plan.File
	notice string
	err    error
}

// loadOrganization reads the organization in the background.
func loadOrganization(m *Model) tea.Cmd {
	ctx, admin := m.ctx, m.o.Admin
	return func() tea.Msg {
		f, notice, err := fromOrganization(ctx, admin)
		return orgLoadedMsg{f, notice, err}
	}
}
