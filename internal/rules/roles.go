package rules

import (
	"errors"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// Field names of a member added to a workspace, as the API's JSON names
// them; the members form uses them as its field keys.
const (
	FieldMemberUsers = "user_id"
	FieldMemberRole  = "workspace_role"
)

// DefaultWorkspaceRole is the role a new member gets unless another is chosen.
const DefaultWorkspaceRole = anthropic.NoBillingWorkspaceRoleWorkspaceDeveloper

// WorkspaceRoles are the roles a member can be added with, most powerful
// first. workspace_billing is not among them: it cannot be given through
// the API, only inherited from the organization's billing role.
var WorkspaceRoles = []anthropic.NoBillingWorkspaceRole{
	anthropic.NoBillingWorkspaceRoleWorkspaceAdmin,
	anthropic.NoBillingWorkspaceRoleWorkspaceDeveloper,
	anthropic.NoBillingWorkspaceRoleWorkspaceRestrictedDeveloper,
	anthropic.NoBillingWorkspaceRoleWorkspaceUser,
}

// RoleSummary says in one short line what a workspace role may do.
func RoleSummary(r anthropic.NoBillingWorkspaceRole) string {
	switch r {
	case anthropic.NoBillingWorkspaceRoleWorkspaceAdmin:
		return "manages the workspace and its members"
	case anthropic.NoBillingWorkspaceRoleWorkspaceDeveloper:
		return "uses the API and manages its API keys"
	case anthropic.NoBillingWorkspaceRoleWorkspaceRestrictedDeveloper:
		return "a developer with fewer permissions"
	case anthropic.NoBillingWorkspaceRoleWorkspaceUser:
		return "uses the Workbench only"
	}
	return ""
}

// ParseWorkspaceRole reads a role as typed in plain prompts: its full name,
// or its name without "workspace_" ("developer").
func ParseWorkspaceRole(s string) (anthropic.NoBillingWorkspaceRole, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, r := range WorkspaceRoles {
		if s == string(r) || "workspace_"+s == string(r) {
			return r, nil
		}
	}
	if s == "workspace_billing" || s == "billing" {
		return "", errors.New("workspace_billing cannot be given through the API; it comes with the organization's billing role")
	}
	names := make([]string, len(WorkspaceRoles))
	for i, r := range WorkspaceRoles {
		names[i] = string(r)
	}
	return "", errors.New("choose one of " + strings.Join(names, ", "))
}
