package api

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/pagination"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// MemberPageSize is what each page of a workspace's member list asks for.
const MemberPageSize = 1000

// ListMembers is GET /v1/organizations/workspaces/{id}/members, every page.
func (c *Client) ListMembers(ctx context.Context, workspaceID string) ([]anthropic.WorkspaceMember, error) {
	return walkPages(ctx, "list workspace members", "workspace members",
		func(ctx context.Context, after string) (*pagination.Page[anthropic.WorkspaceMember], error) {
			q := anthropic.OrganizationWorkspaceMemberListParams{Limit: param.NewOpt(int64(MemberPageSize))}
			if after != "" {
				q.AfterID = param.NewOpt(after)
			}
			return c.sdk.Organization.Workspaces.Members.List(ctx, workspaceID, q)
		})
}

// UpdateMemberRole is POST /v1/organizations/workspaces/{id}/members/{user_id}.
func (c *Client) UpdateMemberRole(ctx context.Context, workspaceID, userID string, role anthropic.WorkspaceRole) (*anthropic.WorkspaceMember, error) {
	const op = "change a workspace member's role"
	m, err := track(ctx, op, func(ctx context.Context) (*anthropic.WorkspaceMember, error) {
		return c.sdk.Organization.Workspaces.Members.Update(ctx, userID,
			anthropic.OrganizationWorkspaceMemberUpdateParams{WorkspaceID: workspaceID, WorkspaceRole: role})
	})
	if err == nil && (m == nil || m.UserID == "") {
		return nil, unreadable(op, "member")
	}
	return m, err
}

// RemoveMember is DELETE /v1/organizations/workspaces/{id}/members/{user_id}.
func (c *Client) RemoveMember(ctx context.Context, workspaceID, userID string) error {
	const op = "remove a workspace member"
	res, err := track(ctx, op, func(ctx context.Context) (*anthropic.OrganizationWorkspaceMemberRemoveResponse, error) {
		return c.sdk.Organization.Workspaces.Members.Remove(ctx, userID, anthropic.OrganizationWorkspaceMemberRemoveParams{WorkspaceID: workspaceID})
	})
	if err == nil && res == nil {
		return unreadable(op, "confirmation")
	}
	return err
}
