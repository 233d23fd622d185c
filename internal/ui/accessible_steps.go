package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

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
