package setup

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/ui"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// edit asks for a workspace's name, tags, allowed inference geos and
// encryption key, each checked by the wizard's own session and rules, and
// keeps it in the plan (index -1: a new one). Nothing is sent but the
// key's validation.
func (a *plain) edit(index int) error {
	var old plan.Workspace
	if index >= 0 {
		old = a.file.Workspaces[index]
	}
	s := wizard.New(wizard.Options{Config: &config.Config{Spec: old.Spec(), Set: setFields(old)}, API: a.o.Admin, Now: a.o.Now})
	steps := []func(*wizard.Session, int) error{a.editName, a.editTags, a.editGeos, a.editKey}
	for _, step := range steps {
		if err := step(s, index); err != nil {
			return err
		}
	}
	ws := fromSpec(s.Spec(), old)
	if index < 0 {
		a.file.Workspaces = append(a.file.Workspaces, ws)
	} else {
		a.file.Workspaces[index] = ws
	}
	a.dirty = true
	a.say("Kept %s in the plan: %s", ws.Name, describe(ws))
	return nil
}

// editName asks the name as the wizard does, refusing one another entry of
// the plan has: entries find their workspaces by name.
func (a *plain) editName(s *wizard.Session, index int) error {
	return a.questions(s).Name(func(v string) error {
		if slices.ContainsFunc(a.file.Workspaces, func(w plan.Workspace) bool { return w.Name == v }) && (index < 0 || a.file.Workspaces[index].Name != v) {
			return fmt.Errorf("the plan has a workspace named %q already: give this one another name", v)
		}
		return nil
	})
}

func (a *plain) editTags(s *wizard.Session, _ int) error { return a.questions(s).Tags() }

func (a *plain) editGeos(s *wizard.Session, _ int) error { return a.questions(s).Residency() }

func (a *plain) editKey(s *wizard.Session, _ int) error { return a.questions(s).Key() }

// questions are the wizard's own plain-prompt steps, over the workspace's session.
func (a *plain) questions(s *wizard.Session) ui.Questions {
	return ui.Questions{Ctx: a.ctx, P: a.p, S: s}
}

// listAll is how many users are numbered without asking for more of a
// name first: more would be too long to listen to.
const listAll = 30

// members adds the organization's users to a workspace of the plan: part
// of a name or email finds them, numbers choose them, then a role.
func (a *plain) members(index int) error {
	ws := &a.file.Workspaces[index]
	if len(ws.Members) > 0 {
		var who []string
		for _, m := range ws.Members {
			who = append(who, m.Email+" as "+string(m.Role))
		}
		a.say("Members of %s in the plan: %s", ws.Name, strings.Join(who, ", "))
	}
	a.say("Listing the organization's users…")
	var users []anthropic.OrganizationUser
	for after := ""; ; {
		p, err := wizard.ListUsersPage(a.ctx, a.o.Admin, after)
		users = append(users, p.Users...)
		if err != nil {
			a.say("Error: listing the organization's users stopped at %d: %s", len(users), err)
			break
		}
		if !p.More {
			break
		}
		after = p.Next
	}
	inPlan := func(u anthropic.OrganizationUser) bool {
		return slices.ContainsFunc(ws.Members, func(m plan.Member) bool { return strings.EqualFold(m.Email, u.Email) })
	}
	for {
		v, err := a.p.Input(fmt.Sprintf("Find people: type part of a name or email (%d users; empty adds no one)", len(users)), "")
		if err != nil || strings.TrimSpace(v) == "" {
			return err
		}
		q := strings.ToLower(strings.TrimSpace(v))
		var found []anthropic.OrganizationUser
		for _, u := range users {
			if !inPlan(u) && (strings.Contains(strings.ToLower(u.Name), q) || strings.Contains(strings.ToLower(u.Email), q)) {
				found = append(found, u)
			}
		}
		if len(found) == 0 && rules.ValidateEmail(q) == nil {
			if found, err = wizard.FindUsers(a.ctx, a.o.Admin, q); err != nil {
				a.say("Error: looking up %s failed: %s", q, err)
				continue
			}
			found = slices.DeleteFunc(found, inPlan)
		}
		switch {
		case len(found) == 0:
			a.say("No one matches %q who is not in the plan already; someone not in the organization needs an invite first.", v)
			continue
		case len(found) > listAll:
			a.say("%d users match %q; type more of the name or email.", len(found), v)
			continue
		}
		labels := make([]string, len(found))
		for i, u := range found {
			labels[i] = wizard.UserName(u)
			if u.Name != "" && u.Email != "" {
				labels[i] += " <" + u.Email + ">"
			}
		}
		picked, err := a.p.MultiSelect("People to add, as numbers separated by commas (e.g. 1,3); empty adds no one", labels)
		if err != nil || len(picked) == 0 {
			return err
		}
		roles := make([]string, len(rules.WorkspaceRoles))
		for i, r := range rules.WorkspaceRoles {
			roles[i] = string(r) + ": " + rules.RoleSummary(r)
		}
		r, err := a.p.Select("Workspace role, a number", roles, slices.Index(rules.WorkspaceRoles, rules.DefaultWorkspaceRole))
		if err != nil {
			return err
		}
		var added []string
		for _, i := range picked {
			ws.Members = append(ws.Members, plan.Member{Email: found[i].Email, Role: rules.WorkspaceRoles[r]})
			added = append(added, found[i].Email)
		}
		a.dirty = true
		a.say("Members of %s in the plan now include %s as %s.", ws.Name, strings.Join(added, ", "), rules.WorkspaceRoles[r])
		return nil
	}
}

