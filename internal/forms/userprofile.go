package forms

import (
	"strings"

	"charm.land/huh/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// NoUserProfile is the user-profile form's answer for "none" (the default).
const NoUserProfile = ""

// UserProfileLabel names a profile as the API describes it: its name (the
// API serves none until the platform supplies one) and its access type.
func UserProfileLabel(p anthropic.UserProfile) string {
	name := termsafe.String(p.Name)
	if name == "" {
		name = "(no name)"
	}
	if p.AccessType != "" {
		name += " · " + termsafe.String(string(p.AccessType))
	}
	return name
}

// UserProfileForm offers no user profile (the default) or one of the
// organization's profiles. An id in *id that is not among them (given as a
// flag) is offered too, so it can be kept or dropped.
func UserProfileForm(profiles []anthropic.UserProfile, id *string) Form {
	opts := []huh.Option[string]{huh.NewOption("None: requests need not name a user profile (default)", NoUserProfile)}
	listed := false
	for _, p := range profiles {
		opts = append(opts, huh.NewOption(UserProfileLabel(p)+"\n  "+termsafe.String(p.ID), p.ID))
		listed = listed || p.ID == *id
	}
	if *id != NoUserProfile && !listed {
		opts = append(opts, huh.NewOption(strings.TrimSpace(termsafe.String(*id)+" (given with --user-profile-id)"), *id))
	}
	return newForm(huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Key(rules.FieldUserProfileID).
			Title("User profile").
			Description("Optional. Most workspaces name none.").
			Value(id).Options(opts...),
	)).WithKeyMap(KeyMap()), labelsOf(rules.FieldUserProfileID, opts))
}
