package rules_test

import (
	"slices"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

func TestDefaultGeoChoicesAreAlwaysValid(t *testing.T) {
	for _, tc := range []struct {
		allowed string
		want    []string
	}{
		{"", []string{"global", "us"}},
		{"unrestricted", []string{"global", "us"}},
		{"us", []string{"us"}},
		{"global", []string{"global"}},
		{"us,global", []string{"global", "us"}},
	} {
		got := rules.DefaultGeoChoices(tc.allowed)
		if !slices.Equal(got, tc.want) {
			t.Errorf("DefaultGeoChoices(%q) = %v, want %v", tc.allowed, got, tc.want)
		}
		for _, g := range got {
			if err := rules.ValidateDefaultGeo(tc.allowed, g); err != nil {
				t.Errorf("offered %q with allowed %q, which the rule refuses: %v", g, tc.allowed, err)
			}
		}
	}
}

func TestAllowedGeosValue(t *testing.T) {
	if got := rules.AllowedGeosValue(true, []string{"us"}); got != "unrestricted" {
		t.Errorf("unrestricted: %q", got)
	}
	if got := rules.AllowedGeosValue(false, []string{"us", "global"}); got != "global,us" {
		t.Errorf("set: %q (want InferenceGeos order)", got)
	}
}

func TestCheckTagEntry(t *testing.T) {
	tags := []api.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "ml"}}
	for _, tc := range []struct {
		entry   string
		editing int
		wantErr string
	}{
		{"owner=me", -1, ""},
		{"env=dev", -1, `tag key "env" is used twice`},
		{"env=dev", 0, ""}, // editing env itself
		{"team=x", 0, `tag key "team" is used twice`},
		{"noequals", -1, "write the tag as key=value"},
		{"=v", -1, "a tag needs a key"},
		{"Anthropic-x=1", -1, `may not start with "anthropic"`},
	} {
		_, err := rules.CheckTagEntry(tags, tc.editing, tc.entry)
		assertRule(t, tc.entry, err, tc.wantErr)
	}
}

func TestSplitFieldMessage(t *testing.T) {
	for _, tc := range []struct{ msg, field, text string }{
		{"name: String should have at most 40 characters", rules.FieldName, "String should have at most 40 characters"},
		{"tags: too many", rules.FieldTags, "too many"},
		{"tags.anthropic: reserved", rules.FieldTags, "reserved"},
		{"data_residency.default_inference_geo: not allowed", rules.FieldDefaultGeo, "not allowed"},
		{"data_residency.allowed_inference_geos: bad", rules.FieldAllowedGeos, "bad"},
		{"external_key_id: the key's policy", rules.FieldExternalKeyID, "the key's policy"},
		{"names are hard", "", "names are hard"},
		{"something else", "", "something else"},
	} {
		field, text := rules.SplitFieldMessage(tc.msg)
		if field != tc.field || text != tc.text {
			t.Errorf("SplitFieldMessage(%q) = %q, %q; want %q, %q", tc.msg, field, text, tc.field, tc.text)
		}
	}
}
