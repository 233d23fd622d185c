package applyui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// cell is a piece of text and the style it is drawn in. The text is
// plain and already terminal-safe: the table wraps it, then styles it.
type cell struct {
	text  string
	style lipgloss.Style
}

// row is one line of a table: a mark and a word ("✓ done"), the item, and
// lines of details.
type row struct {
	mark    cell
	item    string
	details []cell
}

// minDetails is the narrowest details column; below it each row becomes a
// block of its own (the mark and item, then the details indented).
const minDetails = 22

// table lays rows out in width columns: three columns with a heading, each
// cell wrapped within its column, or blocks when too narrow. It returns the
// lines and the line each row starts on. Nothing is cut: long words break.
func table(heads [3]string, rows []row, width int, st Styles) (lines []string, starts []int) {
	const gap = "  "
	markW, itemW := ansi.StringWidth(heads[0]), ansi.StringWidth(heads[1])
	for _, r := range rows {
		markW = max(markW, ansi.StringWidth(r.mark.text))
		itemW = max(itemW, ansi.StringWidth(r.item))
	}
	itemW = min(itemW, max(12, (width-markW-2*len(gap))/3))
	detailW := width - markW - itemW - 2*len(gap)
	if detailW < minDetails {
		for _, r := range rows {
			starts = append(starts, len(lines))
			head := wrap(r.mark.text+" "+r.item, width)
			lines = append(lines, r.mark.style.Render(head[0]))
			for _, l := range head[1:] {
				lines = append(lines, st.Text.Render(l))
			}
			for _, d := range r.details {
				for _, l := range wrap(d.text, width-2) {
					lines = append(lines, "  "+d.style.Render(l))
				}
			}
		}
		return lines, starts
	}
	write := func(mark cell, item cell, details []cell) {
		cols := [3][]cell{wrapCell(mark, markW), wrapCell(item, itemW)}
		for _, d := range details {
			cols[2] = append(cols[2], wrapCell(d, detailW)...)
		}
		n := max(len(cols[0]), len(cols[1]), len(cols[2]))
		for i := range n {
			var b strings.Builder
			for c, w := range [3]int{markW, itemW, detailW} {
				if i >= len(cols[c]) {
					if c < 2 {
						b.WriteString(strings.Repeat(" ", w) + gap)
					}
					continue
				}
				x := cols[c][i]
				b.WriteString(x.style.Render(x.text))
				if c < 2 {
					b.WriteString(strings.Repeat(" ", max(0, w-ansi.StringWidth(x.text))) + gap)
				}
			}
			lines = append(lines, strings.TrimRight(b.String(), " "))
		}
	}
	write(cell{heads[0], st.Dim}, cell{heads[1], st.Dim}, []cell{{heads[2], st.Dim}})
	for _, r := range rows {
		starts = append(starts, len(lines))
		write(r.mark, cell{r.item, st.Text}, r.details)
	}
	return lines, starts
}

// wrap breaks s into lines of at most w columns, at spaces where it can
// and inside a word where it must.
func wrap(s string, w int) []string {
	w = max(w, 1)
	out := strings.Split(ansi.Wrap(s, w, ""), "\n")
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	return out
}

func wrapCell(c cell, w int) []cell {
	ls := wrap(c.text, w)
	out := make([]cell, len(ls))
	for i, l := range ls {
		out[i] = cell{l, c.style}
	}
	return out
}

// label names an item for a person; every part is the file's or the
// server's, made safe.
func label(kind plan.Kind, id, workspace, target string) string {
	switch kind {
	case plan.KindWorkspace:
		return "workspace " + termsafe.String(workspace)
	case plan.KindMember:
		return "member " + termsafe.String(target) + " in " + termsafe.String(workspace)
	case plan.KindRateLimit:
		return "rate limit " + termsafe.String(target) + " in " + termsafe.String(workspace)
	case plan.KindInvite:
		return "invite " + termsafe.String(target)
	}
	return termsafe.String(id)
}
