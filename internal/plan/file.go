package plan

import (
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

// Version is the only plan file version there is.
const Version = 1

// File is a parsed plan file: the workspaces the organization should have
// and the people to invite. A field left out of the file is not managed:
// the planner leaves what the organization has alone.
type File struct {
	Version int
	// OrganizationID pins the file to one organization: plan, apply and
	// setup refuse a key of another. "" (the default) pins nothing.
	OrganizationID string
	Workspaces     []Workspace
	Invites        []Invite
}

// Workspace is one entry of workspaces:. Name finds the workspace: an entry
// matches the one active workspace with exactly that name.
type Workspace struct {
	Name string
	// Tags is nil when the file has no tags: (not managed) and empty for
	// tags: {} (the workspace should have none).
	Tags          map[string]string
	DataResidency *DataResidency // nil: not managed
	ExternalKeyID string         // write-once
	UserProfileID string         // permanent
	DisplayColor  string
	Members       []Member
	// MembersExclusive (members_exclusive: true) makes Members the whole
	// list: members the file does not name are removed. Off, members are
	// only added or changed.
	MembersExclusive bool
	// RateLimits is nil when the file has no rate_limits: (not managed);
	// present, even empty, it is the whole truth: overrides it does not
	// name are cleared.
	RateLimits []RateLimit
	// Archived (archived: true) asks for the workspace to be archived:
	// permanent, and its API keys stop working. Such an entry has only a
	// name: Parse refuses any other field on it.
	Archived bool
}

// DataResidency is a workspace's data_residency:. An empty field is not
// managed (or, for a new workspace, left to the server's default).
type DataResidency struct {
	WorkspaceGeo string
	// AllowedInferenceGeos is "unrestricted" or geos comma-separated
	// ("us,global"), as api.Spec has it.
	AllowedInferenceGeos string
	DefaultInferenceGeo  string
}

// Member is a person who should be a member of the workspace, with a role.
// Members the file does not name are left alone, unless the entry has
// members_exclusive: true.
type Member struct {
	Email string
	Role  anthropic.NoBillingWorkspaceRole
}

// Invite is a person who should be invited to the organization.
type Invite struct {
	Email string
	Role  anthropic.OrganizationInviteNewParamsRole
}

// RateLimit is a workspace's overrides for one of the organization's
// rate-limit groups, named by its display name (or type, for groups that
// have none), its rate_limit_id or its group id. The organization's limits
// still apply.
type RateLimit struct {
	Group  string
	Limits []Limit // in rules.RateLimitTypes order, each type once
}

// Limit is one override: a limiter type and its value.
type Limit struct {
	Type  anthropic.WorkspaceRateLimitType
	Value int64
}

// Spec is the workspace as the create path takes it: only the fields the
// file sets, so the server's defaults apply to the rest.
func (w *Workspace) Spec() api.Spec {
	s := api.Spec{
		Name:          w.Name,
		Tags:          api.SortedTags(w.Tags),
		ExternalKeyID: w.ExternalKeyID,
		DisplayColor:  w.DisplayColor,
		UserProfileID: w.UserProfileID,
	}
	if len(s.Tags) == 0 {
		s.Tags = nil
	}
	if dr := w.DataResidency; dr != nil {
		s.WorkspaceGeo = dr.WorkspaceGeo
		s.AllowedInferenceGeos = dr.AllowedInferenceGeos
		s.DefaultInferenceGeo = dr.DefaultInferenceGeo
	}
	return s
}
