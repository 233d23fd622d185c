package ui

import (
	"context"
	"flag"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/tuitest"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fixedNow is the clock of every test: the server's and the wizard's.
var fixedNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

func clock() time.Time { return fixedNow }

// harness drives a Model as a user would, against the simulated Admin API
// over loopback: key presses in, settled screen text out.
type harness struct {
	t    testing.TB
	m    *Model
	srv  *fakeapi.Server
	quit bool
	msgs []tea.Msg // messages the program would have handled, for assertions
	opts Options   // what the wizard was started with
}

// still makes a wizard deterministic: no animation, times in UTC, timers
// that fire at once, and a Creator that does not sleep.
func still(o Options) Options {
	o.Still, o.Location = true, time.UTC
	o.After = func(_ time.Duration, msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
	o.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return o
}

// setup is what a test may change before the wizard starts.
type setup struct {
	o      Options
	fake   fakeapi.Options
	noKey  bool            // start without an API client: the wizard asks for a key
	faults []fakeapi.Fault // added to the server before the wizard starts
	// profiles are the organization's user profiles (none unless given).
	profiles []fakeapi.UserProfile
}

type harnessOpt func(*setup)

func newHarness(t testing.TB, opts ...harnessOpt) *harness {
	t.Helper()
	st := &setup{
		o:    still(Options{Config: &config.Config{Set: map[string]bool{}}, Demo: true, Now: clock}),
		fake: fakeapi.Options{Now: clock, Rand: mrand.New(mrand.NewPCG(1, 2))},
	}
	for _, f := range opts {
		f(st)
	}
	srv := fakeapitest.New(t, st.fake)
	srv.AddFaults(st.faults...)
	for _, p := range st.profiles {
		srv.AddUserProfile(p)
	}
	o := st.o
	o.Connect = func(k config.Secret) api.Admin {
		return api.New(api.Options{APIKey: k.Reveal(), BaseURL: srv.URL()})
	}
	if !st.noKey {
		o.API = o.Connect(fakeapi.DemoKey)
	}
	m := newModel(context.Background(), o)
	h := &harness{t: t, m: m, srv: srv, opts: o}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(m.Init())
	return h
}

// withoutKey starts the wizard with no admin key, against a server that
// accepts only the demo key.
func withoutKey() harnessOpt {
	return func(s *setup) {
		s.noKey, s.o.Demo = true, false
		s.fake.AdminKey = fakeapi.DemoKey
		s.fake.OrgName = "Acme Research"
	}
}

// notDemo names the organization from the API rather than "Demo organization".
func notDemo() harnessOpt {
	return func(s *setup) { s.o.Demo = false; s.fake.OrgName = "Acme Research" }
}

func withSpec(spec api.Spec, set ...string) harnessOpt {
	return func(s *setup) {
		s.o.Config.Spec = spec
		for _, f := range set {
			s.o.Config.Set[f] = true
		}
	}
}

// send delivers one message and returns the command Update gave back.
func (h *harness) send(msg tea.Msg) tea.Cmd {
	h.t.Helper()
	h.msgs = append(h.msgs, msg)
	if _, ok := msg.(tea.QuitMsg); ok {
		h.quit = true
		return nil
	}
	_, cmd := h.m.Update(msg)
	return cmd
}

// run executes commands the way the program would, one at a time, feeding
// each result back into Update until nothing is left to do.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	tuitest.Run(cmd, h.send)
}

// step runs one command and returns the next, for tests that act while a
// request is in flight.
func (h *harness) step(cmd tea.Cmd) tea.Cmd {
	h.t.Helper()
	if cmd == nil {
		h.t.Fatal("no command to run")
	}
	return h.send(cmd())
}

func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.run(h.send(keyPress(k)))
	}
}

func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.press(string(r))
	}
}

func keyPress(k string) tea.KeyPressMsg { return tuitest.Key(k) }

// screen is what the user sees: the view without colour, trailing spaces trimmed.
func (h *harness) screen() string { return tuitest.Plain(h.m.View().Content) }

// flat is the screen with line breaks and indents folded to single spaces,
// so assertions do not depend on where text wraps.
func (h *harness) flat() string { return tuitest.Flat(h.screen()) }

func (h *harness) see(want ...string) {
	h.t.Helper()
	tuitest.See(h.t, h.screen(), want...)
}

func (h *harness) notSee(want ...string) {
	h.t.Helper()
	tuitest.NotSee(h.t, h.screen(), want...)
}

func (h *harness) wantState(s state) {
	h.t.Helper()
	if h.m.e.cur != s {
		h.t.Fatalf("on screen %q, want %q:\n%s", screenName(h.m.e.cur), screenName(s), h.screen())
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

// spec is the workspace as answered so far: what Create would send.
func (h *harness) spec() api.Spec { return h.m.e.s.Spec() }

// outcome is how the wizard ended: what Run returns to main.
func (h *harness) outcome() Outcome { return h.m.outcome }

// firstKey is the first of the organization's encryption keys, as listed.
func (h *harness) firstKey() string { return h.srv.ExternalKeys()[0].ID }

// profilesAnswer lists the user profiles now, the answer to be delivered
// when the test runs it.
func (h *harness) profilesAnswer() tea.Cmd {
	a := h.m.e.s.Admin()
	return func() tea.Msg {
		ps, err := wizard.Profiles(context.Background(), a)
		return profilesMsg{ps, err}
	}
}

func (h *harness) posts() int {
	return h.srv.CountRequests("POST", "/v1/organizations/workspaces")
}
