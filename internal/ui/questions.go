package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// Questions are the wizard's steps as plain prompts, over a session: each
// asks until its answer passes the same rules as the full-screen wizard's,
// and hands it to the session. Accessible mode asks them in turn; the guided
// setup's plain prompts ask them for each workspace of a plan.
type Questions struct {
	Ctx context.Context
	P   Prompter
	S   *wizard.Session
}

func (q Questions) say(format string, args ...any) { q.P.Say(fmt.Sprintf(format, args...)) }

func (q Questions) Name(also func(string) error) error {
	s := q.S
	if r := s.Refusal(wizard.FieldName); r != "" {
		q.say("Error: %s", r)
	}
	for {
		v, err := q.P.Input("Workspace name (1-255 characters)", s.Name())
		if err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		if err := s.CheckName(v); err != nil {
			q.say("Error: %s", err)
			continue
		}
		_ = s.SetName(v)
		if s.NeedNames() {
			s.SetNames(wizard.Names(q.Ctx, s.Admin()))
		}
		if w := s.Duplicate(v); w != "" {
			q.say("Warning: %s", w)
		}
		if n := s.NamesNote(); n != "" {
			q.say("Note: %s", n)
		}
		return nil
	}
}

func (q Questions) Tags() error {
	s := q.S
	if r := s.Refusal(wizard.FieldTags); r != "" {
		q.say("Error: %s", r)
	}
	q.say("Add tags as key=value, one per line. -key removes a tag. An empty line finishes; no tags is fine.")
	for {
		if tags := s.Tags(); len(tags) > 0 {
			q.say("Tags now: %s", wizard.TagList(tags))
		}
		setErr := s.TagsError()
		if setErr != nil {
			q.say("Error: %s", setErr)
		}
		v, err := q.P.Input("Tag", "")
		if err != nil {
			return err
		}
		switch {
		case v == "" && setErr == nil:
			return nil
		case v == "":
		case strings.HasPrefix(v, "-"):
			if !s.RemoveTagKey(v[1:]) {
				q.say("Error: there is no tag with key %q", v[1:])
			}
		default:
			if err := s.AddTag(-1, v); err != nil {
				q.say("Error: %s", err)
			}
		}
	}
}

func (q Questions) Residency() error {
	s := q.S
	if r := s.Refusal(wizard.FieldResidency); r != "" {
		q.say("Error: %s", r)
	}
	r := s.Residency()
	q.say("Workspace geo: %s. PERMANENT: it cannot be changed later (it is the only geo today).", r.WorkspaceGeo)
	for {
		v, err := q.P.Input("Allowed inference geos: unrestricted, or a comma-separated list of "+strings.Join(rules.InferenceGeos, ", "), r.Allowed)
		if err != nil {
			return err
		}
		if err := rules.ValidateAllowedGeos(v); err != nil || strings.TrimSpace(v) == "" {
			if err == nil {
				err = errors.New("choose at least one geo, or unrestricted")
			}
			q.say("Error: %s", err)
			continue
		}
		geos := api.SplitGeos(v)
		r.Allowed = rules.AllowedGeosValue(geos[0] == api.Unrestricted, geos)
		break
	}
	choices := rules.DefaultGeoChoices(r.Allowed)
	if len(choices) == 1 {
		r.Default = choices[0]
		q.say("Default inference geo: %s (the only allowed geo).", r.Default)
	} else {
		def := slices.Index(choices, r.Default)
		i, err := q.P.Select("Default inference geo (us is priced at "+rules.USInferencePremium+")", choices, def)
		if err != nil {
			return err
		}
		r.Default = choices[i]
	}
	if note := s.SetResidency(r); note != "" {
		q.say("Note: %s", note)
	}
	if r.Default == "us" {
		q.say("Note: US-only inference is priced at %s.", rules.USInferencePremium)
	}
	return nil
}

func (q Questions) Key() error {
	s := q.S
	if r := s.Refusal(wizard.FieldKey); r != "" {
		q.say("Error: %s", r)
	}
	q.say("A customer-managed encryption key is optional. %s", wizard.WriteOnceWarning)
	use, err := q.P.Confirm("Use a customer-managed key?", s.UsesKey())
	if err != nil {
		return err
	}
	if !use {
		s.NoKey()
		return nil
	}
	if !s.Org.KeysListed {
		s.SetExternalKeys(wizard.ExternalKeys(q.Ctx, s.Admin()))
	}
	if note := s.Org.KeysNote; note != "" {
		q.say("%s", note)
	}
	keys := s.Org.Keys
	for i, k := range keys {
		refused := ""
		if s.KeyRefusal(k.ID) != "" {
			refused = "  (refused by the API: choose another)"
		}
		q.say("  %d) %s  %s%s", i+1, wizard.KeyLabel(k), k.ID, refused)
	}
	for {
		prompt := "Key id"
		if len(keys) > 0 {
			prompt = "Key number, or a key id"
		}
		v, err := q.P.Input(prompt, s.KeyID())
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
			q.say("Error: %s", err)
			continue
		}
		if s.ChooseKey(v) {
			return nil
		}
		if r := s.KeyRefusal(v); r != "" {
			q.say("Error: %s", r) // not sent again until the answer changes
			continue
		}
		c := wizard.ValidateKey(q.Ctx, s.Admin(), v)
		s.SetKeyCheck(c)
		switch c.Status {
		case wizard.KeyOK:
			q.say("OK: %s", c.Message)
		case wizard.KeyFailed, wizard.KeyMissing: // write-once: never taken as it is
			q.say("Error: %s", c.Message)
			continue
		default:
			q.say("Warning: %s", c.Message)
		}
		return nil
	}
}

// askProfile is the user-profile step: none (the default), a listed
// profile by number, or an id.
func (q Questions) Profile() error {
	s := q.S
	refusal := s.Refusal(wizard.FieldProfile)
	if refusal != "" {
		q.say("Error: %s", refusal)
	}
	q.say("A user profile is optional; most workspaces name none. %s", rules.UserProfilePermanent)
	if note := s.Org.ProfilesNote; note != "" {
		q.say("%s", note)
	}
	profiles := s.Org.Profiles
	q.say("  0) None (default)")
	for i, pr := range profiles {
		q.say("  %d) %s  %s", i+1, forms.UserProfileLabel(pr), pr.ID)
	}
	def := "0"
	if id := s.ProfileID(); id != "" {
		def = id
	}
	for {
		v, err := q.P.Input("User profile number, or a user profile id", def)
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
			q.say("Error: choose a number from 0 to %d, or type a user profile id", len(profiles))
			continue
		default:
			if err := rules.ValidateUserProfileID(v); err != nil {
				q.say("Error: %s", err)
				continue
			}
		}
		if refusal != "" && v == s.ProfileID() {
			q.say("Error: the API refused this user profile; choose another, or none")
			continue
		}
		s.SetProfile(v)
		return nil
	}
}
