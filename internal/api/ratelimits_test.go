package api_test

import (
	"context"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func TestListRateLimits(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "")
	got, err := c.ListRateLimits(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := fakeapi.DemoRateLimits()
	if len(got) != len(want) {
		t.Fatalf("%d groups, want %d", len(got), len(want))
	}
	sonnet, batch := got[0], got[3]
	if sonnet.ID != fakeapi.DemoRateLimitSonnet || sonnet.Group.Type != "model_group" || sonnet.Group.DisplayName != "Claude Sonnet 4.x" ||
		len(sonnet.Models) == 0 || sonnet.Limits[0].Type != "requests_per_minute" || sonnet.Limits[0].Value != 4000 {
		t.Errorf("sonnet: %s", sonnet.RawJSON())
	}
	if batch.Group.Type != "batch" || batch.Models != nil || batch.Group.ID == "" {
		t.Errorf("batch: %s", batch.RawJSON())
	}
	wantSent(t, srv, "/v1/organizations/rate_limits", "GET /v1/organizations/rate_limits?limit=1000")
}

// Overrides are set and cleared per limiter type; the list shows only
// them, or with include_inherited every group with each value's source.
func TestWorkspaceRateLimits(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "team"}).ID
	ctx := context.Background()
	own, err := c.ListWorkspaceRateLimits(ctx, ws, false)
	if err != nil || len(own) != 0 {
		t.Fatalf("a new workspace's overrides: %+v, %v", own, err)
	}
	rpm, otpm := anthropic.WorkspaceRateLimitTypeRequestsPerMinute, anthropic.WorkspaceRateLimitTypeOutputTokensPerMinute
	e, err := c.UpdateWorkspaceRateLimit(ctx, ws, fakeapi.DemoRateLimitSonnet, []anthropic.WorkspaceRateLimitUpdateValueParam{
		{Type: rpm, Value: param.NewOpt(int64(1000))},
		{Type: otpm, Value: param.NewOpt(int64(90_000))},
	})
	if err != nil {
		t.Fatal(err)
	}
	if e.WorkspaceID != ws || e.RateLimitID != fakeapi.DemoRateLimitSonnet || len(e.Limits) != 2 ||
		e.Limits[0].Value != 1000 || e.Limits[0].OrgLimit != 4000 || e.Limits[0].Source.Type != "workspace" {
		t.Fatalf("after setting: %s", e.RawJSON())
	}
	e, err = c.UpdateWorkspaceRateLimit(ctx, ws, fakeapi.DemoRateLimitSonnet, []anthropic.WorkspaceRateLimitUpdateValueParam{
		{Type: otpm, Value: param.Null[int64]()},
	})
	if err != nil || len(e.Limits) != 1 || e.Limits[0].Type != string(rpm) {
		t.Fatalf("after clearing: %v %s", err, e.RawJSON())
	}
	own, err = c.ListWorkspaceRateLimits(ctx, ws, false)
	if err != nil || len(own) != 1 || own[0].RateLimitID != fakeapi.DemoRateLimitSonnet || len(own[0].Limits) != 1 {
		t.Fatalf("overrides: %+v, %v", own, err)
	}
	all, err := c.ListWorkspaceRateLimits(ctx, ws, true)
	if err != nil || len(all) != len(fakeapi.DemoRateLimits()) {
		t.Fatalf("with inherited: %d, %v", len(all), err)
	}
	sources := map[string]string{}
	for _, l := range all[0].Limits {
		sources[l.Type] = l.Source.Type
	}
	if sources[string(rpm)] != "workspace" || sources[string(otpm)] != "organization" || all[3].Limits[0].Source.Type != "organization" {
		t.Fatalf("sources: %v; batch %s", sources, all[3].RawJSON())
	}
	if got := srv.WorkspaceRateLimits(ws); len(got) != 1 || got[fakeapi.DemoRateLimitSonnet][string(rpm)] != 1000 {
		t.Fatalf("stored overrides: %v", got)
	}
	p := "/v1/organizations/workspaces/" + ws + "/rate_limits"
	wantSent(t, srv, p,
		"GET "+p+"?limit=1000",
		"POST "+p+"/"+fakeapi.DemoRateLimitSonnet+` {"limits":[{"value":1000,"type":"requests_per_minute"},{"value":90000,"type":"output_tokens_per_minute"}]}`,
		"POST "+p+"/"+fakeapi.DemoRateLimitSonnet+` {"limits":[{"value":null,"type":"output_tokens_per_minute"}]}`,
		"GET "+p+"?limit=1000",
		"GET "+p+"?include_inherited=true&limit=1000",
	)
}

func TestWorkspaceRateLimitsRefused(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "ws-rate-limit-update:ok,ws-rate-limit-update:429,ws-rate-limits:500")
	ws := srv.AddWorkspace(fakeapi.Workspace{Name: "team"}).ID
	ctx := context.Background()
	set := func(id string, typ anthropic.WorkspaceRateLimitType, v int64) error {
		_, err := c.UpdateWorkspaceRateLimit(ctx, ws, id, []anthropic.WorkspaceRateLimitUpdateValueParam{{Type: typ, Value: param.NewOpt(v)}})
		return err
	}
	rpm := anthropic.WorkspaceRateLimitTypeRequestsPerMinute
	// The first passes (ok), the second is rate limited and not applied.
	if err := set(fakeapi.DemoRateLimitBatch, rpm, 100); err != nil {
		t.Fatal(err)
	}
	if e := apiErr(t, set(fakeapi.DemoRateLimitBatch, rpm, 50), 429, "", "rate limit"); e.Kind != api.KindRateLimited {
		t.Fatalf("kind %v", e.Kind)
	}
	apiErr(t, set("rl_01JNoSuchGroup", rpm, 100), 404, "", "rate limit rl_01JNoSuchGroup not found")
	apiErr(t, set(fakeapi.DemoRateLimitBatch, rpm, 0), 400, "", "limits[0].value: Input should be greater than or equal to 1")
	apiErr(t, set(fakeapi.DemoRateLimitBatch, "requests_per_fortnight", 5), 400, "", `limits[0].type: unknown limiter type "requests_per_fortnight"`)
	_, err := c.UpdateWorkspaceRateLimit(ctx, ws, fakeapi.DemoRateLimitBatch, nil)
	apiErr(t, err, 400, "", "limits:")
	_, err = c.ListWorkspaceRateLimits(ctx, ws, true)
	apiErr(t, err, 500, "", "Internal server error")
	if got := srv.WorkspaceRateLimits(ws)[fakeapi.DemoRateLimitBatch][string(rpm)]; got != 100 {
		t.Fatalf("batch rpm override = %d, want 100 (the refused ones changed nothing)", got)
	}
}
