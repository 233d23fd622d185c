package picker

import (
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"
)

var benchSizes = []int{100, 1000, 10000}

// BenchmarkMembersKeystroke is the dearest keystroke there is: the first
// character typed into an empty filter, which searches every user (a
// filter that only grows searches just the rows it kept), then the cursor
// moved down; each followed by a frame, at 120x40. Clearing the filter
// between operations is not timed.
func BenchmarkMembersKeystroke(b *testing.B) {
	for _, n := range benchSizes {
		b.Run("users="+strconv.Itoa(n), func(b *testing.B) {
			m := New(Options{Styles: DefaultStyles(true)})
			m.SetSize(120, 40)
			m.AppendUsers(generated(n), false)
			typed := []tea.KeyPressMsg{keyMsg(b, "a"), keyMsg(b, "e"), keyMsg(b, "o"), keyMsg(b, "r"), keyMsg(b, "n")}
			down, clear := keyMsg(b, "down"), keyMsg(b, "ctrl+u")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m, _ = m.Update(typed[i%len(typed)])
				_ = m.View()
				m, _ = m.Update(down)
				_ = m.View()
				b.StopTimer()
				m, _ = m.Update(clear)
				b.StartTimer()
			}
		})
	}
}

// BenchmarkMembersOpen is the picker from nothing to its first frame at
// 120x40, with the first page of users (1,000, or all of a smaller
// organization).
func BenchmarkMembersOpen(b *testing.B) {
	for _, n := range benchSizes {
		b.Run("users="+strconv.Itoa(n), func(b *testing.B) {
			page := generated(min(n, 1000))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m := New(Options{Styles: DefaultStyles(true)})
				m.SetSize(120, 40)
				m.AppendUsers(page, n > len(page))
				_ = m.View()
			}
		})
	}
}
