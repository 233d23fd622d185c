package plan_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// fromJSON decodes an API answer into the SDK's type, as the client does.
func fromJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	return v
}

func workspace(t *testing.T, id, name, rest string) anthropic.Workspace {
	t.Helper()
	if rest == "" {
		rest = `"tags": {}, "display_color": "#6C5BB9", "external_key_id": null, "user_profile_id": null,
			"data_residency": {"workspace_geo": "us", "allowed_inference_geos": "unrestricted", "default_inference_geo": "global"}`
	}
	return fromJSON[anthropic.Workspace](t, fmt.Sprintf(`{"id": %q, "type": "workspace", "name": %q, "created_at": "2026-01-01T00:00:00Z", "archived_at": null, %s}`, id, name, rest))
}

const researchProd = `"tags": {"team": "research", "env": "prod"}, "display_color": "#2e7d6b",
	"external_key_id": "ekey_01SDCCSbTxrXDpWc1phhtcfK", "user_profile_id": "uprof_01ABCDEFGH",
	"data_residency": {"workspace_geo": "us", "allowed_inference_geos": ["us"], "default_inference_geo": "us"}`

// users are the organization's people, as in the example file.
func users(t *testing.T) []anthropic.OrganizationUser {
	return fromJSON[[]anthropic.OrganizationUser](t, `[
		{"id": "user_alice", "type": "user", "email": "Alice@Example.com", "name": "Alice", "role": "developer", "added_at": "2026-01-01T00:00:00Z"},
		{"id": "user_bob", "type": "user", "email": "bob@example.com", "name": "Bob", "role": "user", "added_at": "2026-01-01T00:00:00Z"}]`)
}

func orgRateLimits(t *testing.T) []anthropic.OrganizationRateLimit {
	return fromJSON[[]anthropic.OrganizationRateLimit](t, `[
		{"id": "rl_sonnet", "type": "rate_limit", "group": {"id": "rlg_01Sonnet", "type": "model_group", "display_name": "Claude Sonnet 4.x"}, "models": ["claude-sonnet-4-5"],
		 "limits": [{"type": "requests_per_minute", "value": 1000}, {"type": "output_tokens_per_minute", "value": 100000}]},
		{"id": "rl_batch", "type": "rate_limit", "group": {"id": "rlg_01Batch", "type": "batch"}, "models": null,
		 "limits": [{"type": "requests_per_minute", "value": 50}]}]`)
}

// emptyOrg has users and rate-limit groups but no workspace and no invite.
func emptyOrg(t *testing.T) plan.Observed {
	return plan.Observed{Users: users(t), RateLimits: orgRateLimits(t)}
}

// matchingOrg is an organization that already is as the example says.
func matchingOrg(t *testing.T) plan.Observed {
	o := emptyOrg(t)
	o.Workspaces = []anthropic.Workspace{workspace(t, "wrkspc_01", "research-prod", researchProd), workspace(t, "wrkspc_02", "staging", "")}
	o.ActiveWorkspaces = 2
	o.Members = map[string][]anthropic.WorkspaceMember{"wrkspc_01": fromJSON[[]anthropic.WorkspaceMember](t, `[
		{"type": "workspace_member", "user_id": "user_alice", "workspace_id": "wrkspc_01", "workspace_role": "workspace_developer"},
		{"type": "workspace_member", "user_id": "user_bob", "workspace_id": "wrkspc_01", "workspace_role": "workspace_admin"}]`)}
	o.WorkspaceRateLimits = map[string][]anthropic.WorkspaceRateLimit{"wrkspc_01": fromJSON[[]anthropic.WorkspaceRateLimit](t, `[
		{"type": "workspace_rate_limit", "rate_limit_id": "rl_sonnet", "workspace_id": "wrkspc_01", "group": {"id": "rlg_01Sonnet", "type": "model_group", "display_name": "Claude Sonnet 4.x"}, "models": [],
		 "limits": [{"type": "requests_per_minute", "value": 500, "org_limit": 1000, "source": {"type": "workspace"}},
		            {"type": "output_tokens_per_minute", "value": 80000, "org_limit": 100000, "source": {"type": "workspace"}},
		            {"type": "input_tokens_per_minute_cache_aware", "value": 400000, "org_limit": 400000, "source": {"type": "organization"}}]}]`)}
	o.Invites = fromJSON[[]anthropic.OrganizationInvite](t, `[
		{"id": "invite_1", "type": "invite", "email": "carol@example.com", "role": "developer", "status": "pending", "invited_at": "2026-01-01T00:00:00Z", "expires_at": "2026-02-01T00:00:00Z", "rbac_group_ids": []}]`)
	return o
}

