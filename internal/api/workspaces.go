package api

import (
	"context"
	"errors"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// ConsoleURL is where an organization's workspaces are managed in the
// Console: where a person checks what exists and adds members and keys.
const ConsoleURL = "https://platform.claude.com/settings/workspaces"

// EachWorkspace walks every (non-archived) workspace of the organization,
// page by page, until fn returns false. The walk is bounded, so a server
// that never stops paging cannot keep it going.
func EachWorkspace(ctx context.Context, a Admin, fn func(*anthropic.Workspace) bool) error {
	after := ""
	for range maxPages {
		page, err := a.ListWorkspaces(ctx, after, 100)
		if err != nil {
			return err
		}
		for i := range page.Data {
			if !fn(&page.Data[i]) {
				return nil
			}
		}
		if !page.HasMore || page.LastID == "" {
			return nil
		}
		after = page.LastID
	}
	return errors.New("too many workspaces to list")
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
