package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// profStep is the optional user profile: a step only when the organization
// has user profiles (listed in the background once the organization is
// known), or when one was given with --user-profile-id. The choice is
// permanent, and the step and review say so.
type profStep struct {
	pick string // the form's answer
	box  formBox
}

func newProfStep(*env) page { return &profStep{} }

// open (re)builds the form from the answer so far.
func (st *profStep) open(e *env) tea.Cmd {
	st.pick = e.s.ProfileID()
	var cmd tea.Cmd
	st.box, cmd = e.embed(forms.UserProfileForm(e.s.Org.Profiles, &st.pick), rules.FieldUserProfileID)
	return cmd
}

func (st *profStep) resize(e *env, active bool) tea.Cmd {
	if !active {
		return nil
	}
	return st.box.update(e.formSize())
}

// refused reports whether the profile on screen is the one the API refused.
func (st *profStep) refused(e *env) bool {
	return e.s.Refusal(wizard.FieldProfile) != "" && st.pick == e.s.ProfileID()
}

func (st *profStep) mode(e *env) mode { return mode{inner: !st.box.onFirst()} }

func (st *profStep) help(e *env) (short, more []key.Binding) {
	k := e.keys
	if st.refused(e) {
		return []key.Binding{refusedNote(), with(k.Up, "↑/↓", "choose"), k.Back, k.Help}, nil
	}
	return []key.Binding{with(k.Up, "↑/↓", "choose"), k.Next, k.Back, k.Help}, nil
}

func (st *profStep) update(e *env, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case profilesMsg:
		e.s.SetProfiles(msg.profiles, msg.err)
		if e.active() == stateProfile {
			return st.open(e) // the list came while the step showed
		}
		return nil
	case tea.KeyPressMsg:
		if !key.Matches(msg, e.keys.Next) {
			break
		}
		if st.refused(e) {
			return nil // the same profile would be refused again
		}
		cmd := st.box.form.NextGroup()
		if st.box.form.State != huh.StateCompleted {
			return cmd
		}
		e.s.SetProfile(st.pick)
		e.next()
		return cmd
	}
	return st.box.update(msg)
}

func (st *profStep) view(e *env, b *block) {
	s := e.styles
	b.form(st.box)
	if st.refused(e) {
		b.wrap(s.Error, "✗ "+e.s.Refusal(wizard.FieldProfile))
	}
	if n := e.s.Org.ProfilesNote; n != "" {
		b.wrap(s.Desc, n)
	}
	if st.pick != forms.NoUserProfile {
		b.wrap(s.Warn, "⚠ "+rules.UserProfilePermanent)
	} else {
		b.wrap(s.Desc, "A user profile, once set, is permanent: every inference request through the workspace must name it.")
	}
}
