// Package rules holds the workspace fields' rules, shared by flag mode
// (config), the wizard (ui, forms) and the simulated Admin API (fakeapi):
// field names, limits, defaults, geos, roles and validators. Each rule is
// written once, here, as a plain func(string) error whose message says how
// to fix the value. It has no UI imports, so none of its users links a UI.
package rules

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// Limits the API documentation leaves open, chosen here and kept in one place.
// The README states them.
const (
	MaxNameLen     = 255 // characters; the API's documented limit
	MaxTags        = 50
	MaxTagKeyLen   = 64
	MaxTagValueLen = 256
)

// Field names, as the API's JSON paths: errors name them so the UI can take
// the user to the right step and flag mode can name the right flag.
const (
	FieldName          = "name"
	FieldTags          = "tags"
	FieldWorkspaceGeo  = "data_residency.workspace_geo"
	FieldAllowedGeos   = "data_residency.allowed_inference_geos"
	FieldDefaultGeo    = "data_residency.default_inference_geo"
	FieldExternalKeyID = "external_key_id"
	FieldDisplayColor  = "display_color"
	FieldUserProfileID = "user_profile_id"
)

// WorkspaceGeos and InferenceGeos are the geos the API knows today.
var (
	WorkspaceGeos = []string{"us"}
	InferenceGeos = []string{"global", "us"}
)

// FieldError is a rule broken by one field's value.
type FieldError struct {
	Field string // one of the Field* constants
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

// ValidateName checks a workspace name: 1–255 characters, not only spaces,
// no control or invisible formatting characters.
func ValidateName(s string) error {
	switch n := utf8.RuneCountInString(s); {
	case strings.TrimSpace(s) == "":
		return errors.New("enter a name for the workspace")
	case strings.TrimSpace(s) != s:
		return errors.New("remove the spaces at the start or end of the name")
	case n > MaxNameLen:
		return fmt.Errorf("use at most %d characters (this name has %d)", MaxNameLen, n)
	case !utf8.ValidString(s):
		return errors.New("the name is not valid UTF-8 text")
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return errors.New("remove the control character (tab, newline or similar) from the name")
	}
	return formatChar("the name", s)
}

// formatChar refuses invisible Unicode formatting characters (category Cf:
// bidi overrides and isolates, zero-width characters, the byte order mark)
// and the line and paragraph separators:
// they make text read differently from what it is, as "abc\u202Etxt.exe"
// shows as "abcexe.txt". The message names the character and where it is.
func formatChar(what, s string) error {
	pos := 0
	for _, r := range s {
		pos++
		kind := "an invisible formatting character"
		if r == '\u2028' || r == '\u2029' {
			kind = "a line break character"
		} else if !termsafe.IsFormat(r) {
			continue
		}
		return fmt.Errorf("%s contains %s (%s) at position %d: retype it without it", what, kind, termsafe.Describe(r), pos)
	}
	return nil
}

// ValidateTagKey checks one tag key on its own.
func ValidateTagKey(k string) error {
	switch n := utf8.RuneCountInString(k); {
	case k == "":
		return errors.New("a tag needs a key before the '=' (for example env=prod)")
	case strings.TrimSpace(k) != k:
		return fmt.Errorf("remove the spaces around the tag key %q", strings.TrimSpace(k))
	case strings.HasPrefix(strings.ToLower(k), "anthropic"):
		return fmt.Errorf("tag key %q: keys may not start with \"anthropic\"; pick another key", k)
	case n > MaxTagKeyLen:
		return fmt.Errorf("tag key %q is %d characters; use at most %d", truncate(k, 20), n, MaxTagKeyLen)
	case !utf8.ValidString(k) || strings.IndexFunc(k, unicode.IsControl) >= 0:
		return fmt.Errorf("tag key %q has a control character; use printable text", k)
	}
	return formatChar(fmt.Sprintf("tag key %q", k), k)
}

// ValidateTagValue checks one tag value on its own; empty values are allowed.
func ValidateTagValue(k, v string) error {
	if n := utf8.RuneCountInString(v); n > MaxTagValueLen {
		return fmt.Errorf("the value of tag %q is %d characters; use at most %d", k, n, MaxTagValueLen)
	}
	if !utf8.ValidString(v) || strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return fmt.Errorf("the value of tag %q has a control character; use printable text", k)
	}
	return formatChar(fmt.Sprintf("the value of tag %q", k), v)
}

// ParseTag splits "key=value" as typed on the command line or in the wizard
// and checks both halves.
func ParseTag(s string) (api.Tag, error) {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return api.Tag{}, fmt.Errorf("write the tag as key=value (got %q)", s)
	}
	if err := ValidateTagKey(k); err != nil {
		return api.Tag{}, err
	}
	if err := ValidateTagValue(k, v); err != nil {
		return api.Tag{}, err
	}
	return api.Tag{Key: k, Value: v}, nil
}

// ValidateTags checks every tag and the set as a whole: unique keys, at most
// MaxTags of them.
func ValidateTags(tags []api.Tag) error {
	if len(tags) > MaxTags {
		return fmt.Errorf("at most %d tags are allowed (there are %d); remove some", MaxTags, len(tags))
	}
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		if err := ValidateTagKey(t.Key); err != nil {
			return err
		}
		if err := ValidateTagValue(t.Key, t.Value); err != nil {
			return err
		}
		if seen[t.Key] {
			return fmt.Errorf("tag key %q is used twice; each key may appear once", t.Key)
		}
		seen[t.Key] = true
	}
	return nil
}

