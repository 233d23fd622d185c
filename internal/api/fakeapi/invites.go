//lint:file-ignore ST1005 the messages are the real API's validation messages, which start with a capital letter

package fakeapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Error codes the invite checks answer with, as the SDK names them.
const (
	codeAlreadyMember       = "already_member"
	codeInviteAlreadyExists = "invite_already_exists"
)

// InviteLifetime is how long an invite stays pending before it expires. The
// SDK does not say; this is the simulated API's choice.
const InviteLifetime = 21 * 24 * time.Hour

// Invite statuses, as the API writes them.
const (
	InvitePending  = "pending"
	InviteAccepted = "accepted"
	InviteExpired  = "expired"
)

// Invite is an invitation to join the organization. Its JSON is the API's
// OrganizationInvite object.
type Invite struct {
	ID         string
	Email      string
	Role       string // an organization role, e.g. "developer"
	Status     string // InvitePending ("" when adding), InviteAccepted or InviteExpired
	InvitedAt  time.Time
	ExpiresAt  time.Time
	AcceptedAt time.Time // zero until accepted
}

// MarshalJSON writes the API's OrganizationInvite object.
func (inv Invite) MarshalJSON() ([]byte, error) {
	var accepted *string
	if !inv.AcceptedAt.IsZero() {
		s := formatTime(inv.AcceptedAt)
		accepted = &s
	}
	return json.Marshal(map[string]any{
		"id": inv.ID, "type": "invite", "email": inv.Email, "role": inv.Role, "status": inv.Status,
		"invited_at": formatTime(inv.InvitedAt), "expires_at": formatTime(inv.ExpiresAt),
		"accepted_at": accepted, "rbac_group_ids": []string{},
	})
}

// at is the invite as the API shows it at now: a pending invite past its
// expiry is expired.
func (inv Invite) at(now time.Time) Invite {
	if inv.Status == InvitePending && !now.Before(inv.ExpiresAt) {
		inv.Status = InviteExpired
	}
	return inv
}

// Invites returns the organization's invites, oldest first, with their
// status as of now.
func (s *Server) Invites() []Invite {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	out := make([]Invite, len(s.store.invites))
	for i, inv := range s.store.invites {
		out[i] = inv.at(now)
	}
	return out
}

// AddInvite stores an invite as if it had been sent earlier; an empty ID,
// Status, InvitedAt or ExpiresAt is filled in (now, and InviteLifetime
// later). It returns what was stored.
func (s *Server) AddInvite(inv Invite) Invite {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.insertInvite(inv)
}

// insertInvite stores inv with defaults for its empty fields; the caller
// holds s.mu.
func (s *Server) insertInvite(inv Invite) Invite {
	if inv.ID == "" {
		inv.ID = s.randID("invite_", 24)
	}
	if inv.Status == "" {
		inv.Status = InvitePending
	}
	if inv.InvitedAt.IsZero() {
		inv.InvitedAt = s.opts.Now().UTC()
	}
	if inv.ExpiresAt.IsZero() {
		inv.ExpiresAt = inv.InvitedAt.Add(InviteLifetime)
	}
	s.store.invites = append(s.store.invites, inv)
	return inv
}

// AcceptInvite does what the invitee does by clicking the link: the
// pending invite is accepted and its email becomes a user of the
// organization, with the invite's role and the name given. Only then can
// the user be made a workspace member.
func (s *Server) AcceptInvite(id, name string) (User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now().UTC()
	i := slices.IndexFunc(s.store.invites, func(inv Invite) bool { return inv.ID == id })
	if i < 0 {
		return User{}, fmt.Errorf("fakeapi: no invite %s", id)
	}
	inv := &s.store.invites[i]
	if st := inv.at(now).Status; st != InvitePending {
		return User{}, fmt.Errorf("fakeapi: invite %s is %s, not pending", id, st)
	}
	inv.Status, inv.AcceptedAt = InviteAccepted, now
	u := User{ID: s.randID("user_", 24), Email: inv.Email, Name: name, Role: inv.Role, AddedAt: now}
	s.store.users = append(s.store.users, u)
	return u, nil
}

