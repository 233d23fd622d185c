package fakeapi

import (
	"fmt"
	"net/url"
	"strconv"
)

// listPage is the API's Page: {data, has_more, first_id, last_id}.
type listPage[T any] struct {
	Data    []T     `json:"data"`
	HasMore bool    `json:"has_more"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
}

// paginate returns the page of the kept items that q's limit, after_id and
// before_id select. A cursor may name an item that is no longer kept (e.g. a
// workspace archived since the last page): the page continues from its place.
func paginate[T any](all []T, keep func(T) bool, id func(T) string, q url.Values) (*listPage[T], *apiError) {
	limit, err := limitParam(q.Get("limit"))
	if err != nil {
		return nil, err
	}
	after, before := q.Get("after_id"), q.Get("before_id")
	if after != "" && before != "" {
		return nil, invalid("before_id: give after_id or before_id, not both")
	}
	var kept []T
	start, end := 0, -1 // range of kept, end exclusive; -1 means len(kept)
	for _, item := range all {
		switch id(item) {
		case after:
			start = len(kept)
			if keep(item) {
				start++
			}
		case before:
			end = len(kept)
		}
		if keep(item) {
			kept = append(kept, item)
		}
	}
	if err := cursorFound(all, id, "after_id", after); err != nil {
		return nil, err
	}
	if err := cursorFound(all, id, "before_id", before); err != nil {
		return nil, err
	}
	if end < 0 {
		end = len(kept)
	}
	lo, hi := start, min(end, start+limit)
	if before != "" {
		lo, hi = max(0, end-limit), end
	}
	page := &listPage[T]{Data: append([]T{}, kept[lo:hi]...)}
	page.HasMore = hi < len(kept)
	if before != "" {
		page.HasMore = lo > 0
	}
	if n := len(page.Data); n > 0 {
		first, last := id(page.Data[0]), id(page.Data[n-1])
		page.FirstID, page.LastID = &first, &last
	}
	return page, nil
}

func cursorFound[T any](all []T, id func(T) string, name, cursor string) *apiError {
	if cursor == "" {
		return nil
	}
	for _, item := range all {
		if id(item) == cursor {
			return nil
		}
	}
	return invalid(fmt.Sprintf("%s: no object with id %s", name, cursor))
}

// limitParam reads limit: 1–1000, default 20.
func limitParam(v string) (int, *apiError) {
	if v == "" {
		return 20, nil
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		return 0, invalid("limit: Input should be a valid integer")
	case n < 1:
		return 0, invalid("limit: Input should be greater than or equal to 1")
	case n > 1000:
		return 0, invalid("limit: Input should be less than or equal to 1000")
	}
	return n, nil
}
