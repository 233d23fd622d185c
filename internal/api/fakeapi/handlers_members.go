package fakeapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// AddableRoles are the workspace roles POST …/members accepts;
// workspace_billing exists but cannot be given this way.
var AddableRoles = []string{"workspace_admin", "workspace_developer", "workspace_restricted_developer", "workspace_user"}

// addMember is POST /v1/organizations/workspaces/{id}/members.
func (s *Server) addMember(c *call) (any, *apiError) {
	obj, err := decodeObject("body", c.body, []string{"user_id", "workspace_role"})
	if err != nil {
		return nil, err
	}
	raw, ok := obj["user_id"]
	if !ok {
		return nil, invalidField("user_id", errRequired)
	}
	userID, err := decodeString("user_id", raw, true)
	if err != nil {
		return nil, err
	}
	role, err := decodeRole(obj)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.liveWorkspace(c.id, "is archived; an archived workspace cannot gain members")
	switch {
	case err != nil:
		return nil, err
	case s.store.user(*userID) == nil:
		return nil, notFound(fmt.Sprintf("user %s not found in this organization", *userID))
	case s.store.member(w.ID, *userID) >= 0:
		return nil, invalidField("user_id", errors.New("the user is already a member of this workspace"))
	}
	m := Member{UserID: *userID, WorkspaceID: w.ID, WorkspaceRole: role}
	s.store.members = append(s.store.members, m)
	return m, nil
}

// decodeRole reads workspace_role from a member body: required, one of
// AddableRoles.
func decodeRole(obj map[string]json.RawMessage) (string, *apiError) {
	raw, ok := obj["workspace_role"]
	if !ok {
		return "", invalidField("workspace_role", errRequired)
	}
	v, err := decodeString("workspace_role", raw, true)
	if err != nil {
		return "", err
	}
	choices := strings.Join(AddableRoles, ", ")
	switch role := *v; {
	case role == "workspace_billing":
		return "", invalidField("workspace_role", fmt.Errorf("workspace_billing cannot be given through the API; choose one of %s", choices))
	case !slices.Contains(AddableRoles, role):
		return "", invalidField("workspace_role", fmt.Errorf("unknown role %q; choose one of %s", role, choices))
	}
	return *v, nil
}

// listMembers is GET /v1/organizations/workspaces/{id}/members, in the
// order added, paginated on user_id.
func (s *Server) listMembers(c *call) (any, *apiError) {
	s.mu.Lock()
	w := s.store.workspace(c.id)
	var members []Member
	if w != nil {
		for _, m := range s.store.members {
			if m.WorkspaceID == w.ID {
				members = append(members, m)
			}
		}
	}
	s.mu.Unlock()
	if w == nil {
		return nil, workspaceNotFound(c.id)
	}
	return paginate(members, func(Member) bool { return true }, func(m Member) string { return m.UserID }, c.r.URL.Query())
}

// getMember is GET /v1/organizations/workspaces/{id}/members/{user_id}.
func (s *Server) getMember(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store.workspace(c.id) == nil {
		return nil, workspaceNotFound(c.id)
	}
	i := s.store.member(c.id, c.sub)
	if i < 0 {
		return nil, memberNotFound(c.id, c.sub)
	}
	return s.store.members[i], nil
}

// updateMember is POST /v1/organizations/workspaces/{id}/members/{user_id}:
// a new workspace_role.
func (s *Server) updateMember(c *call) (any, *apiError) {
	obj, err := decodeObject("body", c.body, []string{"workspace_role"})
	if err != nil {
		return nil, err
	}
	role, err := decodeRole(obj)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.liveWorkspace(c.id, "is archived; its members cannot be changed"); err != nil {
		return nil, err
	}
	i := s.store.member(c.id, c.sub)
	if i < 0 {
		return nil, memberNotFound(c.id, c.sub)
	}
	s.store.members[i].WorkspaceRole = role
	return s.store.members[i], nil
}

// memberDeleted is the API's answer to a member's removal.
type memberDeleted struct {
	Type        string `json:"type"`
	UserID      string `json:"user_id"`
	WorkspaceID string `json:"workspace_id"`
}

// deleteMember is DELETE /v1/organizations/workspaces/{id}/members/{user_id}.
func (s *Server) deleteMember(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.liveWorkspace(c.id, "is archived; its members cannot be changed"); err != nil {
		return nil, err
	}
	i := s.store.member(c.id, c.sub)
	if i < 0 {
		return nil, memberNotFound(c.id, c.sub)
	}
	s.store.members = slices.Delete(s.store.members, i, i+1)
	return memberDeleted{Type: "workspace_member_deleted", UserID: c.sub, WorkspaceID: c.id}, nil
}

func memberNotFound(workspaceID, userID string) *apiError {
	return notFound(fmt.Sprintf("user %s is not a member of workspace %s", userID, workspaceID))
}

// member is the index of userID's membership of workspaceID, or -1.
func (st *store) member(workspaceID, userID string) int {
	return slices.IndexFunc(st.members, func(m Member) bool { return m.WorkspaceID == workspaceID && m.UserID == userID })
}
