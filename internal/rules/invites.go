package rules

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// Field names of an invite, as the API's JSON names them.
const (
	FieldInviteEmail = "email"
	FieldInviteRole  = "role"
)

// MaxEmailLen is the longest address SMTP allows (RFC 5321: 254 characters).
const MaxEmailLen = 254

// InviteRoles are the organization roles an invite may give in a Console or
// API organization, as the API documents them: admin cannot be given through
// the API, and managed is for Claude Enterprise organizations only.
var InviteRoles = []anthropic.OrganizationInviteNewParamsRole{
	anthropic.OrganizationInviteNewParamsRoleUser,
	anthropic.OrganizationInviteNewParamsRoleDeveloper,
	anthropic.OrganizationInviteNewParamsRoleBilling,
	anthropic.OrganizationInviteNewParamsRoleClaudeCodeUser,
}

// ValidateEmail checks an address to invite: one plain address
// (name@example.com), no display name, no spaces, a domain with a dot.
func ValidateEmail(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("enter an email address, such as name@example.com")
	case strings.TrimSpace(s) != s:
		return errors.New("remove the spaces at the start or end of the email address")
	case len(s) > MaxEmailLen:
		return fmt.Errorf("an email address has at most %d characters (this one has %d)", MaxEmailLen, len(s))
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return fmt.Errorf("%q is not an email address; write it as name@example.com, without a name or <>", truncate(s, 60))
	}
	at := strings.LastIndex(s, "@")
	local, domain := s[:at], s[at+1:]
	switch {
	case local == "" || strings.ContainsAny(s, " \t\"") || strings.Count(s, "@") != 1:
		return fmt.Errorf("%q is not an email address; write it as name@example.com", truncate(s, 60))
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, "."):
		return fmt.Errorf("the domain of %q needs a dot, as in example.com", truncate(s, 60))
	}
	return formatChar("the email address", s)
}

// ValidateInviteRole checks the organization role an invite gives.
func ValidateInviteRole(role string) error {
	if slices.Contains(InviteRoles, anthropic.OrganizationInviteNewParamsRole(role)) {
		return nil
	}
	names := make([]string, len(InviteRoles))
	for i, r := range InviteRoles {
		names[i] = string(r)
	}
	choices := strings.Join(names, ", ")
	switch role {
	case "admin":
		return fmt.Errorf("admin cannot be given through the API; invite with one of %s and make the user an admin in the Console", choices)
	case "managed":
		return fmt.Errorf("managed is for Claude Enterprise organizations only; choose one of %s", choices)
	case "":
		return fmt.Errorf("choose a role: one of %s", choices)
	}
	return fmt.Errorf("unknown role %q; choose one of %s", truncate(role, 40), choices)
}
