package ui

import (
	"context"
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// profStep is the optional user profile: offered only when the organization
// has user profiles (listed in the background once the organization is
// known), or when one was given with --user-profile-id. The choice is
// permanent, and the step and review say so.
type profStep struct {
	offered  bool // the step is one of the wizard's steps; once true, it stays
	asked    bool // the list was requested
	profiles []anthropic.UserProfile
	listNote string // why the list may be short or missing
	chosen   string // the profile id in use; "" is none
	pick     string // the form's answer
	box      formBox
	apiErr   string // the API refused...
	errFor   string // ...this id
}

// profilesMsg is the answer to the user-profile list. With an error
// wrapping api.ErrListIncomplete, profiles holds those read.
type profilesMsg struct {
	profiles []anthropic.UserProfile
	err      error
}

func profilesCmd(ctx context.Context, a api.Admin) tea.Cmd {
	return func() tea.Msg {
		ps, err := a.ListUserProfiles(ctx)
		return profilesMsg{ps, err}
	}
}

func newProfStep(id string) profStep {
	return profStep{chosen: id, offered: id != ""}
}

// listProfiles asks for the organization's user profiles once.
func (m *Model) listProfiles() tea.Cmd {
	if m.prof.asked || m.api == nil {
		return nil
	}
	m.prof.asked = true
	return profilesCmd(m.ctx, m.api)
}

// gotProfiles takes the list, whatever screen shows: the step appears when
// there are profiles. A 403 or 404 (the key or the organization has no user
// profiles API) leaves the step out silently.
func (m *Model) gotProfiles(msg profilesMsg) tea.Cmd {
	st := &m.prof
	var e *api.Error
	var inc *api.IncompleteListError
	switch {
	case errors.As(msg.err, &inc):
		st.listNote = fmt.Sprintf("Only the first %d user profiles could be listed; if yours is not here, give it with --user-profile-id.", len(msg.profiles))
	case errors.As(msg.err, &e) && (e.Status == 403 || e.Status == 404):
		return nil
	case msg.err != nil:
		st.listNote = "Listing user profiles failed: " + msg.err.Error()
		return nil
	}
	st.profiles = msg.profiles
	if len(st.profiles) > 0 {
		st.offered = true
	}
	if m.state == stateProfile {
		return m.openProfile() // the list came while the step showed
	}
	return nil
}

// openProfile (re)builds the form from the answer so far.
func (m *Model) openProfile() tea.Cmd {
	st := &m.prof
	st.pick = st.chosen
	var cmd tea.Cmd
	st.box, cmd = m.embed(forms.UserProfileForm(st.profiles, &st.pick), rules.FieldUserProfileID)
	return cmd
}

func (m *Model) updateProfile(msg tea.Msg) tea.Cmd {
	st := &m.prof
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.keys.Next) {
		if st.apiErr != "" && st.pick == st.errFor {
			return nil // the same profile would be refused again
		}
		cmd := st.box.form.NextGroup()
		if st.box.form.State != huh.StateCompleted {
			return cmd
		}
		st.chosen = st.pick
		st.apiErr = ""
		return tea.Batch(cmd, m.next())
	}
	return st.box.update(msg)
}

func (m *Model) viewProfile(b *block) {
	s := m.styles
	st := &m.prof
	b.form(st.box)
	if st.apiErr != "" {
		b.wrap(s.Error, "✗ "+st.apiErr)
	}
	if st.listNote != "" {
		b.wrap(s.Desc, st.listNote)
	}
	if st.pick != forms.NoUserProfile {
		b.wrap(s.Warn, "⚠ "+rules.UserProfilePermanent)
	} else {
		b.wrap(s.Desc, "A user profile, once set, is permanent: every inference request through the workspace must name it.")
	}
}

// profileValue is the review's text for the chosen profile: its name and id.
func (st *profStep) profileValue(id string) string {
	for _, p := range st.profiles {
		if p.ID == id && p.Name != "" {
			return p.Name + " (" + id + ")"
		}
	}
	return id
}
