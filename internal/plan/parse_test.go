package plan_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

const example = `version: 1
workspaces:
  - name: research-prod
    tags: {team: research, env: prod}
    data_residency: {workspace_geo: us, allowed_inference_geos: [us], default_inference_geo: us}
    external_key_id: ekey_01SDCCSbTxrXDpWc1phhtcfK
    user_profile_id: uprof_01ABCDEFGH
    display_color: "#2E7D6B"
    members:
      - {email: alice@example.com, role: workspace_developer}
      - email: bob@example.com
        role: workspace_admin
    rate_limits:
      - {group: Claude Sonnet 4.x, requests_per_minute: 500, output_tokens_per_minute: 80000}
  - name: staging
invites:
  - {email: carol@example.com, role: developer}
`

func mustParse(t *testing.T, src string) *plan.File {
	t.Helper()
	f, err := plan.Parse("org.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func TestParseExample(t *testing.T) {
	f := mustParse(t, example)
	if f.Version != 1 || len(f.Workspaces) != 2 || len(f.Invites) != 1 {
		t.Fatalf("parsed %+v", f)
	}
	w := f.Workspaces[0]
	want := plan.Workspace{
		Name:          "research-prod",
		Tags:          map[string]string{"team": "research", "env": "prod"},
		DataResidency: &plan.DataResidency{WorkspaceGeo: "us", AllowedInferenceGeos: "us", DefaultInferenceGeo: "us"},
		ExternalKeyID: "ekey_01SDCCSbTxrXDpWc1phhtcfK",
		UserProfileID: "uprof_01ABCDEFGH",
		DisplayColor:  "#2E7D6B",
		Members:       []plan.Member{{Email: "alice@example.com", Role: "workspace_developer"}, {Email: "bob@example.com", Role: "workspace_admin"}},
		RateLimits:    []plan.RateLimit{{Group: "Claude Sonnet 4.x", Limits: []plan.Limit{{Type: "requests_per_minute", Value: 500}, {Type: "output_tokens_per_minute", Value: 80000}}}},
	}
	if !reflect.DeepEqual(w, want) {
		t.Errorf("workspace:\n got %+v\nwant %+v", w, want)
	}
	if f.Workspaces[1].Tags != nil || f.Workspaces[1].DataResidency != nil {
		t.Errorf("fields left out are not managed: %+v", f.Workspaces[1])
	}
	if f.Invites[0] != (plan.Invite{Email: "carol@example.com", Role: "developer"}) {
		t.Errorf("invite %+v", f.Invites[0])
	}
}

// Each broken rule is reported at its line and column, with the field's
// path and what to do. want lists substrings of the whole error, in order.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"version missing", "workspaces: []\n", []string{"org.yaml:1:1: version: missing; add version: 1"}},
		{"version 2", "version: 2\n", []string{"org.yaml:1:10: version: version 2 is not one this program reads; write version: 1"}},
		{"version text", "version: one\n", []string{"org.yaml:1:10: version: write a whole number"}},
		{"name missing", "version: 1\nworkspaces:\n  - tags: {a: b}\n", []string{"org.yaml:3:5: workspaces[0].name: missing"}},
		{"name blank", "version: 1\nworkspaces:\n  - name: \"  \"\n", []string{"org.yaml:3:11: workspaces[0].name: enter a name for the workspace"}},
		{"name too long", "version: 1\nworkspaces:\n  - name: " + strings.Repeat("x", 256) + "\n", []string{"org.yaml:3:11: workspaces[0].name: use at most 255 characters (this name has 256)"}},
		{"name bidi", "version: 1\nworkspaces:\n  - name: \"a\\u202Eb\"\n", []string{"3:11: workspaces[0].name: the name contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)"}},
		{"tag key anthropic", "version: 1\nworkspaces:\n  - name: x\n    tags: {env: prod, anthropic-team: a}\n", []string{`org.yaml:4:23: workspaces[0].tags.anthropic-team: tag key "anthropic-team": keys may not start with "anthropic"; pick another key`}},
		{"tag value too long", "version: 1\nworkspaces:\n  - name: x\n    tags:\n      env: " + strings.Repeat("v", 257) + "\n", []string{`org.yaml:5:12: workspaces[0].tags.env: the value of tag "env" is 257 characters; use at most 256`}},
		{"tag value null", "version: 1\nworkspaces:\n  - name: x\n    tags: {env: }\n", []string{`org.yaml:4:17: workspaces[0].tags.env: needs a value; write "" for an empty text`}},
		{"members_exclusive not a bool", "version: 1\nworkspaces:\n  - name: x\n    members_exclusive: yes please\n", []string{"org.yaml:4:24: workspaces[0].members_exclusive: write true or false"}},
		{"tags null", "version: 1\nworkspaces:\n  - name: x\n    tags:\n", []string{"org.yaml:4:10: workspaces[0].tags: needs a value; write tags: {}"}},
		{"tag key repeated", "version: 1\nworkspaces:\n  - name: x\n    tags:\n      env: a\n      env: b\n", []string{`org.yaml:6:7: workspaces[0].tags.env: "env" appears twice here (also on line 5); keep one`}},
		{"too many tags", "version: 1\nworkspaces:\n  - name: x\n    tags: {" + manyTags(51) + "}\n", []string{"org.yaml:4:11: workspaces[0].tags: at most 50 tags are allowed (there are 51)"}},
		{"workspace geo", "version: 1\nworkspaces:\n  - name: x\n    data_residency: {workspace_geo: eu}\n", []string{`org.yaml:4:37: workspaces[0].data_residency.workspace_geo: unknown workspace geo "eu"`}},
		{"allowed geo unknown", "version: 1\nworkspaces:\n  - name: x\n    data_residency: {allowed_inference_geos: [us, mars]}\n", []string{`org.yaml:4:46: workspaces[0].data_residency.allowed_inference_geos: unknown inference geo "mars"`}},
		{"allowed geos empty list", "version: 1\nworkspaces:\n  - name: x\n    data_residency: {allowed_inference_geos: []}\n", []string{"workspaces[0].data_residency.allowed_inference_geos: list at least one geo"}},
		{"unrestricted with others", "version: 1\nworkspaces:\n  - name: x\n    data_residency: {allowed_inference_geos: [unrestricted, us]}\n", []string{`"unrestricted" stands alone`}},
		{"default not allowed", "version: 1\nworkspaces:\n  - name: x\n    data_residency: {allowed_inference_geos: [us], default_inference_geo: global}\n", []string{`org.yaml:4:75: workspaces[0].data_residency.default_inference_geo: default inference geo "global" is not in the allowed geos (us)`}},
		{"default left to global", "version: 1\nworkspaces:\n  - name: x\n    data_residency: {allowed_inference_geos: [us]}\n", []string{`org.yaml:4:21: workspaces[0].data_residency.default_inference_geo: the default inference geo would be "global"`}},
		{"key id", "version: 1\nworkspaces:\n  - name: x\n    external_key_id: key-123\n", []string{`org.yaml:4:22: workspaces[0].external_key_id: "key-123" is not a key id; use an id like ekey_`}},
		{"user profile id", "version: 1\nworkspaces:\n  - name: x\n    user_profile_id: prof_1\n", []string{`org.yaml:4:22: workspaces[0].user_profile_id: "prof_1" is not a user profile id`}},
		{"colour", "version: 1\nworkspaces:\n  - name: x\n    display_color: green\n", []string{`org.yaml:4:20: workspaces[0].display_color: "green" is not a colour; write it as # and six hex digits`}},
		{"colour unquoted", "version: 1\nworkspaces:\n  - name: x\n    display_color: #2E7D6B\n", []string{`workspaces[0].display_color: needs a value; quote the colour, as in display_color: "#2E7D6B"`}},
		{"member email", "version: 1\nworkspaces:\n  - name: x\n    members: [{email: alice, role: workspace_user}]\n", []string{`org.yaml:4:23: workspaces[0].members[0].email: "alice" is not an email address`}},
		{"member role short", "version: 1\nworkspaces:\n  - name: x\n    members: [{email: a@example.com, role: developer}]\n", []string{`org.yaml:4:44: workspaces[0].members[0].role: write the role's full name: "workspace_developer"`}},
		{"member role billing", "version: 1\nworkspaces:\n  - name: x\n    members: [{email: a@example.com, role: workspace_billing}]\n", []string{"workspace_billing cannot be given through the API"}},
		{"member role missing", "version: 1\nworkspaces:\n  - name: x\n    members: [{email: a@example.com}]\n", []string{"org.yaml:4:15: workspaces[0].members[0].role: missing; add a role (one of workspace_admin, workspace_developer"}},
		{"member twice", "version: 1\nworkspaces:\n  - name: x\n    members:\n      - {email: a@example.com, role: workspace_user}\n      - {email: A@Example.com, role: workspace_admin}\n", []string{"org.yaml:6:17: workspaces[0].members[1].email: A@Example.com is listed twice in this workspace's members (also on line 5"}},
		{"invite role admin", "version: 1\ninvites: [{email: c@example.com, role: admin}]\n", []string{"org.yaml:2:40: invites[0].role: admin cannot be given through the API"}},
		{"invite role unknown", "version: 1\ninvites: [{email: c@example.com, role: workspace_user}]\n", []string{`invites[0].role: unknown role "workspace_user"; choose one of user, developer, billing, claude_code_user`}},
		{"invite twice", "version: 1\ninvites:\n  - {email: c@example.com, role: user}\n  - {email: c@example.com, role: developer}\n", []string{"org.yaml:4:13: invites[1].email: c@example.com is listed twice in invites (also on line 3"}},
		{"rate limit value", "version: 1\nworkspaces:\n  - name: x\n    rate_limits: [{group: g, requests_per_minute: 0}]\n", []string{"org.yaml:4:51: workspaces[0].rate_limits[0].requests_per_minute: requests_per_minute must be at least 1"}},
		{"rate limit not a number", "version: 1\nworkspaces:\n  - name: x\n    rate_limits: [{group: g, requests_per_minute: lots}]\n", []string{"requests_per_minute: write a whole number in digits, like 500"}},
		{"rate limit no types", "version: 1\nworkspaces:\n  - name: x\n    rate_limits: [{group: g}]\n", []string{"org.yaml:4:19: workspaces[0].rate_limits[0]: name at least one limiter type"}},
		{"rate limit no group", "version: 1\nworkspaces:\n  - name: x\n    rate_limits: [{requests_per_minute: 5}]\n", []string{"workspaces[0].rate_limits[0].group: missing"}},
		{"rate limit group twice", "version: 1\nworkspaces:\n  - name: x\n    rate_limits:\n      - {group: g, requests_per_minute: 5}\n      - {group: g, tokens_per_day: 5}\n", []string{`org.yaml:6:17: workspaces[0].rate_limits[1].group: the group "g" is also listed on line 5`}},
		{"alias", "version: 1\nworkspaces:\n  - name: &n x\n  - name: *n\n", []string{"org.yaml:4:11: workspaces[1].name: aliases (*n) are not supported"}},
		{"wrong shape", "version: 1\nworkspaces: {name: x}\n", []string{"org.yaml:2:13: workspaces: expected a list"}},
		{"not a mapping", "- a\n- b\n", []string{"org.yaml:1:1: a plan file is a mapping that starts with version: 1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assertErrors(t, tc.src, tc.want...)
		})
	}
}

