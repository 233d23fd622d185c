package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// offerMembers asks, after the result, whether to add members now. No (the
// default, and the answer at the end of input) leaves everything as it was;
// whatever happens here, the workspace is the outcome.
func (p *prompter) offerMembers() {
	v, err := p.ask("Add members now? (y/n)", "n")
	if err != nil || !isYes(v) {
		return
	}
	m, st := p.m, &p.m.mem
	p.say("Listing the organization's users…")
	m.gotUsers(usersCmd(m.ctx, m.api)().(usersMsg))
	if st.phase() == memListFailed {
		b := m.newBlock(10000) // one line per message: a screen reader reads it whole
		m.viewMembers(b)
		for _, l := range b.lines {
			p.say("%s", ansi.Strip(l))
		}
		return
	}
	p.say("The organization's users:")
	for i, u := range st.users {
		p.say("  %d. %s", i+1, plainUser(u))
	}
	ids, err := p.askUsers()
	if err != nil || len(ids) == 0 {
		return
	}
	role, err := p.askRole()
	if err != nil {
		return
	}
	st.v = forms.Members{UserIDs: ids, Role: role}
	p.say("Adding %s as %s…", plural(len(ids), "member"), role)
	for cmd := m.addMembers(); cmd != nil; {
		msg := cmd().(memberAddedMsg)
		if msg.err == nil {
			p.say("  ✓ %s: added", userName(msg.user))
		} else {
			p.say("  ✗ %s: not added: %s", userName(msg.user), addFailure(msg.err))
		}
		cmd = m.memberAdded(msg)
	}
	if added, _ := st.memberSummary(); len(added) > 0 {
		p.say("Members: %s", strings.Join(added, ", "))
	}
}

func plainUser(u anthropic.OrganizationUser) string {
	s := userName(u)
	if u.Name != "" && u.Email != "" {
		s += " <" + u.Email + ">"
	}
	return s + ", organization role " + string(u.Role)
}

// askUsers reads the users to add as numbers from the list; an empty line
// adds no one.
func (p *prompter) askUsers() ([]string, error) {
	users := p.m.mem.users
	for {
		v, err := p.ask("Users to add, as numbers separated by commas (e.g. 1,3); empty adds no one", "")
		if err != nil {
			return nil, err
		}
		var ids []string
		bad := ""
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 || n > len(users) {
				bad = f
				break
			}
			if id := users[n-1].ID; !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		if bad != "" {
			p.say("Error: %q is not a number from 1 to %d", bad, len(users))
			continue
		}
		return ids, nil
	}
}

// askRole reads the workspace role, by number or name.
func (p *prompter) askRole() (anthropic.NoBillingWorkspaceRole, error) {
	p.say("Workspace roles:")
	for i, r := range rules.WorkspaceRoles {
		p.say("  %d. %s: %s", i+1, r, rules.RoleSummary(r))
	}
	for {
		v, err := p.ask("Workspace role, a number or a name", string(rules.DefaultWorkspaceRole))
		if err != nil {
			return "", err
		}
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			if n >= 1 && n <= len(rules.WorkspaceRoles) {
				return rules.WorkspaceRoles[n-1], nil
			}
			p.say("Error: choose a number from 1 to %d", len(rules.WorkspaceRoles))
			continue
		}
		r, err := rules.ParseWorkspaceRole(v)
		if err != nil {
			p.say("Error: %s", err)
			continue
		}
		return r, nil
	}
}

func isYes(v string) bool { return strings.EqualFold(v, "y") || strings.EqualFold(v, "yes") }
