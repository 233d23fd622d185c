package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// exportClock is the clock the export tests inject: the header says it.
var exportClock = time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)

// runExport runs a command against srv with the injected clock.
func runExport(t *testing.T, srv *fakeapi.Server, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	code := runWith(ctx, append(args, "--base-url", srv.URL()), &Options{
		Getenv: func(k string) string { return keyEnv()[k] }, In: strings.NewReader(""), Out: &out, ErrOut: &errb,
		Now:   func() time.Time { return exportClock },
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	return result{code, out.String(), errb.String()}
}

func orgID(t *testing.T, srv *fakeapi.Server) string {
	t.Helper()
	info, err := api.New(api.Options{APIKey: testKey, BaseURL: srv.URL()}).Organization(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.ID
}

// smallOrg is the simulated new organization with two workspaces in use:
// tags, residency, a key, a profile, a colour, members, an override.
func smallOrg(t *testing.T) *fakeapi.Server {
	t.Helper()
	srv := newOrgServer(t, "")
	srv.AddUserProfile(fakeapi.UserProfile{ID: fakeapi.DemoUserProfileNorthwind, Name: "Northwind Trading"})
	srv.AddWorkspace(fakeapi.Workspace{ID: "wrkspc_01Zeta000000000000000000", Name: "zeta", DisplayColor: "#112233",
		DataResidency: fakeapi.DataResidency{WorkspaceGeo: "us", AllowedInferenceGeos: "unrestricted", DefaultInferenceGeo: "global"}})
	srv.AddWorkspace(fakeapi.Workspace{ID: "wrkspc_01Alpha00000000000000000", Name: "alpha", DisplayColor: "#2E7D6B",
		Tags: map[string]string{"team": "research", "env": "prod"}, ExternalKeyID: "ekey_01SDCCSbTxrXDpWc1phhtcfK",
		UserProfileID: fakeapi.DemoUserProfileNorthwind,
		DataResidency: fakeapi.DataResidency{WorkspaceGeo: "us", AllowedInferenceGeos: "us", DefaultInferenceGeo: "us"}})
	srv.AddMember(fakeapi.Member{UserID: fakeapi.DemoUserUser, WorkspaceID: "wrkspc_01Alpha00000000000000000", WorkspaceRole: "workspace_user"})
	srv.AddMember(fakeapi.Member{UserID: fakeapi.DemoUserAdmin, WorkspaceID: "wrkspc_01Alpha00000000000000000", WorkspaceRole: "workspace_admin"})
	c := api.New(api.Options{APIKey: testKey, BaseURL: srv.URL()})
	if _, err := c.UpdateWorkspaceRateLimit(context.Background(), "wrkspc_01Alpha00000000000000000", fakeapi.DemoRateLimitSonnet,
		[]anthropic.WorkspaceRateLimitUpdateValueParam{{Type: "output_tokens_per_minute", Value: param.NewOpt[int64](80000)}, {Type: "requests_per_minute", Value: param.NewOpt[int64](500)}}); err != nil {
		t.Fatal(err)
	}
	return srv
}

// The file's text for a small organization, exactly: header, pin, the
// workspaces by name, members by e-mail, the override by group name, the
// pending invite.
func TestExportText(t *testing.T) {
	srv := smallOrg(t)
	id := orgID(t, srv)
	before := len(srv.Requests())
	r := runExport(t, srv, "export")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	want := fmt.Sprintf(`# Exported by workspace-wizard at 2026-12-04T09:30:00Z
# from organization "New organization" (%s).
# Planning this file says nothing to do until the organization changes:
#   workspace-wizard plan -f FILE --detailed-exitcode   (0: no drift, 6: drift)
version: 1
organization_id: %s
workspaces:
  - name: alpha
    tags: {env: prod, team: research}
    data_residency: {workspace_geo: us, allowed_inference_geos: [us], default_inference_geo: us}
    external_key_id: ekey_01SDCCSbTxrXDpWc1phhtcfK
    user_profile_id: uprof_01JDemoNorthwindTrading
    display_color: '#2E7D6B'
    members:
      - {email: ada@example.com, role: workspace_admin}
      - {email: uma@example.com, role: workspace_user}
    rate_limits:
      - {group: Claude Sonnet 4.x, requests_per_minute: 500, output_tokens_per_minute: 80000}
  - name: zeta
    tags: {}
    data_residency: {workspace_geo: us, allowed_inference_geos: unrestricted, default_inference_geo: global}
    display_color: '#112233'
invites:
  - {email: new.hire@example.com, role: developer}
`, id, id)
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	for _, req := range srv.Requests()[before:] {
		if req.Method != "GET" {
			t.Errorf("export sent %s %s", req.Method, req.Path)
		}
	}

	// Planned, it is nothing to do (exit 0 with --detailed-exitcode);
	// applied, it sends no write.
	file := writeFile(t, "org.yaml", r.stdout)
	p := runExport(t, srv, "plan", "-f", file, "--detailed-exitcode")
	if p.code != exitOK || !strings.Contains(p.stdout, "No changes: the organization already matches the file") {
		t.Errorf("plan: exit %d\n%s\n%s", p.code, p.stdout, p.stderr)
	}
	writes := len(nonGET(srv))
	a := runExport(t, srv, "apply", "-f", file, "--yes")
	if a.code != exitOK || len(nonGET(srv)) != writes {
		t.Errorf("apply: exit %d, %d writes\n%s", a.code, len(nonGET(srv))-writes, a.stderr)
	}
	// --workspace keeps only the named ones.
	r = runExport(t, srv, "export", "--workspace", "zeta")
	if r.code != exitOK || strings.Contains(r.stdout, "alpha") || !strings.Contains(r.stdout, "name: zeta") {
		t.Errorf("--workspace zeta: exit %d\n%s", r.code, r.stdout)
	}
	r = runExport(t, srv, "export", "--workspace", "nope")
	if r.code != exitUsage || !strings.Contains(r.stderr, `no active workspace named "nope"`) || r.stdout != "" {
		t.Errorf("--workspace nope: exit %d\n%s", r.code, r.stderr)
	}
}

// Two active workspaces with one name cannot be an entry: both are left
// out, the file and stderr say so, and the exit code is 1. A
// workspace_billing member cannot be in a file: left out, with a warning.
func TestExportSameNameAndBilling(t *testing.T) {
	srv := newOrgServer(t, "")
	a := srv.AddWorkspace(fakeapi.Workspace{Name: "twin"})
	b := srv.AddWorkspace(fakeapi.Workspace{Name: "twin"})
	srv.AddWorkspace(fakeapi.Workspace{Name: "solo\x1b[31m"})
	o := srv.AddWorkspace(fakeapi.Workspace{Name: "ok"})
	srv.AddMember(fakeapi.Member{UserID: fakeapi.DemoUserAdmin, WorkspaceID: o.ID, WorkspaceRole: "workspace_billing"})
	r := runExport(t, srv, "export")
	if r.code != exitFailed {
		t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, s := range []string{`2 active workspaces are named "twin"`, a.ID, b.ID, "ada@example.com (workspace_billing) is left out",
		"the file was written, but 2 of the organization's workspaces are not in it"} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
	if strings.Contains(r.stdout+r.stderr, "\x1b") {
		t.Errorf("an escape reached the output:\n%q", r.stdout+r.stderr)
	}
	f, err := plan.Parse("export", []byte(r.stdout))
	if err != nil {
		t.Fatalf("the file does not parse: %v\n%s", err, r.stdout)
	}
	if len(f.Workspaces) != 1 || f.Workspaces[0].Name != "ok" || len(f.Workspaces[0].Members) != 0 {
		t.Errorf("workspaces: %+v", f.Workspaces)
	}
	if !strings.Contains(r.stdout, "# Not in this file:") || !strings.Contains(r.stdout, `#   - 2 active workspaces are named "twin"`) {
		t.Errorf("the header does not say what is left out:\n%s", r.stdout)
	}
}

// -o writes through a temporary file and a rename, and never replaces a
// file without --force.
func TestExportOutputFile(t *testing.T) {
	srv := smallOrg(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "org.yaml")
	if err := os.WriteFile(path, []byte("mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runExport(t, srv, "export", "-o", path)
	if got, _ := os.ReadFile(path); r.code != exitUsage || string(got) != "mine\n" || !strings.Contains(r.stderr, "Add --force") {
		t.Errorf("without --force: exit %d, file %q\n%s", r.code, got, r.stderr)
	}
	r = runExport(t, srv, "export", "-o", path, "--force")
	got, _ := os.ReadFile(path)
	if r.code != exitOK || !strings.HasPrefix(string(got), "# Exported by workspace-wizard") || r.stdout != "" {
		t.Errorf("--force: exit %d, file %q\n%s", r.code, got, r.stderr)
	}
	other := filepath.Join(dir, "new.yaml")
	if r = runExport(t, srv, "export", "-o", other); r.code != exitOK || !strings.Contains(r.stderr, "Wrote "+other) {
		t.Errorf("new file: exit %d\n%s", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the directory holds %d files, want 2 (no temporary file left)", len(entries))
	}
}

// At 100 workspaces × 10,000 users: the export plans as nothing to do and
// applies with no write.
func TestExportLargeOrganization(t *testing.T) {
	if testing.Short() {
		t.Skip("large organization")
	}
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew, Users: 10000})
	users := srv.Users()
	roles := []string{"workspace_user", "workspace_developer", "workspace_admin", "workspace_restricted_developer"}
	for i := range 100 {
		ws := srv.AddWorkspace(fakeapi.Workspace{Name: fmt.Sprintf("ws-%03d", i), Tags: map[string]string{"n": fmt.Sprint(i)}})
		for j := range 10 {
			u := users[(i*97+j*991)%len(users)]
			srv.AddMember(fakeapi.Member{UserID: u.ID, WorkspaceID: ws.ID, WorkspaceRole: roles[(i+j)%len(roles)]})
		}
	}
	r := runExport(t, srv, "export")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	f, err := plan.Parse("export", []byte(r.stdout))
	if err != nil || len(f.Workspaces) != 100 || len(f.Workspaces[99].Members) != 10 {
		t.Fatalf("the file: %v", err)
	}
	file := writeFile(t, "org.yaml", r.stdout)
	p := runExport(t, srv, "plan", "-f", file, "--detailed-exitcode")
	if p.code != exitOK || !strings.Contains(p.stdout, "No changes: the organization already matches the file") {
		t.Errorf("plan: exit %d\n%s", p.code, p.stderr)
	}
	a := runExport(t, srv, "apply", "-f", file, "--yes")
	if a.code != exitOK || len(nonGET(srv)) != 0 {
		t.Errorf("apply: exit %d, writes %v\n%s", a.code, nonGET(srv), a.stderr)
	}
}

// An organization name with a line break and escapes cannot end the
// header comment or reach the terminal: the file still reads back.
func TestExportHostileOrganizationName(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew, OrgName: "Evil\nversion: 9\r\u2028\x1b[2J\u202e"})
	r := runExport(t, srv, "export")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if strings.ContainsAny(r.stdout, "\x1b\r\u2028\u202e") {
		t.Errorf("unsafe characters in the file:\n%q", r.stdout)
	}
	for i, line := range strings.SplitN(r.stdout, "\n", 5)[:4] {
		if !strings.HasPrefix(line, "# ") {
			t.Errorf("header line %d is not a comment: %q", i+1, line)
		}
	}
	if _, err := plan.Parse("export", []byte(r.stdout)); err != nil {
		t.Errorf("the file does not parse: %v\n%s", err, r.stdout)
	}
}
