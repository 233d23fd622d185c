package apply_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// newOrg is the simulated new organization (no workspaces, a dozen users,
// a pending invite) with faults queued, and the real SDK client for it.
func newOrg(t testing.TB, faults string) (*fakeapi.Server, api.Admin) {
	t.Helper()
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew})
	f, err := fakeapi.ParseFaults(faults)
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(f...)
	return srv, api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL(), Timeout: 5 * time.Second})
}

// noWait is Options whose waits and looks return at once.
func noWait(concurrency int) apply.Options {
	return apply.Options{
		Concurrency: concurrency,
		Sleep:       func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	}
}

// planFor reads the organization and plans file against it.
func planFor(t testing.TB, admin api.Admin, file string) *plan.Plan {
	t.Helper()
	f, err := plan.Parse("org.yaml", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, w := range f.Workspaces {
		names = append(names, w.Name)
	}
	o, err := apply.Observe(context.Background(), admin, names...)
	if err != nil {
		t.Fatal(err)
	}
	return plan.Diff(f, o)
}

// applyFile plans file and runs it.
func applyFile(t testing.TB, admin api.Admin, file string, opts apply.Options) *apply.Report {
	t.Helper()
	rep, err := apply.Run(context.Background(), admin, planFor(t, admin, file), opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// writes lists every request but a GET the server received, as
// "METHOD path", in order.
func writes(srv *fakeapi.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// workspaceNames lists the server's workspaces by name, sorted: a name
// twice is a duplicate.
func workspaceNames(srv *fakeapi.Server) []string {
	var names []string
	for _, w := range srv.Workspaces() {
		names = append(names, w.Name)
	}
	sort.Strings(names)
	return names
}

// results is "result id" per item, sorted by id, for comparing reports
// whose items ran concurrently.
func results(rep *apply.Report) string {
	var lines []string
	for _, it := range rep.Items {
		lines = append(lines, fmt.Sprintf("%s %s", it.Result, it.ID))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func count(rep *apply.Report, s apply.Status) int {
	n := 0
	for _, it := range rep.Items {
		if it.Result == s {
			n++
		}
	}
	return n
}
