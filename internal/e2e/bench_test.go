package e2e

import (
	"testing"
	"time"
)

// BenchmarkStartToFirstFrame is the time from exec to the first frame of
// the wizard on the screen (its header and the name step), in a real pty.
func BenchmarkStartToFirstFrame(b *testing.B) {
	home := b.TempDir()
	for b.Loop() {
		tm := Start(b, binary(b), []string{"--demo"}, CleanEnv(home), 80, 24)
		tm.WaitUntil(b, "the first frame", 30*time.Second, func(s string) bool {
			return Shows(s, "workspace-wizard") && Shows(s, nameStep)
		})
		b.StopTimer()
		tm.Close()
		b.StartTimer()
	}
}
