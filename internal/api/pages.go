package api

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go/v2/packages/pagination"
)

// walkPages reads a list with after_id cursors ({data, has_more, last_id})
// to its end, one request a page, bounded by maxPages; a walk cut short
// returns what it read and an *IncompleteListError.
func walkPages[T any](ctx context.Context, op, what string, list func(ctx context.Context, after string) (*pagination.Page[T], error)) ([]T, error) {
	var out []T
	after := ""
	for i := 0; ; i++ {
		page, err := track(ctx, op, func(ctx context.Context) (*pagination.Page[T], error) { return list(ctx, after) })
		if err != nil {
			return nil, err
		}
		if page == nil {
			return nil, unreadable(op, "page")
		}
		out = append(out, page.Data...)
		next, err := nextCursor(what, len(out), i, page.HasMore, page.LastID, after)
		if next == "" {
			return out, err
		}
		after = next
	}
}

// walkCursor is walkPages for lists with page tokens ({data, next_page}).
func walkCursor[T any](ctx context.Context, op, what string, list func(ctx context.Context, page string) (*pagination.PageCursor[T], error)) ([]T, error) {
	var out []T
	token := ""
	for i := 0; ; i++ {
		page, err := track(ctx, op, func(ctx context.Context) (*pagination.PageCursor[T], error) { return list(ctx, token) })
		if err != nil {
			return nil, err
		}
		if page == nil {
			return nil, unreadable(op, "page")
		}
		out = append(out, page.Data...)
		next, err := nextCursor(what, len(out), i, page.NextPage != "", page.NextPage, token)
		if next == "" {
			return out, err
		}
		token = next
	}
}
