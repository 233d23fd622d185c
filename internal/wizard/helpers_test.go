package wizard_test

import (
	"context"
	mrand "math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// fixedNow is the clock of every test: the server's and the session's.
var fixedNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

func clock() time.Time { return fixedNow }

// workspacesPath is where a create is POSTed and the workspaces listed.
const workspacesPath = "/v1/organizations/workspaces"

// sleeper stands in for the clock's waits: it records every wait asked
// for and returns at once (or the context's error). Safe for concurrent
// adds.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (sl *sleeper) Sleep(ctx context.Context, d time.Duration) error {
	sl.mu.Lock()
	sl.waits = append(sl.waits, d)
	sl.mu.Unlock()
	return ctx.Err()
}

func (sl *sleeper) Waits() []time.Duration {
	sl.mu.Lock()
	defer sl.mu.Unlock()
	return append([]time.Duration(nil), sl.waits...)
}

// fixture is a session over the simulated Admin API on loopback, through
// the real SDK client, and what it was started with.
type fixture struct {
	s     *wizard.Session
	srv   *fakeapi.Server
	sleep *sleeper
}

// setup is what a test may change before the session starts.
type setup struct {
	spec     api.Spec
	set      []string // rules.Field* names given as flags
	key      config.Secret
	fake     fakeapi.Options
	faults   string
	noAPI    bool // no client: one must be connected
	noDemo   bool
	connect  bool // Options.Connect is set
	profiles []fakeapi.UserProfile
	// demo gives the organization --demo's workspaces (research-prod,
	// staging), as the demo server does.
	demo bool
}

// start builds the session the setup describes. Faults are parsed as
// --demo-faults takes them; the test fails if any is never used.
func start(t *testing.T, st setup) fixture {
	t.Helper()
	fo := st.fake
	if fo.Now == nil {
		fo.Now = clock
	}
	if fo.Rand == nil {
		fo.Rand = mrand.New(mrand.NewPCG(1, 2))
	}
	srv := fakeapitest.New(t, fo)
	faults, err := fakeapi.ParseFaults(st.faults)
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(faults...)
	if st.demo {
		for _, w := range fakeapi.DemoWorkspaces() {
			srv.AddWorkspace(w)
		}
	}
	for _, p := range st.profiles {
		srv.AddUserProfile(p)
	}
	connect := func(k config.Secret) api.Admin {
		return api.New(api.Options{APIKey: k.Reveal(), BaseURL: srv.URL(), Timeout: 5 * time.Second})
	}
	sl := &sleeper{}
	cfg := &config.Config{Spec: st.spec, Set: map[string]bool{}, APIKey: st.key}
	for _, f := range st.set {
		cfg.Set[f] = true
	}
	o := wizard.Options{Config: cfg, Demo: !st.noDemo, Now: clock, Sleep: sl.Sleep}
	if !st.noAPI {
		o.API = connect(fakeapi.DemoKey)
	}
	if st.connect {
		o.Connect = connect
	}
	return fixture{s: wizard.New(o), srv: srv, sleep: sl}
}

// sent is "METHOD path?query body" for each request the server received
// whose path starts with prefix, so a test can assert exactly what went.
func sent(srv *fakeapi.Server, prefix string) []string {
	var out []string
	for _, r := range srv.Requests() {
		if !strings.HasPrefix(r.Path, prefix) {
			continue
		}
		s := r.Method + " " + r.EscapedPath
		if q := r.Query.Encode(); q != "" {
			s += "?" + q
		}
		if len(r.Body) > 0 {
			s += " " + string(r.Body)
		}
		out = append(out, s)
	}
	return out
}

// wantSent asserts the requests to paths under prefix, in order.
func wantSent(t *testing.T, srv *fakeapi.Server, prefix string, want ...string) {
	t.Helper()
	got := sent(srv, prefix)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests to %s:\n  %s\nwant:\n  %s", prefix, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// posts is how many creates the server received.
func posts(srv *fakeapi.Server) int { return srv.CountRequests("POST", workspacesPath) }

// create sends the session's spec through its Creator, as both front ends
// do.
func (f fixture) create(ctx context.Context) (*api.Result, error) {
	return f.s.Creator(nil).Create(ctx, f.s.Spec())
}

// errText is err's message, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
