package rules_test

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

func TestValidateUserProfileID(t *testing.T) {
	cases := []struct {
		in, want string // want "" means valid
	}{
		{"", ""},
		{"uprof_01ABCdef", ""},
		{"uprof_" + strings.Repeat("a", 64), ""},
		{"uprof_" + strings.Repeat("a", 65), "is not a user profile id"},
		{"uprof_", "is not a user profile id"},
		{"uprof_0123456", "is not a user profile id"}, // 7 characters
		{"uprof_01ABC-def", "is not a user profile id"},
		{"uprof_01ABC def", "is not a user profile id"},
		{"UPROF_01ABCdefgh", "is not a user profile id"},
		{"user_01ABCdefgh", "copy it from the Console"},
		{"uprof_01ABCdefg\n", "looks like uprof_01ABC"},
	}
	for _, tc := range cases {
		assertRule(t, "user profile "+tc.in, rules.ValidateUserProfileID(tc.in), tc.want)
	}
}

// Validate names the user profile field, so flag mode can name the flag
// and the wizard can open the step.
func TestValidateNamesUserProfileField(t *testing.T) {
	err := rules.Validate(api.Spec{Name: "ok", UserProfileID: "prof_1"})
	fes := rules.FieldErrors(err)
	if len(fes) != 1 || fes[0].Field != rules.FieldUserProfileID {
		t.Fatalf("field errors %v, want one for %s", fes, rules.FieldUserProfileID)
	}
	if err := rules.Validate(api.Spec{Name: "ok", UserProfileID: "uprof_01JDemoProfile"}); err != nil {
		t.Fatalf("a good id refused: %v", err)
	}
	if f, text := rules.SplitFieldMessage("user_profile_id: no user profile uprof_x"); f != rules.FieldUserProfileID || text != "no user profile uprof_x" {
		t.Fatalf("SplitFieldMessage = %q, %q", f, text)
	}
}

func TestSpecCarriesUserProfile(t *testing.T) {
	s := api.Spec{Name: "w", UserProfileID: "uprof_01JDemoProfile"}
	if p := s.Params(); p.UserProfileID.Value != "uprof_01JDemoProfile" {
		t.Fatalf("params user_profile_id %q", p.UserProfileID.Value)
	}
	if got := strings.Join(config.Args(s), " "); got != "--name w --user-profile-id uprof_01JDemoProfile --yes" {
		t.Fatalf("args %q", got)
	}
	if p := (api.Spec{Name: "w"}).Params(); p.UserProfileID.Valid() {
		t.Fatal("an unset profile is sent")
	}
}
