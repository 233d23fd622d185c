package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// toReview takes the hurried path to the review screen.
func (h *harness) toReview(name string) {
	h.t.Helper()
	h.typeText(name)
	h.press("enter", "enter", "enter", "enter")
	h.wantState(stateReview)
}

func (h *harness) fault(names string) {
	h.t.Helper()
	f, err := fakeapi.ParseFaults(names)
	if err != nil {
		h.t.Fatal(err)
	}
	h.srv.AddFaults(f...)
}

func TestJumpFromReviewAndBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("jumper")
	h.press("2")
	h.wantState(stateTags)
	h.see("Step 2 of 5 · Tags")
	h.typeText("env=prod")
	h.press("enter", "enter")
	h.wantState(stateReview) // straight back, not through steps 3 and 4
	h.see("env=prod", "--tag env=prod")

	// Select a row and press Enter: the same.
	h.press("up", "up", "up", "up", "up", "up", "up") // to the Name row
	h.see("› 1 Name")
	h.press("enter")
	h.wantState(stateName)
	h.typeText("-2")
	h.press("enter")
	h.wantState(stateReview)
	h.see("jumper-2", "env=prod")
	h.see("› Create workspace") // Create is focused on return
}

func TestAPIRefusalReturnsToTheFieldWithAnswersKept(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("a name the server refuses")
	h.press("enter")
	h.typeText("team=ml")
	h.press("enter", "enter", "enter", "enter")
	h.wantState(stateReview)
	h.fault("400")
	h.press("enter")
	h.wantState(stateName)
	h.see("a name the server refuses", "✗ The API refused this name: a workspace with this name is being archived; choose another name (request-id req_")
	h.golden("name_api_error")
	h.press("enter")
	h.wantState(stateName) // the same name would be refused again
	h.press("ctrl+u")
	h.typeText("short")
	h.notSee("✗")
	h.press("enter")
	h.wantState(stateReview)
	h.see("short", "team=ml")
	h.press("enter")
	h.wantState(stateResult)
	if n := h.posts(); n != 2 {
		t.Fatalf("%d creates sent; want 2", n)
	}
}

func TestKeyRefusalReturnsToEncryptionStep(t *testing.T) {
	t.Parallel()
	h := reviewWithFirstKey(t, "cmek")
	h.fault("400-key")
	h.press("enter")
	h.wantState(stateEncryption)
	h.see("✗ The API refused this encryption key: the key's cloud KMS policy does not grant access", "request-id")
}

func TestRateLimitIsRetriedThenOffersRetry(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("busy")
	h.fault("429")
	h.press("enter")
	h.wantState(stateResult) // the Creator waited and sent again by itself
	if n := h.posts(); n != 2 {
		t.Fatalf("%d creates; want 2", n)
	}
	seen := false
	for _, m := range h.msgs {
		if ev, ok := m.(createEventMsg); ok && ev.ev.Kind == api.EventWaiting {
			seen = wizard.EventText(ev.ev) != ""
		}
	}
	if !seen {
		t.Fatal("no waiting report reached the screen")
	}

	h = newHarness(t)
	h.toReview("busier")
	h.fault("429,429,429,429")
	h.press("enter")
	h.wantState(stateFailed)
	h.see("✗ Not created", "rate limit exceeded", "HTTP 429", "request-id", "Nothing was created. Wait a minute, then try again.", "r try again")
	h.golden("failed_rate_limited")
	h.press("r")
	h.wantState(stateResult)
	h.see("busier")
}

// A 529 may have landed: the wizard looks for the workspace and never
// sends the create again on its own.
func TestOverloadedIsNeverResent(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("busy")
	h.fault("529")
	h.press("enter")
	h.wantState(stateFailed)
	h.see("⚠ The workspace may or may not have been created", "overloaded (529)", "looked for 2 times", "l look for it again")
	h.notSee("r try again")
	h.press("r")
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates; want 1", n)
	}
}

func TestUnknownOutcomeOffersNoBlindRetry(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("limbo")
	h.fault("504,list:500")
	h.press("enter")
	h.wantState(stateFailed)
	h.see("⚠ The workspace may or may not have been created", `look for a workspace named "limbo" created after`,
		"platform.claude.com/settings/workspaces", "request-id")
	h.see("Outcome unknown", "l look for it again")
	h.notSee("try again", "back to review")
	h.press("r", "e")
	h.wantState(stateFailed)

	// Looking again: first nothing (the request may still be in flight),
	// then the workspace the lost request made.
	h.press("l")
	h.see("Looked again at 15:09:26 UTC: no such workspace yet.")
	h.srv.AddWorkspace(fakeapi.Workspace{Name: "limbo", CreatedAt: fixedNow})
	h.press("l")
	h.wantState(stateResult)
	h.see("✓ Workspace created", "limbo", "the wizard found the workspace by listing")
	if h.posts() != 1 {
		t.Fatalf("%d creates sent; want 1", h.posts())
	}
}

