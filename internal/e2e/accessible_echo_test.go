//go:build linux

package e2e

import (
	"testing"
	"time"
)

// Ctrl+C at the hidden admin key prompt gives the terminal back with echo
// on: the prompt turned it off to hide the key.
func TestAccessibleCtrlCAtKeyPromptRestoresEcho(t *testing.T) {
	t.Parallel()
	tm := start(t, 80, 24, nil, "--accessible") // no ANTHROPIC_ADMIN_API_KEY: the key is asked for
	tm.WaitUntil(t, "the key prompt", wait, func(s string) bool {
		return lastLineHas(s, "Admin key (not shown): ")
	})
	// The prompt is drawn just before echo goes off: wait for it, so ctrl+c
	// comes while the key is being read.
	deadline := time.Now().Add(wait)
	for {
		echo, err := tm.Echo()
		if err != nil {
			t.Fatalf("read the pty's termios: %v", err)
		}
		if !echo {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("echo never went off at the key prompt\n%s", tm.Dump())
		}
		time.Sleep(10 * time.Millisecond)
	}
	tm.Press("ctrl+c")
	if code := tm.Wait(t, wait); code != 130 {
		t.Errorf("exit code %d, want 130\n%s", code, tm.Dump())
	}
	echo, err := tm.Echo()
	if err != nil {
		t.Fatalf("read the pty's termios: %v", err)
	}
	if !echo {
		t.Errorf("the program exited with echo off: the user's shell would not show what they type\n%s", tm.Dump())
	}
}
