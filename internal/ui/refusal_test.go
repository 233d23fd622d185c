package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// A name the API refused: Enter cannot send it again and the help line
// says so instead of offering "back to review"; Shift+Tab still goes back
// (to review, the step before), where Create reopens the name rather than
// sending the refused one again. Once edited, Enter goes back to review.
func TestRefusedNameIsNotSentAgainAndShiftTabGoesBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("a name the server finds too long")
	h.fault("400")
	h.press("enter")
	h.wantState(stateName)
	h.see("✗ The API refused this name", "edit the value; the API refused it", "shift+tab/esc back to review")
	h.notSee("enter back to review")

	h.press("enter")
	h.wantState(stateName)
	h.see("edit the value; the API refused it")

	h.press("shift+tab")
	h.wantState(stateReview)
	h.see("a name the server finds too long ✗ refused by the API: change it")
	h.press("enter") // Create
	h.wantState(stateName)
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent; the refused name was sent again", n)
	}

	h.press("ctrl+u")
	h.typeText("short")
	h.see("enter back to review")
	h.notSee("edit the value; the API refused it", "✗")
	h.press("enter")
	h.wantState(stateReview)
	h.notSee("refused by the API")
	h.press("enter")
	h.wantState(stateResult)
	if n := h.posts(); n != 2 {
		t.Fatalf("%d creates sent; want 2", n)
	}
}

// Tags the API refused: the same, and Shift+Tab goes back a step.
func TestRefusedTagsAreNotSentAgainAndShiftTabGoesBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.typeText("tagged")
	h.press("enter")
	h.typeText("env=prod")
	h.press("enter", "enter", "enter", "enter")
	h.wantState(stateReview)
	h.run(h.send(createDoneMsg{err: &api.Error{Kind: api.KindInvalid, Status: 400, Type: "invalid_request_error",
		Message: "tags.env: the value is reserved"}}))
	h.wantState(stateTags)
	h.see("✗ The API refused the tags: the value is reserved", "edit the value; the API refused it")
	h.notSee("add tag / continue", "Enter on an empty line continues")

	h.press("enter")
	h.wantState(stateTags)
	h.press("shift+tab")
	h.wantState(stateName)
	h.press("enter") // reached by going back: on to the tags, still refused
	h.wantState(stateTags)
	h.see("✗ The API refused the tags: the value is reserved")
	h.press("enter")
	h.wantState(stateTags)
	if n := h.posts(); n != 0 {
		t.Fatalf("%d creates sent; the refused tags were sent", n)
	}

	h.press("up", "d") // remove the refused tag
	h.see("add tag / continue")
	h.notSee("edit the value; the API refused it", "✗")
	h.press("enter", "enter", "enter") // on through residency and encryption
	h.wantState(stateReview)
	h.press("enter")
	h.wantState(stateResult)
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent; want 1", n)
	}
}

// An encryption key the API refused: its earlier validation is forgotten,
// it is marked refused in the list and cannot be taken again; another key,
// or No, is chosen. It is never sent again on two Enters, nor by going
// around the step.
func TestRefusedEncryptionKeyMustBeChosenAgain(t *testing.T) {
	t.Parallel()
	refused := func(t *testing.T) *harness {
		h := newHarness(t)
		h.toReview("cmek")
		h.press("4", "down", "enter", "enter") // yes, the first listed key: validated
		h.see("✓ the key validated")
		h.press("enter")
		h.wantState(stateReview)
		h.fault("400-key")
		h.press("enter")
		h.wantState(stateEncryption)
		h.see("✗ The API refused this encryption key")
		h.notSee("✓ the key validated")
		return h
	}
	t.Run("chosen again", func(t *testing.T) {
		h := refused(t)
		h.press("enter") // yes, a key
		h.wantState(stateEncryption)
		h.see("Choose the encryption key", "refused by the API: choose another", "✗ The API refused this encryption key")
		h.notSee("✓ the key validated")
		h.press("enter") // this key: still refused, neither validated nor taken
		h.wantState(stateEncryption)
		h.see("✗ The API refused this encryption key")
		h.notSee("validating", "✓ the key validated")
		h.press("down", "enter") // another key: validated, then taken
		h.see("✓ the key validated")
		h.notSee("The API refused")
		if n := h.posts(); n != 1 {
			t.Fatalf("%d creates sent; want 1", n)
		}
		h.press("enter")
		h.wantState(stateReview)
		h.notSee("refused by the API")
		h.press("enter")
		h.wantState(stateResult)
		if got := h.spec().ExternalKeyID; got == fakeapi.DemoExternalKeyAWS {
			t.Fatalf("created with the refused key %s", got)
		}
	})
	t.Run("around the step", func(t *testing.T) {
		h := refused(t)
		h.press("shift+tab") // to residency, then Enter: on to the key again
		h.wantState(stateResidency)
		h.press("enter")
		h.wantState(stateEncryption)
		h.see("✗ The API refused this encryption key")
		h.press("enter") // yes, a key: it must be chosen again
		h.wantState(stateEncryption)
		h.see("Choose the encryption key", "✗ The API refused this encryption key")
		if n := h.posts(); n != 1 {
			t.Fatalf("%d creates sent; the refused key was sent again", n)
		}
	})
	t.Run("no key", func(t *testing.T) {
		h := refused(t)
		h.press("up", "enter") // no key
		h.wantState(stateReview)
		h.notSee(fakeapi.DemoExternalKeyAWS, "refused")
		h.press("enter")
		h.wantState(stateResult)
		if h.m.e.s.Result().Workspace == nil || h.spec().ExternalKeyID != "" {
			t.Fatalf("created with key %q", h.spec().ExternalKeyID)
		}
	})
}

