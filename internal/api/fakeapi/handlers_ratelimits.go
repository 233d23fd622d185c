package fakeapi

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// wsLimit is one limiter value of a workspace entry.
type wsLimit struct {
	Type     string            `json:"type"`
	Value    int64             `json:"value"`
	OrgLimit *int64            `json:"org_limit"`
	Source   map[string]string `json:"source"`
}

// wsRateLimit is the API's WorkspaceRateLimit object.
type wsRateLimit struct {
	Type        string            `json:"type"`
	WorkspaceID string            `json:"workspace_id"`
	RateLimitID string            `json:"rate_limit_id"`
	Group       map[string]string `json:"group"`
	Models      []string          `json:"models"`
	Limits      []wsLimit         `json:"limits"`
}

// workspaceEntry is rl as workspaceID sees it: its overrides, and with
// inherited the organization's values it does not override; the caller
// holds s.mu.
func (s *Server) workspaceEntry(workspaceID string, rl RateLimit, inherited bool) wsRateLimit {
	e := wsRateLimit{Type: "workspace_rate_limit", WorkspaceID: workspaceID, RateLimitID: rl.ID,
		Group: rl.group(), Models: rl.models(), Limits: []wsLimit{}}
	own := s.store.overrides[workspaceID][rl.ID]
	ownValue := func(typ string) (int64, bool) {
		i := slices.IndexFunc(own, func(v LimitValue) bool { return v.Type == typ })
		if i < 0 {
			return 0, false
		}
		return own[i].Value, true
	}
	workspace, organization := map[string]string{"type": "workspace"}, map[string]string{"type": "organization"}
	for _, l := range rl.Limits {
		org := l.Value
		if v, ok := ownValue(l.Type); ok {
			e.Limits = append(e.Limits, wsLimit{Type: l.Type, Value: v, OrgLimit: &org, Source: workspace})
		} else if inherited {
			e.Limits = append(e.Limits, wsLimit{Type: l.Type, Value: org, OrgLimit: &org, Source: organization})
		}
	}
	for _, v := range own {
		if !slices.ContainsFunc(rl.Limits, func(l LimitValue) bool { return l.Type == v.Type }) {
			e.Limits = append(e.Limits, wsLimit{Type: v.Type, Value: v.Value, Source: workspace})
		}
	}
	return e
}

// listWorkspaceRateLimits is GET /v1/organizations/workspaces/{id}/rate_limits?include_inherited=&group_type=&limit=&page=:
// the groups the workspace overrides, or with include_inherited every group.
func (s *Server) listWorkspaceRateLimits(c *call) (any, *apiError) {
	q := c.r.URL.Query()
	inherited, err := boolParam(q.Get("include_inherited"), "include_inherited")
	if err != nil {
		return nil, err
	}
	groupType := q.Get("group_type")
	if err := groupTypeParam(groupType); err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.store.workspace(c.id) == nil {
		s.mu.Unlock()
		return nil, workspaceNotFound(c.id)
	}
	var all []wsRateLimit
	for _, rl := range s.store.rateLimits {
		if groupType != "" && rl.GroupType != groupType {
			continue
		}
		if e := s.workspaceEntry(c.id, rl, inherited); inherited || len(e.Limits) > 0 {
			all = append(all, e)
		}
	}
	s.mu.Unlock()
	return cursorSlice(all, q, wsRateLimitPagePrefix)
}

// limitChange is one entry of an update's limits: a value, or nil to clear.
type limitChange struct {
	typ   string
	value *int64
}

func decodeLimitChanges(body []byte) ([]limitChange, *apiError) {
	obj, err := decodeObject("body", body, []string{"limits"})
	if err != nil {
		return nil, err
	}
	raw, ok := obj["limits"]
	if !ok {
		return nil, invalidField("limits", errRequired)
	}
	var items []json.RawMessage
	if isNull(raw) || json.Unmarshal(raw, &items) != nil {
		return nil, invalid("limits: Input should be a valid list")
	}
	if len(items) == 0 {
		return nil, invalid("limits: List should have at least 1 item; name each limiter type to set (a value) or clear (null)")
	}
	var out []limitChange
	for i, item := range items {
		path := fmt.Sprintf("limits[%d]", i)
		o, err := decodeObject(path, item, []string{"type", "value"})
		if err != nil {
			return nil, err
		}
		rawType, ok := o["type"]
		if !ok {
			return nil, invalidField(path+".type", errRequired)
		}
		typ, err := decodeString(path+".type", rawType, true)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(limitTypes, *typ) {
			return nil, invalid(fmt.Sprintf("%s.type: unknown limiter type %q; use one of %s", path, *typ, strings.Join(limitTypes, ", ")))
		}
		if slices.ContainsFunc(out, func(ch limitChange) bool { return ch.typ == *typ }) {
			return nil, invalid(fmt.Sprintf("%s.type: %s is named twice; name each limiter type once", path, *typ))
		}
		rawValue, ok := o["value"]
		if !ok {
			return nil, invalid(path + ".value: Field required; send a number to set the override or null to clear it")
		}
		ch := limitChange{typ: *typ}
		if !isNull(rawValue) {
			var v int64
			switch {
			case json.Unmarshal(rawValue, &v) != nil:
				return nil, invalid(path + ".value: Input should be a valid integer, or null to clear the override")
			case v < 1:
				return nil, invalid(path + ".value: Input should be greater than or equal to 1")
			}
			ch.value = &v
		}
		out = append(out, ch)
	}
	return out, nil
}

// updateWorkspaceRateLimit is POST /v1/organizations/workspaces/{id}/rate_limits/{rate_limit_id}
// {limits:[{type, value|null}]}: sets or clears the named overrides and
// answers the group's entry with them applied.
func (s *Server) updateWorkspaceRateLimit(c *call) (any, *apiError) {
	changes, err := decodeLimitChanges(c.body)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.liveWorkspace(c.id, "is archived; its rate limits cannot be changed"); err != nil {
		return nil, err
	}
	i := slices.IndexFunc(s.store.rateLimits, func(rl RateLimit) bool { return rl.ID == c.sub })
	if i < 0 {
		return nil, notFound(fmt.Sprintf("rate limit %s not found in this organization; list them with GET /v1/organizations/rate_limits", c.sub))
	}
	if s.store.overrides == nil {
		s.store.overrides = map[string]map[string][]LimitValue{}
	}
	if s.store.overrides[c.id] == nil {
		s.store.overrides[c.id] = map[string][]LimitValue{}
	}
	own := s.store.overrides[c.id][c.sub]
	for _, ch := range changes {
		own = slices.DeleteFunc(own, func(v LimitValue) bool { return v.Type == ch.typ })
		if ch.value != nil {
			own = append(own, LimitValue{Type: ch.typ, Value: *ch.value})
		}
	}
	s.store.overrides[c.id][c.sub] = own
	return s.workspaceEntry(c.id, s.store.rateLimits[i], false), nil
}
