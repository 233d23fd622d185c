package applyui_test

import (
	"context"
	"flag"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/applyui"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/tuitest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fixedNow is the clock of every test: the server's and the model's.
var fixedNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

func clock() time.Time { return fixedNow }

// harness drives a Model as a user would, against the simulated Admin API
// over loopback through the real SDK client: keys in, settled screen out.
type harness struct {
	t     testing.TB
	m     *applyui.Model
	srv   *fakeapi.Server
	admin api.Admin
	ended tea.Msg // the DoneMsg or CancelledMsg the model emitted
}

type setup struct {
	fake   fakeapi.Options
	faults string
	file   string
	opts   applyui.Options
	w, h   int
	seed   []fakeapi.Workspace // workspaces the organization has before the plan is made
}

type opt func(*setup)

func withFaults(f string) opt               { return func(s *setup) { s.faults = f } }
func withFile(f string) opt                 { return func(s *setup) { s.file = f } }
func withSize(w, h int) opt                 { return func(s *setup) { s.w, s.h = w, h } }
func withFake(f func(*fakeapi.Options)) opt { return func(s *setup) { f(&s.fake) } }
func withOpts(f func(*applyui.Options)) opt { return func(s *setup) { f(&s.opts) } }
func withWorkspaces(ws ...fakeapi.Workspace) opt {
	return func(s *setup) { s.seed = append(s.seed, ws...) }
}

// noSleep is a Sleep that returns at once.
func noSleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// newHarness plans the file against a new simulated organization and
// shows the review. Writes run one at a time unless a test says otherwise,
// so that ids and screens are the same on every run.
func newHarness(t testing.TB, opts ...opt) *harness {
	t.Helper()
	st := &setup{
		fake: fakeapi.Options{Preset: fakeapi.PresetNew, Now: clock, Rand: mrand.New(mrand.NewPCG(1, 2))},
		file: fakeapitest.NewOrgPlan,
		w:    80,
		h:    24,
		opts: applyui.Options{Concurrency: 1, Now: clock, Sleep: noSleep, Still: true},
	}
	for _, o := range opts {
		o(st)
	}
	srv := fakeapitest.New(t, st.fake)
	for _, w := range st.seed {
		srv.AddWorkspace(w)
	}
	if st.faults != "" {
		f, err := fakeapi.ParseFaults(st.faults)
		if err != nil {
			t.Fatal(err)
		}
		srv.AddFaults(f...)
	}
	admin := api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL(), Timeout: 5 * time.Second})
	o := st.opts
	o.Admin, o.Plan = admin, planFor(t, admin, st.file)
	if o.OrgName == "" {
		info, err := admin.Organization(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		o.OrgName = info.Name
	}
	h := &harness{t: t, m: applyui.New(context.Background(), o), srv: srv, admin: admin}
	h.run(h.send(tea.WindowSizeMsg{Width: st.w, Height: st.h}))
	h.run(h.m.Init())
	return h
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

// send delivers one message and returns the command Update gave back.
func (h *harness) send(msg tea.Msg) tea.Cmd {
	h.t.Helper()
	switch msg.(type) {
	case applyui.DoneMsg, applyui.CancelledMsg:
		h.ended = msg
		return nil
	}
	var cmd tea.Cmd
	h.m, cmd = h.m.Update(msg)
	return cmd
}

// run executes commands as the program would, feeding each message back,
// until nothing is left to do: an apply runs to its end.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	tuitest.Run(cmd, h.send)
}

// until executes commands one message at a time, as run does, and stops
// as soon as the screen shows want; it returns the commands still to run.
// An apply that blocks (a Sleep held by the test) is thus looked at while
// it waits.
func (h *harness) until(cmd tea.Cmd, want string) []tea.Cmd {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		if strings.Contains(h.flat(), want) {
			return queue
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			queue = append(queue, h.send(msg))
		}
	}
	if !strings.Contains(h.flat(), want) {
		h.t.Fatalf("the screen never showed %q:\n%s", want, h.screen())
	}
	return nil
}

func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.run(h.send(keyPress(k)))
	}
}

func keyPress(k string) tea.KeyPressMsg { return tuitest.Key(k) }

// screen is what the user sees: the view without colour, trailing spaces
// trimmed.
func (h *harness) screen() string { return tuitest.Plain(h.m.View()) }

// flat is the screen with line breaks and indents folded to single
// spaces, so assertions do not depend on where text wraps.
func (h *harness) flat() string { return tuitest.Flat(h.screen()) }

func (h *harness) see(want ...string) {
	h.t.Helper()
	tuitest.See(h.t, h.screen(), want...)
}

func (h *harness) notSee(want ...string) {
	h.t.Helper()
	tuitest.NotSee(h.t, h.screen(), want...)
}

// fits fails the test if the view is wider or taller than the box.
func (h *harness) fits(w, ht int) {
	h.t.Helper()
	lines := strings.Split(ansi.Strip(h.m.View()), "\n")
	if len(lines) > ht {
		h.t.Errorf("%d lines in a window of %d:\n%s", len(lines), ht, h.screen())
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			h.t.Errorf("a line of %d columns in a window of %d: %q", ansi.StringWidth(l), w, l)
		}
	}
}

// golden compares the screen with testdata/name.golden (-update rewrites it).
func (h *harness) golden(name string) {
	h.t.Helper()
	got := h.screen() + "\n"
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			h.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		h.t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		h.t.Errorf("screen differs from %s (go test -update rewrites it)\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// writes lists every request but a GET the server received, as
// "METHOD path", in order.
func (h *harness) writes() []string {
	var out []string
	for _, r := range h.srv.Requests() {
		if r.Method != "GET" {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// workspaceNames lists the server's workspaces by name, sorted: a name
// twice is a duplicate.
func (h *harness) workspaceNames() string {
	var names []string
	for _, w := range h.srv.Workspaces() {
		names = append(names, w.Name)
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// done is the report the model ended with, failing the test if it did not
// end with one.
func (h *harness) done() *apply.Report {
	h.t.Helper()
	d, ok := h.ended.(applyui.DoneMsg)
	if !ok || d.Report == nil {
		h.t.Fatalf("the model ended with %#v, not a report:\n%s", h.ended, h.screen())
	}
	return d.Report
}
