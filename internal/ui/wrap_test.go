package ui

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// At 40x12 the result shows the whole id, the name and the copy key, and
// the rest of the workspace is reached by scrolling, not cut off.
func TestResultAt40x12ShowsTheWholeIDAndScrolls(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	h.toReview("small-result")
	h.press("enter")
	h.wantState(stateResult)
	id := h.m.e.s.Result().Workspace.ID
	s := h.screen()
	for _, want := range []string{id, "small-result", "c copy id", "more lines"} {
		if !strings.Contains(s, want) {
			t.Fatalf("the 40x12 result does not show %q whole:\n%s", want, s)
		}
	}
	for range 20 {
		h.press("down")
	}
	h.see("Next", "Add members", "more lines (↑ scrolls)")
	h.notSee("more lines (↓")
	for range 20 {
		h.press("up")
	}
	h.see("✓ Workspace created", id)
}

// The command line on review is pasteable: it breaks between arguments
// with \ continuations, never inside one, and is never cut.
func TestReviewCommandWrapsBetweenArguments(t *testing.T) {
	t.Parallel()
	const keyID = "ekey_01SDCCSbTxrXDpWc1phhtcfK"
	h := newHarness(t, withSpec(api.Spec{ExternalKeyID: keyID, Tags: []api.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "research"}}},
		rules.FieldExternalKeyID, rules.FieldTags))
	h.typeText("research-prod")
	for i := 0; i < 8 && h.m.e.cur != stateReview; i++ {
		h.press("enter") // the flags' key is chosen, then validated
	}
	h.wantState(stateReview)
	want := "workspace-wizard --demo --name research-prod --tag env=prod --tag team=research --external-key-id " + keyID + " --yes"
	for _, w := range []int{80, 40} {
		h.send(tea.WindowSizeMsg{Width: w, Height: 40})
		s := h.screen()
		i := strings.Index(s, "The same from a script:")
		if i < 0 {
			t.Fatalf("no command at width %d:\n%s", w, s)
		}
		var got []string
		for _, l := range strings.Split(s[i:], "\n")[1:] {
			l = strings.TrimSpace(l)
			if l == "" {
				break
			}
			if ansi.StringWidth(l) > w-2 {
				t.Errorf("width %d: command line %q is wider than the window", w, l)
			}
			cont := strings.HasSuffix(l, " \\")
			got = append(got, strings.TrimSuffix(l, " \\"))
			if !cont {
				break
			}
		}
		if joined := strings.Join(got, " "); joined != want {
			t.Errorf("width %d: the command pastes as\n%q\nwant\n%q\n%s", w, joined, want, s)
		}
	}
}

// No screen cuts text with "…" to fit: every line but the header's first
// (decoration) is whole at 40 columns.
func TestNarrowScreensWrapInsteadOfCutting(t *testing.T) {
	t.Parallel()
	eachScreen(t, 40, 12, func(h *harness, name string) {
		lines := strings.Split(h.m.View().Content, "\n")
		for i, l := range lines[1:] {
			if strings.HasSuffix(strings.TrimRight(ansi.Strip(l), " "), "…") && !strings.Contains(l, "Sending") {
				t.Errorf("%s: line %d is cut: %q\n%s", name, i+2, ansi.Strip(l), h.screen())
			}
		}
	})
}

// Ctrl+C at a plain prompt is SIGINT, which cancels the context: the
// prompt stops waiting and the wizard ends as cancelled.
func TestAccessibleCancelAtPrompt(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	o := Options{Config: &config.Config{Set: map[string]bool{}}, Now: clock, Input: pr, Output: io.Discard,
		API: api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL()})}
	done := make(chan Outcome, 1)
	go func() { done <- RunAccessible(ctx, o) }()
	time.AfterFunc(50*time.Millisecond, cancel) // the prompt is blocked on a pipe nobody writes
	select {
	case out := <-done:
		if !errors.Is(out.Err, outcome.ErrCancelled) {
			t.Fatalf("outcome %+v; want outcome.ErrCancelled", out)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the prompt ignored the cancelled context")
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 0 {
		t.Fatalf("%d creates", n)
	}
}