// createInvite is POST /v1/organizations/invites {email, role[, rbac_group_ids]}.
func (s *Server) createInvite(c *call) (any, *apiError) {
	obj, err := decodeObject("body", c.body, []string{rules.FieldInviteEmail, rules.FieldInviteRole, "rbac_group_ids"})
	if err != nil {
		return nil, err
	}
	var fields [2]string
	for i, name := range []string{rules.FieldInviteEmail, rules.FieldInviteRole} {
		raw, ok := obj[name]
		if !ok {
			return nil, invalidField(name, errRequired)
		}
		v, err := decodeString(name, raw, false)
		if err != nil {
			return nil, err
		}
		fields[i] = *v
	}
	email, role := fields[0], fields[1]
	if err := rules.ValidateEmail(email); err != nil {
		return nil, invalidField(rules.FieldInviteEmail, err)
	}
	if err := rules.ValidateInviteRole(role); err != nil {
		return nil, invalidField(rules.FieldInviteRole, err)
	}
	if raw, ok := obj["rbac_group_ids"]; ok && !isNull(raw) {
		var ids []string
		switch {
		case json.Unmarshal(raw, &ids) != nil:
			return nil, invalidField("rbac_group_ids", errors.New("Input should be a valid list of strings"))
		case len(ids) > 0:
			return nil, invalidField("rbac_group_ids", errors.New("RBAC groups are for Claude Enterprise organizations; leave the field out"))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	for _, u := range s.store.users {
		if strings.EqualFold(u.Email, email) {
			e := invalidField(rules.FieldInviteEmail, fmt.Errorf("%s is already a member of this organization (user %s); add them to workspaces directly", u.Email, u.ID))
			e.code = codeAlreadyMember
			return nil, e
		}
	}
	for _, inv := range s.store.invites {
		if strings.EqualFold(inv.Email, email) && inv.at(now).Status == InvitePending {
			e := invalidField(rules.FieldInviteEmail, fmt.Errorf("%s already has a pending invite (%s); it becomes a user when they accept it, or delete it to invite again", inv.Email, inv.ID))
			e.code = codeInviteAlreadyExists
			return nil, e
		}
	}
	return s.insertInvite(Invite{Email: email, Role: role}), nil
}

// listInvites is GET /v1/organizations/invites?limit=&after_id=&before_id=&email=&roles[]=&statuses[]=,
// oldest first.
func (s *Server) listInvites(c *call) (any, *apiError) {
	q := c.r.URL.Query()
	email := q.Get("email")
	roles := append(q["roles[]"], q["roles"]...)
	statuses := append(q["statuses[]"], q["statuses"]...)
	for _, st := range statuses {
		if st != InvitePending && st != InviteAccepted && st != InviteExpired {
			return nil, invalid(fmt.Sprintf("statuses: Input should be 'accepted', 'expired' or 'pending' (got %q)", st))
		}
	}
	s.mu.Lock()
	now := s.opts.Now()
	all := make([]Invite, len(s.store.invites))
	for i, inv := range s.store.invites {
		all[i] = inv.at(now)
	}
	s.mu.Unlock()
	keep := func(inv Invite) bool {
		return (email == "" || strings.EqualFold(inv.Email, strings.TrimSpace(email))) &&
			(len(roles) == 0 || slices.Contains(roles, inv.Role)) &&
			(len(statuses) == 0 || slices.Contains(statuses, inv.Status))
	}
	return paginate(all, keep, func(inv Invite) string { return inv.ID }, q)
}

// getInvite is GET /v1/organizations/invites/{id}.
func (s *Server) getInvite(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.store.invites, func(inv Invite) bool { return inv.ID == c.id })
	if i < 0 {
		return nil, notFound(fmt.Sprintf("invite %s not found", c.id))
	}
	return s.store.invites[i].at(s.opts.Now()), nil
}

// inviteDeleted is the API's answer to an invite's deletion.
type inviteDeleted struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// deleteInvite is DELETE /v1/organizations/invites/{id}: a pending (or
// expired) invite is withdrawn; an accepted one is history.
func (s *Server) deleteInvite(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.store.invites, func(inv Invite) bool { return inv.ID == c.id })
	switch {
	case i < 0:
		return nil, notFound(fmt.Sprintf("invite %s not found", c.id))
	case s.store.invites[i].Status == InviteAccepted:
		return nil, invalid(fmt.Sprintf("invite %s was accepted, so it cannot be deleted; remove the user from the organization instead", c.id))
	}
	s.store.invites = slices.Delete(s.store.invites, i, i+1)
	return inviteDeleted{ID: c.id, Type: "invite_deleted"}, nil
}
