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

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// BenchmarkExportPlan exports an organization of 100 workspaces of 20
// members each, whose every answer takes 50 ms, and plans the exported
// file against it, as the commands do (runWith, the real SDK client), and
// reports the requests each sends. It takes real time (seconds an
// iteration), so run it once:
//
//	go test ./internal/app -run '^$' -bench ExportPlan -benchtime 1x
func BenchmarkExportPlan(b *testing.B) {
	const workspaces, members, latency = 100, 20, 50 * time.Millisecond
	srv := fakeapi.New(fakeapi.Options{Preset: fakeapi.PresetNew, Users: workspaces * members})
	url, err := srv.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	users := srv.Users()
	for w := range workspaces {
		ws := srv.AddWorkspace(fakeapi.Workspace{Name: fmt.Sprintf("team-%03d", w), Tags: map[string]string{"team": fmt.Sprint(w)}})
		for m := range members {
			srv.AddMember(fakeapi.Member{UserID: users[(w*members+m)%len(users)].ID, WorkspaceID: ws.ID, WorkspaceRole: "workspace_developer"})
		}
	}
	srv.SetLatency(latency)
	file := filepath.Join(b.TempDir(), "org.yaml")
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := runWith(context.Background(), append(args, "--base-url", url), &Options{
			Getenv: func(k string) string { return keyEnv()[k] }, In: strings.NewReader(""), Out: &out, ErrOut: &errb,
			Now: time.Now, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		})
		if code != 0 {
			b.Fatalf("%v: exit %d\n%s", args, code, errb.String())
		}
		return len(srv.Requests()), out.String()
	}
	b.Run("export", func(b *testing.B) {
		var requests int
		for range b.N {
			before := len(srv.Requests())
			n, out := run("export")
			requests = n - before
			if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(requests), "requests/op")
	})
	b.Run("plan", func(b *testing.B) {
		var requests int
		for range b.N {
			before := len(srv.Requests())
			n, out := run("plan", "-f", file, "--detailed-exitcode")
			requests = n - before
			if !strings.Contains(out, "No changes") {
				b.Fatalf("plan:\n%s", out)
			}
		}
		b.ReportMetric(float64(requests), "requests/op")
	})
}