func manyTags(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = "k" + strings.Repeat("x", i) + ": v"
	}
	return strings.Join(parts, ", ")
}

// assertErrors parses src, expects it to fail, and checks that each want
// appears in the error text, in order.
func assertErrors(t *testing.T, src string, want ...string) plan.Errors {
	t.Helper()
	f, err := plan.Parse("org.yaml", []byte(src))
	if err == nil {
		t.Fatalf("Parse accepted it: %+v", f)
	}
	if f != nil {
		t.Errorf("Parse returned a File with its error")
	}
	var errs plan.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error is %T, not plan.Errors: %v", err, err)
	}
	text := err.Error()
	rest := text
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("error does not contain %q (in order):\n%s", w, text)
		}
		rest = rest[i+len(w):]
	}
	return errs
}

func TestParseUnknownKeys(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"top level typo", "version: 1\nworkspace: []\n", []string{`org.yaml:2:1: workspace: unknown key "workspace"; did you mean "workspaces"?`}},
		{"workspace typo", "version: 1\nworkspaces:\n  - name: x\n    tagz: {a: b}\n", []string{`org.yaml:4:5: workspaces[0].tagz: unknown key "tagz"; did you mean "tags"?`}},
		{"colour spelling", "version: 1\nworkspaces:\n  - name: x\n    display_colour: \"#000000\"\n", []string{`did you mean "display_color"?`}},
		{"far from any", "version: 1\nworkspaces:\n  - name: x\n    owner: me\n", []string{`unknown key "owner"; the keys here are name, tags, data_residency`}},
		{"residency typo", "version: 1\nworkspaces:\n  - name: x\n    data_residency: {default_geo: us}\n", []string{`unknown key "default_geo"`}},
		{"limiter typo", "version: 1\nworkspaces:\n  - name: x\n    rate_limits: [{group: g, request_per_minute: 5}]\n", []string{`unknown key "request_per_minute"; did you mean "requests_per_minute"?`}},
		{"member key", "version: 1\ninvites: [{mail: a@example.com, role: user}]\n", []string{`unknown key "mail"; did you mean "email"?`}},
		{"merge key", "version: 1\nworkspaces:\n  - name: x\n    <<: {tags: {a: b}}\n", []string{"keys must be plain words"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assertErrors(t, tc.src, tc.want...)
		})
	}
}

