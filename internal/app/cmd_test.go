package app

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"charm.land/fang/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// `workspace-wizard create …` is the bare program: the same output and
// exit code for the same flags.
func TestCreateIsTheBareProgram(t *testing.T) {
	for _, args := range [][]string{
		{"--name", "ml-research", "--tag", "team=ml", "--dry-run", "--json"},
		{"--name", "x", "--tag", "anthropic-env=1", "--yes"},
		{"--name", "x"}, // no terminal, no --yes
		{"--timeout", "banana", "--name", "x", "--yes"},
	} {
		bare := runCLI(t, nil, keyEnv(), args...)
		sub := runCLI(t, nil, keyEnv(), append([]string{"create"}, args...)...)
		if bare != sub {
			t.Errorf("%v:\nbare   %+v\ncreate %+v", args, bare, sub)
		}
	}
	r := runCLI(t, nil, nil, "create", "--demo", "--name", "via create", "--yes")
	if r.code != exitOK || !strings.Contains(r.stdout, `Created workspace "via create"`) {
		t.Errorf("create --demo --yes: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"create", "--version"}} {
		r := runCLI(t, nil, nil, args...)
		v, ok := strings.CutPrefix(strings.TrimSpace(r.stdout), "workspace-wizard ")
		if r.code != 0 || !ok || v == "" || v == "dev" || r.stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
	rev := "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}}}, "0123456789ab"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}}, "0123456789ab+dirty"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel (built without VCS information)"},
		{nil, "devel (no build information)"},
	} {
		if got := versionOf(tc.bi); got != tc.want {
			t.Errorf("versionOf = %q, want %q", got, tc.want)
		}
	}
}

func TestCompletionScript(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := runCLI(t, nil, nil, "completion", shell)
		if r.code != 0 || !strings.Contains(r.stdout, "workspace-wizard") || len(r.stdout) < 1000 {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, r.code, len(r.stdout), r.stderr)
		}
	}
	r := runCLI(t, nil, nil, "completion", "bash")
	if !strings.Contains(r.stdout, "bash completion") {
		t.Errorf("not a bash completion script:\n%.300s", r.stdout)
	}
}

