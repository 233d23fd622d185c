package rules_test

import (
	"regexp"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

func TestValidateRoles(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"workspace_developer", ""},
		{"workspace_admin", ""},
		{"developer", `write the role's full name: "workspace_developer"`},
		{"workspace_billing", "cannot be given through the API"},
		{"owner", "choose one of workspace_admin"},
	} {
		assertRule(t, "workspace role "+tc.in, rules.ValidateWorkspaceRole(tc.in), tc.want)
	}
}

func TestValidateRateLimits(t *testing.T) {
	assertRule(t, "type", rules.ValidateRateLimitType("requests_per_minute"), "")
	assertRule(t, "type", rules.ValidateRateLimitType("rpm"), `unknown limiter type "rpm"; choose from requests_per_minute`)
	assertRule(t, "value", rules.ValidateRateLimitValue("requests_per_minute", 1), "")
	assertRule(t, "value", rules.ValidateRateLimitValue("requests_per_minute", 0), "requests_per_minute must be at least 1 (got 0)")
	assertRule(t, "group", rules.ValidateRateLimitGroup("Claude Sonnet 4.x"), "")
	assertRule(t, "group", rules.ValidateRateLimitGroup(""), "name the rate-limit group")
	assertRule(t, "group", rules.ValidateRateLimitGroup("a\tb"), "control character")
}

// The patterns are the rules: what one accepts, the other does.
func TestPatterns(t *testing.T) {
	cases := map[string][]string{
		rules.FieldExternalKeyID: {"ekey_01SDCCSbTxrXDpWc1phhtcfK", "arn:aws:kms:us-east-1:123456789012:key/abcd-1234", "ekey_1", "key", ""},
		rules.FieldUserProfileID: {"uprof_01ABCDEFGH", "uprof_1", "x"},
		rules.FieldDisplayColor:  {"#2E7D6B", "#2e7d6", "red"},
	}
	validate := map[string]func(string) error{
		rules.FieldExternalKeyID: rules.ValidateExternalKeyID,
		rules.FieldUserProfileID: rules.ValidateUserProfileID,
		rules.FieldDisplayColor:  rules.ValidateDisplayColor,
	}
	for field, inputs := range cases {
		for _, in := range inputs {
			if in == "" {
				continue // empty means "not set" to the rule
			}
			matched := false
			for _, p := range rules.Patterns(field) {
				matched = matched || regexp.MustCompile(p).MatchString(in)
			}
			if ok := validate[field](in) == nil; ok != matched {
				t.Errorf("%s %q: rule says %v, patterns say %v", field, in, ok, matched)
			}
		}
	}
	if rules.Patterns(rules.FieldName) != nil {
		t.Error("the name's rule is not a pattern")
	}
}
