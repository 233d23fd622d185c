package plan

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Exported is an organization written as a plan file (Export): the file,
// and what could not be in it.
type Exported struct {
	File *File
	// LeftOut are the workspaces that are not in the file, one line each
	// saying why (two active workspaces with one name: an entry finds one).
	LeftOut []string
	// Notes are values left out of an entry that the file cannot hold (a
	// workspace_billing member, a value the rules refuse); planning the
	// file leaves them alone.
	Notes []string
}

// Export writes what o holds as a plan file that Parse reads back and that
// Diff plans against o as nothing to do: every active workspace (with
// names, only those) with its tags, data residency, key, profile, colour,
// members and rate-limit overrides, the pending invites, and orgID as
// organization_id. The order is fixed: workspaces by name then id, members
// and invites by e-mail, rate limits by group.
func Export(o Observed, orgID string, names []string) *Exported {
	d := newDiffer(&File{}, o)
	ex := &Exported{File: &File{Version: Version, OrganizationID: orgID}}
	active := slices.Clone(d.active)
	slices.SortFunc(active, func(a, b anthropic.Workspace) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	for _, ws := range active {
		if len(names) > 0 && !slices.Contains(names, ws.Name) {
			continue
		}
		if same := d.byName[ws.Name]; len(same) > 1 {
			if ws.ID == minID(same) { // said once, for all of them
				ids := make([]string, len(same))
				for i, s := range same {
					ids[i] = s.ID
				}
				slices.Sort(ids)
				ex.LeftOut = append(ex.LeftOut, fmt.Sprintf("%d active workspaces are named %q (%s): an entry finds the one workspace with its name, so none of them is in the file; rename or archive all but one in the Console, then export again", len(same), ws.Name, strings.Join(ids, ", ")))
			}
			continue
		}
		if err := rules.ValidateName(ws.Name); err != nil {
			ex.LeftOut = append(ex.LeftOut, fmt.Sprintf("workspace %s: its name cannot be in a plan file: %v", ws.ID, err))
			continue
		}
		ex.File.Workspaces = append(ex.File.Workspaces, ex.workspace(ws, o, d, d.userIDs))
	}
	seen := map[string]bool{}
	for _, in := range sortedInvites(o.Invites) {
		email := strings.ToLower(in.Email)
		if in.Status != anthropic.OrganizationInviteStatusPending || seen[email] {
			continue
		}
		seen[email] = true
		if err := cmp.Or(rules.ValidateEmail(in.Email), rules.ValidateInviteRole(string(in.Role))); err != nil {
			ex.Notes = append(ex.Notes, fmt.Sprintf("the pending invite of %s is left out: %v", in.Email, err))
			continue
		}
		ex.File.Invites = append(ex.File.Invites, Invite{Email: in.Email, Role: anthropic.OrganizationInviteNewParamsRole(in.Role)})
	}
	return ex
}

func minID(ws []anthropic.Workspace) string {
	id := ws[0].ID
	for _, w := range ws[1:] {
		id = min(id, w.ID)
	}
	return id
}

func sortedInvites(in []anthropic.OrganizationInvite) []anthropic.OrganizationInvite {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b anthropic.OrganizationInvite) int {
		return cmp.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email))
	})
	return out
}

func (ex *Exported) note(ws anthropic.Workspace, format string, args ...any) {
	ex.Notes = append(ex.Notes, fmt.Sprintf("workspace %q: ", ws.Name)+fmt.Sprintf(format, args...))
}

