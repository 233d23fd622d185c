package config_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

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
