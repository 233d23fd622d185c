package fakeapi

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// RateLimit is one of the organization's rate-limit entries: a group (a
// model family or an API surface) and the limits that apply to it. Its JSON
// is the API's OrganizationRateLimit object.
type RateLimit struct {
	ID          string   // the entry's id: the rate_limit_id of workspace overrides
	GroupID     string   // rlg_…, the same in every organization
	GroupType   string   // "model_group", "batch", "token_count", "files", "skills" or "web_search"
	DisplayName string   // model groups only, e.g. "Claude Sonnet 4.x"
	Models      []string // model groups only: the models and aliases the limits cover
	Limits      []LimitValue
}

// LimitValue is one limiter's value, e.g. {"requests_per_minute", 4000}.
type LimitValue struct {
	Type  string
	Value int64
}

// rateLimitGroup is the group object of an entry.
func (rl RateLimit) group() map[string]string {
	g := map[string]string{"id": rl.GroupID, "type": rl.GroupType}
	if rl.GroupType == "model_group" {
		g["display_name"] = rl.DisplayName
	}
	return g
}

// models is the entry's models, null for groups that are not model groups.
func (rl RateLimit) models() []string {
	if rl.GroupType != "model_group" {
		return nil
	}
	return append([]string{}, rl.Models...)
}

// MarshalJSON writes the API's OrganizationRateLimit object.
func (rl RateLimit) MarshalJSON() ([]byte, error) {
	limits := make([]map[string]any, len(rl.Limits))
	for i, l := range rl.Limits {
		limits[i] = map[string]any{"type": l.Type, "value": l.Value}
	}
	return json.Marshal(map[string]any{
		"id": rl.ID, "type": "rate_limit", "group": rl.group(), "models": rl.models(), "limits": limits,
	})
}

// The demo organizations' rate-limit entries (see DemoRateLimits).
const (
	DemoRateLimitSonnet    = "rl_01JDemoSonnet4x0000000000"
	DemoRateLimitOpus      = "rl_01JDemoOpus4x000000000000"
	DemoRateLimitHaiku     = "rl_01JDemoHaiku4x00000000000"
	DemoRateLimitBatch     = "rl_01JDemoBatch0000000000000"
	DemoRateLimitWebSearch = "rl_01JDemoWebSearch000000000"
)

// DemoRateLimits are the rate-limit groups every simulated organization has:
// three model families, the Message Batches API and web search.
func DemoRateLimits() []RateLimit {
	perMinute := func(rpm, itpm, otpm int64) []LimitValue {
		return []LimitValue{
			{string(anthropic.WorkspaceRateLimitTypeRequestsPerMinute), rpm},
			{string(anthropic.WorkspaceRateLimitTypeInputTokensPerMinuteCacheAware), itpm},
			{string(anthropic.WorkspaceRateLimitTypeOutputTokensPerMinute), otpm},
		}
	}
	return []RateLimit{
		{ID: DemoRateLimitSonnet, GroupID: "rlg_01VPTCmyiu5ZLsWkcxYG2pY8", GroupType: "model_group", DisplayName: "Claude Sonnet 4.x",
			Models: []string{"claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "claude-sonnet-4-0", "claude-sonnet-4-20250514"},
			Limits: perMinute(4000, 2_000_000, 400_000)},
		{ID: DemoRateLimitOpus, GroupID: "rlg_01Hq7Nf2Kd9XwT3mZp8LcR4v", GroupType: "model_group", DisplayName: "Claude Opus 4.x",
			Models: []string{"claude-opus-4-1", "claude-opus-4-1-20250805", "claude-opus-4-0", "claude-opus-4-20250514"},
			Limits: perMinute(4000, 2_000_000, 400_000)},
		{ID: DemoRateLimitHaiku, GroupID: "rlg_01Bz5Wm8Qe2Yr6Tn4Jx9Kd3s", GroupType: "model_group", DisplayName: "Claude Haiku 4.x",
			Models: []string{"claude-haiku-4-5", "claude-haiku-4-5-20251001"},
			Limits: perMinute(4000, 4_000_000, 800_000)},
		{ID: DemoRateLimitBatch, GroupID: "rlg_01Fk3Lp7Vs1Nc8Hd5Gt2Qw6y", GroupType: "batch",
			Limits: []LimitValue{{string(anthropic.WorkspaceRateLimitTypeRequestsPerMinute), 4000}}},
		{ID: DemoRateLimitWebSearch, GroupID: "rlg_01Xr9Cj4Mb6Pt2Wq8Ze5Ua1h", GroupType: "web_search",
			Limits: []LimitValue{{string(anthropic.WorkspaceRateLimitTypeToolUsesPerSecond), 30}}},
	}
}

// limitTypes are the limiter types a workspace override may set.
var limitTypes = []string{
	string(anthropic.WorkspaceRateLimitTypeFastItpmca), string(anthropic.WorkspaceRateLimitTypeFastOtpm),
	string(anthropic.WorkspaceRateLimitTypeInputTokensPerMinute), string(anthropic.WorkspaceRateLimitTypeInputTokensPerMinuteCacheAware),
	string(anthropic.WorkspaceRateLimitTypeOutputTokensPerMinute), string(anthropic.WorkspaceRateLimitTypeRequestsPerMinute),
	string(anthropic.WorkspaceRateLimitTypeTokensPerDay), string(anthropic.WorkspaceRateLimitTypeTokensPerMinute),
	string(anthropic.WorkspaceRateLimitTypeToolUsesPerSecond),
}

var groupTypes = []string{"batch", "files", "model_group", "skills", "token_count", "web_search"}

// RateLimits returns the organization's rate-limit entries.
func (s *Server) RateLimits() []RateLimit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.store.rateLimits)
}