// workspace is one entry, every field as the organization has it; a value
// the file cannot hold is left out with a note.
func (ex *Exported) workspace(ws anthropic.Workspace, o Observed, d *differ, users map[string]anthropic.OrganizationUser) Workspace {
	w := Workspace{Name: ws.Name, Tags: maps.Clone(ws.Tags)}
	if w.Tags == nil {
		w.Tags = map[string]string{}
	}
	tags := api.SortedTags(w.Tags)
	tagErr := rules.ValidateTags(tags)
	for _, t := range tags {
		tagErr = cmp.Or(tagErr, rules.ValidateTagKey(t.Key), rules.ValidateTagValue(t.Key, t.Value))
	}
	if tagErr != nil {
		ex.note(ws, "its tags are left out (not managed): %v", tagErr)
		w.Tags = nil
	}
	dr := &DataResidency{
		WorkspaceGeo:         string(ws.DataResidency.WorkspaceGeo),
		AllowedInferenceGeos: observedGeos(ws.DataResidency),
		DefaultInferenceGeo:  string(ws.DataResidency.DefaultInferenceGeo),
	}
	if err := cmp.Or(rules.ValidateWorkspaceGeo(dr.WorkspaceGeo), rules.ValidateAllowedGeos(dr.AllowedInferenceGeos),
		rules.ValidateDefaultGeo(dr.AllowedInferenceGeos, dr.DefaultInferenceGeo)); err != nil {
		ex.note(ws, "its data residency is left out (not managed): %v", err)
		dr = nil
	}
	if dr != nil && *dr != (DataResidency{}) {
		w.DataResidency = dr
	}
	for _, f := range []struct {
		name, value string
		rule        func(string) error
		set         *string
	}{
		{"external_key_id", ws.ExternalKeyID, rules.ValidateExternalKeyID, &w.ExternalKeyID},
		{"user_profile_id", ws.UserProfileID, rules.ValidateUserProfileID, &w.UserProfileID},
		{"display_color", ws.DisplayColor, rules.ValidateDisplayColor, &w.DisplayColor},
	} {
		if err := f.rule(f.value); err != nil {
			ex.note(ws, "its %s is left out: %v", f.name, err)
			continue
		}
		*f.set = f.value
	}
	seen := map[string]bool{}
	for _, m := range o.Members[ws.ID] {
		u, ok := users[m.UserID]
		if !ok {
			ex.note(ws, "member %s is left out: no user of the organization has that id", m.UserID)
			continue
		}
		role, err := rules.ParseWorkspaceRole(string(m.WorkspaceRole))
		if err == nil {
			err = rules.ValidateEmail(u.Email)
		}
		if err != nil {
			ex.note(ws, "member %s (%s) is left out: %v", u.Email, m.WorkspaceRole, err)
			continue
		}
		if seen[strings.ToLower(u.Email)] {
			continue
		}
		seen[strings.ToLower(u.Email)] = true
		w.Members = append(w.Members, Member{Email: u.Email, Role: role})
	}
	slices.SortFunc(w.Members, func(a, b Member) int { return cmp.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)) })
	w.RateLimits = ex.rateLimits(ws, o, d)
	return w
}

// rateLimits are the workspace's overrides, each group named as a person
// knows it, or by its rate_limit_id when that name is not unique.
func (ex *Exported) rateLimits(ws anthropic.Workspace, o Observed, d *differ) []RateLimit {
	var out []RateLimit
	for _, wrl := range o.WorkspaceRateLimits[ws.ID] {
		rl := RateLimit{Group: wrl.RateLimitID}
		for _, g := range o.RateLimits {
			if g.ID != wrl.RateLimitID {
				continue
			}
			if found, _ := d.findGroup(groupName(g)); found != nil && found.ID == g.ID {
				rl.Group = groupName(g)
			}
		}
		for _, v := range wrl.Limits {
			if v.Source.Type == "organization" {
				continue
			}
			if err := cmp.Or(rules.ValidateRateLimitType(v.Type), rules.ValidateRateLimitValue(v.Type, v.Value)); err != nil {
				ex.note(ws, "the %s limit of %s is left out: %v", v.Type, rl.Group, err)
				continue
			}
			rl.Limits = append(rl.Limits, Limit{Type: anthropic.WorkspaceRateLimitType(v.Type), Value: v.Value})
		}
		if len(rl.Limits) == 0 || rules.ValidateRateLimitGroup(rl.Group) != nil {
			continue
		}
		if i := slices.IndexFunc(out, func(r RateLimit) bool { return r.Group == rl.Group }); i >= 0 {
			out[i].Limits = append(out[i].Limits, rl.Limits...)
			continue
		}
		out = append(out, rl)
	}
	slices.SortFunc(out, func(a, b RateLimit) int { return cmp.Compare(a.Group, b.Group) })
	return out
}
