package plan

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Diff plans what applying f to the organization would do. It is pure: it
// reads f and o and returns the plan, touching neither. It archives only
// the workspaces of entries marked archived: true, never one the file does
// not name.
func Diff(f *File, o Observed) *Plan {
	d := newDiffer(f, o)
	p := &Plan{}
	targets := make([]string, len(f.Workspaces)) // each entry's workspace id; "" while to be created
	skip := make([]bool, len(f.Workspaces))      // an entry whose name matches several workspaces
	creates, archives := 0, 0
	for i := range f.Workspaces {
		w := &f.Workspaces[i]
		switch matches := d.byName[w.Name]; {
		case w.Archived && len(matches) == 0:
			p.Items = append(p.Items, Item{
				ID: workspaceID(w.Name), Kind: KindWorkspace, Action: Unchanged, Workspace: w.Name,
				Description: fmt.Sprintf("no active workspace is named %q: already archived (or never created); nothing to archive", w.Name),
			})
		case w.Archived && len(matches) == 1:
			p.Items = append(p.Items, archiveItem(w, matches[0]))
			archives++
		}
		if w.Archived && len(d.byName[w.Name]) < 2 {
			continue
		}
		switch matches := d.byName[w.Name]; len(matches) {
		case 0:
			p.Items = append(p.Items, d.lookAlikes(createItem(w)))
			p.Items = append(p.Items, d.references(w)...)
			creates++
		case 1:
			targets[i] = matches[0].ID
			p.Items = append(p.Items, compare(w, matches[0])...)
		default:
			skip[i] = true
			ids := make([]string, len(matches))
			for j, m := range matches {
				ids[j] = m.ID
			}
			p.Items = append(p.Items, Item{
				ID: workspaceID(w.Name), Kind: KindWorkspace, Action: Conflict, Workspace: w.Name,
				Description: fmt.Sprintf("%d active workspaces are named %q (%s); entries find workspaces by exact name, so this entry, its members and its rate limits are left alone: rename or archive all but one in the Console", len(matches), w.Name, strings.Join(ids, ", ")),
			})
		}
	}
	active := max(o.ActiveWorkspaces, len(d.active))
	p.Workspaces = WorkspaceCount{Active: active, After: active + creates - archives, Limit: rules.MaxActiveWorkspaces}
	if over := p.Workspaces.After - rules.MaxActiveWorkspaces; over > 0 {
		p.Errors = append(p.Errors, fmt.Sprintf("this plan makes %d active workspaces; the limit is %d: remove %s from the file, or archive %s in the Console", p.Workspaces.After, rules.MaxActiveWorkspaces, count(min(over, creates), "new entry", "new entries"), count(over, "workspace", "workspaces")))
	}
	for i := range f.Workspaces {
		if skip[i] {
			continue
		}
		w := &f.Workspaces[i]
		for _, m := range w.Members {
			p.Items = append(p.Items, d.member(w.Name, targets[i], m))
		}
		if w.MembersExclusive && targets[i] != "" {
			p.Items = append(p.Items, d.removals(w, targets[i])...)
		}
		for _, rl := range w.RateLimits {
			p.Items = append(p.Items, d.rateLimit(w.Name, targets[i], rl))
		}
		if w.RateLimits != nil && targets[i] != "" {
			p.Items = append(p.Items, d.clearUnlisted(w.Name, targets[i], w.RateLimits)...)
		}
	}
	for _, in := range f.Invites {
		p.Items = append(p.Items, d.invite(in))
	}
	p.summarize()
	return p
}

// Item ids: the kind, then the names that find the item, quoted.
func workspaceID(name string) string { return "workspace[" + strconv.Quote(name) + "]" }

func ptr[T any](v T) *T { return &v }

// ArchiveWarning is what every archive item says before it is applied.
const ArchiveWarning = "archiving is permanent: the workspace's API keys stop working at once, and it can never be unarchived"

