package api

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/pagination"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// Error codes an invite is refused with (error.details.error_code).
const (
	CodeAlreadyMember       = string(anthropic.ErrorCodeAlreadyMember)
	CodeInviteAlreadyExists = string(anthropic.ErrorCodeInviteAlreadyExists)
)

// InvitePageSize is what each page of the invite list asks for.
const InvitePageSize = 1000

// CreateInvite is POST /v1/organizations/invites. It is never retried here:
// a resent invite that had landed is refused as invite_already_exists.
func (c *Client) CreateInvite(ctx context.Context, email string, role anthropic.OrganizationInviteNewParamsRole) (*anthropic.OrganizationInvite, error) {
	const op = "invite a user"
	inv, err := track(ctx, op, func(ctx context.Context) (*anthropic.OrganizationInvite, error) {
		return c.sdk.Organization.Invites.New(ctx, anthropic.OrganizationInviteNewParams{Email: email, Role: role})
	})
	if err == nil && (inv == nil || inv.ID == "") {
		return nil, unreadable(op, "invite")
	}
	return inv, err
}

// ListInvites is GET /v1/organizations/invites, every page.
func (c *Client) ListInvites(ctx context.Context, email string) ([]anthropic.OrganizationInvite, error) {
	return walkPages(ctx, "list invites", "invites",
		func(ctx context.Context, after string) (*pagination.Page[anthropic.OrganizationInvite], error) {
			q := anthropic.OrganizationInviteListParams{Limit: param.NewOpt(int64(InvitePageSize))}
			if after != "" {
				q.AfterID = param.NewOpt(after)
			}
			if email != "" {
				q.Email = param.NewOpt(email)
			}
			return c.sdk.Organization.Invites.List(ctx, q)
		})
}

// DeleteInvite is DELETE /v1/organizations/invites/{id}: a pending invite
// is withdrawn.
func (c *Client) DeleteInvite(ctx context.Context, id string) error {
	const op = "delete an invite"
	res, err := track(ctx, op, func(ctx context.Context) (*anthropic.OrganizationInviteDeleteResponse, error) {
		return c.sdk.Organization.Invites.Delete(ctx, id)
	})
	if err == nil && res == nil {
		return unreadable(op, "confirmation")
	}
	return err
}
