package rules_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

func TestValidateName(t *testing.T) {
	cases := []struct {
		in, want string // want "" means valid
	}{
		{"ml-research", ""},
		{"Onboarding demo ✨", ""},
		{strings.Repeat("é", 255), ""},
		{"", "enter a name"},
		{"   ", "enter a name"},
		{strings.Repeat("é", 256), "at most 255 characters (this name has 256)"},
		{"a\nb", "control character"},
		{" ml-research", "remove the spaces at the start or end"},
		{"ml-research ", "remove the spaces at the start or end"},
		{"bad\xffutf8", "not valid UTF-8"},
		{"abcd\u202Etxt.exe", "the name contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 5: retype it without it"},
		{"ml\u200Bresearch", "(U+200B ZERO WIDTH SPACE) at position 3"},
		{"\uFEFFname", "(U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark)) at position 1"},
		{"a\u2066b\u2069", "(U+2066 LEFT-TO-RIGHT ISOLATE) at position 2"},
		{"é\u061C", "(U+061C ARABIC LETTER MARK) at position 2"},
		{"x\U000E0041", "invisible formatting character (U+E0041) at position 2"},
		{"a\u2028b", "the name contains a line break character (U+2028 LINE SEPARATOR) at position 2"},
	}
	for _, tc := range cases {
		assertRule(t, "name "+tc.in, rules.ValidateName(tc.in), tc.want)
	}
}

func TestParseTag(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"env=prod", ""},
		{"env=", ""},
		{"url=https://x?a=b", ""},
		{"env", "write the tag as key=value"},
		{"=prod", "a tag needs a key"},
		{"anthropic=1", `keys may not start with "anthropic"`},
		{"ANTHROPIC_team=1", `keys may not start with "anthropic"`},
		{" env=prod", "remove the spaces around the tag key"},
		{strings.Repeat("k", 65) + "=v", "use at most 64"},
		{"k=" + strings.Repeat("v", 257), "use at most 256"},
		{"k=a\x00b", "control character"},
		{"e\u202Env=prod", `tag key "e\u202env" contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 2`},
		{"env=pr\u200Dod", `the value of tag "env" contains an invisible formatting character (U+200D ZERO WIDTH JOINER) at position 3`},
		{"env=\u200E", "(U+200E LEFT-TO-RIGHT MARK) at position 1"},
	}
	for _, tc := range cases {
		_, err := rules.ParseTag(tc.in)
		assertRule(t, "tag "+tc.in, err, tc.want)
	}
	tag, _ := rules.ParseTag("url=https://x?a=b")
	if tag.Key != "url" || tag.Value != "https://x?a=b" {
		t.Errorf("ParseTag split at the wrong '=': %+v", tag)
	}
}

func TestValidateTags(t *testing.T) {
	many := make([]api.Tag, rules.MaxTags+1)
	for i := range many {
		many[i] = api.Tag{Key: "k" + strings.Repeat("x", i), Value: "v"}
	}
	assertRule(t, "too many", rules.ValidateTags(many), "at most 50 tags")
	assertRule(t, "exactly max", rules.ValidateTags(many[:rules.MaxTags]), "")
	assertRule(t, "duplicate", rules.ValidateTags([]api.Tag{{Key: "env", Value: "a"}, {Key: "team", Value: "b"}, {Key: "env", Value: "c"}}), `"env" is used twice`)
	assertRule(t, "none", rules.ValidateTags(nil), "")
}

func TestGeoRules(t *testing.T) {
	assertRule(t, "ws us", rules.ValidateWorkspaceGeo("us"), "")
	assertRule(t, "ws default", rules.ValidateWorkspaceGeo(""), "")
	assertRule(t, "ws eu", rules.ValidateWorkspaceGeo("eu"), `the only workspace geo today is "us"`)
	for _, ok := range []string{"", "unrestricted", "us", "global", "us,global", " us , global "} {
		assertRule(t, "allowed "+ok, rules.ValidateAllowedGeos(ok), "")
	}
	assertRule(t, "allowed mars", rules.ValidateAllowedGeos("us,mars"), `unknown inference geo "mars"`)
	assertRule(t, "allowed twice", rules.ValidateAllowedGeos("us,us"), "listed twice")
	assertRule(t, "allowed blank", rules.ValidateAllowedGeos(" , "), "list at least one geo")
	assertRule(t, "unrestricted+us", rules.ValidateAllowedGeos("unrestricted,us"), "stands alone")

	defaults := []struct{ allowed, def, want string }{
		{"", "", ""},
		{"", "us", ""},
		{"unrestricted", "global", ""},
		{"us", "us", ""},
		{"us,global", "global", ""},
		{"us", "global", `"global" is not in the allowed geos (us)`},
		{"us", "", `would be "global"`},
		{"global", "", ""},
		{"", "eu", `unknown inference geo "eu"`},
	}
	for _, tc := range defaults {
		assertRule(t, "default "+tc.allowed+"/"+tc.def, rules.ValidateDefaultGeo(tc.allowed, tc.def), tc.want)
	}
}

