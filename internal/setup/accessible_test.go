package setup

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// plainRun runs the plain-prompt setup on the given lines against srv,
// saving into files; it returns how it ended and what it said.
func plainRun(t *testing.T, srv *fakeapi.Server, files map[string]string, start *plan.File, lines ...string) (Result, string) {
	t.Helper()
	var out strings.Builder
	res := RunAccessible(context.Background(), Options{
		Admin: api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL()}), Key: fakeapi.DemoKey,
		File: start, Now: clock, OrgName: fakeapi.NewOrgName,
		Input: strings.NewReader(strings.Join(lines, "\n") + "\n"), Output: &out,
		Sleep:  func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		Exists: func(p string) bool { _, ok := files[p]; return ok },
		Write: func(p string, data []byte) error {
			files[p] = string(data)
			return nil
		},
	})
	return res, out.String()
}

func wantSaid(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q:\n%s", w, text)
		}
	}
}

// The whole setup in plain prompts: a template, a workspace edited, a
// member, a cap, an invite (a bad one refused first), review, apply, save.
// The server then holds exactly the plan, and a second run from the saved
// file has nothing to apply.
func TestAccessibleSetup(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew, Now: clock})
	files := map[string]string{}
	res, text := plainRun(t, srv, files, nil,
		"1", "research", // prod / staging / dev, the project's name
		"1", "1", "", "team=ml", "", "", "", "", // edit research-prod: keep its name, add a tag, keep the geos and the default geo, no key
		"4", "1", "dev@", "1", "", // members of research-prod: find dev@, choose 1, the default role
		"5", "1", "1", "requests_per_minute=500", // caps of research-prod: Sonnet's requests per minute
		"6", "not-an-email developer", "carol@example.com developer", "", // invites
		"7",      // review
		"8", "y", // apply
		"9", "", // save to org.yaml
		"10", // quit
	)
	if res.Err != nil || !res.Report.Ran || res.Report.ExitCode != 0 || res.Saved != "org.yaml" {
		t.Fatalf("result %+v\n%s", res, text)
	}
	wantSaid(t, text,
		"workspace-wizard setup: set up New organization",
		"The plan: 3 workspaces (not saved)", "1. research-prod: env=prod · 0 members",
		"Tags now: env=prod, team=ml", "Kept research-prod in the plan: env=prod, team=ml · 0 members",
		"1. Dev Developer <dev@example.com>", "Members of research-prod in the plan now include dev@example.com as workspace_developer",
		"1. Claude Sonnet 4.x (organization: requests_per_minute 4000",
		"Error: "+rules.ValidateEmail("not-an-email").Error(), "Invites now: carol@example.com as developer",
		"Plan: 5 to create, 1 to update, 0 conflicts",
		"Apply these 6 changes? (y/n) [n]",
		`done workspace["research-prod"]: created wrkspc_`,
		"Applied: 6 done, 0 failed, 0 skipped, 0 unknown, 0 incomplete. Exit code 0.",
		"Saved to org.yaml. Apply it again any time: workspace-wizard apply -f org.yaml",
	)
	if strings.Contains(text, "\x1b") {
		t.Error("the plain setup wrote an escape sequence")
	}

	var prod string
	var names []string
	for _, w := range srv.Workspaces() {
		names = append(names, w.Name)
		if w.Name == "research-prod" {
			prod = w.ID
			if w.Tags["team"] != "ml" || w.Tags["env"] != "prod" {
				t.Errorf("research-prod's tags %v", w.Tags)
			}
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"research-dev", "research-prod", "research-staging"}) {
		t.Errorf("workspaces %v", names)
	}
	if m := srv.Members(prod); len(m) != 1 || m[0].UserID != fakeapi.DemoUserDeveloper || m[0].WorkspaceRole != "workspace_developer" {
		t.Errorf("research-prod's members %+v", m)
	}
	if caps := srv.WorkspaceRateLimits(prod); caps[fakeapi.DemoRateLimitSonnet]["requests_per_minute"] != 500 {
		t.Errorf("research-prod's caps %v", caps)
	}
	if inv := srv.Invites(); len(inv) != 2 || inv[1].Email != "carol@example.com" || inv[1].Role != "developer" {
		t.Errorf("invites %+v", inv)
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 3 {
		t.Errorf("%d creates, want 3", n)
	}
	want := `version: 1
workspaces:
  - name: research-prod
    tags: {env: prod, team: ml}
    members:
      - {email: dev@example.com, role: workspace_developer}
    rate_limits:
      - {group: Claude Sonnet 4.x, requests_per_minute: 500}
  - name: research-staging
    tags: {env: staging}
  - name: research-dev
    tags: {env: dev}
invites:
  - {email: carol@example.com, role: developer}
`
	if got := files["org.yaml"]; got != want {
		t.Errorf("org.yaml:\n%s\nwant:\n%s", got, want)
	}

	// Again, from the file: nothing to apply, nothing sent.
	f, err := plan.Parse("org.yaml", []byte(files["org.yaml"]))
	if err != nil {
		t.Fatal(err)
	}
	before := len(srv.Requests())
	writes := func() int {
		n := 0
		for _, r := range srv.Requests()[before:] {
			if r.Method != "GET" {
				n++
			}
		}
		return n
	}
	res, text = plainRun(t, srv, files, f, "8", "10")
	wantSaid(t, text, "The plan: 3 workspaces, 1 invite\n", "nothing to apply")
	if strings.Contains(text, "Apply these") || writes() != 0 || !errorsIsQuit(res.Err) {
		t.Errorf("the second run asked to apply or sent %d writes (result %+v):\n%s", writes(), res, text)
	}
}

func errorsIsQuit(err error) bool { return err == ErrQuit }

// Input that ends (ctrl+c, a closed pipe) leaves the setup as quitting
// does; quitting with changes not saved asks first.
func TestAccessibleQuitAsks(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew, Now: clock})
	files := map[string]string{"org.yaml": "keep me\n"}
	res, text := plainRun(t, srv, files, nil, "2", "solo", "10", "n", "9", "", "n", "other.yaml", "10")
	wantSaid(t, text, "The plan: 1 workspace (not saved)", "Quit anyway? (y/n) [n]", "org.yaml exists. Overwrite it? (y/n) [n]", "Saved to other.yaml")
	if files["org.yaml"] != "keep me\n" || res.Saved != "other.yaml" || res.Err != ErrQuit {
		t.Errorf("org.yaml %q, result %+v\n%s", files["org.yaml"], res, text)
	}
	res, _ = plainRun(t, srv, files, nil, "1")
	if res.Err != ErrQuit {
		t.Errorf("input that ended: %v, want ErrQuit", res.Err)
	}
}
