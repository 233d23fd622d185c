package apply_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/apply"
)

// The table fits the width, shows each item's request-id, and keeps a
// hostile server's escape sequences off the terminal; the JSON keeps the
// values and escapes what a terminal would act on.
func TestReportText(t *testing.T) {
	rep := &apply.Report{Items: []apply.ItemResult{
		{ID: `workspace["prod"]`, Kind: "workspace", Action: "create", Workspace: "prod", Result: apply.Done, Message: "created wrkspc_1", RequestID: "req_1"},
		{ID: `invite["x@example.com"]`, Kind: "invite", Action: "create", Target: "x@example.com", Result: apply.Failed, Message: "400 invalid_request_error: \x1b]8;;http://evil\x07click\x1b]8;;\x07", RequestID: "req_2"},
	}}
	for _, width := range []int{100, 40} {
		text := rep.Text(width)
		if strings.ContainsAny(text, "\x1b\x07") {
			t.Errorf("width %d: an escape sequence reached the text:\n%q", width, text)
		}
		for _, s := range []string{"prod", "request-id req_1", "x@example.com", "req_2"} {
			if !strings.Contains(text, s) {
				t.Errorf("width %d: no %q in\n%s", width, s, text)
			}
		}
		for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
			if len([]rune(line)) > width {
				t.Errorf("width %d: line too long: %q", width, line)
			}
		}
	}
	if !strings.Contains(rep.Text(100), "RESULT") || strings.Contains(rep.Text(40), "RESULT") {
		t.Errorf("a table at 100 columns, blocks at 40:\n%s\n%s", rep.Text(100), rep.Text(40))
	}
	js, err := rep.JSON()
	if err != nil || strings.ContainsAny(string(js), "\x1b\x07") {
		t.Fatalf("JSON: %v\n%q", err, js)
	}
	var back struct {
		Items []struct{ Message string }
	}
	if err := json.Unmarshal(js, &back); err != nil || back.Items[1].Message != rep.Items[1].Message {
		t.Errorf("the JSON does not decode to the same message: %v %q", err, back.Items)
	}
}