func TestKeyAndColour(t *testing.T) {
	for _, ok := range []string{"", "ekey_01SDCCSbTxrXDpWc1phhtcfK", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"} {
		assertRule(t, "key "+ok, rules.ValidateExternalKeyID(ok), "")
	}
	for _, bad := range []string{"ekey_", "key_123", "arn:aws:kms:us-east-1:123:key/x", "ekey_01SDCC SbTx"} {
		assertRule(t, "key "+bad, rules.ValidateExternalKeyID(bad), "is not a key id")
	}
	for _, ok := range []string{"", "#6C5BB9", "#abcdef"} {
		assertRule(t, "colour "+ok, rules.ValidateDisplayColor(ok), "")
	}
	for _, bad := range []string{"6C5BB9", "#6C5BB", "#GGGGGG", "purple"} {
		assertRule(t, "colour "+bad, rules.ValidateDisplayColor(bad), "is not a colour")
	}
}

func TestValidateNamesEveryBrokenField(t *testing.T) {
	err := rules.Validate(api.Spec{Name: "", Tags: []api.Tag{{Key: "anthropic", Value: "x"}}, AllowedInferenceGeos: "us", DefaultInferenceGeo: "global", DisplayColor: "red"})
	var fields []string
	for _, fe := range rules.FieldErrors(err) {
		fields = append(fields, fe.Field)
	}
	want := []string{rules.FieldName, rules.FieldTags, rules.FieldDefaultGeo, rules.FieldDisplayColor}
	if strings.Join(fields, " ") != strings.Join(want, " ") {
		t.Errorf("fields = %v, want %v (err: %v)", fields, want, err)
	}
	if rules.Validate(api.Spec{Name: "ok"}) != nil {
		t.Error("a spec with only a name should be valid")
	}
}

func assertRule(t *testing.T, name string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: unexpected error %q", name, err)
	case want != "" && err == nil:
		t.Errorf("%s: accepted, want an error containing %q", name, want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("%s: error %q does not contain %q", name, err, want)
	}
}

// FuzzRules: the rules never panic, accept only what the API can take, and
// always say something when they refuse.
func FuzzRules(f *testing.F) {
	for _, s := range []string{"", "env=prod", "anthropic=1", "us,global", "unrestricted", "#6C5BB9", "ekey_01SDCCSbTxrXDpWc1phhtcfK", "\xff", "a\x00", "a\u202Eb", "k=\u200B", "a\u2029"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		check := func(err error) {
			if err != nil && strings.TrimSpace(err.Error()) == "" {
				t.Fatalf("an empty message for %q", a)
			}
		}
		if err := rules.ValidateName(a); err == nil {
			if n := utf8.RuneCountInString(a); n == 0 || n > rules.MaxNameLen || !utf8.ValidString(a) || strings.TrimSpace(a) == "" {
				t.Fatalf("accepted bad name %q", a)
			}
			if termsafe.String(a) != a {
				t.Fatalf("accepted name %q, which does not show as it is (%q)", a, termsafe.String(a))
			}
		} else {
			check(err)
		}
		if tag, err := rules.ParseTag(a); err == nil {
			if tag.Key == "" || strings.HasPrefix(strings.ToLower(tag.Key), "anthropic") || tag.Key+"="+tag.Value != a {
				t.Fatalf("accepted bad tag %q as %+v", a, tag)
			}
			if termsafe.String(a) != a {
				t.Fatalf("accepted tag %q, which does not show as it is (%q)", a, termsafe.String(a))
			}
		} else {
			check(err)
		}
		if rules.ValidateAllowedGeos(a) == nil && rules.ValidateDefaultGeo(a, b) == nil {
			s := api.Spec{Name: "n", AllowedInferenceGeos: a, DefaultInferenceGeo: b}
			if err := rules.Validate(s); err != nil {
				t.Fatalf("rules disagree for allowed=%q default=%q: %v", a, b, err)
			}
			if b != "" && b != "us" && b != "global" {
				t.Fatalf("accepted default geo %q", b)
			}
		}
		check(rules.ValidateExternalKeyID(a))
		check(rules.ValidateDisplayColor(a))
		var fe *rules.FieldError
		if err := rules.Validate(api.Spec{Name: a, DisplayColor: b}); err != nil && !errors.As(err, &fe) {
			t.Fatalf("Validate returned a non-field error: %v", err)
		}
	})
}
