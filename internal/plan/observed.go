package plan

import (
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// Observed is what was read from the organization, in the SDK's own types.
type Observed struct {
	// Workspaces are the organization's active workspaces (archived ones,
	// if given, are ignored).
	Workspaces []anthropic.Workspace
	// Members are each workspace's members, by workspace id.
	Members map[string][]anthropic.WorkspaceMember
	// Users are the organization's users.
	Users []anthropic.OrganizationUser
	// Invites are the organization's invites; only pending ones count.
	Invites []anthropic.OrganizationInvite
	// RateLimits are the organization's rate-limit groups and their limits.
	RateLimits []anthropic.OrganizationRateLimit
	// WorkspaceRateLimits are each workspace's rate limits, by workspace
	// id, as listed with or without include_inherited: only values whose
	// source is the workspace count as its overrides.
	WorkspaceRateLimits map[string][]anthropic.WorkspaceRateLimit
	// ExternalKeys and UserProfiles are the organization's encryption keys
	// and user profiles, read when the file names any (nil when not read:
	// the file's ids are then not checked). KeysUnreadable and
	// ProfilesUnreadable say why a list could not be read (a key that may
	// not list them: 403, 404); the file's ids are then a note.
	ExternalKeys       []anthropic.ExternalKey
	KeysUnreadable     string
	UserProfiles       []anthropic.UserProfile
	ProfilesUnreadable string
	// ActiveWorkspaces is the number of active workspaces; when smaller
	// than len(Workspaces), that is used instead.
	ActiveWorkspaces int
}

type differ struct {
	active  []anthropic.Workspace
	byName  map[string][]anthropic.Workspace
	users   map[string]anthropic.OrganizationUser   // by lower-case e-mail
	userIDs map[string]anthropic.OrganizationUser   // by user id
	pending map[string]anthropic.OrganizationInvite // by lower-case e-mail
	invited map[string]bool                         // by lower-case e-mail: in the file's invites
	members map[string]map[string]anthropic.WorkspaceRole
	o       Observed
}

func newDiffer(f *File, o Observed) *differ {
	d := &differ{
		byName:  map[string][]anthropic.Workspace{},
		users:   map[string]anthropic.OrganizationUser{},
		userIDs: map[string]anthropic.OrganizationUser{},
		pending: map[string]anthropic.OrganizationInvite{},
		invited: map[string]bool{},
		members: map[string]map[string]anthropic.WorkspaceRole{},
		o:       o,
	}
	for _, ws := range o.Workspaces {
		if !ws.ArchivedAt.IsZero() {
			continue
		}
		d.active = append(d.active, ws)
		d.byName[ws.Name] = append(d.byName[ws.Name], ws)
	}
	for _, u := range o.Users {
		d.userIDs[u.ID] = u
		if _, dup := d.users[strings.ToLower(u.Email)]; !dup {
			d.users[strings.ToLower(u.Email)] = u
		}
	}
	for _, in := range o.Invites {
		if in.Status == anthropic.OrganizationInviteStatusPending {
			d.pending[strings.ToLower(in.Email)] = in
		}
	}
	for _, in := range f.Invites {
		d.invited[strings.ToLower(in.Email)] = true
	}
	for wsID, ms := range o.Members {
		d.members[wsID] = map[string]anthropic.WorkspaceRole{}
		for _, m := range ms {
			d.members[wsID][m.UserID] = m.WorkspaceRole
		}
	}
	return d
}
