package rules

import (
	"strings"
	"testing"
)

func TestValidateEmail(t *testing.T) {
	cases := []struct {
		in, want string // want: "" for valid, else a part of the message
	}{
		{"ada@example.com", ""},
		{"Grace.Hopper+ops@mail.example.co.uk", ""},
		{"", "enter an email address"},
		{" ada@example.com", "remove the spaces"},
		{"ada", "is not an email address"},
		{"Ada <ada@example.com>", "without a name"},
		{"ada@localhost", "needs a dot"},
		{"ada@example.", "is not an email address"},
		{"a@b@example.com", "is not an email address"},
		{`"a b"@example.com`, "is not an email address"},
		{"ada\u202e@example.com", "invisible formatting character"},
		{strings.Repeat("a", 250) + "@example.com", "at most 254"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			err := ValidateEmail(tc.in)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("ValidateEmail(%q) = %v, want nil", tc.in, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("ValidateEmail(%q) = %v, want an error with %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestValidateInviteRole(t *testing.T) {
	for _, ok := range []string{"user", "developer", "billing", "claude_code_user"} {
		if err := ValidateInviteRole(ok); err != nil {
			t.Errorf("ValidateInviteRole(%q) = %v", ok, err)
		}
	}
	for in, want := range map[string]string{
		"admin":   "admin cannot be given through the API",
		"managed": "Claude Enterprise",
		"":        "choose a role",
		"owner":   `unknown role "owner"`,
	} {
		if err := ValidateInviteRole(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ValidateInviteRole(%q) = %v, want %q", in, err, want)
		}
	}
}
