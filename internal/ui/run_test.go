package ui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// syncBuffer is the terminal the program draws on: its output goes through
// a terminal emulator, so String is the screen as a person sees it, however
// the renderer split its frames (a name typed key by key may be drawn one
// cell at a time, with cursor moves between).
type syncBuffer struct {
	mu  sync.Mutex
	emu *vt.Emulator
}

func newSyncBuffer(t *testing.T) *syncBuffer {
	s := &syncBuffer{emu: vt.NewEmulator(80, 24)}
	go func() { _, _ = io.Copy(io.Discard, s.emu) }() // answers to the program's queries
	t.Cleanup(func() {
		if c, ok := s.emu.InputPipe().(io.Closer); ok {
			c.Close()
		}
	})
	return s
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A terminal's line discipline turns each newline into CR LF; a pipe
	// does not, so it is done here.
	if _, err := s.emu.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// waitFor polls until cond holds: no sleeping as synchronisation.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// startRun runs the real Bubble Tea program against a simulated API, its
// keys fed through a pipe and its output collected; done gets the outcome.
func startRun(t *testing.T) (*fakeapi.Server, *io.PipeWriter, *syncBuffer, chan Outcome) {
	t.Helper()
	srv := fakeapitest.New(t, fakeapi.Options{})
	in, keys := io.Pipe()
	out := newSyncBuffer(t)
	done := make(chan Outcome, 1)
	go func() {
		done <- Run(context.Background(), Options{
			Config: &config.Config{}, Demo: true, Input: in, Output: out,
			API: api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL()}),
		})
	}()
	return srv, keys, out, done
}

// TestRunCreatesThroughTheProgram drives the real Bubble Tea program
// through its input and output streams, as main calls it.
func TestRunCreatesThroughTheProgram(t *testing.T) {
	t.Parallel()
	_, keys, out, done := startRun(t)
	send := func(s string) {
		if _, err := keys.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	send("via-run")
	waitFor(t, "the name on screen", func() bool { return strings.Contains(out.String(), "via-run") })
	send("\r\r\r\r")
	waitFor(t, "the review", func() bool { return strings.Contains(out.String(), "Create workspace") })
	send("\r")
	waitFor(t, "the create", func() bool { return strings.Contains(out.String(), "Workspace created") })
	send("q")
	select {
	case o := <-done:
		if o.Err != nil || o.Workspace == nil || o.Workspace.Name != "via-run" {
			t.Fatalf("outcome %+v", o)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
}

func TestRunCtrlCCancels(t *testing.T) {
	t.Parallel()
	srv, keys, out, done := startRun(t)
	keys.Write([]byte("abc"))
	waitFor(t, "the name on screen", func() bool { return strings.Contains(out.String(), "abc") })
	keys.Write([]byte{3}) // ctrl+c
	select {
	case o := <-done:
		if o.Err != outcome.ErrCancelled {
			t.Fatalf("outcome %+v", o)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
	if n := srv.CountRequests("POST", "/v1/organizations/workspaces"); n != 0 {
		t.Fatalf("%d creates", n)
	}
}
