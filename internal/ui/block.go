package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// block collects a screen's lines at a fixed width. Nothing is cut to fit:
// a line wider than the block wraps (see line); only the header's
// decorative first row is ever truncated.
type block struct {
	width int
	lines []string
	focus int // index+1 of the line that must stay visible (0: the first)
	end   int // with focus: index+1 of the last line of the focused part
	// clean makes wrap's text safe to show (Model.text): messages quote
	// the server. nil leaves text as it is.
	clean func(string) string
}

// mark makes the next line the one the window keeps in view.
func (b *block) mark() { b.focus = len(b.lines) + 1 }

// markEnd ends the focused part after the line just added (see mark).
func (b *block) markEnd() { b.end = len(b.lines) }

// line adds one line, wrapped (styles kept) when it is wider than the block.
func (b *block) line(s string) {
	w := max(b.width, 10)
	if ansi.StringWidth(s) <= w {
		b.lines = append(b.lines, s)
		return
	}
	b.lines = append(b.lines, strings.Split(ansi.Wrap(s, w, ""), "\n")...)
}

func (b *block) gap() {
	if n := len(b.lines); n > 0 && b.lines[n-1] != "" {
		b.lines = append(b.lines, "")
	}
}

// wrap word-wraps plain text to the width and styles it. The text is
// made safe first (clean): a message may quote the server.
func (b *block) wrap(st lipgloss.Style, text string) { b.wrapAfter(st, "", text) }

// wrapAfter is wrap with a prefix of the program's own that is kept as it
// is (the spinner, styled): only text is made safe.
func (b *block) wrapAfter(st lipgloss.Style, prefix, text string) {
	if b.clean != nil {
		text = b.clean(text)
	}
	text = prefix + text
	for _, l := range strings.Split(ansi.Wrap(text, max(b.width, 10), ""), "\n") {
		b.lines = append(b.lines, st.Render(l))
	}
}

// field adds a label and its value: on one line when both fit, else the
// value on its own lines under the label, so a value is never cut.
func (b *block) field(label lipgloss.Style, name string, lw int, value string) {
	if 2+lw+1+ansi.StringWidth(value) <= b.width {
		b.line("  " + label.Render(pad(name, lw)) + " " + value)
		return
	}
	b.line("  " + label.Render(name))
	sub := &block{width: b.width - 4, clean: b.clean}
	sub.line(value)
	for _, l := range sub.lines {
		b.lines = append(b.lines, "    "+l)
	}
}
