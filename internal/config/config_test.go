package config_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

const key = "sk-ant-admin01-SECRETSECRET"

// However a Config is printed, the key is not in it.
func TestSecretNeverPrints(t *testing.T) {
	c, err := config.Parse([]string{"--name", "x"}, func(k string) string {
		if k == config.EnvAdminKey {
			return key
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.APIKey.Reveal() != key {
		t.Fatalf("key not read from %s", config.EnvAdminKey)
	}
	js, _ := json.Marshal(c)
	for _, s := range []string{fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%s %q", c.APIKey, c.APIKey), string(js)} {
		if strings.Contains(s, "SECRET") {
			t.Errorf("the key shows in %s", s)
		}
	}
}

func TestParse(t *testing.T) {
	env := map[string]string{"ANTHROPIC_BASE_URL": "https://proxy.example.com", "TERM": "dumb"}
	c, err := config.Parse([]string{"--name", "ml", "--tag", "a=1", "--tag", "b=2", "-y", "--default-inference-geo", "us"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Spec.Name != "ml" || len(c.Spec.Tags) != 2 || !c.Yes || c.BaseURL != "https://proxy.example.com" || !c.Accessible {
		t.Errorf("config = %+v", c)
	}
	if !c.Set[rules.FieldName] || !c.Set[rules.FieldTags] || !c.Set[rules.FieldDefaultGeo] || c.Set[rules.FieldAllowedGeos] {
		t.Errorf("Set = %v: want exactly the fields given as flags", c.Set)
	}
	for _, bad := range [][]string{{"--timeout", "0s"}, {"--base-url", "ftp://x"}, {"--tag", "novalue"}, {"--bogus"}} {
		if _, err := config.Parse(bad, func(string) string { return "" }); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// The table is the only spelling of a flag: FlagFor and Args read it.
func TestFlagForAndArgs(t *testing.T) {
	for field, want := range map[string]string{
		rules.FieldName: "--name", rules.FieldTags: "--tag", rules.FieldAllowedGeos: "--allowed-inference-geos",
		rules.FieldDisplayColor: "--display-color", rules.FieldUserProfileID: "--user-profile-id",
	} {
		if got := config.FlagFor(field); got != want {
			t.Errorf("FlagFor(%q) = %q, want %q", field, got, want)
		}
	}
	s := api.Spec{Name: "ml research", Tags: []api.Tag{{Key: "env", Value: "prod"}}, DefaultInferenceGeo: "us", DisplayColor: "#6C5BB9"}
	got := strings.Join(config.Args(s), " ")
	want := `--name 'ml research' --tag env=prod --default-inference-geo us --display-color '#6C5BB9' --yes`
	if got != want {
		t.Errorf("Args = %s\nwant   %s", got, want)
	}
	// What Args writes, Parse reads back as the same spec.
	c, err := config.Parse([]string{"--name", "ml research", "--tag", "env=prod", "--default-inference-geo", "us", "--display-color", "#6C5BB9", "--yes"}, func(string) string { return "" })
	if err != nil || c.Spec.Name != s.Name || len(c.Spec.Tags) != 1 || c.Spec.DisplayColor != s.DisplayColor || !c.Yes {
		t.Errorf("Parse = %+v, %v", c, err)
	}
}

// Bug 10: each bad flag is reported, with what was wanted or meant.
func TestEveryBadFlagIsReported(t *testing.T) {
	_, err := config.Parse([]string{"--timeout", "banana", "--colour", "red", "--tag", "x", "--dryrun", "-q"}, func(string) string { return "" })
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		`--timeout: "banana" is not a duration; use for example 30s or 2m`,
		"unknown flag --colour; did you mean --display-color?",
		"unknown flag --dryrun; did you mean --dry-run?",
		"--tag: write the tag as key=value",
		"unknown flag -q",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%s", want, err)
		}
	}
}

func TestSuggestFlag(t *testing.T) {
	for typed, want := range map[string]string{
		"nmae": "name", "tags": "tag", "timout": "timeout", "color": "display-color",
		"base": "base-url", "verison": "version", "zebra": "",
	} {
		if got := config.SuggestFlag(typed); got != want {
			t.Errorf("SuggestFlag(%q) = %q, want %q", typed, got, want)
		}
	}
}
