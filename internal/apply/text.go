package apply

import (
	"strings"

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
		rows := make([][3][]string, len(r.Items))
		for i, it := range r.Items {
			details := []string{termsafe.String(it.Message)}
			if it.RequestID != "" {
				details = append(details, "request-id "+termsafe.String(it.RequestID))
			}
			if it.Check != "" {
				details = append(details, "check: "+termsafe.String(it.Check))
			}
			rows[i] = [3][]string{{string(it.Result)}, {label(it)}, details}
		}
		plan.WriteTable(&b, [3]string{"RESULT", "ITEM", "DETAILS"}, len("incomplete"), rows, width)
	}
	plan.WriteWrapped(&b, r.summaryLine(), width, "")
	if r.Summary.Unknown > 0 {
		plan.WriteWrapped(&b, "Some outcomes are unknown: check what each says before applying again (exit 5).", width, "")
	}
	if r.Summary.Incomplete > 0 {
		plan.WriteWrapped(&b, "A workspace was created but not all of it took effect: do not create it again; fix what the message names (exit 3).", width, "")
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
