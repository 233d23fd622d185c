package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// realKey is as long as a real admin key (sk-ant-admin01- and 93
// characters), with dashes and underscores where a wrap may split it.
const realKey = "sk-ant-admin01-Zq3_vK8-pLm2Xw9_Tr5-Hn7Yb4_Cd1-Fg6Jk0_Qs3-Wx8Ev2_Ra5-Ty9Ui4_Op7-As1Df6_Gh3-Jk8Lz2_Xc5-Vb0N-AAAA"

// hostileRun runs the program at cols columns, as a script would, against
// a hostile simulated API (fakeapi.Options.Hostile) with realKey.
func hostileRun(t *testing.T, srv *fakeapi.Server, cols int, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	env := map[string]string{"ANTHROPIC_ADMIN_API_KEY": realKey}
	code := runWith(ctx, append([]string{"--base-url", srv.URL()}, args...), &Options{
		Getenv: func(k string) string { return env[k] },
		In:     strings.NewReader(""),
		Out:    &out, ErrOut: &errb,
		Now:   time.Now,
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		cols:  cols,
	})
	return result{code, out.String(), errb.String()}
}

// layout is what table padding and line wraps add: removed, a key a table
// wrapped over two lines is whole again.
var layout = regexp.MustCompile(`[\s│┃|]+`)

// assertNoKey fails when any 12 characters of the key that hold part of its
// secret (not only the public "sk-ant-admin01-") show in s, on one line or
// across lines and padding.
func assertNoKey(t *testing.T, what, s, key string) {
	t.Helper()
	joined := layout.ReplaceAllString(s, "")
	for i := 0; i+12 <= len(key); i++ {
		if i+12 <= len("sk-ant-admin01-") {
			continue
		}
		part := key[i : i+12]
		if strings.Contains(s, part) || strings.Contains(joined, part) {
			t.Fatalf("%s shows %q of the admin key:\n%s", what, part, s)
		}
	}
}

// Issue 16: every command, against a server that injects escapes and echoes
// the key in every string, error and request-id, shows none of it, at 40,
// 80 and 200 columns. A new command is one more row.
func TestHostileServerEverywhere(t *testing.T) {
	for _, tc := range []struct {
		name   string
		preset fakeapi.Preset
		faults string // queued on the hostile server
		args   []string
		json   bool // stdout is JSON, the key redacted
	}{
		{name: "create", args: []string{"--name", "ml-research", "--yes"}},
		{name: "create --json", args: []string{"--name", "ml-research", "--yes", "--json"}, json: true},
		{name: "create refused on a field", faults: "policy-cmek", args: []string{"--name", "x", "--external-key-id", "ekey_01SDCCSbTxrXDpWc1phhtcfK", "--yes"}},
		{name: "create refused", faults: "400", args: []string{"--name", "x", "--yes"}},
		{name: "create unknown outcome", faults: "529-after-commit,list:500", args: []string{"--name", "x", "--yes"}},
		{name: "plan with an error", preset: fakeapi.PresetNew, args: []string{"plan", "-f", "@rate-plan"}},
		{name: "plan", preset: fakeapi.PresetNew, args: []string{"plan", "-f", "@plan"}},
		{name: "plan --json", preset: fakeapi.PresetNew, args: []string{"plan", "-f", "@plan", "--json"}, json: true},
		{name: "apply", preset: fakeapi.PresetNew, faults: "members:400,invite-create:500", args: []string{"apply", "-f", "@plan", "--yes"}},
		{name: "apply --json", preset: fakeapi.PresetNew, faults: "members:400", args: []string{"apply", "-f", "@plan", "--yes", "--json"}, json: true},
		{name: "export", args: []string{"export"}},
		{name: "list", args: []string{"list"}},
		{name: "list --json", args: []string{"list", "--json"}, json: true},
	} {
		for _, cols := range []int{40, 80, 200} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, cols), func(t *testing.T) {
				srv := fakeapitest.New(t, fakeapi.Options{Hostile: true, Preset: tc.preset})
				fakeapitest.AllowUnusedFaults(srv) // each row aims its faults; some paths stop early
				srv.AddWorkspace(fakeapi.Workspace{Name: "research-prod", Tags: map[string]string{"team": "research"}})
				if tc.faults != "" {
					faults, err := fakeapi.ParseFaults(tc.faults)
					if err != nil {
						t.Fatal(err)
					}
					srv.AddFaults(faults...)
				}
				args := append([]string(nil), tc.args...)
				for i, a := range args {
					if a == "@rate-plan" {
						args[i] = writeFile(t, "org.yaml", fakeapitest.NewOrgPlan)
					}
					if a == "@plan" {
						// Without the rate limit: its group is named by the
						// server, hostile here, so the plan would stop at it.
						// The members are invited too: the users' emails
						// come back hostile, so none is found as a user,
						// and a member neither a user nor invited is an
						// error that stops the plan.
						text := strings.Replace(fakeapitest.NewOrgPlan,
							"    rate_limits:\n      - {group: Claude Sonnet 4.x, requests_per_minute: 500}\n", "", 1)
						text = strings.Replace(text, "invites:\n", "invites:\n  - {email: ada@example.com, role: user}\n"+
							"  - {email: dev@example.com, role: developer}\n  - {email: uma@example.com, role: user}\n", 1)
						args[i] = writeFile(t, "org.yaml", text)
					}
				}
				r := hostileRun(t, srv, cols, args...)
				if r.stdout+r.stderr == "" {
					t.Fatalf("exit %d and no output", r.code)
				}
				assertTerminalSafe(t, "stderr", r.stderr)
				assertTerminalSafe(t, "stdout", r.stdout)
				assertNoKey(t, "stderr", r.stderr, realKey)
				assertNoKey(t, "stdout", r.stdout, realKey)
				if tc.json {
					var v any
					if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
						t.Fatalf("stdout is not JSON: %v\n%s\nstderr:\n%s", err, r.stdout, r.stderr)
					}
					if !strings.Contains(r.stdout, "[redacted]") && !strings.HasPrefix(tc.name, "plan") {
						t.Errorf("stdout does not show the key redacted:\n%s", r.stdout)
					}
				}
				if testing.Verbose() && cols == 40 {
					t.Logf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
				}
			})
		}
	}
}

// Issue 16: the user's own arguments are shown safely in errors: an
// unknown flag with an escape in it, a plan path that does not exist.
func TestUserArgumentsAreShownSafely(t *testing.T) {
	for _, args := range [][]string{
		{"--\x1b]0;T\x07x", "--name", "x", "--dry-run"},
		{"plan", "-f", "no\x1b[2Jsuch\u202E.yaml"},
		{"apply", "-f", "no\x1b]52;c;eA==\x07such.yaml", "--yes"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCLI(t, nil, keyEnv(), args...)
			if r.code != exitUsage {
				t.Fatalf("exit %d, want %d\n%s", r.code, exitUsage, r.stderr)
			}
			assertTerminalSafe(t, "stderr", r.stderr)
			if !strings.Contains(r.stderr, "␛") {
				t.Errorf("stderr does not show the escape as ␛:\n%s", r.stderr)
			}
		})
	}
}
