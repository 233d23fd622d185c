// Package tuitest is what the Bubble Tea front ends' tests share: key
// presses by name, and a screen as the user reads it. Only tests import it.
package tuitest

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

var named = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
	"home":      {Code: tea.KeyHome},
	"end":       {Code: tea.KeyEnd},
	"space":     {Code: tea.KeySpace, Text: " "},
	"backspace": {Code: tea.KeyBackspace},
	"delete":    {Code: tea.KeyDelete},
	"ctrl+a":    {Code: 'a', Mod: tea.ModCtrl},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+d":    {Code: 'd', Mod: tea.ModCtrl},
	"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
}

// Key is the key press a name stands for: "enter", "shift+tab", "ctrl+c",
// …, or one character, typed.
func Key(k string) tea.KeyPressMsg {
	if msg, ok := named[k]; ok {
		return msg
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("tuitest: unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// Plain is a drawn view as the user reads it: no colour, no trailing spaces.
func Plain(view string) string {
	lines := strings.Split(ansi.Strip(view), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// Flat is text with line breaks and indents folded to single spaces, so
// that a test does not depend on where a screen wraps.
func Flat(text string) string { return strings.Join(strings.Fields(text), " ") }

// Shows reports whether screen shows want, wherever it wraps.
func Shows(screen, want string) bool { return strings.Contains(Flat(screen), Flat(want)) }

// Run executes cmd the way a Bubble Tea program would, one command at a
// time: each message it yields goes to send, and the command send gives
// back runs next, until nothing is left to do. Batches are unpacked.
func Run(cmd tea.Cmd, send func(tea.Msg) tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			queue = append(queue, send(msg))
		}
	}
}

// See fails t unless screen shows every one of want, wherever it wraps.
func See(t testing.TB, screen string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !Shows(screen, w) {
			t.Fatalf("screen does not show %q:\n%s", w, screen)
		}
	}
}

// NotSee fails t if screen shows any of want.
func NotSee(t testing.TB, screen string, want ...string) {
	t.Helper()
	for _, w := range want {
		if Shows(screen, w) {
			t.Fatalf("screen shows %q but should not:\n%s", w, screen)
		}
	}
}
