package api

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/pagination"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// UserPageSize is what each page of the user list asks for: the API's
// largest, so an organization of 10,000 people is 10 requests and ListUsers'
// page bound allows 50,000.
const UserPageSize = 1000

// UserPage is one page of the organization's users.
type UserPage struct {
	Data    []anthropic.OrganizationUser
	HasMore bool
	LastID  string // the cursor for the next page
}

// ListUsersPage is GET /v1/organizations/users?limit&after_id&email: one
// page.
func (c *Client) ListUsersPage(ctx context.Context, afterID string, limit int, email string) (*UserPage, error) {
	const op = "list users"
	q := anthropic.OrganizationUserListParams{Limit: param.NewOpt(int64(limit))}
	if afterID != "" {
		q.AfterID = param.NewOpt(afterID)
	}
	if email != "" {
		q.Email = param.NewOpt(email)
	}
	page, err := track(ctx, op, func(ctx context.Context) (*pagination.Page[anthropic.OrganizationUser], error) {
		return c.sdk.Organization.Users.List(ctx, q)
	})
	if err != nil {
		return nil, err
	}
	if page == nil {
		return nil, unreadable(op, "page")
	}
	return &UserPage{Data: page.Data, HasMore: page.HasMore, LastID: page.LastID}, nil
}
