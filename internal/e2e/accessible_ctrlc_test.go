//go:build linux

package e2e

import (
	"fmt"
	"testing"
	"time"
)

// Ctrl+C at accessible mode's first prompt, 50 times, as a person using a
// screen reader presses it, with stdout on the terminal too (nothing
// redirected): each run exits 130 within a second and leaves the terminal
// as it found it (isig, icanon, echo on), never stuck in raw mode.
func TestAccessibleCtrlCAtTheFirstPrompt(t *testing.T) {
	const runs, batch = 50, 10
	bin := binary(t)
	for b := 0; b < runs/batch; b++ {
		t.Run(fmt.Sprintf("batch %d", b+1), func(t *testing.T) {
			for i := 0; i < batch; i++ {
				t.Run(fmt.Sprint(i+1), func(t *testing.T) {
					t.Parallel()
					tm := StartAllOnTerminal(t, bin, []string{"--demo", "--accessible"}, CleanEnv(t.TempDir()), 80, 24)
					tm.WaitUntil(t, "the first prompt", wait, func(s string) bool { return lastLineHas(s, "Workspace name (1-255 characters): ") })
					pressed := time.Now()
					tm.Press("ctrl+c")
					code := tm.Wait(t, 5*time.Second)
					if took := time.Since(pressed); took > time.Second {
						t.Errorf("exited %s after ctrl+c; want within a second", took.Round(time.Millisecond))
					}
					if code != 130 {
						t.Errorf("exit code %d, want 130\n%s", code, tm.Dump())
					}
					m, err := tm.Modes()
					if err != nil {
						t.Fatal(err)
					}
					if !m.ISIG || !m.ICANON || !m.ECHO {
						t.Errorf("the terminal was left raw: %+v\n%s", m, tm.Dump())
					}
				})
			}
		})
	}
}