func archiveItem(w *Workspace, ws anthropic.Workspace) Item {
	return Item{
		ID: workspaceID(w.Name), Kind: KindWorkspace, Action: Archive, Workspace: w.Name, WorkspaceID: ws.ID,
		Description: fmt.Sprintf("archive workspace %q (%s)", w.Name, ws.ID),
		Changes:     []Change{{Field: "state", Old: ptr("active"), New: ptr("archived")}},
		Warnings:    []string{ArchiveWarning},
		Write:       &Write{ArchiveWorkspace: &ArchiveWorkspace{}},
	}
}

func createItem(w *Workspace) Item {
	spec := w.Spec()
	it := Item{
		ID: workspaceID(w.Name), Kind: KindWorkspace, Action: Create, Workspace: w.Name,
		Description: fmt.Sprintf("create workspace %q", w.Name),
		Write:       &Write{CreateWorkspace: &spec},
	}
	set := func(field, v string) {
		if v != "" {
			it.Changes = append(it.Changes, Change{Field: field, New: ptr(v)})
		}
	}
	set(rules.FieldName, w.Name)
	for _, t := range api.SortedTags(w.Tags) {
		it.Changes = append(it.Changes, Change{Field: rules.FieldTags + "." + t.Key, New: ptr(t.Value)})
	}
	set(rules.FieldWorkspaceGeo, spec.WorkspaceGeo)
	set(rules.FieldAllowedGeos, spec.AllowedInferenceGeos)
	set(rules.FieldDefaultGeo, spec.DefaultInferenceGeo)
	set(rules.FieldExternalKeyID, w.ExternalKeyID)
	set(rules.FieldUserProfileID, w.UserProfileID)
	set(rules.FieldDisplayColor, w.DisplayColor)
	if w.ExternalKeyID != "" {
		it.Warnings = append(it.Warnings, "the encryption key is write-once: it can never be detached or replaced")
	}
	if w.UserProfileID != "" {
		it.Warnings = append(it.Warnings, "user profile: "+rules.UserProfilePermanent)
	}
	return it
}

// observedGeos writes a workspace's allowed geos as the file does:
// "unrestricted", or the geos comma-separated in rules.InferenceGeos order.
func observedGeos(dr anthropic.DataResidency) string { return canonicalGeos(api.AllowedGeos(dr)) }

func canonicalGeos(s string) string {
	geos := api.SplitGeos(s)
	if len(geos) == 1 && geos[0] == api.Unrestricted {
		return api.Unrestricted
	}
	ordered := rules.AllowedGeosValue(false, geos)
	for _, g := range geos { // geos this program does not know yet are kept, last
		if !slices.Contains(rules.InferenceGeos, g) {
			ordered += "," + g
		}
	}
	return strings.TrimPrefix(ordered, ",")
}

