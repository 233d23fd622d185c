package rules

// Rules for the plan file (internal/plan) that the single-workspace wizard
// did not need: e-mail addresses, invite roles, workspace roles written in
// full, rate-limit overrides and the organization's workspace limit.

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// MaxActiveWorkspaces is the API's limit on an organization's active (not
// archived) workspaces.
const MaxActiveWorkspaces = 100

// MaxEmailLen is the longest e-mail address accepted (RFC 5321's path limit).
const MaxEmailLen = 254

// InviteRoles are the organization roles an invite may carry, as the SDK
// lists them. admin cannot be given through the API; managed is for Claude
// Enterprise organizations only.
var InviteRoles = []anthropic.OrganizationInviteNewParamsRole{
	anthropic.OrganizationInviteNewParamsRoleUser,
	anthropic.OrganizationInviteNewParamsRoleDeveloper,
	anthropic.OrganizationInviteNewParamsRoleBilling,
	anthropic.OrganizationInviteNewParamsRoleClaudeCodeUser,
	anthropic.OrganizationInviteNewParamsRoleManaged,
}

// RateLimitTypes are the limiter types a workspace override may set, in the
// order a plan file lists them.
var RateLimitTypes = []anthropic.WorkspaceRateLimitType{
	anthropic.WorkspaceRateLimitTypeRequestsPerMinute,
	anthropic.WorkspaceRateLimitTypeInputTokensPerMinute,
	anthropic.WorkspaceRateLimitTypeInputTokensPerMinuteCacheAware,
	anthropic.WorkspaceRateLimitTypeOutputTokensPerMinute,
	anthropic.WorkspaceRateLimitTypeTokensPerMinute,
	anthropic.WorkspaceRateLimitTypeTokensPerDay,
	anthropic.WorkspaceRateLimitTypeToolUsesPerSecond,
	anthropic.WorkspaceRateLimitTypeFastItpmca,
	anthropic.WorkspaceRateLimitTypeFastOtpm,
}

// ValidateEmail checks the shape of an e-mail address: one @, something
// before it, a domain with a dot after it, no spaces or control characters.
// Whether anyone receives mail there is for the API to find out.
func ValidateEmail(s string) error {
	local, domain, ok := strings.Cut(s, "@")
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("enter an e-mail address, like alice@example.com")
	case strings.TrimSpace(s) != s:
		return errors.New("remove the spaces at the start or end of the e-mail address")
	case !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0:
		return fmt.Errorf("%q has a space or control character; write the address alone, like alice@example.com", truncate(s, 40))
	case utf8.RuneCountInString(s) > MaxEmailLen:
		return fmt.Errorf("the e-mail address is %d characters; use at most %d", utf8.RuneCountInString(s), MaxEmailLen)
	case !ok || local == "" || strings.Contains(domain, "@"):
		return fmt.Errorf("%q is not an e-mail address; write it as name@domain, like alice@example.com", truncate(s, 40))
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, ".."):
		return fmt.Errorf("%q: the domain after @ needs a dot, like example.com", truncate(s, 40))
	}
	return formatChar("the e-mail address", s)
}

// ValidateWorkspaceRole checks a workspace role written in full, as a file
// or the API names it ("workspace_developer"); the short forms plain
// prompts accept ("developer") are refused with the full name to write.
func ValidateWorkspaceRole(s string) error {
	r, err := ParseWorkspaceRole(s)
	if err != nil {
		return err
	}
	if string(r) != s {
		return fmt.Errorf("write the role's full name: %q", r)
	}
	return nil
}

// ValidateInviteRole checks the organization role of an invite.
func ValidateInviteRole(s string) error {
	if slices.Contains(InviteRoles, anthropic.OrganizationInviteNewParamsRole(s)) {
		return nil
	}
	if s == "admin" {
		return errors.New("admin cannot be given through an invite; invite as developer, then change the role in the Console")
	}
	names := make([]string, len(InviteRoles))
	for i, r := range InviteRoles {
		names[i] = string(r)
	}
	return fmt.Errorf("unknown invite role %q; choose one of %s (managed: Claude Enterprise only)", truncate(s, 30), strings.Join(names, ", "))
}

// ValidateRateLimitType checks a limiter type's name.
func ValidateRateLimitType(s string) error {
	if slices.Contains(RateLimitTypes, anthropic.WorkspaceRateLimitType(s)) {
		return nil
	}
	names := make([]string, len(RateLimitTypes))
	for i, t := range RateLimitTypes {
		names[i] = string(t)
	}
	return fmt.Errorf("unknown limiter type %q; choose from %s", truncate(s, 40), strings.Join(names, ", "))
}

// ValidateRateLimitValue checks one override value: a whole number of at
// least 1 (a value of 0 would block the workspace; leave the type out to
// keep the organization's limit).
func ValidateRateLimitValue(typ string, n int64) error {
	if n < 1 {
		return fmt.Errorf("%s must be at least 1 (got %d); leave it out to keep the organization's limit", typ, n)
	}
	return nil
}

// ValidateRateLimitGroup checks how a plan names a rate-limit group: its
// display name, rate_limit_id or group id. Whether the organization has it
// is known only once the organization's groups are read.
func ValidateRateLimitGroup(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("name the rate-limit group: its display name (as the Console shows it) or its rate_limit_id")
	case strings.TrimSpace(s) != s:
		return errors.New("remove the spaces at the start or end of the group's name")
	case !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0:
		return errors.New("the group's name has a control character; use printable text")
	}
	return formatChar("the group's name", s)
}

// Patterns returns the regular expressions that a field's rule is, one per
// accepted form (an external key id is an ekey_ id or a KMS key ARN), or
// nil for a field whose rule is not a pattern. They are written so that
// JSON Schema's patterns read them the same way; plan.Schema uses them.
func Patterns(field string) []string {
	switch field {
	case FieldExternalKeyID:
		return []string{ekeyRe.String(), kmsARNRe.String()}
	case FieldUserProfileID:
		return []string{uprofRe.String()}
	case FieldDisplayColor:
		return []string{colorRe.String()}
	}
	return nil
}