// demo-server listens on loopback, answers the demo key, and stops when
// its context ends.
func TestDemoServer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		defer pw.Close()
		done <- runWith(ctx, []string{"demo-server", "--addr", "127.0.0.1:0"}, &Options{
			Getenv: func(k string) string {
				if k == "ANTHROPIC_ADMIN_API_KEY" {
					return testKey
				}
				return ""
			},
			In: strings.NewReader(""), Out: pw, ErrOut: &errb, Now: time.Now,
		})
	}()
	var printed strings.Builder
	var url string
	sc := bufio.NewScanner(pr)
	for url == "" && sc.Scan() {
		printed.WriteString(sc.Text() + "\n")
		url = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+`).FindString(sc.Text())
	}
	if url == "" {
		t.Fatalf("no URL printed:\n%s", printed.String())
	}
	for sc.Scan() { // the key and the examples, up to the blank-free end
		printed.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "--base-url") {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	out := printed.String()
	for _, want := range []string{fakeapi.DemoKey, "curl -s " + url + "/v1/organizations/me", "anthropic-version: 2026-10-21", "--base-url " + url} {
		if !strings.Contains(out, want) {
			t.Errorf("demo-server output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, testKey) {
		t.Error("the environment's admin key was printed")
	}

	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/v1/organizations/me", nil)
	req.Header.Set("x-api-key", fakeapi.DemoKey)
	req.Header.Set("anthropic-version", "2026-10-21")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), fakeapi.DefaultOrgName) {
		t.Fatalf("GET /v1/organizations/me: %d %s", resp.StatusCode, body)
	}

	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d after cancel, stderr %s", code, errb.String())
	}
	if _, err := http.Get(url + "/v1/organizations/me"); err == nil {
		t.Error("the server still answers after it stopped")
	}
}

func TestDemoServerRefusesNonLoopback(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"demo-server", "--addr", "0.0.0.0:8080"}, `--addr: "0.0.0.0" is not a loopback address`},
		{[]string{"demo-server", "--addr", "192.168.1.5:0"}, "is not a loopback address"},
		{[]string{"demo-server", "--addr", "8080"}, "is not HOST:PORT"},
		{[]string{"demo-server", "--faults", "bogus"}, "--faults:"},
		{[]string{"demo-server", "--adr", "127.0.0.1:1"}, "unknown flag: --adr"},
	} {
		r := runCLI(t, nil, nil, tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit 2 saying %q", tc.args, r.code, r.stderr, r.stdout, tc.want)
		}
	}
}

// Bug 10: a bad value says what form is wanted, an unknown flag or command
// gets a suggestion, every bad flag is reported, and each only once.
func TestFlagErrorsSayWhatToDo(t *testing.T) {
	r := runCLI(t, nil, keyEnv(), "--timeout", "banana", "--colour", "#000000", "--tag", "novalue", "--dryrun", "--name", "x", "--yes")
	if r.code != exitUsage || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	for _, want := range []string{
		`--timeout: "banana" is not a duration; use for example 30s or 2m`,
		"unknown flag --colour; did you mean --display-color?",
		"unknown flag --dryrun; did you mean --dry-run?",
		"--tag: write the tag as key=value",
	} {
		if strings.Count(r.stderr, want) != 1 {
			t.Errorf("stderr should say %q once:\n%s", want, r.stderr)
		}
	}
	if strings.Count(r.stderr, "Error:") != 1 || strings.Count(r.stderr, "--help") != 1 {
		t.Errorf("the error is explained more than once:\n%s", r.stderr)
	}

	// Flag syntax and field rules are reported together.
	r = runCLI(t, nil, keyEnv(), "--timeout", "banana", "--name", "x", "--display-color", "red", "--yes")
	if r.code != exitUsage || !strings.Contains(r.stderr, `"banana" is not a duration`) || !strings.Contains(r.stderr, `--display-color: "red" is not a colour`) {
		t.Errorf("exit %d:\n%s", r.code, r.stderr)
	}

	r = runCLI(t, nil, nil, "crate", "--name", "x")
	if r.code != exitUsage || !strings.Contains(r.stderr, `unknown command "crate"; did you mean "create"?`) {
		t.Errorf("exit %d:\n%s", r.code, r.stderr)
	}
	r = runCLI(t, nil, nil, "--name")
	if r.code != exitUsage || !strings.Contains(r.stderr, "flag needs a value: --name") {
		t.Errorf("exit %d:\n%s", r.code, r.stderr)
	}
}

// A failure the wizard showed on its failure screen sets the exit code and
// is not printed again when the wizard ends; a cancel is explained.
func TestWizardFailureIsPrintedOnce(t *testing.T) {
	refused := &api.Error{Op: "create workspace", Kind: api.KindInvalid, Status: 400, Message: "name is taken"}
	unknown := &api.UnknownOutcomeError{Name: "x", Cause: &api.Error{Kind: api.KindServer}}
	for _, tc := range []struct {
		err   error
		code  int
		shown bool
	}{
		{refused, exitFailed, true},
		{unknown, exitUnknown, true},
		{&api.Error{Kind: api.KindAuth, Status: 403}, exitAuth, true},
		{errors.New("the wizard failed: broken terminal"), exitFailed, false},
	} {
		err := wizardError(context.Background(), tc.err)
		var errb bytes.Buffer
		o := &Options{ErrOut: &errb}
		o.printError(&errb, fang.Styles{}, err)
		if exitCode(err) != tc.code || (errb.Len() == 0) != tc.shown {
			t.Errorf("%v: exit %d (want %d), printed %q (shown already: %v)", tc.err, exitCode(err), tc.code, errb.String(), tc.shown)
		}
	}
}
