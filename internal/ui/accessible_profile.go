package ui

import (
	"strconv"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// askProfile is the user-profile step as plain prompts: none (the default),
// a listed profile by number, or an id.
func (p *prompter) askProfile() error {
	st := &p.m.prof
	p.header(stateProfile)
	if st.apiErr != "" {
		p.say("Error: %s", st.apiErr)
	}
	p.say("A user profile is optional; most workspaces name none. %s", rules.UserProfilePermanent)
	if st.listNote != "" {
		p.say("%s", st.listNote)
	}
	p.say("  0) None (default)")
	for i, pr := range st.profiles {
		p.say("  %d) %s  %s", i+1, forms.UserProfileLabel(pr), pr.ID)
	}
	def := "0"
	if st.chosen != "" {
		def = st.chosen
	}
	for {
		v, err := p.ask("User profile number, or a user profile id", def)
		if err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		switch n, err := strconv.Atoi(v); {
		case strings.EqualFold(v, "none") || (err == nil && n == 0):
			v = forms.NoUserProfile
		case err == nil && n >= 1 && n <= len(st.profiles):
			v = st.profiles[n-1].ID
		case err == nil:
			p.say("Error: choose a number from 0 to %d, or type a user profile id", len(st.profiles))
			continue
		default:
			if err := rules.ValidateUserProfileID(v); err != nil {
				p.say("Error: %s", err)
				continue
			}
		}
		if st.apiErr != "" && v == st.errFor {
			p.say("Error: the API refused this user profile; choose another, or none")
			continue
		}
		st.chosen, st.apiErr = v, ""
		return nil
	}
}
