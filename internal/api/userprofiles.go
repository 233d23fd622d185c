package api

import (
	"context"
	"errors"
	"fmt"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// ErrListIncomplete is returned, wrapped, together with the items read so
// far when a listing reached its page bound: the list is not whole.
var ErrListIncomplete = errors.New("the list is incomplete")

// maxProfilePages bounds the user-profile walk: 100 per page, so 5,000 profiles.
const maxProfilePages = maxPages

// ListUserProfiles lists the organization's user profiles (GET
// /v1/user_profiles), 100 a page, following next_page. If the page bound is
// reached with more to come, it returns what it read and an error wrapping
// ErrListIncomplete, never a short list that looks whole.
func (c *Client) ListUserProfiles(ctx context.Context) ([]anthropic.UserProfile, error) {
	var out []anthropic.UserProfile
	q := anthropic.UserProfileListParams{Limit: param.NewOpt(int64(100))}
	for range maxProfilePages {
		page, err := c.sdk.UserProfiles.List(ctx, q)
		if err != nil {
			return nil, wrap("list user profiles", err)
		}
		if page == nil {
			return nil, unreadable("list user profiles", "page")
		}
		out = append(out, page.Data...)
		if page.NextPage == "" {
			return out, nil
		}
		q.Page = param.NewOpt(page.NextPage)
	}
	return out, fmt.Errorf("list user profiles: stopped after %d pages (%d profiles) with more to come: %w", maxProfilePages, len(out), ErrListIncomplete)
}

// UserProfileRefused reports whether err is the API refusing a create's
// user_profile_id: error_code user_profile_not_found or key_profile_mismatch.
func UserProfileRefused(err error) bool {
	var sdkErr *anthropic.Error
	if !errors.As(err, &sdkErr) {
		return false
	}
	switch sdkErr.ErrorCode() {
	case "user_profile_not_found", "key_profile_mismatch":
		return true
	}
	return false
}
