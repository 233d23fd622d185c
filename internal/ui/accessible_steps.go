package ui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// The steps as plain prompts: each asks until its answer passes the same
// rules as the full-screen wizard's, and hands it to the session.

func (a *accessible) askName(n int) error {
	s := a.s
	a.header(n, "Name")
	if r := s.Refusal(wizard.FieldName); r != "" {
		a.say("Error: %s", r)
	}
	for {
		v, err := a.p.Input("Workspace name (1-255 characters)", s.Name())
		if err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		if err := s.CheckName(v); err != nil {
			a.say("Error: %s", err)
			continue
		}
		_ = s.SetName(v)
		if s.NeedNames() {
			s.SetNames(wizard.Names(a.ctx, s.Admin()))
		}
		if w := s.Duplicate(v); w != "" {
			a.say("Warning: %s", w)
		}
		if n := s.NamesNote(); n != "" {
			a.say("Note: %s", n)
		}
		return nil
	}
}

func (a *accessible) askTags(n int) error {
	s := a.s
	a.header(n, "Tags")
	if r := s.Refusal(wizard.FieldTags); r != "" {
		a.say("Error: %s", r)
	}
	a.say("Add tags as key=value, one per line. -key removes a tag. An empty line finishes; no tags is fine.")
	for {
		if tags := s.Tags(); len(tags) > 0 {
			a.say("Tags now: %s", wizard.TagList(tags))
		}
		setErr := s.TagsError()
		if setErr != nil {
			a.say("Error: %s", setErr)
		}
		v, err := a.p.Input("Tag", "")
		if err != nil {
			return err
		}
		switch {
		case v == "" && setErr == nil:
			return nil
		case v == "":
		case strings.HasPrefix(v, "-"):
			if !s.RemoveTagKey(v[1:]) {
				a.say("Error: there is no tag with key %q", v[1:])
			}
		default:
			if err := s.AddTag(-1, v); err != nil {
				a.say("Error: %s", err)
			}
		}
	}
}

func (a *accessible) askResidency(n int) error {
	s := a.s
	a.header(n, "Data residency")
	if r := s.Refusal(wizard.FieldResidency); r != "" {
		a.say("Error: %s", r)
	}
	r := s.Residency()
	a.say("Workspace geo: %s. PERMANENT: it cannot be changed later (it is the only geo today).", r.WorkspaceGeo)
	for {
		v, err := a.p.Input("Allowed inference geos: unrestricted, or a comma-separated list of "+strings.Join(rules.InferenceGeos, ", "), r.Allowed)
		if err != nil {
			return err
		}
		if err := rules.ValidateAllowedGeos(v); err != nil || strings.TrimSpace(v) == "" {
			if err == nil {
				err = errors.New("choose at least one geo, or unrestricted")
			}
			a.say("Error: %s", err)
			continue
		}
		geos := api.SplitGeos(v)
		r.Allowed = rules.AllowedGeosValue(geos[0] == api.Unrestricted, geos)
		break
	}
	choices := rules.DefaultGeoChoices(r.Allowed)
	if len(choices) == 1 {
		r.Default = choices[0]
		a.say("Default inference geo: %s (the only allowed geo).", r.Default)
	} else {
		def := slices.Index(choices, r.Default)
		i, err := a.p.Select("Default inference geo (us is priced at "+rules.USInferencePremium+")", choices, def)
		if err != nil {
			return err
		}
		r.Default = choices[i]
	}
	if note := s.SetResidency(r); note != "" {
		a.say("Note: %s", note)
	}
	if r.Default == "us" {
		a.say("Note: US-only inference is priced at %s.", rules.USInferencePremium)
	}
	return nil
}

func (a *accessible) askKeyID(n int) error {
	s := a.s
	a.header(n, "Encryption key")
	if r := s.Refusal(wizard.FieldKey); r != "" {
		a.say("Error: %s", r)
	}
	a.say("A customer-managed encryption key is optional. %s", wizard.WriteOnceWarning)
	use, err := a.p.Confirm("Use a customer-managed key?", s.UsesKey())
	if err != nil {
		return err
	}
	if !use {
		s.NoKey()
		return nil
	}
	if !s.Org.KeysListed {
		s.SetExternalKeys(wizard.ExternalKeys(a.ctx, s.Admin()))
	}
	if note := s.Org.KeysNote; note != "" {
		a.say("%s", note)
	}
	keys := s.Org.Keys
	for i, k := range keys {
		a.say("  %d) %s  %s", i+1, wizard.KeyLabel(k), k.ID)
	}
	for {
		prompt := "Key id"
		if len(keys) > 0 {
			prompt = "Key number, or a key id"
		}
		v, err := a.p.Input(prompt, s.KeyID())
		if err != nil {
			return err
		}
		if k, err := strconv.Atoi(v); err == nil && k >= 1 && k <= len(keys) {
			v = keys[k-1].ID
		}
		if err := rules.ValidateExternalKeyID(v); err != nil || v == "" {
			if err == nil {
				err = errors.New("type a key id")
			}
			a.say("Error: %s", err)
			continue
		}
		if s.ChooseKey(v) {
			return nil
		}
		c := wizard.ValidateKey(a.ctx, s.Admin(), v)
		s.SetKeyCheck(c)
		switch c.Status {
		case wizard.KeyOK:
			a.say("OK: %s", c.Message)
		case wizard.KeyFailed, wizard.KeyMissing: // write-once: never taken as it is
			a.say("Error: %s", c.Message)
			continue
		default:
			a.say("Warning: %s", c.Message)
		}
		return nil
	}
}

// askProfile is the user-profile step: none (the default), a listed
// profile by number, or an id.
func (a *accessible) askProfile(n int) error {
	s := a.s
	a.header(n, "User profile")
	refusal := s.Refusal(wizard.FieldProfile)
	if refusal != "" {
		a.say("Error: %s", refusal)
	}
	a.say("A user profile is optional; most workspaces name none. %s", rules.UserProfilePermanent)
	if note := s.Org.ProfilesNote; note != "" {
		a.say("%s", note)
	}
	profiles := s.Org.Profiles
	a.say("  0) None (default)")
	for i, pr := range profiles {
		a.say("  %d) %s  %s", i+1, forms.UserProfileLabel(pr), pr.ID)
	}
	def := "0"
	if id := s.ProfileID(); id != "" {
		def = id
	}
	for {
		v, err := a.p.Input("User profile number, or a user profile id", def)
		if err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		switch k, err := strconv.Atoi(v); {
		case strings.EqualFold(v, "none") || (err == nil && k == 0):
			v = forms.NoUserProfile
		case err == nil && k >= 1 && k <= len(profiles):
			v = profiles[k-1].ID
		case err == nil:
			a.say("Error: choose a number from 0 to %d, or type a user profile id", len(profiles))
			continue
		default:
			if err := rules.ValidateUserProfileID(v); err != nil {
				a.say("Error: %s", err)
				continue
			}
		}
		if refusal != "" && v == s.ProfileID() {
			a.say("Error: the API refused this user profile; choose another, or none")
			continue
		}
		s.SetProfile(v)
		return nil
	}
}

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
