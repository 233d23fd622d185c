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
		return []string{ekeyRe().String(), kmsARNRe().String()}
	case FieldUserProfileID:
		return []string{uprofRe().String()}
	case FieldDisplayColor:
		return []string{colorRe().String()}
	}
	return nil
}
