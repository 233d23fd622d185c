package plan_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// The schema is valid JSON, and every object in it refuses keys it does
// not list (additionalProperties false), as Parse does. The example file
// uses only keys the schema lists.
func TestSchema(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(plan.Schema(), &schema); err != nil {
		t.Fatalf("Schema is not JSON: %v", err)
	}
	if schema["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", schema["$schema"])
	}
	objects := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "object" {
				objects++
				if _, free := v["additionalProperties"].(map[string]any); !free && v["additionalProperties"] != false {
					t.Errorf("%s: an object that accepts unknown keys", path)
				}
			}
			for k, c := range v {
				walk(path+"/"+k, c)
			}
		case []any:
			for _, c := range v {
				walk(path+"/[]", c)
			}
		}
	}
	walk("#", schema)
	if objects < 6 {
		t.Errorf("found %d objects; the file has at least 6 kinds", objects)
	}

	f := mustParse(t, example)
	for _, w := range f.Workspaces {
		if w.Name == "" {
			t.Error("example has a nameless workspace")
		}
	}
	props := func(path ...string) []string {
		v := any(schema)
		for _, p := range path {
			v = v.(map[string]any)[p]
		}
		var keys []string
		for k := range v.(map[string]any)["properties"].(map[string]any) {
			keys = append(keys, k)
		}
		return keys
	}
	for _, k := range []string{"version", "workspaces", "invites"} {
		if !slices.Contains(props(), k) {
			t.Errorf("top-level key %q missing from the schema", k)
		}
	}
	ws := props("properties", "workspaces", "items")
	for _, k := range []string{"name", "tags", "data_residency", "external_key_id", "user_profile_id", "display_color", "members", "members_exclusive", "rate_limits", "archived"} {
		if !slices.Contains(ws, k) {
			t.Errorf("workspace key %q missing from the schema", k)
		}
	}
	if len(ws) != 10 {
		t.Errorf("workspace keys %v", ws)
	}
}
