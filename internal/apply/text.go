package apply

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// Text is the report as a table for a terminal width columns wide: result,
// item, and what happened (with the request-id, and for an unknown outcome
// what to check), then a summary line. Every name and message is made
// terminal-safe: they come from the file and the server. Below about 50
// columns each item is a block of its own.
func (r *Report) Text(width int) string {
	width = max(width, 20)
	var b strings.Builder
	if len(r.Items) > 0 {
		rows := make([]row, len(r.Items))
		for i, it := range r.Items {
			details := []string{termsafe.String(it.Message)}
			if it.RequestID != "" {
				details = append(details, "request-id "+termsafe.String(it.RequestID))
			}
			if it.Check != "" {
				details = append(details, "check: "+termsafe.String(it.Check))
			}
			rows[i] = row{string(it.Result), label(it), details}
		}
		writeTable(&b, rows, width)
	}
	writeWrapped(&b, r.summaryLine(), width, "")
	if r.Summary.Unknown > 0 {
		writeWrapped(&b, "Some outcomes are unknown: check what each says before applying again (exit 5).", width, "")
	}
	if r.Summary.Incomplete > 0 {
		writeWrapped(&b, "A workspace was created but not all of it took effect: do not create it again; fix what the message names (exit 3).", width, "")
	}
	return b.String()
}

func label(it ItemResult) string {
	switch it.Kind {
	case plan.KindWorkspace:
		return "workspace " + termsafe.String(it.Workspace)
	case plan.KindMember:
		return "member " + termsafe.String(it.Target) + " in " + termsafe.String(it.Workspace)
	case plan.KindRateLimit:
		return "rate limit " + termsafe.String(it.Target) + " in " + termsafe.String(it.Workspace)
	case plan.KindInvite:
		return "invite " + termsafe.String(it.Target)
	}
	return termsafe.String(it.ID)
}

type row struct {
	result, item string
	details      []string
}

func writeTable(b *strings.Builder, rows []row, width int) {
	const gap = "  "
	resultW := len("incomplete")
	itemW := len("ITEM")
	for _, r := range rows {
		itemW = max(itemW, ansi.StringWidth(r.item))
	}
	itemW = min(itemW, max(12, (width-resultW-2*len(gap))/3))
	detailW := width - resultW - itemW - 2*len(gap)
	if detailW < 24 {
		for _, r := range rows {
			writeWrapped(b, r.result+" "+r.item, width, "")
			for _, d := range r.details {
				writeWrapped(b, d, width, "    ")
			}
		}
		return
	}
	pad := func(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }
	write := func(r row) {
		cols := [3][]string{wrap([]string{r.result}, resultW), wrap([]string{r.item}, itemW), wrap(r.details, detailW)}
		for i := range max(len(cols[0]), len(cols[1]), len(cols[2])) {
			at := func(c int) string {
				if i < len(cols[c]) {
					return cols[c][i]
				}
				return ""
			}
			b.WriteString(strings.TrimRight(pad(at(0), resultW)+gap+pad(at(1), itemW)+gap+at(2), " ") + "\n")
		}
	}
	write(row{"RESULT", "ITEM", []string{"DETAILS"}})
	for _, r := range rows {
		write(r)
	}
}

// wrap wraps each line to w columns, breaking long words.
func wrap(lines []string, w int) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.Split(ansi.Wrap(l, w, ""), "\n")...)
	}
	return out
}

func writeWrapped(b *strings.Builder, s string, width int, indent string) {
	for _, l := range wrap([]string{s}, width-len(indent)) {
		b.WriteString(indent + strings.TrimRight(l, " ") + "\n")
	}
}
