package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// apply, one write at a time: the first create is answered, the second
// stalls on the wire. A first signal does not end it (the write in flight
// is let finish); a second ends it at once with the report so far on
// stdout: the first created, the second unknown (it may have landed), the
// rest skipped; exit 5, never 2 ("nothing was sent"). SIGQUIT is one of the
// signals: no goroutine dump, no exit 2.
func TestApplySecondSignalPrintsTheReportSoFar(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew})
			faults, _ := fakeapi.ParseFaults("ok,stall")
			srv.AddFaults(faults...)
			file := filepath.Join(t.TempDir(), "org.yaml")
			plan := "version: 1\nworkspaces:\n  - name: first\n  - name: second\n  - name: third\n"
			if err := os.WriteFile(file, []byte(plan), 0o644); err != nil {
				t.Fatal(err)
			}
			tm := start(t, 120, 30, []string{"ANTHROPIC_ADMIN_API_KEY=" + fakeapi.DemoKey},
				"apply", "-f", file, "--yes", "--concurrency", "1", "--base-url", srv.URL())
			deadline := time.Now().Add(wait)
			for srv.CountRequests("POST", "/v1/organizations/workspaces") < 2 { // the second is stalled
				if time.Now().After(deadline) {
					t.Fatalf("the second create never reached the server\n%s", tm.Dump())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := syscall.Kill(tm.Pid(), sig); err != nil {
				t.Fatal(err)
			}
			time.Sleep(200 * time.Millisecond) // the first signal lets the stalled create go on
			if err := syscall.Kill(tm.Pid(), sig); err != nil {
				t.Fatal(err)
			}
			if code := tm.Wait(t, 5*time.Second); code != 5 {
				t.Fatalf("exit code %d, want 5 (some outcome unknown)\n%s\nstdout:\n%s", code, tm.Dump(), tm.Stdout())
			}
			out := tm.Stdout()
			for _, want := range []string{"first", "second", "third", "done", "unknown", "skipped", "in flight when the program was stopped"} {
				if !strings.Contains(out, want) {
					t.Errorf("the report on stdout lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(tm.Raw(), "goroutine ") {
				t.Errorf("a goroutine dump was printed:\n%s", tm.Dump())
			}
			if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 2 {
				t.Errorf("%d creates sent, want 2", n)
			}
		})
	}
}
