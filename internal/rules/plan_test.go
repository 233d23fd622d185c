package rules_test

import (
	"regexp"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

func TestValidateEmail(t *testing.T) {
	cases := []struct{ in, want string }{
		{"alice@example.com", ""},
		{"Alice.B+tag@sub.example.co.uk", ""},
		{"", "enter an e-mail address"},
		{" alice@example.com", "remove the spaces"},
		{"alice @example.com", "has a space or control character"},
		{"alice\n@example.com", "has a space or control character"},
		{"alice", `"alice" is not an e-mail address; write it as name@domain`},
		{"@example.com", "is not an e-mail address"},
		{"a@b@example.com", "is not an e-mail address"},
		{"alice@localhost", "the domain after @ needs a dot"},
		{"alice@example.", "the domain after @ needs a dot"},
		{"alice@example..com", "the domain after @ needs a dot"},
		{"al\u200Bice@example.com", "invisible formatting character (U+200B ZERO WIDTH SPACE)"},
	}
	for _, tc := range cases {
		assertRule(t, "email "+tc.in, rules.ValidateEmail(tc.in), tc.want)
	}
}

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
	for _, tc := range []struct{ in, want string }{
		{"user", ""}, {"developer", ""}, {"billing", ""}, {"claude_code_user", ""}, {"managed", ""},
		{"admin", "admin cannot be given through an invite"},
		{"workspace_user", `unknown invite role "workspace_user"; choose one of user, developer`},
	} {
		assertRule(t, "invite role "+tc.in, rules.ValidateInviteRole(tc.in), tc.want)
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
