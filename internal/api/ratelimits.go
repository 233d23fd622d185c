package api

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/pagination"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// rateLimitPageSize is what each page of a rate-limit list asks for. The
// API answers every entry in one page when no limit is sent; asking for
// pages keeps a misbehaving server's answer bounded.
const rateLimitPageSize = 1000

// ListRateLimits is GET /v1/organizations/rate_limits, every page.
func (c *Client) ListRateLimits(ctx context.Context) ([]anthropic.OrganizationRateLimit, error) {
	return walkCursor(ctx, "list rate limits", "rate limits",
		func(ctx context.Context, page string) (*pagination.PageCursor[anthropic.OrganizationRateLimit], error) {
			q := anthropic.OrganizationRateLimitListParams{Limit: param.NewOpt(int64(rateLimitPageSize))}
			if page != "" {
				q.Page = param.NewOpt(page)
			}
			return c.sdk.Organization.RateLimits.List(ctx, q)
		})
}

// ListWorkspaceRateLimits is GET /v1/organizations/workspaces/{id}/rate_limits,
// every page.
func (c *Client) ListWorkspaceRateLimits(ctx context.Context, workspaceID string, includeInherited bool) ([]anthropic.WorkspaceRateLimit, error) {
	return walkCursor(ctx, "list the workspace's rate limits", "workspace rate limits",
		func(ctx context.Context, page string) (*pagination.PageCursor[anthropic.WorkspaceRateLimit], error) {
			q := anthropic.OrganizationWorkspaceRateLimitListParams{Limit: param.NewOpt(int64(rateLimitPageSize))}
			if includeInherited {
				q.IncludeInherited = param.NewOpt(true)
			}
			if page != "" {
				q.Page = param.NewOpt(page)
			}
			return c.sdk.Organization.Workspaces.RateLimits.List(ctx, workspaceID, q)
		})
}

// UpdateWorkspaceRateLimit is POST /v1/organizations/workspaces/{id}/rate_limits/{rate_limit_id}.
// Changes take effect within about an hour; the organization's limit still
// applies.
func (c *Client) UpdateWorkspaceRateLimit(ctx context.Context, workspaceID, rateLimitID string, limits []anthropic.WorkspaceRateLimitUpdateValueParam) (*anthropic.WorkspaceRateLimit, error) {
	const op = "set the workspace's rate limits"
	rl, err := track(ctx, op, func(ctx context.Context) (*anthropic.WorkspaceRateLimit, error) {
		return c.sdk.Organization.Workspaces.RateLimits.Update(ctx, rateLimitID,
			anthropic.OrganizationWorkspaceRateLimitUpdateParams{WorkspaceID: workspaceID, Limits: limits})
	})
	if err == nil && (rl == nil || rl.RateLimitID == "") {
		return nil, unreadable(op, "rate limit")
	}
	return rl, err
}
