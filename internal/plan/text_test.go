package plan_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

func TestText(t *testing.T) {
	p := plan.Diff(mustParse(t, strings.Replace(example, "env: prod", "env: staging", 1)), matchingOrg(t))
	got := p.Text(100, false)
	want := `ACTION     ITEM                     DETAILS
update     workspace research-prod  update workspace "research-prod" (wrkspc_01)
                                    tags.env: prod → staging
Plan: 0 to create, 1 to update, 0 conflicts, 0 notes, 0 errors, 5 unchanged.
`
	if got != want {
		t.Errorf("Text(100):\n%s\nwant:\n%s", got, want)
	}
	all := strings.Join(strings.Fields(p.Text(100, true)), " ")
	if !strings.Contains(all, "unchanged invite carol@example.com") || !strings.Contains(all, "requests_per_minute: 500 (unchanged), organization's limit 1000") {
		t.Errorf("Text(100, all):\n%s", all)
	}
	same := plan.Diff(mustParse(t, example), matchingOrg(t)).Text(80, false)
	if same != "No changes: the organization already matches the file (6 unchanged).\n" {
		t.Errorf("no changes: %q", same)
	}
}

// Every line fits the terminal, at any width, and the plan-wide error
// comes first. From 45 columns words are not broken.
func TestTextWidths(t *testing.T) {
	o := emptyOrg(t)
	o.ActiveWorkspaces = 99
	src := strings.Replace(example, "requests_per_minute: 500", "requests_per_minute: 5000", 1)
	p := plan.Diff(mustParse(t, src), o)
	for _, width := range []int{160, 100, 80, 60, 45, 30, 20, 5} {
		out := p.Text(width, true)
		flat := strings.Join(strings.Fields(out), " ")
		if !strings.HasPrefix(flat, "error: this plan makes 101 active workspaces") {
			t.Errorf("width %d: the error is not first:\n%s", width, out)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if w := ansi.StringWidth(line); w > max(width, 20) {
				t.Errorf("width %d: line of %d columns: %q", width, w, line)
			}
		}
		for _, must := range []string{"warning: requests_per_minute 5000 is above the organization's limit; it would have no effect", "Fix the errors before applying."} {
			if width >= 45 && !strings.Contains(flat, must) {
				t.Errorf("width %d: %q missing:\n%s", width, must, out)
			}
		}
	}
}

// Strings from the server (a tag value, a group's name, a user's role)
// reach the terminal only as text.
func TestTextHostileServer(t *testing.T) {
	o := matchingOrg(t)
	o.Workspaces[0].Tags["env"] = "prod\x1b]52;c;aGk=\x07\u202e"
	o.RateLimits = append(o.RateLimits, anthropic.OrganizationRateLimit{ID: "rl_x", Group: anthropic.OrganizationRateLimitGroupUnion{DisplayName: "evil\x1b[2J\r\n"}})
	o.Users[1].Role = "user\x1b[31m"
	src := strings.Replace(example, "Claude Sonnet 4.x", "nope", 1) + "  - {email: bob@example.com, role: user}\n"
	p := plan.Diff(mustParse(t, src), o)
	out := p.Text(120, true)
	for _, bad := range []string{"\x1b", "\a", "\u202e", "\r"} {
		if strings.Contains(out, bad) {
			t.Errorf("%q reached the terminal:\n%s", bad, out)
		}
	}
	for _, shown := range []string{"prod␛<U+202E> → prod", "evil␛␍␊", "role user␛"} {
		if !strings.Contains(out, shown) {
			t.Errorf("%q not shown:\n%s", shown, out)
		}
	}
	js, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x1b", "\a", "\u202e", "\r"} {
		if strings.Contains(string(js), bad) {
			t.Errorf("%q reached the JSON:\n%s", bad, js)
		}
	}
	var back struct {
		Items []struct{ Changes []struct{ Old *string } }
	}
	if err := json.Unmarshal(js, &back); err != nil || *back.Items[0].Changes[0].Old != o.Workspaces[0].Tags["env"] {
		t.Errorf("the JSON does not decode to the server's value: %v", err)
	}
}