// ValidateWorkspaceGeo checks the storage geo; empty means the default ("us").
func ValidateWorkspaceGeo(g string) error {
	if g == "" || slices.Contains(WorkspaceGeos, g) {
		return nil
	}
	return fmt.Errorf("unknown workspace geo %q; the only workspace geo today is %s", g, quoteList(WorkspaceGeos))
}

// ValidateAllowedGeos checks "unrestricted" or a comma-separated geo list;
// empty means the default ("unrestricted").
func ValidateAllowedGeos(s string) error {
	geos := api.SplitGeos(s)
	if s != "" && len(geos) == 0 {
		return fmt.Errorf("list at least one geo (%s) or use %q", quoteList(InferenceGeos), api.Unrestricted)
	}
	seen := map[string]bool{}
	for _, g := range geos {
		switch {
		case g == api.Unrestricted && len(geos) > 1:
			return fmt.Errorf("%q stands alone; drop it or drop the other geos", api.Unrestricted)
		case g == api.Unrestricted:
		case !slices.Contains(InferenceGeos, g):
			return fmt.Errorf("unknown inference geo %q; choose from %s, or %q", g, quoteList(InferenceGeos), api.Unrestricted)
		case seen[g]:
			return fmt.Errorf("geo %q is listed twice", g)
		}
		seen[g] = true
	}
	return nil
}

// ValidateDefaultGeo checks the default inference geo against the allowed
// set: it must be one of them unless the set is unrestricted (or unset).
func ValidateDefaultGeo(allowed, def string) error {
	if def == "" {
		def = "global" // the API's default
		if geos := api.SplitGeos(allowed); len(geos) > 0 && geos[0] != api.Unrestricted && !slices.Contains(geos, def) {
			return fmt.Errorf("the default inference geo would be %q, which the allowed geos (%s) exclude; set the default to one of them", def, strings.Join(geos, ","))
		}
		return nil
	}
	if !slices.Contains(InferenceGeos, def) {
		return fmt.Errorf("unknown inference geo %q; choose from %s", def, quoteList(InferenceGeos))
	}
	geos := api.SplitGeos(allowed)
	if len(geos) == 0 || geos[0] == api.Unrestricted || slices.Contains(geos, def) {
		return nil
	}
	return fmt.Errorf("default inference geo %q is not in the allowed geos (%s); pick one of those or allow %q", def, strings.Join(geos, ","), def)
}

// The id patterns, compiled when first used: compiling them all at start
// (the ARN's counted repeats above all) cost most of the program's package
// initialisation, before its first frame.
var (
	ekeyRe   = lazyRegexp(`^ekey_[A-Za-z0-9]{8,64}$`)
	kmsARNRe = lazyRegexp(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]{1,128}$`)
	colorRe  = lazyRegexp(`^#[0-9A-Fa-f]{6}$`)
	uprofRe  = lazyRegexp(`^uprof_[A-Za-z0-9]{8,64}$`)
)

func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// ValidateExternalKeyID checks the shape of a CMEK key id: an ekey_… id or an
// AWS KMS key ARN. Empty means no key.
func ValidateExternalKeyID(s string) error {
	if s == "" || ekeyRe().MatchString(s) || kmsARNRe().MatchString(s) {
		return nil
	}
	return fmt.Errorf("%q is not a key id; use an id like ekey_01SDCCSbTxrXDpWc1phhtcfK (from the External Keys API) or an AWS KMS key ARN", truncate(s, 40))
}

// ValidateUserProfileID checks the shape of a user profile id: uprof_ and
// 8–64 letters or digits. Empty means no user profile.
func ValidateUserProfileID(s string) error {
	if s == "" || uprofRe().MatchString(s) {
		return nil
	}
	return fmt.Errorf("%q is not a user profile id; a user profile id looks like uprof_01ABC… (uprof_ and 8-64 letters or digits): copy it from the Console", truncate(s, 40))
}

// ValidateDisplayColor checks a #RRGGBB colour; empty lets the server pick.
func ValidateDisplayColor(s string) error {
	if s == "" || colorRe().MatchString(s) {
		return nil
	}
	return fmt.Errorf("%q is not a colour; write it as # and six hex digits, like #6C5BB9", truncate(s, 20))
}

// Validate checks a whole spec and returns every broken rule as a
// *FieldError, joined, or nil when the spec can be sent.
func Validate(s api.Spec) error {
	var errs []error
	add := func(field string, err error) {
		if err != nil {
			errs = append(errs, &FieldError{Field: field, Err: err})
		}
	}
	add(FieldName, ValidateName(s.Name))
	add(FieldTags, ValidateTags(s.Tags))
	add(FieldWorkspaceGeo, ValidateWorkspaceGeo(s.WorkspaceGeo))
	allowedErr := ValidateAllowedGeos(s.AllowedInferenceGeos)
	add(FieldAllowedGeos, allowedErr)
	if allowedErr == nil {
		add(FieldDefaultGeo, ValidateDefaultGeo(s.AllowedInferenceGeos, s.DefaultInferenceGeo))
	}
	add(FieldExternalKeyID, ValidateExternalKeyID(s.ExternalKeyID))
	add(FieldDisplayColor, ValidateDisplayColor(s.DisplayColor))
	add(FieldUserProfileID, ValidateUserProfileID(s.UserProfileID))
	return errors.Join(errs...)
}

// FieldErrors unpacks what Validate returned into its field errors.
func FieldErrors(err error) []*FieldError {
	var out []*FieldError
	var walk func(error)
	walk = func(err error) {
		var fe *FieldError
		switch e := err.(type) {
		case nil:
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			if errors.As(err, &fe) {
				out = append(out, fe)
			}
		}
	}
	walk(err)
	return out
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
