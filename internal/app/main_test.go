package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// testKey is recognisable, so a leak anywhere is easy to grep for.
const testKey = "sk-ant-admin01-LEAKCANARY-7f3a9c2e5b1d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6-QQ"

type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the program as a script would: no terminal, the given
// environment, against srv when it is not nil.
func runCLI(t *testing.T, srv *fakeapi.Server, env map[string]string, args ...string) result {
	t.Helper()
	if srv != nil {
		args = append([]string{"--base-url", srv.URL()}, args...)
	}
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := runWith(ctx, args, &Options{
		Getenv: withLockDir(t, env),
		In:     strings.NewReader(""),
		Out:    &out, ErrOut: &errb,
		Now: time.Now,
		// Backoff and looks do not wait in tests.
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	r := result{code, out.String(), errb.String()}
	if strings.Contains(r.stdout+r.stderr, testKey) || strings.Contains(r.stdout+r.stderr, testKey[len("sk-ant-admin01-"):]) {
		t.Fatalf("the admin key leaked into the output:\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}
	return r
}

func keyEnv() map[string]string { return map[string]string{"ANTHROPIC_ADMIN_API_KEY": testKey} }

// seedJSON reads one of the examples copied from the endpoint's reference
// page (shared/seeds/create-workspace.md) into testdata/.
func seedJSON(t *testing.T, name string) (raw []byte, v map[string]any) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return raw, v
}

// The reference page's example request, given as flags, is sent exactly
// and accepted by the simulated API.
func TestSeedExampleRequest(t *testing.T) {
	_, want := seedJSON(t, "seed-request.json")
	srv := fakeapitest.New(t, fakeapi.Options{})
	r := runCLI(t, srv, keyEnv(), "--name", "x", "--external-key-id", "ekey_01SDCCSbTxrXDpWc1phhtcfK",
		"--tag", "env=prod", "--tag", "team=platform", "--yes", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d, ErrOut:\n%s", r.code, r.stderr)
	}
	var post *fakeapi.Request
	for _, req := range srv.Requests() {
		if req.Method == "POST" && req.Path == "/v1/organizations/workspaces" {
			post = &req
		}
	}
	if post == nil {
		t.Fatal("the server received no create request")
	}
	var sent map[string]any
	if err := json.Unmarshal(post.Body, &sent); err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(sent, want) {
		t.Errorf("request body = %v, want the reference page's %v", sent, want)
	}
	if got := post.Header.Get("anthropic-version"); got != "2026-10-21" {
		t.Errorf("anthropic-version = %q, want SDK v2's 2026-10-21", got)
	}
	if post.KeyHeader != "authorization" || post.KeyPrefix != "sk-ant-admin" {
		t.Errorf("key sent in %q (prefix %q), want SDK v2's Authorization: Bearer sk-ant-admin…", post.KeyHeader, post.KeyPrefix)
	}
	var ws map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &ws); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if !regexp.MustCompile(`^wrkspc_[A-Za-z0-9]+$`).MatchString(fmt.Sprint(ws["id"])) || ws["name"] != "x" ||
		ws["external_key_id"] != "ekey_01SDCCSbTxrXDpWc1phhtcfK" || !jsonEqual(ws["tags"], want["tags"]) {
		t.Errorf("created workspace = %v", ws)
	}
}

// The reference page's example response, served as it stands, comes out of
// --json with every field intact, and the summary shows each of them.
func TestSeedExampleResponse(t *testing.T) {
	raw, want := seedJSON(t, "seed-response.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/json")
		w.Header().Set("request-id", "req_seed")
		_, _ = w.Write(raw)
	}))
	defer srv.Close()
	args := []string{"--base-url", srv.URL, "--name", "Workspace Name", "--yes"}

	r := runCLI(t, nil, keyEnv(), append(args, "--json")...)
	var got map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); r.code != 0 || err != nil {
		t.Fatalf("exit %d, err %v\nstdout %s\nstderr %s", r.code, err, r.stdout, r.stderr)
	}
	if !jsonEqual(got, want) {
		t.Errorf("--json = %v\nwant the example response %v", got, want)
	}

	r = runCLI(t, nil, keyEnv(), args...)
	for _, s := range []string{"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", `"Workspace Name"`, "#6C5BB9", "env=prod, team=platform",
		"unrestricted", "ekey_01SDCCSbTxrXDpWc1phhtcfK", "f8a7b6c5-4d3e-4f1a-8b9c-0d1e2f3a4b5c", "2024-10-30", "archived"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("summary lacks %q:\n%s", s, r.stdout)
		}
	}
}

