package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// accessible runs the line-by-line wizard on the given input lines.
func accessible(t *testing.T, srv *fakeapi.Server, withKey bool, lines ...string) (Outcome, string) {
	t.Helper()
	var out strings.Builder
	connect := func(k config.Secret) api.Admin { return api.New(api.Options{APIKey: k.Reveal(), BaseURL: srv.URL()}) }
	o := Options{Config: &config.Config{Set: map[string]bool{}}, Connect: connect, Now: clock,
		Input: strings.NewReader(strings.Join(lines, "\n") + "\n"), Output: &out}
	if withKey {
		o.API = connect(fakeapi.DemoKey)
	}
	p := newPrompter(context.Background(), o)
	p.m.sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return p.run(), out.String()
}

func TestAccessibleSameRulesAndPath(t *testing.T) {
	srv := fakeapi.NewTest(t, fakeapi.Options{Now: clock, OrgName: "Acme Research"})
	out, text := accessible(t, srv, true,
		"",                   // empty name: refused
		"plain-prompts",      // name
		"anthropic=x",        // refused tag
		"env",                // refused: no '='
		"env=prod", "team=a", // two tags
		"-team", // remove one
		"",      // done with tags
		"us",    // allowed geos; the default is then the only allowed geo, not asked
		"n",     // no encryption key
		"y",     // create
	)
	for _, want := range []string{
		"create a workspace in Acme Research",
		"Step 1 of 5: Name", "Error: enter a name for the workspace",
		`Error: tag key "anthropic": keys may not start with "anthropic"`,
		`Error: write the tag as key=value (got "env")`,
		"Tags now: env=prod, team=a", "Tags now: env=prod",
		"PERMANENT", "Default inference geo: us (the only allowed geo).", "priced at 1.1×",
		"Write-once", "Step 5 of 5: Review",
		"workspace-wizard --name plain-prompts --tag env=prod --allowed-inference-geos us --default-inference-geo us --yes",
		"✓ Workspace created", "Colour          #",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if out.Err != nil || out.Workspace == nil || out.Workspace.Name != "plain-prompts" {
		t.Fatalf("outcome %+v", out)
	}
	if strings.Contains(text, "\x1b[") {
		t.Error("accessible output contains escape sequences")
	}
}

func TestAccessible400AsksTheFieldAgain(t *testing.T) {
	srv := fakeapi.NewTest(t, fakeapi.Options{Now: clock})
	f, _ := fakeapi.ParseFaults("400")
	srv.AddFaults(f...)
	out, text := accessible(t, srv, true, "long-name", "", "", "", "n", "y", "short", "y")
	if !strings.Contains(text, "Error: The API refused this name: String should have at most 40 characters") {
		t.Errorf("the API's message is not shown at the name:\n%s", text)
	}
	if out.Workspace == nil || out.Workspace.Name != "short" {
		t.Fatalf("outcome %+v\n%s", out, text)
	}
}

func TestAccessibleEndOfInputCancels(t *testing.T) {
	srv := fakeapi.NewTest(t, fakeapi.Options{Now: clock, AdminKey: fakeapi.DemoKey})
	out, text := accessible(t, srv, false, "sk-ant-api03-x")
	if !errors.Is(out.Err, ErrCancelled) {
		t.Fatalf("outcome %v", out.Err)
	}
	if !strings.Contains(text, "regular API key") || strings.Contains(text, "sk-ant-api03-x") {
		t.Fatalf("key prompt output:\n%s", text)
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 0 {
		t.Fatalf("%d creates", n)
	}
}

// An unknown outcome in plain prompts: no retry is offered, only looking
// again, which finds the workspace once it exists.
func TestAccessibleUnknownOutcomeLooksAgain(t *testing.T) {
	srv := fakeapi.NewTest(t, fakeapi.Options{Now: clock})
	faults, _ := fakeapi.ParseFaults("504,list:500,list:500,list:500,list:500,list:500")
	srv.AddFaults(faults...)
	out, text := accessible(t, srv, true, "limbo", "", "", "", "n", "y",
		"y", // look again: the listing fails
		"n", // stop looking
	)
	var ue *api.UnknownOutcomeError
	if !errors.As(out.Err, &ue) {
		t.Fatalf("outcome %+v; want an unknown outcome", out)
	}
	for _, want := range []string{"may or may not have been created", "Look for the workspace again?", "listing workspaces failed"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Try again?") || srv.CountRequests("POST", "/v1/organizations/workspaces") != 1 {
		t.Errorf("the create was offered or sent again:\n%s", text)
	}
}