// invites reads invites as "email role" lines, checked by the rules.
func (a *plain) invites() error {
	roles := make([]string, len(rules.InviteRoles))
	for i, r := range rules.InviteRoles {
		roles[i] = string(r)
	}
	a.say("Invites are for people not in the organization yet: one per line as the email and the role (%s; developer when left out). -email removes one; an empty line finishes. An invite already pending is not sent twice.", strings.Join(roles, ", "))
	for {
		v, err := a.p.Input("Invite", "")
		if err != nil {
			return err
		}
		switch v = strings.TrimSpace(v); {
		case v == "":
			return nil
		case strings.HasPrefix(v, "-"):
			n := len(a.file.Invites)
			a.file.Invites = slices.DeleteFunc(a.file.Invites, func(in plan.Invite) bool { return strings.EqualFold(in.Email, v[1:]) })
			if len(a.file.Invites) == n {
				a.say("Error: no invite for %q in the plan", v[1:])
				continue
			}
		default:
			inv, err := parseInvite(v, a.file.Invites)
			if err != nil {
				a.say("Error: %s", err)
				continue
			}
			a.file.Invites = append(a.file.Invites, inv)
		}
		a.dirty = true
		var who []string
		for _, in := range a.file.Invites {
			who = append(who, in.Email+" as "+string(in.Role))
		}
		a.say("Invites now: %s", strings.Join(who, ", "))
	}
}

// caps sets a workspace's caps for one of the organization's rate-limit
// groups, chosen by number, typed as type=value.
func (a *plain) caps(index int) error {
	ws := &a.file.Workspaces[index]
	groups, err := a.o.Admin.ListRateLimits(a.ctx)
	if err != nil {
		a.say("Error: the rate-limit groups could not be listed: %s", err)
		return nil
	}
	if len(groups) == 0 {
		a.say("The organization has no rate-limit groups to cap.")
		return nil
	}
	labels := make([]string, len(groups))
	for i, g := range groups {
		var org []string
		for _, l := range g.Limits {
			org = append(org, l.Type+" "+strconv.FormatInt(l.Value, 10))
		}
		labels[i] = groupName(g) + " (organization: " + strings.Join(org, ", ") + ")"
		if c := capsOf(ws, g); c != nil {
			labels[i] += ", cap: " + capsText(c.Limits)
		}
	}
	i, err := a.p.Select("Rate-limit group to cap, a number", labels, 0)
	if err != nil {
		return err
	}
	def := ""
	if c := capsOf(ws, groups[i]); c != nil {
		def = capsText(c.Limits)
	}
	a.say("Caps are the workspace's overrides, as type=value separated by spaces (e.g. requests_per_minute=500); the organization's limits still apply, and the plan flags a cap above them. none removes the caps.")
	for {
		v, err := a.p.Input("Caps for "+groupName(groups[i]), def)
		if err != nil {
			return err
		}
		if strings.EqualFold(strings.TrimSpace(v), "none") {
			v = ""
		}
		limits, err := parseCaps(v)
		if err != nil {
			a.say("Error: %s", err)
			continue
		}
		setCaps(ws, groups[i], limits)
		a.dirty = true
		a.say("%s: %s", ws.Name, describe(*ws))
		return nil
	}
}