// compare plans an entry against the one workspace it matches: an update
// of what may change, a conflict for each field that may not.
func compare(w *Workspace, ws anthropic.Workspace) []Item {
	it := Item{ID: workspaceID(w.Name), Kind: KindWorkspace, Workspace: w.Name, WorkspaceID: ws.ID}
	params := anthropic.OrganizationWorkspaceUpdateParams{}
	var conflicts []Item
	conflict := func(field, old, new, why string) {
		conflicts = append(conflicts, Item{
			ID: workspaceID(w.Name) + "." + field, Kind: KindWorkspace, Action: Conflict, Workspace: w.Name, WorkspaceID: ws.ID,
			Description: why, Changes: []Change{{Field: field, Old: optional(old), New: ptr(new)}},
		})
	}

	if w.Tags != nil && !maps.Equal(w.Tags, ws.Tags) {
		keys := slices.Sorted(maps.Keys(w.Tags))
		for k := range ws.Tags {
			if _, ok := w.Tags[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			c := Change{Field: rules.FieldTags + "." + k}
			if v, ok := ws.Tags[k]; ok {
				c.Old = ptr(v)
			}
			if v, ok := w.Tags[k]; ok {
				c.New = ptr(v)
			}
			if c.Changed() {
				it.Changes = append(it.Changes, c)
			}
		}
		api.SetTagChanges(&params, changedTags(w.Tags, ws.Tags), removedTags(w.Tags, ws.Tags))
	}
	if dr := w.DataResidency; dr != nil {
		if old := string(ws.DataResidency.WorkspaceGeo); dr.WorkspaceGeo != "" && old != "" && old != dr.WorkspaceGeo {
			conflict(rules.FieldWorkspaceGeo, old, dr.WorkspaceGeo, fmt.Sprintf("the workspace's data is stored in %q and the file says %q; the workspace geo is permanent: put %q in the file, or give the entry a new name to create another workspace", old, dr.WorkspaceGeo, old))
		}
		if old := observedGeos(ws.DataResidency); dr.AllowedInferenceGeos != "" && canonicalGeos(dr.AllowedInferenceGeos) != old {
			it.Changes = append(it.Changes, Change{Field: rules.FieldAllowedGeos, Old: ptr(old), New: ptr(dr.AllowedInferenceGeos)})
			if dr.AllowedInferenceGeos == api.Unrestricted {
				params.DataResidency.AllowedInferenceGeos.OfUnrestricted = api.Unrestricted
			} else {
				for _, g := range api.SplitGeos(dr.AllowedInferenceGeos) {
					params.DataResidency.AllowedInferenceGeos.OfGeos = append(params.DataResidency.AllowedInferenceGeos.OfGeos, anthropic.AllowedInferenceGeo(g))
				}
			}
		}
		if old := string(ws.DataResidency.DefaultInferenceGeo); dr.DefaultInferenceGeo != "" && dr.DefaultInferenceGeo != old {
			it.Changes = append(it.Changes, Change{Field: rules.FieldDefaultGeo, Old: optional(old), New: ptr(dr.DefaultInferenceGeo)})
			params.DataResidency.DefaultInferenceGeo = anthropic.DataResidencyUpdateConfigDefaultInferenceGeo(dr.DefaultInferenceGeo)
		}
	}
	switch old := ws.ExternalKeyID; {
	case w.ExternalKeyID == "" || old == w.ExternalKeyID:
	case old == "":
		conflict(rules.FieldExternalKeyID, old, w.ExternalKeyID, "the workspace has no encryption key and the file names one; attaching a key is write-once, so a plan never does it: attach it in the Console if you mean to, or remove external_key_id from the entry")
	default:
		conflict(rules.FieldExternalKeyID, old, w.ExternalKeyID, fmt.Sprintf("the workspace's encryption key is %s and the file names another; an attached key can never be replaced: put %s in the file", old, old))
	}
	switch old := ws.UserProfileID; {
	case w.UserProfileID == "" || old == w.UserProfileID:
	case old == "":
		conflict(rules.FieldUserProfileID, old, w.UserProfileID, "the workspace has no user profile and the file names one; a user profile is permanent, so a plan never sets it: set it in the Console if you mean to, or remove user_profile_id from the entry")
	default:
		conflict(rules.FieldUserProfileID, old, w.UserProfileID, fmt.Sprintf("the workspace's user profile is %s and the file names another; a user profile can never be replaced: put %s in the file", old, old))
	}
	if old := ws.DisplayColor; w.DisplayColor != "" && !strings.EqualFold(old, w.DisplayColor) {
		it.Changes = append(it.Changes, Change{Field: rules.FieldDisplayColor, Old: optional(old), New: ptr(w.DisplayColor)})
		params.DisplayColor = param.NewOpt(w.DisplayColor)
	}

	if len(it.Changes) == 0 {
		it.Action, it.Description = Unchanged, fmt.Sprintf("workspace %q (%s) matches the file", w.Name, ws.ID)
	} else {
		it.Action, it.Description = Update, fmt.Sprintf("update workspace %q (%s)", w.Name, ws.ID)
		it.Write = &Write{UpdateWorkspace: &params}
	}
	return append([]Item{it}, conflicts...)
}

// changedTags are the tags of want that have is missing or has with
// another value: what an update sends (the API keeps tags it is not sent).
func changedTags(want, have map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range want {
		if old, ok := have[k]; !ok || old != v {
			out[k] = v
		}
	}
	return out
}

// removedTags are the keys of have that want does not name, sorted: sent
// as null, which the API takes as "remove this tag".
func removedTags(want, have map[string]string) []string {
	var out []string
	for k := range have {
		if _, ok := want[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (d *differ) member(wsName, wsID string, m Member) Item {
	email := strings.ToLower(m.Email)
	it := Item{
		ID: workspaceID(wsName) + ".member[" + strconv.Quote(email) + "]", Kind: KindMember,
		Workspace: wsName, WorkspaceID: wsID, Target: m.Email,
	}
	u, ok := d.users[email]
	if !ok {
		it.Action = Note
		if _, pending := d.pending[email]; pending || d.invited[email] {
			it.Description = m.Email + " is invited but not yet in the organization; apply again after they accept to add them"
		} else {
			it.Action = Failed
			it.Description = m.Email + " is neither a user of the organization nor invited in this file: check the address, or list it under invites (then apply again after they accept to add them)"
		}
		return it
	}
	it.UserID = u.ID
	old, isMember := d.members[wsID][u.ID]
	switch {
	case wsID == "" || !isMember:
		it.Action, it.Description = Create, fmt.Sprintf("add %s as %s", m.Email, m.Role)
		it.Changes = []Change{{Field: rules.FieldMemberRole, New: ptr(string(m.Role))}}
		it.Write = &Write{AddMember: &anthropic.OrganizationWorkspaceMemberAddParams{UserID: u.ID, WorkspaceRole: m.Role}}
	case string(old) != string(m.Role):
		it.Action, it.Description = Update, fmt.Sprintf("change %s's role", m.Email)
		it.Changes = []Change{{Field: rules.FieldMemberRole, Old: ptr(string(old)), New: ptr(string(m.Role))}}
		it.Write = &Write{UpdateMember: &anthropic.OrganizationWorkspaceMemberUpdateParams{WorkspaceID: wsID, WorkspaceRole: anthropic.WorkspaceRole(m.Role)}}
		if old == anthropic.WorkspaceRoleWorkspaceBilling {
			it.Warnings = append(it.Warnings, "workspace_billing comes with the organization's billing role; the API may refuse to change it")
		}
	default:
		it.Action, it.Description = Unchanged, fmt.Sprintf("%s is a member as %s", m.Email, m.Role)
	}
	return it
}

func (d *differ) invite(in Invite) Item {
	email := strings.ToLower(in.Email)
	it := Item{ID: "invite[" + strconv.Quote(email) + "]", Kind: KindInvite, Target: in.Email}
	if u, ok := d.users[email]; ok {
		it.Action, it.UserID = Note, u.ID
		it.Description = fmt.Sprintf("%s is already in the organization (role %s); nothing to invite", in.Email, u.Role)
		return it
	}
	if p, ok := d.pending[email]; ok {
		it.Action, it.Description = Unchanged, fmt.Sprintf("%s has a pending invite; it is not sent twice", in.Email)
		if string(p.Role) != string(in.Role) {
			it.Warnings = append(it.Warnings, fmt.Sprintf("the pending invite is for the role %s and the file says %s; to change it, delete the invite in the Console and apply again", p.Role, in.Role))
		}
		return it
	}
	it.Action, it.Description = Create, fmt.Sprintf("invite %s as %s", in.Email, in.Role)
	it.Changes = []Change{{Field: "role", New: ptr(string(in.Role))}}
	it.Write = &Write{CreateInvite: &anthropic.OrganizationInviteNewParams{Email: in.Email, Role: in.Role}}
	return it
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// lookAlikes warns on a new workspace's item when an active workspace has a
// name that looks like its own (rules.LookAlike): the entry creates a new
// one, beside it.
func (d *differ) lookAlikes(it Item) Item {
	for _, ws := range d.active {
		if rules.LookAlike(it.Workspace, ws.Name) {
			it.Warnings = append(it.Warnings, rules.LookAlikeWarning(it.Workspace, ws.Name)+" ("+ws.ID+"); this entry creates a new workspace")
		}
	}
	return it
}
