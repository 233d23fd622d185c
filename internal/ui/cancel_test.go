package ui

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// Esc two seconds into a create the API received and never answered (the
// stall fault): the request was sent, so the screen says the outcome is
// unknown and what was checked, never that the API refused anything, and a
// quit from there exits as unknown (5), not as cancelled.
func TestEscOnAStalledCreateSaysSentAndUnanswered(t *testing.T) {
	t.Parallel()
	var offset atomic.Int64 // the injected clock moves only when the test says
	now := func() time.Time { return fixedNow.Add(time.Duration(offset.Load())) }
	h := newHarness(t, func(s *setup) { s.o.Now = now; s.fake.Now = now })
	h.toReview("stalled")
	h.fault("stall")
	cmd := h.send(keyPress("enter"))
	h.wantState(stateSubmitting)
	cmd = h.step(cmd) // sending
	deadline := time.Now().Add(10 * time.Second)
	for h.posts() == 0 { // the POST is on the server, which does not answer
		if time.Now().After(deadline) {
			t.Fatal("the create never reached the server")
		}
		time.Sleep(5 * time.Millisecond)
	}
	offset.Store(int64(2 * time.Second))
	h.see("Creating “stalled” · 2s", "Sending the request…")
	h.press("esc")
	h.see("Cancelling…")
	h.run(cmd)
	h.wantState(stateFailed)
	h.see("Outcome unknown", "Cancelled while the request was in flight", "may or may not exist")
	h.notSee("refused", "nothing was created", "Nothing was sent")
	h.press("q")
	var unknown *api.UnknownOutcomeError
	if err := h.outcome().Err; !errors.As(err, &unknown) || outcome.ExitCode(err) != outcome.ExitUnknown {
		t.Fatalf("outcome %v (exit %d); want the unknown outcome, exit 5", err, outcome.ExitCode(err))
	}
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates sent; want 1", n)
	}
}
