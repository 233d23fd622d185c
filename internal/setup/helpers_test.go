package setup

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/tuitest"
)

// fixedNow is the clock of every test: the server's and the setup's.
var fixedNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

func clock() time.Time { return fixedNow }

// harness drives the setup as a user would, against the simulated Admin
// API (a new organization) over loopback: key presses in, screen text out.
// Saved files go to files; every screen is checked to fit the window.
type harness struct {
	t     testing.TB
	m     *Model
	srv   *fakeapi.Server
	files map[string]string // path → what was saved there
	w, h  int
	quit  bool
}

// newHarness starts the setup at 80×24 (or the size given), from start
// when it is not nil.
func newHarness(t testing.TB, start *plan.File, size ...int) *harness {
	t.Helper()
	srv := fakeapitest.New(t, fakeapi.Options{Preset: fakeapi.PresetNew, Now: clock})
	h := &harness{t: t, srv: srv, files: map[string]string{}, w: 80, h: 24}
	if len(size) == 2 {
		h.w, h.h = size[0], size[1]
	}
	h.m = New(context.Background(), Options{
		Admin: api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL()}),
		File:  start, Now: clock, Still: true, OrgName: fakeapi.NewOrgName,
		Sleep:  func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		After:  func(_ time.Duration, msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } },
		Exists: func(p string) bool { _, ok := h.files[p]; return ok },
		Write: func(p string, data []byte) error {
			h.files[p] = string(data)
			return nil
		},
	})
	h.run(h.send(tea.WindowSizeMsg{Width: h.w, Height: h.h}))
	if o, ok := h.m.cur.(opener); ok {
		h.run(o.open(h.m))
	}
	return h
}

// send delivers one message and returns the command Update gave back.
func (h *harness) send(msg tea.Msg) tea.Cmd {
	h.t.Helper()
	if _, ok := msg.(tea.QuitMsg); ok {
		h.quit = true
		return nil
	}
	_, cmd := h.m.Update(msg)
	return cmd
}

// run executes commands as the program would, feeding each result back
// into Update until nothing is left to do. An apply's events come from its
// goroutine through a command that waits for the next one.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	tuitest.Run(cmd, h.send)
}

// press presses each key, lets the setup settle, and checks the screen
// still fits the window.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.run(h.send(keyPress(k)))
		h.fits()
	}
}

// pressUntil presses k until the screen shows want, a few times at most.
func (h *harness) pressUntil(want, k string) {
	h.t.Helper()
	for range 10 {
		if strings.Contains(h.flat(), want) {
			return
		}
		h.press(k)
	}
	h.see(want)
}

func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.press(string(r))
	}
}

func keyPress(k string) tea.KeyPressMsg { return tuitest.Key(k) }

// screen is what the user sees: the view without colour, trailing spaces
// trimmed.
func (h *harness) screen() string { return tuitest.Plain(h.m.View().Content) }

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

// fits fails the test when the screen is wider or taller than the window.
func (h *harness) fits() {
	h.t.Helper()
	lines := strings.Split(h.screen(), "\n")
	if len(lines) > h.h {
		h.t.Fatalf("the screen has %d lines in a window of %d:\n%s", len(lines), h.h, h.screen())
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > h.w {
			h.t.Fatalf("a line is %d columns wide in a window of %d: %q\n%s", w, h.w, l, h.screen())
		}
	}
}

// writes are the requests that change something, as "METHOD path".
func (h *harness) writes() []string {
	var out []string
	for _, r := range h.srv.Requests() {
		if r.Method != "GET" {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// prodStagingDev chooses the first template and names the project.
func (h *harness) prodStagingDev(project string) {
	h.t.Helper()
	h.see("How should the organization start?")
	h.press("enter")
	h.typeText(project)
	h.press("enter")
	h.see("The plan: 3 workspaces")
}
