package outcome

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// Every kind has a complete row.
func TestTableIsComplete(t *testing.T) {
	for k := OK; k <= Other; k++ {
		if int(k) >= len(table) || table[k].Message == nil || table[k].Hint == nil {
			t.Errorf("kind %d has no complete row", k)
		}
	}
	if len(table) != int(Other)+1 {
		t.Errorf("the table has %d rows for %d kinds", len(table), Other+1)
	}
}

// Each kind of error: its kind, the exit code scripts see, and words the
// person reads (the message's and the hint's).
func TestKinds(t *testing.T) {
	apiErr := func(kind api.Kind, status int, code string) *api.Error {
		return &api.Error{Op: "create workspace", Kind: kind, Status: status, Type: "t", Code: code, Message: "the API's words", RequestID: "req_1"}
	}
	for _, tc := range []struct {
		name string
		err  error
		kind Kind
		exit int
		say  []string
	}{
		{"nil", nil, OK, 0, nil},
		{"changes pending", fmt.Errorf("plan: %w", ErrChangesPending), Pending, ExitPending, []string{"Changes are pending"}},
		{"usage", &config.UsageError{Msg: "--name is required"}, Usage, 2, []string{"Error: --name is required", "--help"}},
		{"cancelled", ErrCancelled, Cancelled, 130, []string{"Cancelled. Nothing was sent."}},
		{"cancelled, wrapped", fmt.Errorf("quit: %w", ErrCancelled), Cancelled, 130, []string{"Nothing was sent"}},
		{"cancelled after refusal", ErrCancelledAfterRefusal, CancelledAfterRefusal, 130, []string{"refused the earlier create"}},
		{"API call cancelled unsent", &api.Error{Kind: api.KindCanceled, Unsent: true}, Cancelled, 130, []string{"Nothing was sent, so nothing was created"}},
		{"unknown outcome", &api.UnknownOutcomeError{Name: "ml", Cause: apiErr(api.KindServer, 500, ""), Looks: 2}, UnknownOutcome, 5,
			[]string{"Outcome unknown", "looked for 2 times", "Check first", `named "ml"`}},
		{"incomplete", &IncompleteError{Result: &api.Result{Workspace: nil}}, Incomplete, 3, []string{"not all of the request took effect", "Do not create it again"}},
		{"redirect", apiErr(api.KindRedirect, 302, ""), Redirect, 1, []string{"could not create workspace", "Nothing was created"}},
		{"401", apiErr(api.KindAuth, 401, ""), KeyRefused, 4, []string{"HTTP 401", "request-id req_1", "not accepted"}},
		{"403", apiErr(api.KindAuth, 403, ""), KeyForbidden, 4, []string{"HTTP 403", "Only organization admins"}},
		{"egress", apiErr(api.KindAuth, 403, api.CodeSandboxEgressRestricted), Egress, 4, []string{"sandbox_egress_restricted", "network access is restricted"}},
		{"429", apiErr(api.KindRateLimited, 429, ""), RateLimited, 1, []string{"HTTP 429", "Nothing was created", "Wait a minute"}},
		{"policy", &api.Error{Op: "create workspace", Kind: api.KindInvalid, Status: 400, Code: api.CodeWorkspacePolicyViolation, DetailField: "external_key_id"},
			FieldRefused, 1, []string{"Change --external-key-id and run again", "Workspace Policy", "Nothing was created"}},
		{"field named in the message", &api.Error{Op: "create workspace", Kind: api.KindInvalid, Status: 400, Message: "name: too long"}, FieldRefused, 1, []string{"Change --name"}},
		{"400", apiErr(api.KindInvalid, 400, ""), Refused, 1, []string{"HTTP 400", "Nothing was created"}},
		{"402", apiErr(api.KindBilling, 402, ""), Billing, 1, []string{"HTTP 402", "Nothing was created"}},
		{"network", &api.Error{Op: "list workspaces", Kind: api.KindNetwork, Message: "connection refused", Unsent: true}, Network, 1, []string{"could not list workspaces: connection refused", "Nothing was created"}},
		{"timeout", apiErr(api.KindTimeout, 0, ""), Network, 1, []string{"could not create workspace"}},
		{"server", apiErr(api.KindServer, 500, ""), Server, 1, []string{"HTTP 500"}},
		{"overloaded", apiErr(api.KindOverloaded, 529, ""), Server, 1, []string{"HTTP 529"}},
		{"other", errors.New("broken \x1b[31mterminal"), Other, 1, []string{"Error: broken"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := KindOf(tc.err); got != tc.kind {
				t.Errorf("KindOf = %d, want %d", got, tc.kind)
			}
			if got := ExitCode(tc.err); got != tc.exit {
				t.Errorf("ExitCode = %d, want %d", got, tc.exit)
			}
			msg := Explain(tc.err)
			for _, s := range tc.say {
				if !strings.Contains(msg, s) {
					t.Errorf("Explain lacks %q:\n%s", s, msg)
				}
			}
			if strings.ContainsRune(msg, '\x1b') {
				t.Errorf("Explain printed an escape: %q", msg)
			}
		})
	}
}

// What a server sent in an incomplete create reaches the person made safe:
// no escape, bell or bidi override from its message, code or request id.
func TestIncompleteIsTerminalSafe(t *testing.T) {
	const evil = "x\x1b]52;c;cm0=\x07y\u202Ez"
	ws := &anthropic.Workspace{}
	_ = ws.UnmarshalJSON([]byte(`{"id":"wrkspc_1` + "\\u001b[2J" + `","name":"n"}`))
	res := &api.Result{Workspace: ws, FetchErr: errors.New("get: " + evil),
		Incomplete: &api.Error{Status: 503, Code: "workspace_created_incomplete" + evil, Message: "tags not saved " + evil, RequestID: "req_" + evil}}
	text := Explain(&IncompleteError{Result: res})
	if strings.ContainsAny(text, "\x1b\x07\u202E") || !strings.Contains(text, "tags not saved") {
		t.Fatalf("unsafe or missing text: %q", text)
	}
}
