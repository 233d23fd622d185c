package e2e

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkStartToFirstFrame is the time from exec to the first frame on
// the screen, in a real pty: the wizard (its header and the name step), and
// the smallest Bubble Tea v2 program (testdata/bare) as the baseline.
func BenchmarkStartToFirstFrame(b *testing.B) {
	home := b.TempDir()
	b.Run("wizard", func(b *testing.B) {
		for b.Loop() {
			tm := Start(b, binary(b), []string{"--demo"}, CleanEnv(home), 80, 24)
			tm.WaitUntil(b, "the first frame", 30*time.Second, func(s string) bool {
				return Shows(s, "workspace-wizard") && Shows(s, nameStep)
			})
			b.StopTimer()
			tm.Close()
			b.StartTimer()
		}
	})
	b.Run("bare", func(b *testing.B) {
		bare := filepath.Join(b.TempDir(), "bare")
		build := exec.Command("go", "build", "-o", bare, "./internal/e2e/testdata/bare/main.go")
		build.Dir = srcRoot
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("build the bare program: %v\n%s", err, out)
		}
		b.ResetTimer()
		for b.Loop() {
			tm := Start(b, bare, nil, CleanEnv(home), 80, 24)
			tm.WaitUntil(b, "the first frame", 30*time.Second, func(s string) bool { return Shows(s, "bare Bubble Tea") })
			b.StopTimer()
			tm.Close()
			b.StartTimer()
		}
	})
}
