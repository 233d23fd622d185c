package api

import (
	"context"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// ConsoleURL is where an organization's workspaces are managed in the
// Console: where a person checks what exists and adds members and keys.
const ConsoleURL = "https://platform.claude.com/settings/workspaces"

// WorkspacePageSize is what each page of the workspace list asks for: the
// API's largest. An organization has at most 100 active workspaces, so one
// page is nearly always all of them.
const WorkspacePageSize = 1000

// EachWorkspace walks every (non-archived) workspace of the organization,
// page by page, until fn returns false. The walk is bounded, so a server
// that never stops paging cannot keep it going, and it never ends early
// without saying so: a walk that cannot reach the end returns an
// *IncompleteListError.
func EachWorkspace(ctx context.Context, a Admin, fn func(*anthropic.Workspace) bool) error {
	after, read := "", 0
	for i := 0; ; i++ {
		page, err := a.ListWorkspaces(ctx, after, WorkspacePageSize)
		if err != nil {
			return err
		}
		for j := range page.Data {
			if !fn(&page.Data[j]) {
				return nil
			}
		}
		read += len(page.Data)
		next, err := nextCursor("workspaces", read, i, page.HasMore, page.LastID, after)
		if next == "" {
			return err
		}
		after = next
	}
}

// TagList writes tags as "k=v, k=v" sorted by key, or "none".
func TagList(m map[string]string) string {
	if len(m) == 0 {
		return "none"
	}
	parts := make([]string, 0, len(m))
	for _, t := range SortedTags(m) {
		parts = append(parts, t.Key+"="+t.Value)
	}
	return strings.Join(parts, ", ")
}

// AllowedGeos writes a workspace's allowed inference geos as the API gave
// them: "unrestricted", or the geos comma-separated.
func AllowedGeos(dr anthropic.DataResidency) string {
	if !strings.HasPrefix(strings.TrimSpace(dr.AllowedInferenceGeos.RawJSON()), "[") {
		return Unrestricted
	}
	geos := dr.AllowedInferenceGeos.AsGeos()
	parts := make([]string, len(geos))
	for i, g := range geos {
		parts[i] = string(g)
	}
	return strings.Join(parts, ", ")
}

// UpdateWorkspace is POST /v1/organizations/workspaces/{id}: the fields p
// sets change, the others stay.
func (c *Client) UpdateWorkspace(ctx context.Context, id string, p anthropic.OrganizationWorkspaceUpdateParams) (*anthropic.Workspace, error) {
	const op = "update workspace"
	ws, err := track(ctx, op, func(ctx context.Context) (*anthropic.Workspace, error) {
		return c.sdk.Organization.Workspaces.Update(ctx, id, p)
	})
	if err == nil && (ws == nil || ws.ID == "") {
		return nil, unreadable(op, "workspace")
	}
	return ws, err
}

// SetTagChanges makes p change tags the way the API merges them (Update
// Workspace is a partial update): each key of set is set, each key of
// remove is sent as null, which removes it, and tags p does not name stay
// as they are. The SDK's Tags cannot carry a null, so the tags go in the
// params' extra fields, which replace the "tags" field in the body (and in
// the params' JSON, which is what plan --json shows).
func SetTagChanges(p *anthropic.OrganizationWorkspaceUpdateParams, set map[string]string, remove []string) {
	p.Tags = set
	if len(remove) == 0 {
		return
	}
	tags := make(map[string]*string, len(set)+len(remove))
	for k, v := range set {
		tags[k] = &v
	}
	for _, k := range remove {
		tags[k] = nil
	}
	p.SetExtraFields(map[string]any{"tags": tags})
}

// ArchiveWorkspace is POST /v1/organizations/workspaces/{id}/archive:
// permanent (there is no unarchive) and the workspace's API keys stop
// working.
func (c *Client) ArchiveWorkspace(ctx context.Context, id string) (*anthropic.Workspace, error) {
	const op = "archive workspace"
	ws, err := track(ctx, op, func(ctx context.Context) (*anthropic.Workspace, error) {
		return c.sdk.Organization.Workspaces.Archive(ctx, id)
	})
	if err == nil && (ws == nil || ws.ID == "") {
		return nil, unreadable(op, "workspace")
	}
	return ws, err
}
