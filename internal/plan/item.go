package plan

import (
	"encoding/json"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// Kind is what an item is about.
type Kind string

// The kinds of item, in the order a plan lists them.
const (
	KindWorkspace Kind = "workspace"
	KindMember    Kind = "member"
	KindRateLimit Kind = "rate_limit"
	KindInvite    Kind = "invite"
)

// Action is what applying the plan does for an item. Create, update and
// archive write; a conflict, a note and an error are reported and never
// acted on.
type Action string

// The actions.
const (
	Create Action = "create"
	Update Action = "update"
	// Archive archives a workspace the file marks archived: true. It is
	// permanent: the workspace's API keys stop working and it can never be
	// unarchived. At a terminal it is sent only once its name is typed.
	Archive   Action = "archive"
	Conflict  Action = "conflict"  // the organization differs in a way the plan may not change
	Unchanged Action = "unchanged" // already as the file says
	Note      Action = "note"      // nothing to write, and something to know
	Failed    Action = "error"     // the file asks for something that cannot be done
)

// Writes reports whether the action sends a request.
func (a Action) Writes() bool { return a == Create || a == Update || a == Archive }

// Item is one step of a plan. Its JSON (plan --json) has these fields:
//
//	id            stable within a plan and across runs of the same file,
//	              e.g. member["research-prod"]["alice@example.com"]
//	kind          workspace | member | rate_limit | invite
//	action        create | update | archive | conflict | unchanged | note | error
//	workspace     the entry's workspace name (absent for invites)
//	workspace_id  the workspace's id; absent while it is still to be created
//	target        the member's or invitee's e-mail, or the rate-limit group as the file names it
//	description   one line for a person
//	changes       the fields: [{field, old, new, org_limit}]; old or new null when unset
//	warnings      what a person should know before applying
//	user_id       a member's user id (to add or update)
//	rate_limit_id the organization's rate-limit entry
//	write         the request an applier sends, as the API's JSON body, under
//	              one of create_workspace, update_workspace, archive_workspace
//	              (no body: {}), add_member, update_member, create_invite,
//	              update_rate_limits, remove_member (a DELETE: the body is
//	              empty, {} is shown)
type Item struct {
	ID          string   `json:"id"`
	Kind        Kind     `json:"kind"`
	Action      Action   `json:"action"`
	Workspace   string   `json:"workspace,omitempty"`
	WorkspaceID string   `json:"workspace_id,omitempty"`
	Target      string   `json:"target,omitempty"`
	Description string   `json:"description"`
	Changes     []Change `json:"changes,omitempty"`
	Warnings    []string `json:"warnings,omitempty"`
	UserID      string   `json:"user_id,omitempty"`
	RateLimitID string   `json:"rate_limit_id,omitempty"`
	Write       *Write   `json:"write,omitempty"`
}

// Change is one field's value before and after. For a rate limit, every
// value the file names is listed (changed or not), with the organization's
// limit beside it.
type Change struct {
	Field    string  `json:"field"`
	Old      *string `json:"old"` // nil: not set
	New      *string `json:"new"` // nil: removed (a tag)
	OrgLimit *int64  `json:"org_limit,omitempty"`
}

// Changed reports whether the value differs.
func (c Change) Changed() bool {
	return (c.Old == nil) != (c.New == nil) || c.Old != nil && *c.Old != *c.New
}

// Write is what an applier sends for an item that writes: exactly one field
// is set. Where the item's WorkspaceID is empty the workspace is created by
// an earlier item of the same plan (same Workspace name); the applier puts
// the new id into the params' WorkspaceID. A workspace must be created
// through api.Creator (CreateWorkspace is its Spec), never resent blindly.
type Write struct {
	CreateWorkspace  *api.Spec
	UpdateWorkspace  *anthropic.OrganizationWorkspaceUpdateParams          // send with the item's WorkspaceID
	ArchiveWorkspace *ArchiveWorkspace                                     // send with the item's WorkspaceID
	AddMember        *anthropic.OrganizationWorkspaceMemberAddParams       // send with the item's WorkspaceID
	UpdateMember     *anthropic.OrganizationWorkspaceMemberUpdateParams    // send with the item's UserID
	CreateInvite     *anthropic.OrganizationInviteNewParams                //
	UpdateRateLimits *anthropic.OrganizationWorkspaceRateLimitUpdateParams // send with the item's RateLimitID
	RemoveMember     *anthropic.OrganizationWorkspaceMemberRemoveParams    // send with the item's UserID
}

// ArchiveWorkspace is POST /v1/organizations/workspaces/{id}/archive,
// which has no body: the item's WorkspaceID is all it needs.
type ArchiveWorkspace struct{}

// MarshalJSON writes the request body the API receives, under the name of
// the field that is set.
func (w Write) MarshalJSON() ([]byte, error) {
	var out struct {
		CreateWorkspace  *anthropic.OrganizationWorkspaceNewParams             `json:"create_workspace,omitempty"`
		UpdateWorkspace  *anthropic.OrganizationWorkspaceUpdateParams          `json:"update_workspace,omitempty"`
		ArchiveWorkspace *ArchiveWorkspace                                     `json:"archive_workspace,omitempty"`
		AddMember        *anthropic.OrganizationWorkspaceMemberAddParams       `json:"add_member,omitempty"`
		UpdateMember     *anthropic.OrganizationWorkspaceMemberUpdateParams    `json:"update_member,omitempty"`
		CreateInvite     *anthropic.OrganizationInviteNewParams                `json:"create_invite,omitempty"`
		UpdateRateLimits *anthropic.OrganizationWorkspaceRateLimitUpdateParams `json:"update_rate_limits,omitempty"`
		RemoveMember     *anthropic.OrganizationWorkspaceMemberRemoveParams    `json:"remove_member,omitempty"`
	}
	if w.CreateWorkspace != nil {
		p := w.CreateWorkspace.Params()
		out.CreateWorkspace = &p
	}
	out.UpdateWorkspace, out.AddMember, out.UpdateMember = w.UpdateWorkspace, w.AddMember, w.UpdateMember
	out.CreateInvite, out.UpdateRateLimits, out.RemoveMember = w.CreateInvite, w.UpdateRateLimits, w.RemoveMember
	out.ArchiveWorkspace = w.ArchiveWorkspace
	return json.Marshal(out)
}

// Plan is what applying a file would do, item by item: workspaces first,
// then each workspace's members and rate limits, invites last. Its JSON
// (plan --json) is:
//
//	items       [Item…], see Item
//	errors      plan-wide problems (the workspace limit); a plan with errors must not be applied
//	workspaces  {active, after, limit}: active workspaces now, after applying, and the API's limit
//	summary     {create, update, archive, conflict, unchanged, note, error, changes}: items
//	            per action; error also counts the plan-wide errors; changes = create +
//	            update + archive, the number of writes
type Plan struct {
	Items      []Item         `json:"items"`
	Errors     []string       `json:"errors"`
	Workspaces WorkspaceCount `json:"workspaces"`
	Summary    Summary        `json:"summary"`
}

// WorkspaceCount is the organization's active workspaces now and after
// applying the plan, and the API's limit.
type WorkspaceCount struct {
	Active int `json:"active"`
	After  int `json:"after"`
	Limit  int `json:"limit"`
}

// Summary counts a plan's items by action.
type Summary struct {
	Create    int `json:"create"`
	Update    int `json:"update"`
	Archive   int `json:"archive"`
	Conflict  int `json:"conflict"`
	Unchanged int `json:"unchanged"`
	Note      int `json:"note"`
	Error     int `json:"error"`
	Changes   int `json:"changes"`
}

// Changes counts the plan's writes: 0 for an organization that already
// matches the file.
func (p *Plan) Changes() int {
	n := 0
	for _, it := range p.Items {
		if it.Action.Writes() {
			n++
		}
	}
	return n
}

// OK reports whether the plan may be applied: no plan-wide error and no
// item in error. Conflicts do not stop it: they are never acted on.
func (p *Plan) OK() bool { return len(p.Errors) == 0 && p.Summary.Error == 0 }

func (p *Plan) summarize() {
	s := Summary{}
	for _, it := range p.Items {
		switch it.Action {
		case Create:
			s.Create++
		case Update:
			s.Update++
		case Archive:
			s.Archive++
		case Conflict:
			s.Conflict++
		case Unchanged:
			s.Unchanged++
		case Note:
			s.Note++
		case Failed:
			s.Error++
		}
	}
	s.Changes = s.Create + s.Update + s.Archive
	s.Error += len(p.Errors) // plan-wide errors count as errors too
	p.Summary = s
	if p.Errors == nil {
		p.Errors = []string{}
	}
	if p.Items == nil {
		p.Items = []Item{}
	}
}

// JSON is the plan as plan --json prints it: indented, field names as
// documented on Plan and Item, a newline at the end. Characters a terminal
// would act on (escape, C1 and bidi controls from a server's strings) are
// written as \u escapes (termsafe.JSON), so the JSON decodes to the same
// values and is safe to print.
func (p *Plan) JSON() ([]byte, error) {
	out, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(termsafe.JSON(out), '\n'), nil
}
