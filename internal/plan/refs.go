package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// references checks the ids a new workspace's entry names against the
// organization's lists, where they were read: an id the organization does
// not have is an error (the create would be refused); one that cannot be
// checked (the list could not be read) is a note.
func (d *differ) references(w *Workspace) []Item {
	var out []Item
	check := func(field, id string, read bool, unreadable string, known []string, what string) {
		if id == "" || (!read && unreadable == "") {
			return
		}
		it := Item{ID: workspaceID(w.Name) + "." + field, Kind: KindWorkspace, Workspace: w.Name}
		switch {
		case unreadable != "":
			it.Action = Note
			it.Description = fmt.Sprintf("%s %s could not be checked: %s; the API checks it when the workspace is created", what, id, unreadable)
		case slices.Contains(known, id):
			return
		default:
			it.Action = Failed
			has := "it has none"
			if len(known) > 0 {
				has = "it has " + strings.Join(known, ", ")
			}
			it.Description = fmt.Sprintf("the organization has no %s %s (%s): correct %s in the entry", what, id, has, field)
		}
		out = append(out, it)
	}
	var keys, profiles []string
	for _, k := range d.o.ExternalKeys {
		keys = append(keys, k.ID)
	}
	for _, p := range d.o.UserProfiles {
		profiles = append(profiles, p.ID)
	}
	check(rules.FieldExternalKeyID, w.ExternalKeyID, d.o.ExternalKeys != nil, d.o.KeysUnreadable, keys, "encryption key")
	check(rules.FieldUserProfileID, w.UserProfileID, d.o.UserProfiles != nil, d.o.ProfilesUnreadable, profiles, "user profile")
	return out
}