func TestParseBadYAML(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"unclosed flow", "version: 1\nworkspaces: [{name: x}\n", []string{"org.yaml:3:1: not valid YAML (or JSON): while parsing a flow sequence (from line 2, column 13)", "check the indentation"}},
		{"tab indent", "version: 1\nworkspaces:\n\t- name: x\n", []string{"org.yaml:3:1: not valid YAML (or JSON)", "YAML indents with spaces, not tabs"}},
		{"bad indent", "version: 1\nworkspaces:\n  - name: x\n   tags: {}\n", []string{"org.yaml:4:", "not valid YAML"}},
		{"empty", "", []string{"org.yaml: the file is empty; start it with version: 1"}},
		{"comments only", "# nothing\n", []string{"the file is empty"}},
		{"two documents", "version: 1\n---\nversion: 1\n", []string{"more than one YAML document"}},
		{"bad JSON", `{"version": 1, "workspaces": [}`, []string{"org.yaml:1:", "not valid YAML (or JSON)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assertErrors(t, tc.src, tc.want...)
		})
	}
}

func TestParseDuplicateWorkspaceNames(t *testing.T) {
	src := "version: 1\nworkspaces:\n  - name: research\n  - name: staging\n  - name: research\n"
	errs := assertErrors(t, src, `org.yaml:5:11: workspaces[2].name: the workspace "research" is also listed on line 3; entries find workspaces by exact name`)
	if len(errs) != 1 {
		t.Errorf("got %d errors, want 1: %v", len(errs), errs)
	}
	// Names are exact: case differs, so these are two workspaces.
	mustParse(t, "version: 1\nworkspaces:\n  - name: Research\n  - name: research\n")
}