func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// Every rule: exit 2, a message naming the flag, and nothing sent.
func TestValidationRejectsBeforeSending(t *testing.T) {
	long := strings.Repeat("n", 256)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no name", []string{"--yes"}, "--name is required"},
		{"blank name", []string{"--name", "   ", "--yes"}, "--name: enter a name"},
		{"name too long", []string{"--name", long, "--yes"}, "--name: use at most 255 characters (this name has 256)"},
		{"control character", []string{"--name", "a\tb", "--yes"}, "--name: remove the control character"},
		{"anthropic tag", []string{"--name", "x", "--tag", "anthropic-env=1", "--yes"}, `--tag: tag key "anthropic-env": keys may not start with "anthropic"`},
		{"Anthropic tag any case", []string{"--name", "x", "--tag", "AnthropicTeam=1", "--dry-run"}, `may not start with "anthropic"`},
		{"tag without =", []string{"--name", "x", "--tag", "env", "--yes"}, "--tag: write the tag as key=value"},
		{"empty tag key", []string{"--name", "x", "--tag", "=prod", "--yes"}, "--tag: a tag needs a key"},
		{"duplicate tag key", []string{"--name", "x", "--tag", "env=a", "--tag", "env=b", "--yes"}, `--tag: tag key "env" is used twice`},
		{"long tag key", []string{"--name", "x", "--tag", strings.Repeat("k", 65) + "=v", "--yes"}, "use at most 64"},
		{"long tag value", []string{"--name", "x", "--tag", "k=" + strings.Repeat("v", 257), "--yes"}, "use at most 256"},
		{"unknown workspace geo", []string{"--name", "x", "--workspace-geo", "eu", "--yes"}, `--workspace-geo: unknown workspace geo "eu"`},
		{"unknown inference geo", []string{"--name", "x", "--allowed-inference-geos", "us,mars", "--yes"}, `--allowed-inference-geos: unknown inference geo "mars"`},
		{"unrestricted mixed", []string{"--name", "x", "--allowed-inference-geos", "unrestricted,us", "--yes"}, `"unrestricted" stands alone`},
		{"default outside allowed", []string{"--name", "x", "--allowed-inference-geos", "us", "--default-inference-geo", "global", "--yes"}, `--default-inference-geo: default inference geo "global" is not in the allowed geos (us)`},
		{"implicit default outside allowed", []string{"--name", "x", "--allowed-inference-geos", "us", "--yes"}, `--default-inference-geo: the default inference geo would be "global"`},
		{"bad key id", []string{"--name", "x", "--external-key-id", "key-123", "--yes"}, `--external-key-id: "key-123" is not a key id`},
		{"bad colour", []string{"--name", "x", "--display-color", "purple", "--yes"}, `--display-color: "purple" is not a colour`},
		{"unknown flag", []string{"--name", "x", "--colour", "#000000", "--yes"}, "unknown flag --colour"},
		{"stray argument", []string{"ml-research", "--yes"}, `unexpected argument "ml-research"`},
		{"plain http elsewhere", []string{"--name", "x", "--base-url", "http://api.example.com", "--yes"}, "unencrypted"},
		{"no terminal, no --yes", []string{"--name", "x"}, "pass --yes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeapitest.New(t, fakeapi.Options{})
			r := runCLI(t, srv, keyEnv(), tc.args...)
			if r.code != exitUsage {
				t.Errorf("exit code = %d, want %d", r.code, exitUsage)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr does not say %q:\n%s", tc.want, r.stderr)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests were sent; want none", n)
			}
			if r.stdout != "" {
				t.Errorf("stdout should stay empty, got %q", r.stdout)
			}
		})
	}
}

func TestNoKey(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	r := runCLI(t, srv, nil, "--name", "x", "--yes")
	if r.code != exitUsage || !strings.Contains(r.stderr, "ANTHROPIC_ADMIN_API_KEY") || !strings.Contains(r.stderr, "--demo") {
		t.Fatalf("exit %d, stderr %q: want 2 naming the variable and --demo", r.code, r.stderr)
	}
	if len(srv.Requests()) != 0 {
		t.Error("a request was sent without a key")
	}
}

