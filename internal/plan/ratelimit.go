package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// AboveOrgLimit is the warning for an override above the organization's
// own limit, which the API stores but which cannot take effect.
const AboveOrgLimit = "above the organization's limit; it would have no effect"

// groupName is how a person knows a rate-limit group: its display name, or
// its type for groups that have none (batch, files, web_search, …).
func groupName(rl anthropic.OrganizationRateLimit) string {
	if rl.Group.DisplayName != "" {
		return rl.Group.DisplayName
	}
	return rl.Group.Type
}

// findGroup finds the organization's rate-limit entry the file names: by
// its rate_limit_id or group id, else by its name (exactly, then ignoring
// case). It returns the candidates when the name is not unique.
func (d *differ) findGroup(name string) (found *anthropic.OrganizationRateLimit, candidates []anthropic.OrganizationRateLimit) {
	for i, rl := range d.o.RateLimits {
		if rl.ID == name || rl.Group.ID != "" && rl.Group.ID == name {
			return &d.o.RateLimits[i], nil
		}
	}
	for _, match := range []func(string) bool{
		func(s string) bool { return s == name },
		func(s string) bool { return strings.EqualFold(s, name) },
	} {
		var hits []anthropic.OrganizationRateLimit
		for _, rl := range d.o.RateLimits {
			if match(groupName(rl)) {
				hits = append(hits, rl)
			}
		}
		switch len(hits) {
		case 0:
		case 1:
			return &hits[0], nil
		default:
			return nil, hits
		}
	}
	return nil, nil
}

func (d *differ) rateLimit(wsName, wsID string, rl RateLimit) Item {
	it := Item{
		ID: workspaceID(wsName) + ".rate_limit[" + strconv.Quote(rl.Group) + "]", Kind: KindRateLimit,
		Workspace: wsName, WorkspaceID: wsID, Target: rl.Group,
	}
	group, candidates := d.findGroup(rl.Group)
	if group == nil {
		it.Action = Failed
		if len(candidates) > 0 {
			ids := make([]string, len(candidates))
			for i, c := range candidates {
				ids[i] = c.ID
			}
			it.Description = fmt.Sprintf("%d rate-limit groups are named %q; name one by its rate_limit_id: %s", len(candidates), rl.Group, strings.Join(ids, ", "))
		} else {
			var names []string
			for _, g := range d.o.RateLimits {
				names = append(names, groupName(g))
			}
			known := "it has none"
			if len(names) > 0 {
				known = "its groups are: " + strings.Join(names, ", ")
			}
			it.Description = fmt.Sprintf("the organization has no rate-limit group %q; %s", rl.Group, known)
		}
		return it
	}
	it.RateLimitID = group.ID

	orgLimit := map[string]int64{}
	for _, v := range group.Limits {
		orgLimit[v.Type] = v.Value
	}
	current := map[string]int64{}
	for _, wrl := range d.o.WorkspaceRateLimits[wsID] {
		if wrl.RateLimitID != group.ID {
			continue
		}
		for _, v := range wrl.Limits {
			if _, ok := orgLimit[v.Type]; !ok && v.JSON.OrgLimit.Valid() {
				orgLimit[v.Type] = v.OrgLimit
			}
			if v.Source.Type != "organization" {
				current[v.Type] = v.Value
			}
		}
	}

	params := anthropic.OrganizationWorkspaceRateLimitUpdateParams{WorkspaceID: wsID}
	for _, l := range rl.Limits {
		c := Change{Field: string(l.Type), New: ptr(strconv.FormatInt(l.Value, 10))}
		if old, ok := current[string(l.Type)]; ok {
			c.Old = ptr(strconv.FormatInt(old, 10))
		}
		if org, ok := orgLimit[string(l.Type)]; ok {
			c.OrgLimit = ptr(org)
			if l.Value > org {
				it.Warnings = append(it.Warnings, fmt.Sprintf("%s %d is %s: the organization allows %d", l.Type, l.Value, AboveOrgLimit, org))
			}
		}
		it.Changes = append(it.Changes, c)
		if c.Changed() {
			params.Limits = append(params.Limits, anthropic.WorkspaceRateLimitUpdateValueParam{Type: l.Type, Value: param.NewOpt(l.Value)})
		}
	}
	// The entry's rate_limits are the whole truth: an override of a type
	// the group's entry does not name is cleared (value null).
	for _, t := range unnamed(current, rl.Limits) {
		it.Changes = append(it.Changes, Change{Field: t, Old: ptr(strconv.FormatInt(current[t], 10))})
		params.Limits = append(params.Limits, anthropic.WorkspaceRateLimitUpdateValueParam{Type: anthropic.WorkspaceRateLimitType(t), Value: param.Null[int64]()})
	}
	name := groupName(*group)
	if len(params.Limits) == 0 {
		it.Action, it.Description = Unchanged, fmt.Sprintf("the %s limits are as the file says", name)
		return it
	}
	it.Action = Update
	it.Description = fmt.Sprintf("set the %s limits (the organization's limits still apply; changes take effect within about an hour)", name)
	it.Write = &Write{UpdateRateLimits: &params}
	return it
}

// unnamed are the override types of current that limits does not name,
// sorted.
func unnamed(current map[string]int64, limits []Limit) []string {
	var out []string
	for t := range current {
		if !slices.ContainsFunc(limits, func(l Limit) bool { return string(l.Type) == t }) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// clearUnlisted plans, for a workspace whose entry has rate_limits, the
// clearing of every override in a group the entry does not list: the
// file's rate_limits are the whole truth for the workspace.
func (d *differ) clearUnlisted(wsName, wsID string, listed []RateLimit) []Item {
	keep := map[string]bool{}
	for _, rl := range listed {
		if g, _ := d.findGroup(rl.Group); g != nil {
			keep[g.ID] = true
		}
	}
	var items []Item
	for _, wrl := range d.o.WorkspaceRateLimits[wsID] {
		if keep[wrl.RateLimitID] {
			continue
		}
		name := wrl.RateLimitID
		for _, g := range d.o.RateLimits {
			if g.ID == wrl.RateLimitID {
				name = groupName(g)
			}
		}
		it := Item{
			ID: workspaceID(wsName) + ".rate_limit[" + strconv.Quote(name) + "]", Kind: KindRateLimit,
			Workspace: wsName, WorkspaceID: wsID, Target: name, RateLimitID: wrl.RateLimitID,
		}
		params := anthropic.OrganizationWorkspaceRateLimitUpdateParams{WorkspaceID: wsID}
		for _, v := range wrl.Limits {
			if v.Source.Type == "organization" {
				continue
			}
			it.Changes = append(it.Changes, Change{Field: v.Type, Old: ptr(strconv.FormatInt(v.Value, 10))})
			params.Limits = append(params.Limits, anthropic.WorkspaceRateLimitUpdateValueParam{Type: anthropic.WorkspaceRateLimitType(v.Type), Value: param.Null[int64]()})
		}
		if len(params.Limits) == 0 {
			continue
		}
		it.Action = Update
		it.Description = fmt.Sprintf("clear the %s overrides: the entry's rate_limits do not list the group (the organization's limits apply; changes take effect within about an hour)", name)
		it.Write = &Write{UpdateRateLimits: &params}
		items = append(items, it)
	}
	return items
}
