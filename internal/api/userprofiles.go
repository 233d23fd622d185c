package api

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/pagination"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// ListUserProfiles lists the organization's user profiles (GET
// /v1/user_profiles), 100 a page, following next_page. A walk that cannot
// reach the end returns what it read and an *IncompleteListError, never a
// short list that looks whole.
func (c *Client) ListUserProfiles(ctx context.Context) ([]anthropic.UserProfile, error) {
	const op = "list user profiles"
	var out []anthropic.UserProfile
	q := anthropic.UserProfileListParams{Limit: param.NewOpt(int64(100))}
	for i := 0; ; i++ {
		page, err := track(ctx, op, func(ctx context.Context) (*pagination.PageCursor[anthropic.UserProfile], error) {
			return c.sdk.UserProfiles.List(ctx, q)
		})
		if err != nil {
			return nil, err
		}
		if page == nil {
			return nil, unreadable(op, "page")
		}
		out = append(out, page.Data...)
		next, err := nextCursor("user profiles", len(out), i, page.NextPage != "", page.NextPage, q.Page.Value)
		if next == "" {
			return out, err
		}
		q.Page = param.NewOpt(next)
	}
}
