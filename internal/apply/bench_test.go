package apply_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
)

// BenchmarkApply applies 20 workspaces of 5 members each (120 writes, and
// a workspace list before each create) to a new simulated organization
// whose every answer takes 50 ms, four at a time and one at a time. Only
// Run is timed: the organization is read and planned beforehand. It takes
// real time (about 1.8 s and 7.2 s an iteration), so run it once:
//
//	go test ./internal/apply -run '^$' -bench Apply -benchtime 1x
func BenchmarkApply(b *testing.B) {
	const workspaces, members, latency = 20, 5, 50 * time.Millisecond
	people := fakeapi.GenerateUsers(workspaces * members)
	var file strings.Builder
	file.WriteString("version: 1\nworkspaces:\n")
	for w := range workspaces {
		fmt.Fprintf(&file, "  - name: team-%02d\n    tags: {team: t%02d}\n    members:\n", w, w)
		for m := range members {
			fmt.Fprintf(&file, "      - {email: %s, role: workspace_developer}\n", people[w*members+m].Email)
		}
	}
	for _, bc := range []struct {
		name        string
		concurrency int
	}{{"concurrent-4", 4}, {"one-at-a-time", 1}} {
		b.Run(bc.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				srv := fakeapi.New(fakeapi.Options{Preset: fakeapi.PresetNew, Users: len(people) + 3, Latency: latency})
				url, err := srv.Start()
				if err != nil {
					b.Fatal(err)
				}
				admin := api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: url, Timeout: 10 * time.Second})
				p := planFor(b, admin, file.String())
				if p.Changes() != workspaces*(members+1) {
					b.Fatalf("the plan has %d changes", p.Changes())
				}
				b.StartTimer()
				rep, err := apply.Run(context.Background(), admin, p, apply.Options{Concurrency: bc.concurrency})
				b.StopTimer()
				if err != nil || rep.Summary.Done != workspaces*(members+1) {
					b.Fatalf("run: %v\n%s", err, rep.Text(120))
				}
				srv.Close()
				b.StartTimer()
			}
		})
	}
}
