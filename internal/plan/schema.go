package plan

import (
	"encoding/json"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// SchemaID names the schema, for editors that cache schemas by id.
const SchemaID = "https://github.com/anthropic-tools/workspace-wizard/plan-v1.schema.json"

// Schema returns a JSON Schema (draft 2020-12) of the plan file, for
// "plan --schema" and editors. It states the shapes, the enumerations and
// the patterns; Parse checks more (the rules' lengths and characters,
// repeated names and addresses, the default geo being allowed). Every
// object refuses keys it does not list. It is written by hand, not
// reflected from File: the file's tags, geos and limits have shapes of
// their own.
func Schema() []byte {
	enum := func(desc string, values ...string) map[string]any {
		return map[string]any{"type": "string", "enum": values, "description": desc}
	}
	object := func(desc string, required []string, props map[string]any) map[string]any {
		o := map[string]any{"type": "object", "description": desc, "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			o["required"] = required
		}
		return o
	}
	email := map[string]any{"type": "string", "pattern": `^[^@\s]+@[^@\s]+\.[^@\s]+$`, "maxLength": rules.MaxEmailLen, "description": "an e-mail address"}

	var workspaceRoles, inviteRoles, geos []string
	for _, r := range rules.WorkspaceRoles {
		workspaceRoles = append(workspaceRoles, string(r))
	}
	for _, r := range rules.InviteRoles {
		inviteRoles = append(inviteRoles, string(r))
	}
	geos = append(geos, rules.InferenceGeos...)

	limits := map[string]any{"group": map[string]any{"type": "string", "minLength": 1, "description": "the rate-limit group: its display name (or type, for groups without one), rate_limit_id or group id"}}
	for _, t := range rules.RateLimitTypes {
		limits[string(t)] = map[string]any{"type": "integer", "minimum": 1, "description": "the workspace's override; the organization's limit still applies"}
	}

	workspace := object("a workspace; name finds it: an entry matches the one active workspace with exactly this name", []string{"name"}, map[string]any{
		"name":     map[string]any{"type": "string", "minLength": 1, "maxLength": rules.MaxNameLen, "description": "the workspace's name"},
		"archived": map[string]any{"type": "boolean", "description": "true archives the workspace: permanent (it cannot be unarchived) and its API keys stop working; such an entry has only its name"},
		"tags": map[string]any{
			"type": "object", "maxProperties": rules.MaxTags,
			"description":          "tags; {} for none, left out to keep the workspace's",
			"propertyNames":        map[string]any{"minLength": 1, "maxLength": rules.MaxTagKeyLen, "not": map[string]any{"pattern": "^[Aa][Nn][Tt][Hh][Rr][Oo][Pp][Ii][Cc]"}},
			"additionalProperties": map[string]any{"type": "string", "maxLength": rules.MaxTagValueLen},
		},
		"data_residency": object("where data is stored and where inference may run", nil, map[string]any{
			"workspace_geo": enum("where the workspace's data is stored; permanent", rules.WorkspaceGeos...),
			"allowed_inference_geos": map[string]any{
				"description": `"unrestricted", or a list of geos`,
				"oneOf": []any{
					map[string]any{"const": "unrestricted"},
					map[string]any{"type": "array", "minItems": 1, "uniqueItems": true, "items": map[string]any{"enum": geos}},
				},
			},
			"default_inference_geo": enum("the geo used when a request names none; must be allowed", geos...),
		}),
		"external_key_id": patterned(rules.FieldExternalKeyID, "customer-managed encryption key: ekey_… or an AWS KMS key ARN; write-once"),
		"user_profile_id": patterned(rules.FieldUserProfileID, "user profile (uprof_…); permanent"),
		"display_color":   patterned(rules.FieldDisplayColor, `the Console colour, "#RRGGBB"`),
		"members": map[string]any{"type": "array", "description": "members to add or whose role to set; others are left alone unless members_exclusive is true", "items": object("a member", []string{"email", "role"}, map[string]any{
			"email": email,
			"role":  enum("the workspace role", workspaceRoles...),
		})},
		"members_exclusive": map[string]any{"type": "boolean", "description": "true: members lists every member, and members it does not name are removed; false or left out: members are only added or changed"},
		"rate_limits": map[string]any{"type": "array", "description": "the workspace's rate-limit overrides, all of them: overrides not listed are cleared; left out, the workspace's are left alone", "items": map[string]any{
			"type": "object", "required": []string{"group"}, "minProperties": 2, "additionalProperties": false, "properties": limits,
		}},
	})
	// An entry with archived: true has only its name.
	workspace["if"] = map[string]any{"properties": map[string]any{"archived": map[string]any{"const": true}}, "required": []string{"archived"}}
	workspace["then"] = map[string]any{"propertyNames": map[string]any{"enum": []string{"name", "archived"}}}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  SchemaID,
		"title":                "workspace-wizard plan file",
		"type":                 "object",
		"required":             []string{"version"},
		"additionalProperties": false,
		"properties": map[string]any{
			"version": map[string]any{"const": Version, "description": "the file format's version"},
			"organization_id": map[string]any{"type": "string", "pattern": organizationIDPattern,
				"description": "pins the file to one organization: plan, apply and setup refuse a key of another (workspace-wizard export writes it)"},
			"workspaces": map[string]any{"type": "array", "items": workspace, "description": "the workspaces the organization should have, and those to archive (archived: true); a workspace the file does not name is never archived"},
			"invites": map[string]any{"type": "array", "description": "people to invite to the organization", "items": object("an invite", []string{"email", "role"}, map[string]any{
				"email": email,
				"role":  enum("the organization role", inviteRoles...),
			})},
		},
	}
	out, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		panic("plan: the schema does not encode: " + err.Error()) // a programming error, caught by the tests
	}
	return append(out, '\n')
}

// patterned is a string property checked by the rule's own patterns.
func patterned(fieldName, desc string) map[string]any {
	ps := rules.Patterns(fieldName)
	if len(ps) == 1 {
		return map[string]any{"type": "string", "pattern": ps[0], "description": desc}
	}
	alts := make([]any, len(ps))
	for i, p := range ps {
		alts[i] = map[string]any{"pattern": p}
	}
	return map[string]any{"type": "string", "anyOf": alts, "description": desc}
}