func TestRegularAPIKeyIsWarnedAndRefused(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	r := runCLI(t, srv, map[string]string{"ANTHROPIC_ADMIN_API_KEY": "sk-ant-api03-notanadminkey-000000000000"}, "--name", "x", "--yes")
	if !strings.Contains(r.stderr, "does not look like an admin key") || !strings.Contains(r.stderr, "regular API key") {
		t.Errorf("no warning about the key kind:\n%s", r.stderr)
	}
	if r.code != exitAuth {
		t.Errorf("exit = %d, want %d", r.code, exitAuth)
	}
	if strings.Contains(r.stderr, "notanadminkey") {
		t.Error("the key appeared in the output")
	}
	if n := len(srv.Workspaces()); n != 0 {
		t.Errorf("%d workspaces exist", n)
	}
}

func TestDryRunSendsNothing(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	r := runCLI(t, srv, nil, "--name", "ml-research", "--tag", "team=ml", "--allowed-inference-geos", "us",
		"--default-inference-geo", "us", "--dry-run", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := `{"name":"ml-research","tags":{"team":"ml"},"data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"us"}}`
	var got, exp any
	_ = json.Unmarshal([]byte(want), &exp)
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || !jsonEqual(got, exp) {
		t.Errorf("dry-run body = %s, want %s", r.stdout, want)
	}
	if len(srv.Requests()) != 0 {
		t.Error("dry run sent a request")
	}
}

func TestHumanSummary(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{})
	r := runCLI(t, srv, keyEnv(), "--name", "ml-research", "--tag", "team=ml", "--tag", "env=prod",
		"--allowed-inference-geos", "us", "--default-inference-geo", "us", "--yes")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{`Created workspace "ml-research"`, "wrkspc_", "env=prod, team=ml", "allowed inference geos  us", "default inference geo   us", api.ConsoleURL} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	ws := srv.Workspaces()
	if len(ws) != 1 || ws[0].Name != "ml-research" {
		t.Errorf("server holds %+v", ws)
	}
}

func TestDemoNeedsNoKey(t *testing.T) {
	r := runCLI(t, nil, nil, "--demo", "--name", "Onboarding demo", "--tag", "env=dev", "--yes")
	if r.code != 0 || !strings.Contains(r.stdout, `Created workspace "Onboarding demo"`) {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
}

func TestHelpAndVersion(t *testing.T) {
	r := runCLI(t, nil, nil, "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "--allowed-inference-geos") || !strings.Contains(r.stdout, "Exit codes") {
		t.Errorf("--help: exit %d\n%s", r.code, r.stdout)
	}
	r = runCLI(t, nil, nil, "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "workspace-wizard ") {
		t.Errorf("--version: exit %d %q", r.code, r.stdout)
	}
}

// The README's usage must stay the program's: every flag --help lists is
// documented there.
func TestReadmeDocumentsEveryFlag(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, nil, "--help")
	for _, flag := range regexp.MustCompile(`--[a-z][a-z-]+`).FindAllString(r.stdout, -1) {
		if !bytes.Contains(readme, []byte(flag)) {
			t.Errorf("README.md does not mention %s", flag)
		}
	}
}

// Flags that break a rule are refused before the wizard starts, where some
// (the colour) have no step to fix them in; flags left out are the wizard's
// to ask for.
func TestWizardChecksItsFlagsFirst(t *testing.T) {
	var out, errb bytes.Buffer
	code := runWith(context.Background(), []string{"--demo", "--display-color", "red", "--tag", "team=ml"}, &Options{
		Getenv: func(string) string { return "" }, In: strings.NewReader(""),
		Out: &out, ErrOut: &errb, Interactive: true, Now: time.Now,
	})
	if code != exitUsage || !strings.Contains(errb.String(), `--display-color: "red" is not a colour`) {
		t.Fatalf("exit %d, stderr %q: want 2 naming --display-color", code, errb.String())
	}
	if strings.Contains(errb.String(), "--name") {
		t.Errorf("the name was not given, so the wizard should ask for it: %s", errb.String())
	}
}

// Cancelling the wizard says truthfully whether a create was ever sent.
func TestCancelMessages(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{outcome.ErrCancelled, "Cancelled. Nothing was sent."},
		{outcome.ErrCancelledAfterRefusal, "Cancelled. The API refused the earlier create, so nothing was created."},
	} {
		if got := explain(tc.err); got != tc.want || exitCode(tc.err) != exitCancelled {
			t.Errorf("explain = %q (exit %d), want %q (exit 130)", got, exitCode(tc.err), tc.want)
		}
	}
}