// A quit after a create was sent and refused: the wizard prints no cancel
// line of its own (main explains the error), and the error says a create
// was sent, still meaning "cancelled" (exit 130).
func TestCancelAfterARefusedCreateSaysSo(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("cx")
	h.fault("400")
	h.press("enter")
	h.wantState(stateName)
	h.press("ctrl+c")
	err := h.outcome().Err
	if !h.quit || err != outcome.ErrCancelledAfterRefusal || !errors.Is(err, outcome.ErrCancelled) {
		t.Fatalf("outcome %v; want outcome.ErrCancelledAfterRefusal", err)
	}
	if !strings.Contains(err.Error(), "the API refused the earlier create, so nothing was created") {
		t.Fatalf("error text %q", err)
	}
	if s := strings.TrimSpace(h.screen()); s != "" {
		t.Fatalf("the wizard's final screen is %q; want nothing (main explains the cancel)", s)
	}
	// Stopped by a signal instead: the same.
	if out := h.m.ended(context.Background(), tea.ErrInterrupted); !errors.Is(out.Err, outcome.ErrCancelledAfterRefusal) {
		t.Fatalf("stopped by a signal: %v", out.Err)
	}
}

// Plain prompts: quitting at review after a refused create says so too.
func TestAccessibleCancelAfterARefusedCreateSaysSo(t *testing.T) {
	t.Parallel()
	srv := fakeapitest.New(t, fakeapi.Options{Now: clock})
	f, _ := fakeapi.ParseFaults("400")
	srv.AddFaults(f...)
	out, text := plainRun(t, srv, true, "long-name", "", "", "", "n", "y", "short", "q")
	if out.Err != outcome.ErrCancelledAfterRefusal {
		t.Fatalf("outcome %v\n%s", out.Err, text)
	}
}

// The organization's Workspace Policy refuses the key: back at the
// encryption step with the API's words and where the policy is seen.
func TestPolicyRefusalReturnsToEncryptionStep(t *testing.T) {
	t.Parallel()
	h := reviewWithFirstKey(t, "policed")
	h.fault("policy-cmek")
	h.press("enter")
	h.wantState(stateEncryption)
	h.see("✗ The API refused this encryption key", "Workspace Policy does not allow external key", "an organization admin can see the policy in the Console")
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent; want 1", n)
	}
}

// A 409 external_key_changed: the wizard validates the key again and sends
// once more, by itself; the workspace is created once.
func TestKeyChangedIsValidatedAgainAndSentOnce(t *testing.T) {
	t.Parallel()
	h := reviewWithFirstKey(t, "rotating")
	h.fault("409-key-changed")
	h.press("enter")
	h.wantState(stateResult)
	if n, ws := h.posts(), len(h.srv.Workspaces()); n != 2 || ws != 1 {
		t.Fatalf("%d creates sent, %d workspaces; want 2 and 1", n, ws)
	}
}

// Created, but not all of it took effect: the result says so with the
// API's message, and the outcome carries it (main exits 3).
func TestIncompleteCreateIsShownAsSuch(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("half")
	h.fault("503-incomplete")
	h.press("enter")
	h.wantState(stateResult)
	h.see("⚠ Workspace created, but not all of the request took effect", "its tags were not saved", "Do not create it again")
	h.notSee("✓ Workspace created")
	h.golden("result_incomplete")
	h.press("q")
	if !h.quit || h.outcome().Result == nil || h.outcome().Result.Incomplete == nil {
		t.Fatalf("outcome %+v; want the incomplete result", h.outcome())
	}
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent; want 1", n)
	}
}

// reviewWithFirstKey reaches review with the organization's first listed
// encryption key chosen and validated.
func reviewWithFirstKey(t *testing.T, name string) *harness {
	t.Helper()
	h := newHarness(t)
	h.toReview(name)
	h.press("4")
	h.press("down", "enter") // yes, a key
	h.wantState(stateEncryption)
	h.press("enter") // the first listed key: validate it
	h.see("✓ the key validated")
	h.press("enter")
	h.wantState(stateReview)
	h.see(fakeapi.DemoExternalKeyAWS, "WRITE-ONCE")
	return h
}
