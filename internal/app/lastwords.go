package app

import (
	"sync"

	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// lastWords is what a second signal prints before the program ends at once,
// and the exit code it ends with. The command under way sets it to what it
// knows; until then a second signal is a cancel (130).
type lastWords struct {
	mu sync.Mutex
	f  func() int
}

// set makes f the last words; nil goes back to a plain cancel. Setting
// waits for last words being said, so the two never print together.
func (l *lastWords) set(f func() int) {
	if l == nil {
		return
	}
	l.mu.Lock()
	l.f = f
	l.mu.Unlock()
}

// say prints the last words and returns the exit code to end with. It
// keeps the lock: the program ends while holding it, so nothing else
// prints after them.
func (l *lastWords) say() int {
	l.mu.Lock()
	if l.f == nil {
		return outcome.ExitCancelled
	}
	return l.f()
}