// WorkspaceRateLimits returns a workspace's overrides: rate_limit_id →
// limiter type → value.
func (s *Server) WorkspaceRateLimits(workspaceID string) map[string]map[string]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]map[string]int64{}
	for rl, vals := range s.store.overrides[workspaceID] {
		out[rl] = map[string]int64{}
		for _, v := range vals {
			out[rl][v.Type] = v.Value
		}
	}
	return out
}

const (
	rateLimitPagePrefix   = "rlpage_"
	wsRateLimitPagePrefix = "wrlpage_"
)

// cursorSlice pages all as PageCursor does for rate limits: no limit is
// every remaining entry in one page.
func cursorSlice[T any](all []T, q map[string][]string, prefix string) (*cursorPage[T], *apiError) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	limit := len(all)
	if v := get("limit"); v != "" {
		n, err := limitParam(v)
		if err != nil {
			return nil, err
		}
		limit = n
	}
	offset := 0
	if p := get("page"); p != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(p, prefix))
		if !strings.HasPrefix(p, prefix) || err != nil || n < 0 {
			return nil, invalid("page: not a page token this API returned; pass next_page from the previous page")
		}
		offset = min(n, len(all))
	}
	end := min(offset+limit, len(all))
	page := &cursorPage[T]{Data: append([]T{}, all[offset:end]...)}
	if end < len(all) {
		next := prefix + strconv.Itoa(end)
		page.NextPage = &next
	}
	return page, nil
}

func groupTypeParam(v string) *apiError {
	if v != "" && !slices.Contains(groupTypes, v) {
		return invalid(fmt.Sprintf("group_type: Input should be one of %s (got %q)", strings.Join(groupTypes, ", "), v))
	}
	return nil
}

// listRateLimits is GET /v1/organizations/rate_limits?group_type=&model=&limit=&page=.
func (s *Server) listRateLimits(c *call) (any, *apiError) {
	q := c.r.URL.Query()
	groupType, model := q.Get("group_type"), q.Get("model")
	if err := groupTypeParam(groupType); err != nil {
		return nil, err
	}
	s.mu.Lock()
	var all []RateLimit
	for _, rl := range s.store.rateLimits {
		if (groupType == "" || rl.GroupType == groupType) && (model == "" || slices.Contains(rl.Models, model)) {
			all = append(all, rl)
		}
	}
	s.mu.Unlock()
	if model != "" && len(all) == 0 {
		return nil, notFound(fmt.Sprintf("model %s not found, or it has no rate limits for this organization", model))
	}
	return cursorSlice(all, q, rateLimitPagePrefix)
}
