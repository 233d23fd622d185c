package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

func busyTags() []api.Tag {
	var tags []api.Tag
	for i := range 20 {
		tags = append(tags, api.Tag{Key: "team-" + itoa3(i), Value: "a-value-of-some-length-" + itoa3(i)})
	}
	return tags
}

// BenchmarkKeystroke is one keystroke's Update and View on the busiest
// screens at 120x40.
func BenchmarkKeystroke(b *testing.B) {
	b.Run("tags", func(b *testing.B) {
		h := newHarness(b, withSpec(api.Spec{Name: "bench", Tags: busyTags()}))
		h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
		h.press("enter")
		keys := []tea.KeyPressMsg{keyPress("x"), keyPress("backspace")}
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			h.m.Update(keys[i%2])
			_ = h.m.View()
		}
	})
	b.Run("review", func(b *testing.B) {
		h := newHarness(b, withSpec(api.Spec{Name: "bench", Tags: busyTags()}))
		h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
		h.press("enter", "enter", "enter", "enter")
		keys := []tea.KeyPressMsg{keyPress("up"), keyPress("down")}
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			h.m.Update(keys[i%2])
			_ = h.m.View()
		}
	})
}

// BenchmarkFirstFrame is a new model, its Init and its first View.
func BenchmarkFirstFrame(b *testing.B) {
	h := newHarness(b)
	o := h.opts
	b.ReportAllocs()
	for b.Loop() {
		m := newModel(b.Context(), o)
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		_ = m.View()
	}
}
