package plan_test

import (
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// A new workspace's user profile and key are checked against the lists
// read: unknown is an error, known is nothing more, unreadable is a note,
// not read is not checked.
func TestReferences(t *testing.T) {
	f := mustParse(t, "version: 1\nworkspaces:\n  - name: a\n    user_profile_id: uprof_0123456789\n    external_key_id: ekey_0123456789\n")
	for _, tc := range []struct {
		name string
		o    plan.Observed
		want string
	}{
		{"not read", plan.Observed{}, ""},
		{"known", plan.Observed{UserProfiles: []anthropic.UserProfile{{ID: "uprof_0123456789"}}, ExternalKeys: []anthropic.ExternalKey{{ID: "ekey_0123456789"}}}, ""},
		{"unknown profile", plan.Observed{UserProfiles: []anthropic.UserProfile{{ID: "uprof_other00000"}}}, `workspace["a"].user_profile_id error: the organization has no user profile uprof_0123456789 (it has uprof_other00000)`},
		{"keys unreadable", plan.Observed{KeysUnreadable: "this key may not list them (404 not_found_error)"}, `workspace["a"].external_key_id note: encryption key ekey_0123456789 could not be checked: this key may not list them (404 not_found_error)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plan.Diff(f, tc.o)
			var got []string
			for _, it := range p.Items[1:] {
				got = append(got, it.ID+" "+string(it.Action)+": "+it.Description)
			}
			if tc.want == "" && len(got) != 0 || tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)) {
				t.Errorf("items %q, want %q", got, tc.want)
			}
		})
	}
}