// item finds the plan's item with id.
func item(t *testing.T, p *plan.Plan, id string) plan.Item {
	t.Helper()
	for _, it := range p.Items {
		if it.ID == id {
			return it
		}
	}
	var ids []string
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	t.Fatalf("no item %s; the plan has:\n%s", id, strings.Join(ids, "\n"))
	return plan.Item{}
}

// actions lists each item as "id action", in plan order.
func actions(p *plan.Plan) string {
	var b strings.Builder
	for _, it := range p.Items {
		fmt.Fprintf(&b, "%s %s\n", it.ID, it.Action)
	}
	return b.String()
}

func change(t *testing.T, it plan.Item, field string) plan.Change {
	t.Helper()
	for _, c := range it.Changes {
		if c.Field == field {
			return c
		}
	}
	t.Fatalf("%s has no change of %s: %+v", it.ID, field, it.Changes)
	return plan.Change{}
}

func str(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestDiffEmptyOrg(t *testing.T) {
	p := plan.Diff(mustParse(t, example), emptyOrg(t))
	want := `workspace["research-prod"] create
workspace["staging"] create
workspace["research-prod"].member["alice@example.com"] create
workspace["research-prod"].member["bob@example.com"] create
workspace["research-prod"].rate_limit["Claude Sonnet 4.x"] update
invite["carol@example.com"] create
`
	if got := actions(p); got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
	if p.Changes() != 6 || p.Summary.Changes != 6 || p.Summary.Create != 5 || !p.OK() {
		t.Errorf("Changes() = %d, summary %+v", p.Changes(), p.Summary)
	}
	create := item(t, p, `workspace["research-prod"]`)
	spec := create.Write.CreateWorkspace
	if spec == nil || spec.Name != "research-prod" || spec.ExternalKeyID != "ekey_01SDCCSbTxrXDpWc1phhtcfK" || spec.AllowedInferenceGeos != "us" || len(spec.Tags) != 2 {
		t.Errorf("create spec %+v", spec)
	}
	if len(create.Warnings) != 2 || !strings.Contains(create.Warnings[0], "write-once") || !strings.Contains(create.Warnings[1], "PERMANENT") {
		t.Errorf("permanent choices not warned about: %q", create.Warnings)
	}
	add := item(t, p, `workspace["research-prod"].member["alice@example.com"]`)
	if add.WorkspaceID != "" || add.UserID != "user_alice" || add.Write.AddMember.UserID != "user_alice" || add.Write.AddMember.WorkspaceRole != "workspace_developer" {
		t.Errorf("member add %+v %+v", add, add.Write.AddMember)
	}
	rl := item(t, p, `workspace["research-prod"].rate_limit["Claude Sonnet 4.x"]`)
	if rl.RateLimitID != "rl_sonnet" || len(rl.Write.UpdateRateLimits.Limits) != 2 || rl.Write.UpdateRateLimits.WorkspaceID != "" {
		t.Errorf("rate limit %+v", rl)
	}
	if c := change(t, rl, "requests_per_minute"); c.Old != nil || str(c.New) != "500" || c.OrgLimit == nil || *c.OrgLimit != 1000 {
		t.Errorf("rpm change %+v", c)
	}
	if p.Workspaces != (plan.WorkspaceCount{Active: 0, After: 2, Limit: 100}) {
		t.Errorf("workspaces %+v", p.Workspaces)
	}
}

// An organization that already matches the file: nothing to write.
func TestDiffSameOrgAgain(t *testing.T) {
	p := plan.Diff(mustParse(t, example), matchingOrg(t))
	if p.Changes() != 0 || p.Summary.Changes != 0 {
		t.Errorf("Changes() = %d:\n%s", p.Changes(), actions(p))
	}
	for _, it := range p.Items {
		if it.Action != plan.Unchanged || it.Write != nil {
			t.Errorf("%s: %s %s", it.ID, it.Action, it.Description)
		}
	}
	if len(p.Items) != 6 {
		t.Errorf("%d items:\n%s", len(p.Items), actions(p))
	}
}

func TestDiffEditedTag(t *testing.T) {
	f := mustParse(t, strings.Replace(example, "env: prod", "env: staging", 1))
	p := plan.Diff(f, matchingOrg(t))
	if p.Changes() != 1 {
		t.Fatalf("Changes() = %d:\n%s", p.Changes(), actions(p))
	}
	it := item(t, p, `workspace["research-prod"]`)
	if it.Action != plan.Update || it.WorkspaceID != "wrkspc_01" || len(it.Changes) != 1 {
		t.Fatalf("item %+v", it)
	}
	if c := it.Changes[0]; c.Field != "tags.env" || str(c.Old) != "prod" || str(c.New) != "staging" {
		t.Errorf("change %s: %s → %s", c.Field, str(c.Old), str(c.New))
	}
	params := it.Write.UpdateWorkspace
	if params == nil || params.DisplayColor.Valid() {
		t.Errorf("update params %+v", params)
	}
	// The API merges tags: only the changed one is sent.
	body, err := json.Marshal(it.Write)
	if err != nil || string(body) != `{"update_workspace":{"tags":{"env":"staging"}}}` {
		t.Errorf("write as JSON: %s, %v", body, err)
	}
}

// Tags, colour and inference geos change; a removed tag shows as removed.
func TestDiffUpdates(t *testing.T) {
	src := strings.NewReplacer(
		"tags: {team: research, env: prod}", "tags: {team: research}",
		"allowed_inference_geos: [us], default_inference_geo: us", "allowed_inference_geos: unrestricted, default_inference_geo: global",
		`"#2E7D6B"`, `"#000000"`,
	).Replace(example)
	p := plan.Diff(mustParse(t, src), matchingOrg(t))
	it := item(t, p, `workspace["research-prod"]`)
	got := map[string]string{}
	for _, c := range it.Changes {
		got[c.Field] = str(c.Old) + " → " + str(c.New)
	}
	want := map[string]string{
		"tags.env":                              "prod → <nil>",
		"data_residency.allowed_inference_geos": "us → unrestricted",
		"data_residency.default_inference_geo":  "us → global",
		"display_color":                         "#2e7d6b → #000000",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || p.Changes() != 1 {
		t.Errorf("changes %v\nwant %v", got, want)
	}
	body, _ := json.Marshal(it.Write)
	for _, w := range []string{`"display_color":"#000000"`, `"allowed_inference_geos":"unrestricted"`, `"default_inference_geo":"global"`, `"tags":{"env":null}`} {
		if !strings.Contains(string(body), w) {
			t.Errorf("write %s lacks %s", body, w)
		}
	}
}

func TestDiffImmutableConflicts(t *testing.T) {
	cases := []struct {
		name, from, to, id, want string
	}{
		{"another key", "ekey_01SDCCSbTxrXDpWc1phhtcfK", "ekey_02OTHERKEY0000", `workspace["research-prod"].external_key_id`, "an attached key can never be replaced: put ekey_01SDCCSbTxrXDpWc1phhtcfK in the file"},
		{"another profile", "uprof_01ABCDEFGH", "uprof_02OTHERPROF", `workspace["research-prod"].user_profile_id`, "a user profile can never be replaced"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := plan.Diff(mustParse(t, strings.Replace(example, tc.from, tc.to, 1)), matchingOrg(t))
			it := item(t, p, tc.id)
			if it.Action != plan.Conflict || it.Write != nil || !strings.Contains(it.Description, tc.want) {
				t.Errorf("%+v", it)
			}
			if c := it.Changes[0]; str(c.Old) != tc.from || str(c.New) != tc.to {
				t.Errorf("change %+v", c)
			}
			if p.Changes() != 0 || p.Summary.Conflict != 1 || !p.OK() {
				t.Errorf("a conflict is reported, never acted on: %d changes, %+v", p.Changes(), p.Summary)
			}
		})
	}
	t.Run("key on a workspace without one", func(t *testing.T) {
		f := mustParse(t, "version: 1\nworkspaces:\n  - name: staging\n    external_key_id: ekey_01SDCCSbTxrXDpWc1phhtcfK\n    user_profile_id: uprof_01ABCDEFGH\n    tags: {env: dev}\n")
		p := plan.Diff(f, matchingOrg(t))
		if got := actions(p); got != "workspace[\"staging\"] update\nworkspace[\"staging\"].external_key_id conflict\nworkspace[\"staging\"].user_profile_id conflict\n" {
			t.Errorf("plan:\n%s", got)
		}
		if it := item(t, p, `workspace["staging"].external_key_id`); !strings.Contains(it.Description, "write-once, so a plan never does it") {
			t.Errorf("%s", it.Description)
		}
	})
}

func TestDiffDuplicateNamedWorkspaces(t *testing.T) {
	o := matchingOrg(t)
	o.Workspaces = append(o.Workspaces, workspace(t, "wrkspc_03", "research-prod", ""))
	o.ActiveWorkspaces = 3
	p := plan.Diff(mustParse(t, example), o)
	it := item(t, p, `workspace["research-prod"]`)
	if it.Action != plan.Conflict || !strings.Contains(it.Description, "2 active workspaces are named \"research-prod\" (wrkspc_01, wrkspc_03)") {
		t.Errorf("%+v", it)
	}
	for _, it := range p.Items {
		if it.Workspace == "research-prod" && it.Kind != plan.KindWorkspace {
			t.Errorf("an item of the conflicting entry was planned: %s", it.ID)
		}
	}
	if p.Changes() != 0 || p.Workspaces.After != 3 {
		t.Errorf("changes %d, workspaces %+v", p.Changes(), p.Workspaces)
	}
	// An archived workspace of the same name is not a match.
	o = matchingOrg(t)
	archived := workspace(t, "wrkspc_09", "research-prod", "")
	archived.ArchivedAt = archived.CreatedAt
	o.Workspaces = append(o.Workspaces, archived)
	if p := plan.Diff(mustParse(t, example), o); p.Changes() != 0 || p.Summary.Conflict != 0 {
		t.Errorf("archived workspace counted:\n%s", actions(p))
	}
}

func TestDiffMembers(t *testing.T) {
	src := `version: 1
workspaces:
  - name: research-prod
    members:
      - {email: ALICE@example.com, role: workspace_admin}
      - {email: bob@example.com, role: workspace_admin}
      - {email: dan@example.com, role: workspace_user}
      - {email: carol@example.com, role: workspace_user}
  - name: staging
    members:
      - {email: bob@example.com, role: workspace_user}
`
	p := plan.Diff(mustParse(t, src), matchingOrg(t))
	want := `workspace["research-prod"] unchanged
workspace["staging"] unchanged
workspace["research-prod"].member["alice@example.com"] update
workspace["research-prod"].member["bob@example.com"] unchanged
workspace["research-prod"].member["dan@example.com"] error
workspace["research-prod"].member["carol@example.com"] note
workspace["staging"].member["bob@example.com"] create
`
	if got := actions(p); got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
	up := item(t, p, `workspace["research-prod"].member["alice@example.com"]`)
	if c := up.Changes[0]; str(c.Old) != "workspace_developer" || str(c.New) != "workspace_admin" || up.UserID != "user_alice" || up.Write.UpdateMember.WorkspaceID != "wrkspc_01" {
		t.Errorf("role update %+v %+v", up, up.Write.UpdateMember)
	}
	if it := item(t, p, `workspace["research-prod"].member["dan@example.com"]`); !strings.HasPrefix(it.Description, "dan@example.com is neither a user of the organization nor invited in this file") || it.Write != nil || p.OK() {
		t.Errorf("not in org: %q", it.Description)
	}
	if it := item(t, p, `workspace["research-prod"].member["carol@example.com"]`); !strings.Contains(it.Description, "invited but not yet in the organization") {
		t.Errorf("pending invitee: %q", it.Description)
	}
	if it := item(t, p, `workspace["staging"].member["bob@example.com"]`); it.WorkspaceID != "wrkspc_02" || it.Write.AddMember.WorkspaceRole != "workspace_user" {
		t.Errorf("add %+v", it)
	}
	if p.Changes() != 2 {
		t.Errorf("Changes() = %d", p.Changes())
	}
}

func TestDiffInvites(t *testing.T) {
	src := `version: 1
invites:
  - {email: Carol@example.com, role: developer}
  - {email: erin@example.com, role: user}
  - {email: bob@example.com, role: developer}
  - {email: frank@example.com, role: billing}
`
	o := matchingOrg(t)
	o.Invites = append(o.Invites, fromJSON[anthropic.OrganizationInvite](t, `{"id": "invite_2", "type": "invite", "email": "frank@example.com", "role": "user", "status": "expired"}`))
	p := plan.Diff(mustParse(t, src), o)
	want := `invite["carol@example.com"] unchanged
invite["erin@example.com"] create
invite["bob@example.com"] note
invite["frank@example.com"] create
`
	if got := actions(p); got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
	if it := item(t, p, `invite["erin@example.com"]`); it.Write.CreateInvite.Email != "erin@example.com" || it.Write.CreateInvite.Role != "user" {
		t.Errorf("%+v", it.Write.CreateInvite)
	}
	if it := item(t, p, `invite["bob@example.com"]`); !strings.Contains(it.Description, "already in the organization") || it.Write != nil {
		t.Errorf("%q", it.Description)
	}
	// A pending invite for another role is not sent again, and says so.
	p = plan.Diff(mustParse(t, "version: 1\ninvites: [{email: carol@example.com, role: billing}]\n"), o)
	if it := p.Items[0]; it.Action != plan.Unchanged || len(it.Warnings) != 1 || !strings.Contains(it.Warnings[0], "the pending invite is for the role developer") {
		t.Errorf("%+v", it)
	}
}

func TestDiffRateLimits(t *testing.T) {
	t.Run("above the organization's limit", func(t *testing.T) {
		p := plan.Diff(mustParse(t, strings.Replace(example, "requests_per_minute: 500", "requests_per_minute: 1500", 1)), matchingOrg(t))
		it := item(t, p, `workspace["research-prod"].rate_limit["Claude Sonnet 4.x"]`)
		if it.Action != plan.Update || len(it.Write.UpdateRateLimits.Limits) != 1 || it.Write.UpdateRateLimits.WorkspaceID != "wrkspc_01" {
			t.Fatalf("%+v", it)
		}
		if len(it.Warnings) != 1 || it.Warnings[0] != "requests_per_minute 1500 is above the organization's limit; it would have no effect: the organization allows 1000" {
			t.Errorf("warnings %q", it.Warnings)
		}
		if c := change(t, it, "output_tokens_per_minute"); c.Changed() || *c.OrgLimit != 100000 {
			t.Errorf("the unchanged value is listed with its org limit: %+v", c)
		}
		body, _ := json.Marshal(it.Write)
		if string(body) != `{"update_rate_limits":{"limits":[{"value":1500,"type":"requests_per_minute"}]}}` {
			t.Errorf("write %s", body)
		}
	})
	t.Run("by id, by type, by case", func(t *testing.T) {
		src := "version: 1\nworkspaces:\n  - name: staging\n    rate_limits:\n      - {group: rl_sonnet, requests_per_minute: 10}\n      - {group: batch, requests_per_minute: 10}\n  - name: research-prod\n    rate_limits:\n      - {group: claude sonnet 4.X, requests_per_minute: 500}\n"
		p := plan.Diff(mustParse(t, src), matchingOrg(t))
		for id, want := range map[string]string{
			`workspace["staging"].rate_limit["rl_sonnet"]`:               "rl_sonnet",
			`workspace["staging"].rate_limit["batch"]`:                   "rl_batch",
			`workspace["research-prod"].rate_limit["claude sonnet 4.X"]`: "rl_sonnet",
		} {
			if it := item(t, p, id); it.RateLimitID != want {
				t.Errorf("%s: %+v", id, it)
			}
		}
		// The entry names requests_per_minute only: its rate_limits are the
		// whole truth, so the output_tokens_per_minute override is cleared.
		it := item(t, p, `workspace["research-prod"].rate_limit["claude sonnet 4.X"]`)
		if it.Action != plan.Update || change(t, it, "requests_per_minute").Changed() || change(t, it, "output_tokens_per_minute").New != nil {
			t.Errorf("%+v", it)
		}
		if body, _ := json.Marshal(it.Write); string(body) != `{"update_rate_limits":{"limits":[{"value":null,"type":"output_tokens_per_minute"}]}}` {
			t.Errorf("write %s", body)
		}
	})
	t.Run("a group the entry does not list", func(t *testing.T) {
		src := "version: 1\nworkspaces:\n  - name: research-prod\n    rate_limits: []\n  - name: staging\n"
		p := plan.Diff(mustParse(t, src), matchingOrg(t))
		it := item(t, p, `workspace["research-prod"].rate_limit["Claude Sonnet 4.x"]`)
		if it.Action != plan.Update || !strings.Contains(it.Description, "clear the Claude Sonnet 4.x overrides") || it.RateLimitID != "rl_sonnet" {
			t.Fatalf("%+v", it)
		}
		body, _ := json.Marshal(it.Write)
		if !strings.Contains(string(body), `{"value":null,"type":"requests_per_minute"}`) || !strings.Contains(string(body), `{"value":null,"type":"output_tokens_per_minute"}`) {
			t.Errorf("write %s", body)
		}
		// Without rate_limits (staging), the workspace's limits are left alone.
		for _, it := range p.Items {
			if it.Workspace == "staging" && it.Kind == plan.KindRateLimit {
				t.Errorf("an entry without rate_limits plans %+v", it)
			}
		}
	})
	t.Run("unknown group", func(t *testing.T) {
		p := plan.Diff(mustParse(t, strings.Replace(example, "Claude Sonnet 4.x", "Claude Opus 9", 1)), matchingOrg(t))
		it := item(t, p, `workspace["research-prod"].rate_limit["Claude Opus 9"]`)
		if it.Action != plan.Failed || it.Description != `the organization has no rate-limit group "Claude Opus 9"; its groups are: Claude Sonnet 4.x, batch` {
			t.Errorf("%+v", it)
		}
		if p.OK() || p.Summary.Error != 1 {
			t.Errorf("an error item makes the plan not OK: %+v", p.Summary)
		}
	})
}

func TestDiffWorkspaceLimit(t *testing.T) {
	o := matchingOrg(t)
	o.ActiveWorkspaces = 97
	var b strings.Builder
	b.WriteString("version: 1\nworkspaces:\n")
	for i := range 6 {
		fmt.Fprintf(&b, "  - name: new-%d\n", i)
	}
	b.WriteString("  - name: staging\n")
	p := plan.Diff(mustParse(t, b.String()), o)
	if len(p.Errors) != 1 || !strings.HasPrefix(p.Errors[0], "this plan makes 103 active workspaces; the limit is 100") || p.OK() {
		t.Errorf("errors %q", p.Errors)
	}
	if p.Workspaces != (plan.WorkspaceCount{Active: 97, After: 103, Limit: 100}) {
		t.Errorf("%+v", p.Workspaces)
	}
	// The plan-wide error is counted: in the summary line and in --json's summary.error.
	if p.Summary.Error != 1 {
		t.Errorf("summary.error = %d, want 1 (the workspace limit)", p.Summary.Error)
	}
	if txt := p.Text(200, false); !strings.Contains(txt, "1 error, 1 unchanged. Fix the errors before applying.") {
		t.Errorf("the summary line does not count the plan-wide error:\n%s", txt)
	}
	if out, err := p.JSON(); err != nil || !strings.Contains(string(out), `"error": 1`) {
		t.Errorf("JSON summary.error: %v\n%s", err, out)
	}
	o.ActiveWorkspaces = 94
	if p := plan.Diff(mustParse(t, b.String()), o); len(p.Errors) != 0 || p.Workspaces.After != 100 {
		t.Errorf("exactly 100 is allowed: %q %+v", p.Errors, p.Workspaces)
	}
}

// The JSON of a plan has the documented, stable field names.
func TestPlanJSON(t *testing.T) {
	p := plan.Diff(mustParse(t, example), emptyOrg(t))
	out, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Items []struct {
			ID, Kind, Action, Workspace, Description string
			WorkspaceID                              string `json:"workspace_id"`
			Write                                    map[string]json.RawMessage
			Changes                                  []map[string]any
		}
		Errors     []string
		Workspaces map[string]int
		Summary    map[string]int
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(doc.Items) != 6 || doc.Errors == nil || doc.Summary["changes"] != 6 || doc.Workspaces["limit"] != 100 {
		t.Errorf("%s", out)
	}
	first := doc.Items[0]
	if first.Kind != "workspace" || first.Action != "create" || string(first.Write["create_workspace"]) == "" {
		t.Errorf("first item %+v", first)
	}
	var body map[string]any
	if err := json.Unmarshal(first.Write["create_workspace"], &body); err != nil || body["name"] != "research-prod" || body["external_key_id"] != "ekey_01SDCCSbTxrXDpWc1phhtcfK" {
		t.Errorf("create body %s", first.Write["create_workspace"])
	}
	if _, ok := first.Changes[0]["old"]; !ok {
		t.Errorf("old is always present (null when unset): %v", first.Changes[0])
	}
}

// Issue 16: a new workspace whose name only looks like an existing one's
// (case, a Cyrillic letter) is created, with a warning on its item that
// shows both names so the difference is visible.
func TestDiffWarnsOnLookAlikeNames(t *testing.T) {
	o := emptyOrg(t)
	o.Workspaces = []anthropic.Workspace{workspace(t, "wrkspc_01", "Research-Prod", ""), workspace(t, "wrkspc_02", "st\u0430ging", "")}
	f := mustParse(t, "version: 1\nworkspaces:\n  - name: research-prod\n  - name: staging\n  - name: dev\n")
	p := plan.Diff(f, o)
	for name, other := range map[string]string{"research-prod": `"Research-Prod"`, "staging": `"st\u0430ging"`} {
		it := item(t, p, `workspace["`+name+`"]`)
		if it.Action != plan.Create || len(it.Warnings) != 1 || !strings.Contains(it.Warnings[0], "looks like the existing workspace "+other) {
			t.Errorf("%s: %s, warnings %q", name, it.Action, it.Warnings)
		}
	}
	if it := item(t, p, `workspace["dev"]`); len(it.Warnings) != 0 {
		t.Errorf("dev: warnings %q", it.Warnings)
	}
}
