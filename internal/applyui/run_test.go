package applyui_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/applyui"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// term is the terminal Run draws on: its output goes through a terminal
// emulator, so String is the screen as a person sees it.
type term struct {
	mu  sync.Mutex
	emu *vt.Emulator
}

func newTerm(t *testing.T) *term {
	s := &term{emu: vt.NewEmulator(80, 24)}
	go func() { _, _ = io.Copy(io.Discard, s.emu) }() // answers to the program's queries
	t.Cleanup(func() {
		if c, ok := s.emu.InputPipe().(io.Closer); ok {
			c.Close()
		}
	})
	return s
}

func (s *term) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.emu.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (s *term) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// waitFor polls until the screen shows want: a condition, not a sleep.
func waitFor(t *testing.T, out *term, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(strings.Join(strings.Fields(out.String()), " "), want) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %q:\n%s", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// runProgram starts Run as the apply command does, with keys through a pipe.
func runProgram(t *testing.T, ctx context.Context, h *harness) (*io.PipeWriter, *term, chan error, **apply.Report) {
	t.Helper()
	in, keys := io.Pipe()
	out := newTerm(t)
	done := make(chan error, 1)
	var rep *apply.Report
	go func() {
		var err error
		rep, err = applyui.Run(ctx, applyui.Options{In: in, Out: out, Admin: h.admin, Plan: planFor(t, h.admin, fakeapitest.NewOrgPlan),
			OrgName: "New organization", Concurrency: 2, Sleep: noSleep})
		done <- err
	}()
	t.Cleanup(func() { keys.Close() })
	return keys, out, done, &rep
}

// Run as the command uses it: the review on the terminal, y applies, q
// closes the result, and the report comes back.
func TestRun(t *testing.T) {
	h := newHarness(t)
	keys, out, done, rep := runProgram(t, context.Background(), h)
	waitFor(t, out, "Apply 10 changes to “New organization”?")
	io.WriteString(keys, "y")
	waitFor(t, out, "✓ 10 done · exit 0")
	io.WriteString(keys, "q")
	if err := <-done; err != nil || *rep == nil || (*rep).ExitCode() != 0 {
		t.Fatalf("Run: %v, %+v", err, *rep)
	}
	if got := h.workspaceNames(); got != "dev prod research staging" {
		t.Errorf("workspaces on the server: %s", got)
	}
}

// A signal at the review (ctx cancelled) ends Run with nothing sent.
func TestRunSignalled(t *testing.T) {
	h := newHarness(t)
	ctx, cancel := context.WithCancel(context.Background())
	_, out, done, rep := runProgram(t, ctx, h)
	waitFor(t, out, "Review the plan")
	cancel()
	if err := <-done; !errors.Is(err, outcome.ErrCancelled) || *rep != nil {
		t.Fatalf("Run: %v, %+v", err, *rep)
	}
	if w := h.writes(); len(w) != 0 {
		t.Errorf("writes: %v", w)
	}
}
