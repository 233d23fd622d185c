package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// newOrgServer is the simulated new organization with faults queued.
func newOrgServer(t *testing.T, faults string) *fakeapi.Server {
	t.Helper()
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew})
	f, err := fakeapi.ParseFaults(faults)
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(f...)
	return srv
}

// writeFile puts content in a file of its own and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// runOrg runs an organization command (plan, apply, list) against srv, as
// a script would: no terminal, the test key.
func runOrg(t *testing.T, srv *fakeapi.Server, args ...string) result {
	t.Helper()
	if srv != nil {
		args = append(args, "--base-url", srv.URL())
	}
	return runCLI(t, nil, keyEnv(), args...)
}

// nonGET lists the requests srv received that were not GETs.
func nonGET(srv *fakeapi.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

func names(srv *fakeapi.Server) []string {
	var out []string
	for _, w := range srv.Workspaces() {
		out = append(out, w.Name)
	}
	sort.Strings(out)
	return out
}

// plan reads the organization and prints the plan; every request it sends
// is a GET.
func TestPlanCommandSendsNoWrite(t *testing.T) {
	srv := newOrgServer(t, "")
	file := writeFile(t, "org.yaml", fakeapitest.NewOrgPlan)
	r := runOrg(t, srv, "plan", "-f", file)
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, s := range []string{"create     workspace prod", "rate limit Claude Sonnet 4.x", "requests_per_minute: (none) → 500",
		"Plan: 9 to create, 1 to update, 0 conflicts, 0 notes, 0 errors, 1 unchanged."} {
		if !strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("plan does not say %q:\n%s", s, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "Nothing was changed. To apply: workspace-wizard apply -f") {
		t.Errorf("stderr: %s", r.stderr)
	}
	r = runOrg(t, srv, "plan", "-f", file, "--json")
	var p struct {
		Summary struct{ Changes int } `json:"summary"`
		Items   []struct{ ID, Action string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil || r.code != 0 || p.Summary.Changes != 10 || len(p.Items) != 11 {
		t.Errorf("plan --json: exit %d, %v, %+v\n%s", r.code, err, p, r.stdout)
	}
	if w := nonGET(srv); len(w) != 0 {
		t.Errorf("plan sent writes: %v", w)
	}
	if len(srv.Requests()) == 0 {
		t.Error("plan read nothing")
	}
}

// A file with errors: each at file:line:column, exit 2, nothing sent.
func TestPlanFileErrors(t *testing.T) {
	srv := newOrgServer(t, "")
	file := writeFile(t, "org.yaml", `version: 1
workspaces:
  - name: prod
    colour: "#2E7D6B"
    members:
      - {email: ada@example.com, role: developer}
  - name: prod
`)
	for _, cmd := range []string{"plan", "apply"} {
		r := runOrg(t, srv, cmd, "-f", file, "--yes")
		if cmd == "plan" {
			r = runOrg(t, srv, cmd, "-f", file)
		}
		if r.code != exitUsage {
			t.Errorf("%s: exit %d, want 2\n%s", cmd, r.code, r.stderr)
		}
		for _, s := range []string{"org.yaml:4:5: workspaces[0].colour: unknown key", "org.yaml:6:40: workspaces[0].members[0].role:", "org.yaml:7:11: workspaces[1].name:", "3 errors in", "nothing was sent"} {
			if !strings.Contains(r.stderr, s) {
				t.Errorf("%s: stderr does not say %q:\n%s", cmd, s, r.stderr)
			}
		}
		if r.stdout != "" {
			t.Errorf("%s: stdout: %s", cmd, r.stdout)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for a file with errors", n)
	}
	r := runOrg(t, srv, "plan", "-f", filepath.Join(t.TempDir(), "missing.yaml"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "read the plan file") {
		t.Errorf("missing file: exit %d\n%s", r.code, r.stderr)
	}
	r = runOrg(t, nil, "plan")
	if r.code != exitUsage || !strings.Contains(r.stderr, "-f/--file is required") {
		t.Errorf("no -f: exit %d\n%s", r.code, r.stderr)
	}
}

// apply from empty writes everything; again, it sends no write at all;
// after an edit, only the difference.
func TestApplyCommand(t *testing.T) {
	srv := newOrgServer(t, "")
	file := writeFile(t, "org.yaml", fakeapitest.NewOrgPlan)
	r := runOrg(t, srv, "apply", "-f", file, "--yes")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "Applied: 10 done.") || !strings.Contains(r.stderr, "[10/10]") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	if got := names(srv); !slices.Equal(got, []string{"dev", "prod", "research", "staging"}) {
		t.Errorf("workspaces: %v", got)
	}
	first := nonGET(srv)
	if len(first) != 10 {
		t.Errorf("writes: %d, want 10: %v", len(first), first)
	}

	r = runOrg(t, srv, "apply", "-f", file, "--yes")
	if r.code != exitOK || !strings.Contains(r.stdout, "Nothing to apply") {
		t.Errorf("second apply: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if w := nonGET(srv); len(w) != len(first) {
		t.Errorf("the second apply sent writes: %v", w[len(first):])
	}

	edited := writeFile(t, "org.yaml", strings.Replace(fakeapitest.NewOrgPlan, "tags: {env: staging}", "tags: {env: staging, team: qa}", 1))
	r = runOrg(t, srv, "apply", "-f", edited, "--yes", "--json")
	var rep struct {
		Items []struct {
			ID, Result string
			RequestID  string `json:"request_id"`
		}
		ExitCode int `json:"exit_code"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 0 || len(rep.Items) != 1 || rep.Items[0].ID != `workspace["staging"]` || rep.ExitCode != 0 {
		t.Errorf("after an edit: exit %d, %v, %+v\n%s", r.code, err, rep, r.stdout)
	}
	if w := nonGET(srv)[len(first):]; len(w) != 1 || !strings.HasPrefix(w[0], "POST /v1/organizations/workspaces/wrkspc_") {
		t.Errorf("writes after the edit: %v", w)
	}
}

// Faults in the middle of apply: the exit code, never a second workspace,
// and a second apply that converges.
func TestApplyCommandFaults(t *testing.T) {
	for _, tc := range []struct {
		faults string
		code   int
		say    string
	}{
		{"ok,ok,529-after-commit", exitOK, "found by looking, sent once"},
		{"ok,drop", exitUnknown, "workspace-wizard list"},
		{"ok,ok,ok,policy-cmek", exitFailed, "workspace_policy_violation"},
		{"members:429", exitOK, "Sending again in 1s"},
		{"ok,503-incomplete", exitIncomplete, "do not create it again"},
	} {
		t.Run(tc.faults, func(t *testing.T) {
			t.Parallel()
			srv := newOrgServer(t, tc.faults)
			file := writeFile(t, "org.yaml", fakeapitest.NewOrgPlan)
			r := runOrg(t, srv, "apply", "-f", file, "--yes")
			if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.say) {
				t.Errorf("exit %d, want %d, saying %q\n%s\n%s", r.code, tc.code, tc.say, r.stdout, r.stderr)
			}
			if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 4 {
				t.Errorf("creates sent: %d, want 4", n)
			}
			got := names(srv)
			if len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Errorf("a workspace was created twice: %v", got)
			}
			r = runOrg(t, srv, "apply", "-f", file, "--yes")
			if r.code != exitOK {
				t.Errorf("second apply: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			if got := names(srv); !slices.Equal(got, []string{"dev", "prod", "research", "staging"}) {
				t.Errorf("workspaces after the second apply: %v", got)
			}
		})
	}
}

// Without a terminal apply needs --yes, and says so; nothing is sent.
func TestApplyNeedsYesWithoutTerminal(t *testing.T) {
	srv := newOrgServer(t, "")
	r := runOrg(t, srv, "apply", "-f", writeFile(t, "org.yaml", fakeapitest.NewOrgPlan))
	if r.code != exitUsage || !strings.Contains(r.stderr, "add --yes") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// At a terminal apply shows the plan and asks; only y applies.
func TestApplyConfirms(t *testing.T) {
	for _, tc := range []struct {
		answer string
		code   int
		writes int
	}{{"y\n", exitOK, 10}, {"yes\n", exitOK, 10}, {"\n", exitCancelled, 0}, {"n\n", exitCancelled, 0}, {"", exitCancelled, 0}} {
		srv := newOrgServer(t, "")
		var out, errb bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		code := runWith(ctx, []string{"apply", "-f", writeFile(t, "org.yaml", fakeapitest.NewOrgPlan), "--base-url", srv.URL()}, &Options{
			Getenv: withLockDir(t, keyEnv()), In: strings.NewReader(tc.answer), Out: &out, ErrOut: &errb,
			Interactive: true, Now: time.Now, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		})
		cancel()
		if code != tc.code || len(nonGET(srv)) != tc.writes {
			t.Errorf("answer %q: exit %d, writes %d\n%s", tc.answer, code, len(nonGET(srv)), errb.String())
		}
		if !strings.Contains(errb.String(), `Apply these 10 changes to "New organization"? [y/N]`) || !strings.Contains(errb.String(), "create     workspace prod") {
			t.Errorf("answer %q: the plan and question were not shown:\n%s", tc.answer, errb.String())
		}
	}
}

// list shows the active workspaces, as a table or the API's JSON.
func TestListCommand(t *testing.T) {
	srv := newOrgServer(t, "")
	r := runOrg(t, srv, "list")
	if r.code != exitOK || !strings.Contains(r.stdout, "no active workspaces") {
		t.Errorf("empty: exit %d\n%s", r.code, r.stdout)
	}
	runOrg(t, srv, "apply", "-f", writeFile(t, "org.yaml", fakeapitest.NewOrgPlan), "--yes")
	r = runOrg(t, srv, "list")
	if r.code != exitOK || !strings.Contains(r.stdout, "ID") || !strings.Contains(r.stdout, "env=staging") || !strings.Contains(r.stdout, "4 active workspaces.") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	r = runOrg(t, srv, "list", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 4 || list[0]["type"] != "workspace" {
		t.Errorf("--json: %v\n%s", err, r.stdout)
	}
}

// --demo runs each command on the simulated API in-process: plan and apply
// on a new organization, list on the demo one.
func TestOrgCommandsDemo(t *testing.T) {
	file := writeFile(t, "org.yaml", fakeapitest.NewOrgPlan)
	for _, args := range [][]string{
		{"plan", "--demo", "-f", file},
		{"apply", "--demo", "-f", file, "--yes"},
		{"apply", "--demo", "-f", file, "--yes", "--demo-faults", "members:429"},
		{"list", "--demo"},
	} {
		r := runCLI(t, nil, nil, args...)
		if r.code != exitOK {
			t.Errorf("%v: exit %d\n%s\n%s", args, r.code, r.stdout, r.stderr)
		}
	}
	r := runCLI(t, nil, nil, "plan", "-f", file, "--demo-faults", "529")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--demo-faults works only with --demo") {
		t.Errorf("--demo-faults without --demo: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, nil, nil, "plan", "--schema")
	if r.code != exitOK || !json.Valid([]byte(r.stdout)) {
		t.Errorf("--schema: exit %d\n%s", r.code, r.stdout)
	}
	for _, cmd := range []string{"plan", "apply", "list"} {
		r = runCLI(t, nil, nil, cmd, "--help")
		if r.code != exitOK || !strings.Contains(r.stdout, "workspace-wizard "+cmd) || !strings.Contains(r.stdout, "--demo") {
			t.Errorf("%s --help: exit %d\n%s", cmd, r.code, r.stdout)
		}
	}
}

// archived: true archives the workspace: with --yes at once (one POST
// …/archive), at a plain terminal only once its name is typed after the y.
// A second apply sends nothing.
func TestApplyArchives(t *testing.T) {
	srv := newOrgServer(t, "")
	srv.AddWorkspace(fakeapi.Workspace{Name: "old"})
	srv.AddWorkspace(fakeapi.Workspace{Name: "keep"})
	file := writeFile(t, "org.yaml", "version: 1\nworkspaces:\n  - name: old\n    archived: true\n")
	r := runOrg(t, srv, "plan", "-f", file, "--json")
	if r.code != exitOK || !strings.Contains(r.stdout, `"action": "archive"`) || !strings.Contains(r.stdout, `"archive": 1`) {
		t.Errorf("plan: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, answer := range []string{"y\nold-ish\n", "y\n"} {
		var out, errb bytes.Buffer
		code := runWith(context.Background(), []string{"apply", "-f", file, "--base-url", srv.URL()}, &Options{
			Getenv: func(k string) string { return keyEnv()[k] }, In: strings.NewReader(answer), Out: &out, ErrOut: &errb,
			Interactive: true, Now: time.Now, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		})
		if code != exitCancelled || len(nonGET(srv)) != 0 || !strings.Contains(errb.String(), `Archiving "old" is permanent`) {
			t.Errorf("answer %q: exit %d, writes %v\n%s", answer, code, nonGET(srv), errb.String())
		}
	}
	r = runOrg(t, srv, "apply", "-f", file, "--yes")
	var oldID string
	for _, w := range srv.Workspaces() {
		if w.Name == "old" {
			oldID = w.ID
		}
		if w.Archived() != (w.Name == "old") {
			t.Errorf("%s archived: %v", w.Name, w.Archived())
		}
	}
	if w := nonGET(srv); r.code != exitOK || !slices.Equal(w, []string{"POST /v1/organizations/workspaces/" + oldID + "/archive"}) {
		t.Errorf("apply --yes: exit %d, writes %v\n%s\n%s", r.code, w, r.stdout, r.stderr)
	}
	r = runOrg(t, srv, "apply", "-f", file, "--yes")
	if r.code != exitOK || !strings.Contains(r.stdout, "Nothing to apply") || len(nonGET(srv)) != 1 {
		t.Errorf("second apply: exit %d, writes %v\n%s", r.code, nonGET(srv), r.stdout)
	}
}

// plan checks the ids and addresses a file names before anything is sent:
// the README's own example names a key and a member the new organization
// does not have, so it is refused (exit 2) where it used to fail at apply.
// A key that may not list encryption keys gets a note instead.
func TestPlanChecksReferences(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	example := string(readme)
	example = example[strings.Index(example, "```yaml\nversion: 1")+len("```yaml\n"):]
	example = example[:strings.Index(example, "```")]
	file := writeFile(t, "org.yaml", example)

	srv := newOrgServer(t, "")
	for _, cmd := range []string{"plan", "apply"} {
		r := runOrg(t, srv, cmd, "-f", file, "--yes")
		if cmd == "plan" {
			r = runOrg(t, srv, cmd, "-f", file)
		}
		out := strings.Join(strings.Fields(r.stdout+r.stderr), " ")
		for _, want := range []string{"the organization has no encryption key ekey_01SDCCSbTxrXDpWc1phhtcfK (it has none)", "alice@example.com is neither a user of the organization"} {
			if r.code != exitUsage || !strings.Contains(out, want) {
				t.Errorf("%s: exit %d, want %d saying %q\n%s", cmd, r.code, exitUsage, want, out)
			}
		}
	}
	if w := nonGET(srv); len(w) != 0 {
		t.Errorf("sent: %v", w)
	}
	if n := srv.CountRequests("GET", "/v1/organizations/external_keys"); n != 2 {
		t.Errorf("key lists read: %d, want 2 (one per command)", n)
	}

	denied := newOrgServer(t, "keys:403")
	key := writeFile(t, "key.yaml", "version: 1\nworkspaces:\n  - name: k\n    external_key_id: ekey_01SDCCSbTxrXDpWc1phhtcfK\n")
	r := runOrg(t, denied, "plan", "-f", key)
	out := strings.Join(strings.Fields(r.stdout), " ")
	if r.code != exitOK || !strings.Contains(out, "note") || !strings.Contains(out, "could not be checked: this key may not list them (403 permission_error)") {
		t.Errorf("keys:403: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
