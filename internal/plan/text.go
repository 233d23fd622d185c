package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// minWidth is the narrowest terminal Text lays out for; narrower widths
// are treated as this.
const minWidth = 20

// Text renders the plan for a terminal width columns wide: plan-wide
// errors first, then a table (action, item, details) of every item that is
// not unchanged (all of them with showUnchanged), then a summary line.
// Every name, address and value is made terminal-safe (internal/termsafe):
// they come from the file and from the server. Below about 50 columns the
// table becomes one block per item.
func (p *Plan) Text(width int, showUnchanged bool) string {
	width = max(width, minWidth)
	var b strings.Builder
	for _, e := range p.Errors {
		WriteWrapped(&b, "error: "+termsafe.String(e), width, "")
	}
	var rows [][3][]string
	for _, it := range p.Items {
		if it.Action == Unchanged && !showUnchanged {
			continue
		}
		rows = append(rows, [3][]string{{string(it.Action)}, {label(it)}, details(it)})
	}
	if len(rows) > 0 {
		WriteTable(&b, [3]string{"ACTION", "ITEM", "DETAILS"}, len("unchanged"), rows, width)
	}
	WriteWrapped(&b, p.summaryLine(), width, "")
	return b.String()
}

func label(it Item) string {
	switch it.Kind {
	case KindWorkspace:
		return "workspace " + termsafe.String(it.Workspace)
	case KindMember:
		return "member " + termsafe.String(it.Target) + " in " + termsafe.String(it.Workspace)
	case KindRateLimit:
		return "rate limit " + termsafe.String(it.Target) + " in " + termsafe.String(it.Workspace)
	case KindInvite:
		return "invite " + termsafe.String(it.Target)
	}
	return termsafe.String(it.ID)
}

func details(it Item) []string {
	lines := []string{termsafe.String(it.Description)}
	for _, c := range it.Changes {
		line := termsafe.String(c.Field) + ": "
		switch {
		case !c.Changed():
			line += value(c.New) + " (unchanged)"
		case c.Old == nil && it.Action == Create:
			line += value(c.New)
		default:
			line += value(c.Old) + " → " + value(c.New)
		}
		if c.OrgLimit != nil {
			line += ", organization's limit " + strconv.FormatInt(*c.OrgLimit, 10)
		}
		lines = append(lines, line)
	}
	for _, w := range it.Warnings {
		lines = append(lines, "warning: "+termsafe.String(w))
	}
	return lines
}

func value(s *string) string {
	if s == nil {
		return "(none)"
	}
	if *s == "" {
		return `""`
	}
	return termsafe.String(*s)
}

func (p *Plan) summaryLine() string {
	s := p.Summary
	if s.Changes == 0 && s.Conflict == 0 && s.Error == 0 && s.Note == 0 && len(p.Errors) == 0 {
		return fmt.Sprintf("No changes: the organization already matches the file (%d unchanged).", s.Unchanged)
	}
	parts := []string{fmt.Sprintf("%d to create", s.Create), fmt.Sprintf("%d to update", s.Update)}
	if s.Archive > 0 {
		parts = append(parts, fmt.Sprintf("%d to archive (permanent)", s.Archive))
	}
	parts = append(parts, plural(s.Conflict, "conflict"), plural(s.Note, "note"), plural(s.Error, "error"),
		fmt.Sprintf("%d unchanged", s.Unchanged))
	line := "Plan: " + strings.Join(parts, ", ") + "."
	if !p.OK() {
		line += " Fix the errors before applying."
	}
	return line
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteTable writes rows as three columns under heads, each cell wrapped
// to its column (the first at least firstW wide), or as one block per row
// when the terminal is too narrow for columns. The plan's text and the
// apply report's share it.
func WriteTable(b *strings.Builder, heads [3]string, firstW int, rows [][3][]string, width int) {
	const gap = "  "
	itemW := len(heads[1])
	for _, r := range rows {
		itemW = max(itemW, ansi.StringWidth(r[1][0]))
	}
	itemW = min(itemW, max(12, (width-firstW-2*len(gap))/3))
	detailW := width - firstW - itemW - 2*len(gap)
	if detailW < 24 {
		for _, r := range rows {
			WriteWrapped(b, r[0][0]+" "+r[1][0], width, "")
			for _, d := range r[2] {
				WriteWrapped(b, d, width, "    ")
			}
		}
		return
	}
	pad := func(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }
	writeRow := func(cells [3][]string) {
		cols := [3][]string{wrap(cells[0], firstW), wrap(cells[1], itemW), wrap(cells[2], detailW)}
		n := max(len(cols[0]), len(cols[1]), len(cols[2]))
		for i := range n {
			at := func(c int) string {
				if i < len(cols[c]) {
					return cols[c][i]
				}
				return ""
			}
			line := pad(at(0), firstW) + gap + pad(at(1), itemW) + gap + at(2)
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
	}
	writeRow([3][]string{{heads[0]}, {heads[1]}, {heads[2]}})
	for _, r := range rows {
		writeRow(r)
	}
}

// wrap wraps each line to w columns (breaking long words) and returns the
// resulting lines.
func wrap(lines []string, w int) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.Split(ansi.Wrap(l, w, ""), "\n")...)
	}
	return out
}

// WriteWrapped writes s wrapped to width, each line after indent.
func WriteWrapped(b *strings.Builder, s string, width int, indent string) {
	for _, l := range wrap([]string{s}, width-len(indent)) {
		b.WriteString(indent + strings.TrimRight(l, " ") + "\n")
	}
}
