package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// accessible runs the line-by-line wizard on the given input lines.
func plainRun(t *testing.T, srv *fakeapi.Server, withKey bool, lines ...string) (Outcome, string) {
	t.Helper()
	var out strings.Builder
	connect := func(k config.Secret) api.Admin { return api.New(api.Options{APIKey: k.Reveal(), BaseURL: srv.URL()}) }
	o := Options{Config: &config.Config{Set: map[string]bool{}}, Connect: connect, Now: clock,
		Input: strings.NewReader(strings.Join(lines, "\n") + "\n"), Output: &out,
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }}
	if withKey {
		o.API = connect(fakeapi.DemoKey)
	}
	return RunAccessible(context.Background(), o), out.String()
}

func TestAccessibleSameRulesAndPath(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock, OrgName: "Acme Research"})
	out, text := plainRun(t, srv, true,
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
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
	f, _ := fakeapi.ParseFaults("400")
	srv.AddFaults(f...)
	out, text := plainRun(t, srv, true, "long-name", "", "", "", "n", "y", "short", "y")
	if !strings.Contains(text, "Error: The API refused this name: a workspace with this name is being archived; choose another name") {
		t.Errorf("the API's message is not shown at the name:\n%s", text)
	}
	if out.Workspace == nil || out.Workspace.Name != "short" {
		t.Fatalf("outcome %+v\n%s", out, text)
	}
}

func TestAccessibleEndOfInputCancels(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock, AdminKey: fakeapi.DemoKey})
	out, text := plainRun(t, srv, false, "sk-ant-api03-x")
	if !errors.Is(out.Err, outcome.ErrCancelled) {
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
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
	faults, _ := fakeapi.ParseFaults("504,list:500,list:500,list:500,list:500,list:500")
	srv.AddFaults(faults...)
	out, text := plainRun(t, srv, true, "limbo", "", "", "", "n", "y",
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

// Plain prompts: creating anyway after an unknown outcome needs the name
// typed; then the create is sent once more.
func TestAccessibleCreateAnywayNeedsTheName(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
	faults, _ := fakeapi.ParseFaults("529")
	srv.AddFaults(faults...)
	out, text := plainRun(t, srv, true, "limbo", "", "", "", "n", "y",
		"n",     // stop looking
		"limbo", // create anyway
	)
	if out.Workspace == nil || out.Workspace.Name != "limbo" {
		t.Fatalf("outcome %+v; want the workspace\n%s", out, text)
	}
	if !strings.Contains(text, "makes a second workspace") || srv.CountRequests("POST", "/v1/organizations/workspaces") != 2 {
		t.Errorf("want a warning and a second create:\n%s", text)
	}
}

// After the result, plain prompts offer to add members: numbers from the
// listed users, a role, then each add's answer. The outcome is the
// workspace whatever happens to the members.
func TestAccessibleAddMembers(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
	out, text := plainRun(t, srv, true, "plain-team", "", "", "", "n", "y",
		"y",       // add members now
		"1,9",     // refused: there is no user 9
		"1, 3, 1", // Ada and Uma (Ada once)
		"billing", // refused: workspace_billing cannot be given
		"1",       // workspace_admin
	)
	for _, want := range []string{
		"✓ Workspace created",
		"Add members now? (y/n) [n]: ",
		"1. Ada Admin <ada@example.com>, organization role admin",
		"3. Uma User <uma@example.com>, organization role user",
		`Error: "9" is not a number from 1 to 3`,
		"2. workspace_developer: uses the API and manages its API keys",
		"Error: workspace_billing cannot be given through the API",
		"Adding 2 members as workspace_admin…",
		"✓ Ada Admin: added", "✓ Uma User: added",
		"Members: Ada Admin (workspace_admin), Uma User (workspace_admin)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "workspace_billing:") {
		t.Errorf("workspace_billing is offered:\n%s", text)
	}
	if out.Err != nil || out.Workspace == nil {
		t.Fatalf("outcome %+v", out)
	}
	var got []string
	for _, m := range srv.Members(out.Workspace.ID) {
		got = append(got, m.UserID+":"+m.WorkspaceRole)
	}
	if want := []string{fakeapi.DemoUserAdmin + ":workspace_admin", fakeapi.DemoUserUser + ":workspace_admin"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("the server holds members %q, want %q", got, want)
	}
}

// Plain prompts: the users cannot be listed, or an add is refused; both are
// said plainly, and the workspace is still the outcome. The default, n,
// sends nothing.
func TestAccessibleMembersFailures(t *testing.T) {
	t.Parallel()
	t.Run("list refused", func(t *testing.T) {
		srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
		srv.AddFaults(fakeapi.Fault{Target: fakeapi.TargetUsers, Kind: fakeapi.FaultPermissionDenied})
		out, text := plainRun(t, srv, true, "no-list", "", "", "", "n", "y", "y")
		for _, want := range []string{"✗ This key may not list the organization's users: only organization admins can list the organization's users (request-id req_",
			"Members can be added in the Console: https://platform.claude.com/settings/workspaces"} {
			if !strings.Contains(text, want) {
				t.Errorf("output lacks %q:\n%s", want, text)
			}
		}
		if out.Err != nil || out.Workspace == nil {
			t.Fatalf("outcome %+v", out)
		}
	})
	t.Run("add refused", func(t *testing.T) {
		srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
		srv.AddFaults(fakeapi.Fault{Target: fakeapi.TargetMembers, Kind: fakeapi.FaultInvalid})
		out, text := plainRun(t, srv, true, "add-refused", "", "", "", "n", "y", "y", "2", "")
		for _, want := range []string{"Adding 1 member as workspace_developer…",
			"✗ Dev Developer: not added: the request was refused (400 invalid_request_error, request-id req_"} {
			if !strings.Contains(text, want) {
				t.Errorf("output lacks %q:\n%s", want, text)
			}
		}
		if out.Err != nil || out.Workspace == nil || len(srv.Members(out.Workspace.ID)) != 0 {
			t.Fatalf("outcome %+v, members %v", out, srv.Members(out.Workspace.ID))
		}
		if n := srv.CountRequests("POST", "/v1/organizations/workspaces/"+out.Workspace.ID+"/members"); n != 1 {
			t.Fatalf("%d add requests, want 1: never retried", n)
		}
	})
	t.Run("default no", func(t *testing.T) {
		srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
		out, text := plainRun(t, srv, true, "hurried", "", "", "", "n", "y", "")
		if out.Err != nil || out.Workspace == nil || !strings.Contains(text, "Add members now? (y/n) [n]: ") {
			t.Fatalf("outcome %+v\n%s", out, text)
		}
		if n := srv.CountRequests("GET", "/v1/organizations/users"); n != 0 {
			t.Fatalf("the users were listed %d times after no", n)
		}
	})
}