// Every problem is reported at once, in file order, not only the first.
func TestParseReturnsAllErrors(t *testing.T) {
	src := "version: 1\nworkspaces:\n  - name: x\n    tags: {anthropic: a}\n    display_color: red\n    members: [{email: nope, role: workspace_user}]\ninvites: [{email: c@example.com, role: admin}]\nextra: 1\n"
	errs := assertErrors(t, src, "org.yaml:4:", "org.yaml:5:", "org.yaml:6:", "org.yaml:7:", "org.yaml:8:1: extra: unknown key")
	if len(errs) != 5 {
		t.Errorf("got %d errors, want 5:\n%v", len(errs), errs)
	}
}

func TestParseJSON(t *testing.T) {
	src := `{
	"version": 1,
	"workspaces": [
		{"name": "research-prod", "tags": {"env": "prod"}, "display_color": "#2E7D6B",
		 "data_residency": {"allowed_inference_geos": "unrestricted"},
		 "members": [{"email": "alice@example.com", "role": "workspace_admin"}]}
	],
	"invites": [{"email": "carol@example.com", "role": "user"}]
}`
	f := mustParse(t, src)
	if w := f.Workspaces[0]; w.Name != "research-prod" || w.Tags["env"] != "prod" || w.DataResidency.AllowedInferenceGeos != "unrestricted" || w.Members[0].Role != "workspace_admin" {
		t.Errorf("parsed %+v", w)
	}
	// Positions work for JSON too.
	assertErrors(t, "{\n  \"version\": 1,\n  \"workspaces\": [{\"name\": \"x\", \"tagz\": {}}]\n}",
		`org.yaml:3:32: workspaces[0].tagz: unknown key "tagz"; did you mean "tags"?`)
	assertErrors(t, "{\"version\": 1, \"version\": 1}", `org.yaml:1:16: version: "version" appears twice here (also on line 1)`)
}