// After an unknown outcome a second create is possible, but only by typing
// the workspace's name: one keystroke never sends it.
func TestUnknownOutcomeCreateAnywayNeedsTheName(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("limbo")
	h.fault("529")
	h.press("enter")
	h.wantState(stateFailed)
	h.see("a create anyway (could make a second workspace)")
	h.press("a")
	h.see("Create anyway? If the first request did land, this makes a second workspace named “limbo”.", "type the name and press enter")
	h.press("enter")
	h.see("✗ type the name exactly")
	h.press("esc")
	h.notSee("Create anyway?")
	h.press("a")
	h.typeText("limb")
	h.press("enter")
	h.see("✗ type the name exactly")
	h.send(struct{}{}) // any other message (the cursor's blink) leaves the error shown
	h.see("✗ type the name exactly")
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent before the name was typed; want 1", n)
	}
	h.typeText("o")
	h.press("enter")
	h.wantState(stateResult)
	if n := h.posts(); n != 2 {
		t.Fatalf("%d creates sent; want 2", n)
	}
}

// Quitting at an unknown outcome hands it to main, which exits 5.
func TestUnknownOutcomeQuit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("limbo")
	h.fault("504,list:500")
	h.press("enter", "q")
	var ue *api.UnknownOutcomeError
	if !h.quit || !errors.As(h.outcome().Err, &ue) {
		t.Fatalf("outcome %v; want an UnknownOutcomeError", h.outcome().Err)
	}
}

func TestLostAnswerIsRecovered(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("found")
	h.fault("500-after-commit")
	h.press("enter")
	h.wantState(stateResult)
	h.see("⚠ The create's answer was lost; the wizard found the workspace by listing. It was created once.")
	if n := len(h.srv.Workspaces()); n != 1 {
		t.Fatalf("%d workspaces on the server; want 1", n)
	}
}

func TestCtrlCBeforeSubmitSendsNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("never")
	h.press("enter", "ctrl+c")
	if !h.quit || h.outcome().Err != outcome.ErrCancelled {
		t.Fatalf("outcome %+v; want outcome.ErrCancelled", h.outcome())
	}
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates sent", n)
	}
	// main explains the cancel; the wizard leaves no line of its own.
	if s := strings.TrimSpace(h.screen()); s != "" {
		t.Fatalf("the wizard's final screen is %q; want nothing (main says it)", s)
	}
}

func TestEscWhileWaitingToRetryCancels(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(s *setup) {
		s.o.Sleep = func(ctx context.Context, _ time.Duration) error { <-ctx.Done(); return ctx.Err() }
	})
	h.toReview("stopped")
	h.fault("429:30")
	cmd := h.send(keyPress("enter"))
	h.wantState(stateSubmitting)
	cmd = h.step(cmd) // sending
	h.see("Creating “stopped”", "Sending the request…", "esc cancels")
	cmd = h.step(cmd) // rate-limited, waiting
	h.see("The API is rate limiting requests (429)", "retrying in 30s")
	h.golden("submitting_rate_limited")
	h.press("esc")
	h.see("Cancelling…")
	h.run(cmd)
	h.wantState(stateFailed)
	h.see("Cancelled; nothing was created")
	h.press("q")
	// A create was sent (and not processed): "nothing was sent" would be false.
	if err := h.outcome().Err; err != outcome.ErrCancelledAfterRefusal || !errors.Is(err, outcome.ErrCancelled) {
		t.Fatalf("outcome %v; want outcome.ErrCancelledAfterRefusal", err)
	}
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent; want 1", n)
	}
}

func TestPrefilledFromFlags(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withSpec(api.Spec{Name: "from-flags", Tags: []api.Tag{{Key: "env", Value: "prod"}},
		AllowedInferenceGeos: "us", DefaultInferenceGeo: "us"},
		rules.FieldName, rules.FieldTags, rules.FieldAllowedGeos, rules.FieldDefaultGeo))
	h.see("> from-flags")
	h.press("enter")
	h.see("env = prod")
	h.press("enter")
	h.see("• Only us", "• us (US only")
	h.press("enter", "enter")
	h.wantState(stateReview)
	h.see("Allowed inference us", "Default inference us (priced at 1.1×)",
		"--allowed-inference-geos us --default-inference-geo us --yes")
}

// A broken value that no step can change (a flag's colour) is never sent.
func TestUnfixableValueIsNotSent(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withSpec(api.Spec{DisplayColor: "red"}, rules.FieldDisplayColor))
	h.toReview("colourful")
	h.press("enter")
	h.wantState(stateFailed)
	h.see(`--display-color: "red" is not a colour`)
	if h.posts() != 0 {
		t.Fatalf("%d creates sent", h.posts())
	}
}
