package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// Members as plain prompts, after the workspace is created.

// offerMembers asks, after the result, whether to add members now. No (the
// default, and the answer at the end of input) leaves everything as it was;
// whatever happens here, the workspace is the outcome.
func (a *accessible) offerMembers() {
	s := a.s
	if ok, err := a.p.Confirm("Add members now?", false); err != nil || !ok {
		return
	}
	m := &s.Members
	a.say("Listing the organization's users…")
	var users []anthropic.OrganizationUser
	for after := ""; ; {
		p, err := wizard.ListUsersPage(a.ctx, s.Admin(), after)
		users = append(users, p.Users...)
		if err != nil {
			m.ListErr = err
			break
		}
		if !p.More {
			break
		}
		after = p.Next
	}
	m.AddUsers(users)
	m.Listed = true
	if len(users) == 0 {
		a.say("✗ %s", listFailure(m.ListErr))
		a.say("The workspace is created. Members can be added in the Console: %s", api.ConsoleURL)
		return
	}
	if m.ListErr != nil {
		a.say("✗ The list stopped at %d users: %s", len(users), m.ListErr)
	}
	shown, err := a.findUsers(users)
	if err != nil || len(shown) == 0 {
		return
	}
	a.say("The organization's users:")
	labels := make([]string, len(shown))
	for i, u := range shown {
		labels[i] = plainUser(u)
	}
	picked, err := a.p.MultiSelect("Users to add, as numbers separated by commas (e.g. 1,3); empty adds no one", labels)
	if err != nil || len(picked) == 0 {
		return
	}
	role, err := a.askRole()
	if err != nil {
		return
	}
	var chosen []anthropic.OrganizationUser
	for _, i := range picked {
		chosen = append(chosen, shown[i])
	}
	a.say("Adding %s as %s…", wizard.Plural(len(chosen), "member"), role)
	id := s.Result().Workspace.ID
	for send := m.Start(chosen, role); len(send) > 0; {
		u := send[0]
		send = send[1:]
		r := wizard.AddMember(a.ctx, s.Admin(), s.Sleep, id, u, role)
		if r.Err == nil {
			a.say("  ✓ %s: added", wizard.UserName(u))
		} else {
			a.say("  ✗ %s: not added: %s", wizard.UserName(u), wizard.AddFailure(r.Err))
		}
		if next, ok := m.Added(r); ok {
			send = append(send, next)
		}
	}
	if added, _ := m.Summary(); len(added) > 0 {
		a.say("Members: %s", strings.Join(added, ", "))
	}
}

// listAll is how many users plain prompts number without asking for a
// filter first: more would be too long to listen to.
const listAll = 30

// findUsers narrows a long list by part of a name or email until at most
// listAll users match; an email no loaded user has is asked of the API.
func (a *accessible) findUsers(users []anthropic.OrganizationUser) ([]anthropic.OrganizationUser, error) {
	if len(users) <= listAll {
		return users, nil
	}
	for {
		v, err := a.p.Input(fmt.Sprintf("The organization has %d users. Type part of a name or email to find them (empty adds no one)", len(users)), "")
		if err != nil || strings.TrimSpace(v) == "" {
			return nil, err
		}
		q := strings.ToLower(strings.TrimSpace(v))
		var found []anthropic.OrganizationUser
		for _, u := range users {
			if strings.Contains(strings.ToLower(u.Name), q) || strings.Contains(strings.ToLower(u.Email), q) {
				found = append(found, u)
			}
		}
		if len(found) == 0 && rules.ValidateEmail(q) == nil {
			found, err = wizard.FindUsers(a.ctx, a.s.Admin(), q)
			if err != nil {
				a.say("Error: looking up %s failed: %s", q, err)
				continue
			}
			a.s.Members.AddUsers(found)
		}
		switch {
		case len(found) == 0:
			a.say("No user matches %q; an email not in the organization needs an invite first.", v)
		case len(found) > listAll:
			a.say("%d users match %q; type more of the name or email.", len(found), v)
		default:
			return found, nil
		}
	}
}

func plainUser(u anthropic.OrganizationUser) string {
	s := wizard.UserName(u)
	if u.Name != "" && u.Email != "" {
		s += " <" + u.Email + ">"
	}
	return s + ", organization role " + string(u.Role)
}

// askRole reads the workspace role, by number or name.
func (a *accessible) askRole() (anthropic.NoBillingWorkspaceRole, error) {
	a.say("Workspace roles:")
	for i, r := range rules.WorkspaceRoles {
		a.say("  %d. %s: %s", i+1, r, rules.RoleSummary(r))
	}
	for {
		v, err := a.p.Input("Workspace role, a number or a name", string(rules.DefaultWorkspaceRole))
		if err != nil {
			return "", err
		}
		if k, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			if k >= 1 && k <= len(rules.WorkspaceRoles) {
				return rules.WorkspaceRoles[k-1], nil
			}
			a.say("Error: choose a number from 1 to %d", len(rules.WorkspaceRoles))
			continue
		}
		r, err := rules.ParseWorkspaceRole(v)
		if err != nil {
			a.say("Error: %s", err)
			continue
		}
		return r, nil
	}
}