// A File written by Marshal parses back to the same File: the guided setup
// saves files this way.
func TestMarshalRoundTrip(t *testing.T) {
	files := map[string]*plan.File{
		"example": mustParse(t, example),
		"empty":   {Version: 1},
		"odd values": {Version: 1, Workspaces: []plan.Workspace{{
			Name: "1.0", Tags: map[string]string{"on": "yes", "n": "", "x y": "#not a comment", "colon": "a: b"},
			DataResidency: &plan.DataResidency{AllowedInferenceGeos: "unrestricted"},
		}, {
			Name: "no tags", Tags: map[string]string{}, DataResidency: &plan.DataResidency{AllowedInferenceGeos: "global,us", DefaultInferenceGeo: "us"},
			RateLimits: []plan.RateLimit{{Group: "batch", Limits: []plan.Limit{{Type: "requests_per_minute", Value: 1}, {Type: "tokens_per_day", Value: 1 << 40}}}},
		}}},
		"members_exclusive, no rate limits": {Version: 1, Workspaces: []plan.Workspace{{
			Name: "x", Members: []plan.Member{{Email: "a@example.com", Role: "workspace_user"}}, MembersExclusive: true, RateLimits: []plan.RateLimit{},
		}}},
	}
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			out, err := plan.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			back, err := plan.Parse("saved.yaml", out)
			if err != nil {
				t.Fatalf("Parse(Marshal(f)): %v\n%s", err, out)
			}
			if !reflect.DeepEqual(back, f) {
				t.Errorf("round trip differs:\n got %+v\nwant %+v\n%s", back, f, out)
			}
			again, _ := plan.Marshal(back)
			if string(again) != string(out) {
				t.Errorf("Marshal is not stable:\n%s\n---\n%s", out, again)
			}
		})
	}
}

func TestMarshalLayout(t *testing.T) {
	out, err := plan.Marshal(mustParse(t, example))
	if err != nil {
		t.Fatal(err)
	}
	want := `version: 1
workspaces:
  - name: research-prod
    tags: {env: prod, team: research}
    data_residency: {workspace_geo: us, allowed_inference_geos: [us], default_inference_geo: us}
    external_key_id: ekey_01SDCCSbTxrXDpWc1phhtcfK
    user_profile_id: uprof_01ABCDEFGH
    display_color: '#2E7D6B'
    members:
      - {email: alice@example.com, role: workspace_developer}
      - {email: bob@example.com, role: workspace_admin}
    rate_limits:
      - {group: Claude Sonnet 4.x, requests_per_minute: 500, output_tokens_per_minute: 80000}
  - name: staging
invites:
  - {email: carol@example.com, role: developer}
`
	if string(out) != want {
		t.Errorf("Marshal:\n%s\nwant:\n%s", out, want)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(example))
	f.Add([]byte(`{"version": 1, "workspaces": [{"name": "x", "tags": {"a": "b"}}]}`))
	f.Add([]byte("version: 1\nworkspaces:\n  - name: &a x\n    tags: *a\n"))
	f.Add([]byte("a: [1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := plan.Parse("fuzz.yaml", data)
		if err == nil {
			if _, err := plan.Marshal(file); err != nil {
				t.Errorf("Marshal of a parsed file: %v", err)
			}
		}
	})
}
