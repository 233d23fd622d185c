package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// removals plans, for an entry with members_exclusive: true, the removal
// of each member of the workspace the file does not name. A member whose
// workspace_billing role comes with the organization's billing role is not
// one the API removes: it is kept, and the plan says so.
func (d *differ) removals(w *Workspace, wsID string) []Item {
	named := map[string]bool{}
	for _, m := range w.Members {
		if u, ok := d.users[strings.ToLower(m.Email)]; ok {
			named[u.ID] = true
		}
	}
	var items []Item
	for _, m := range d.o.Members[wsID] {
		if named[m.UserID] {
			continue
		}
		who := m.UserID
		if u, ok := d.userIDs[m.UserID]; ok {
			who = u.Email
		}
		it := Item{
			ID: workspaceID(w.Name) + ".member[" + strconv.Quote(strings.ToLower(who)) + "]", Kind: KindMember,
			Workspace: w.Name, WorkspaceID: wsID, Target: who, UserID: m.UserID,
		}
		if m.WorkspaceRole == anthropic.WorkspaceRoleWorkspaceBilling {
			it.Action = Note
			it.Description = fmt.Sprintf("%s is kept: workspace_billing comes with the organization's billing role, and the API does not remove it from a workspace; change their organization role in the Console if they should go", who)
			items = append(items, it)
			continue
		}
		it.Action = Update
		it.Description = fmt.Sprintf("remove %s (%s) from the workspace: members_exclusive is true and the file does not name them", who, m.WorkspaceRole)
		it.Changes = []Change{{Field: rules.FieldMemberRole, Old: ptr(string(m.WorkspaceRole))}}
		it.Write = &Write{RemoveMember: &anthropic.OrganizationWorkspaceMemberRemoveParams{WorkspaceID: wsID}}
		items = append(items, it)
	}
	return items
}
