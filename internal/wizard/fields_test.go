package wizard_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// TestNeedNames: the names are asked for once, and only with a client.
func TestNeedNames(t *testing.T) {
	t.Run("with a client", func(t *testing.T) {
		s := start(t, setup{}).s
		if got := []bool{s.NeedNames(), s.NeedNames(), s.NeedNames()}; !reflect.DeepEqual(got, []bool{true, false, false}) {
			t.Errorf("NeedNames() thrice = %v, want true once", got)
		}
	})
	t.Run("without a client until one connects", func(t *testing.T) {
		f := start(t, setup{noAPI: true, connect: true})
		s := f.s
		if s.NeedNames() {
			t.Error("NeedNames() = true with no client")
		}
		c := s.Connector(config.Secret(fakeapi.DemoKey))(context.Background())
		if why := s.SetConnected(c); why != "" {
			t.Fatalf("SetConnected: %s", why)
		}
		if got := []bool{s.NeedNames(), s.NeedNames()}; !reflect.DeepEqual(got, []bool{true, false}) {
			t.Errorf("NeedNames() after connecting = %v, want true once", got)
		}
		wantSent(t, f.srv, "/v1/organizations/me", "GET /v1/organizations/me")
	})
}

// TestDuplicate: the names listed warn of a name in use, however it is
// spelled, once they are known.
func TestDuplicate(t *testing.T) {
	f := start(t, setup{demo: true})
	s := f.s
	if s.NamesKnown() || s.Duplicate("research-prod") != "" {
		t.Fatal("a duplicate known before the names were listed")
	}
	s.SetNames(wizard.Names(context.Background(), s.Admin()))
	if !s.NamesKnown() {
		t.Fatal("NamesKnown() = false after SetNames")
	}
	wantSent(t, f.srv, "/", "GET "+workspacesPath+"?limit=1000")
	id := f.srv.Workspaces()[0].ID
	tests := []struct{ name, typed, want string }{
		{"same name", "research-prod", `a workspace named "research-prod" already exists (` + id + `). Names need not be unique, but two alike are easy to confuse.`},
		{"other case", "Research-PROD", `a workspace named "Research-PROD" already exists (` + id + `)`},
		{"a Cyrillic е and fullwidth letters (issue 16)", "r\u0435search-ｐｒｏｄ", "a workspace named \"r\u0435search-ｐｒｏｄ\" already exists (" + id + ")"},
		{"a new name", "research-dev", ""},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := s.Duplicate(tc.typed)
			if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
				t.Errorf("Duplicate(%q) = %q, want %q", tc.typed, got, tc.want)
			}
		})
	}
}

// TestCheckName: the rules, and the API's refusal of exactly the name it
// refused.
func TestCheckName(t *testing.T) {
	f := start(t, setup{spec: api.Spec{Name: "ml"}, set: []string{rules.FieldName}, faults: "400"})
	s := f.s
	_, err := f.create(context.Background())
	if fail := s.Failed(err); !fail.HasField || fail.Field != wizard.FieldName {
		t.Fatalf("Failed(%v) = %+v, want the name refused", err, fail)
	}
	refusal := s.Refusal(wizard.FieldName)
	if !strings.HasPrefix(refusal, "The API refused this name: a workspace with this name is being archived; choose another name (request-id req_") {
		t.Fatalf("Refusal(FieldName) = %q", refusal)
	}
	tests := []struct{ typed, want string }{
		{"ml", refusal},
		{"ml2", ""},
		{"", "enter a name for the workspace"},
		{" ml", "remove the spaces at the start or end of the name"},
		{strings.Repeat("n", 256), "use at most 255 characters (this name has 256)"},
	}
	for _, tc := range tests {
		if got := errText(s.CheckName(tc.typed)); got != tc.want {
			t.Errorf("CheckName(%.20q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
	if posts(f.srv) != 1 {
		t.Errorf("%d POSTs, want 1", posts(f.srv))
	}
}

// TestSetName: spaces around a name are dropped; a name the rules refuse
// is not taken.
func TestSetName(t *testing.T) {
	s := start(t, setup{spec: api.Spec{Name: "before"}}).s
	tests := []struct{ typed, wantErr, wantName string }{
		{"  ml research ", "", "ml research"},
		{"   ", "enter a name for the workspace", "ml research"},
		{"a\tb", "remove the control character (tab, newline or similar) from the name", "ml research"},
	}
	for _, tc := range tests {
		if got := errText(s.SetName(tc.typed)); got != tc.wantErr {
			t.Errorf("SetName(%q) = %q, want %q", tc.typed, got, tc.wantErr)
		}
		if s.Name() != tc.wantName || s.Spec().Name != tc.wantName {
			t.Errorf("after SetName(%q): Name() = %q, want %q", tc.typed, s.Name(), tc.wantName)
		}
	}
}

// TestTags: a tag editor's operations in order, each with the rules'
// message when it is refused, and the tags after it.
func TestTags(t *testing.T) {
	type op struct {
		do      string // "add", "edit N", "remove N", "remove-key K"
		arg     string
		wantErr string
		want    string // TagList after the op
	}
	ops := []op{
		{"add", "env=prod", "", "env=prod"},
		{"add", "team=ml", "", "env=prod, team=ml"},
		{"add", "env=dev", `tag key "env" is used twice; each key may appear once`, "env=prod, team=ml"},
		{"add", "anthropic-env=1", `tag key "anthropic-env": keys may not start with "anthropic"; pick another key`, "env=prod, team=ml"},
		{"add", "AnthropicX=1", `tag key "AnthropicX": keys may not start with "anthropic"; pick another key`, "env=prod, team=ml"},
		{"add", "no-equals", `write the tag as key=value (got "no-equals")`, "env=prod, team=ml"},
		{"add", "=x", "a tag needs a key before the '=' (for example env=prod)", "env=prod, team=ml"},
		{"add", " pad=x", `remove the spaces around the tag key "pad"`, "env=prod, team=ml"},
		{"add", "k=" + strings.Repeat("v", 257), `the value of tag "k" is 257 characters; use at most 256`, "env=prod, team=ml"},
		{"add", strings.Repeat("k", 65) + "=v", `tag key "kkkkkkkkkkkkkkkkkkkk…" is 65 characters; use at most 64`, "env=prod, team=ml"},
		{"edit 0", "env=dev", "", "env=dev, team=ml"}, // its own key again: not a duplicate
		{"edit 0", "team=x", `tag key "team" is used twice; each key may appear once`, "env=dev, team=ml"},
		{"add", "cost=", "", "env=dev, team=ml, cost="}, // an empty value is allowed
		{"remove-key", "team", "", "env=dev, cost="},
		{"remove-key", "nope", "no such key", "env=dev, cost="},
		{"remove 0", "", "", "cost="},
	}
	s := start(t, setup{}).s
	for i, o := range ops {
		var err error
		switch verb, n, _ := strings.Cut(o.do, " "); verb {
		case "add":
			err = s.AddTag(-1, o.arg)
		case "edit":
			var idx int
			fmt.Sscan(n, &idx)
			err = s.AddTag(idx, o.arg)
		case "remove":
			var idx int
			fmt.Sscan(n, &idx)
			s.RemoveTag(idx)
		case "remove-key":
			if !s.RemoveTagKey(o.arg) {
				err = fmt.Errorf("no such key")
			}
		}
		if got := errText(err); got != o.wantErr {
			t.Errorf("%d: %s %.30q: error %q, want %q", i, o.do, o.arg, got, o.wantErr)
		}
		if got := wizard.TagList(s.Tags()); got != o.want {
			t.Errorf("%d: %s %.30q: tags %q, want %q", i, o.do, o.arg, got, o.want)
		}
		if got := wizard.TagList(s.Spec().Tags); got != o.want {
			t.Errorf("%d: %s %.30q: Spec().Tags %q, want %q", i, o.do, o.arg, got, o.want)
		}
	}
	if err := s.TagsError(); err != nil {
		t.Errorf("TagsError() = %v for tags the editor took", err)
	}
}

// TestTagsError: tags that came as flags are checked as a whole.
func TestTagsError(t *testing.T) {
	many := make([]api.Tag, rules.MaxTags+1)
	for i := range many {
		many[i] = api.Tag{Key: fmt.Sprintf("k%d", i), Value: "v"}
	}
	tests := []struct {
		name string
		tags []api.Tag
		want string
	}{
		{"none", nil, ""},
		{"fine", []api.Tag{{Key: "env", Value: "prod"}}, ""},
		{"too many", many, "at most 50 tags are allowed (there are 51); remove some"},
		{"twice", []api.Tag{{Key: "env", Value: "a"}, {Key: "env", Value: "b"}}, `tag key "env" is used twice; each key may appear once`},
		{"reserved", []api.Tag{{Key: "anthropic", Value: "a"}}, `tag key "anthropic": keys may not start with "anthropic"; pick another key`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, setup{spec: api.Spec{Tags: tc.tags}, set: []string{rules.FieldTags}}).s
			if got := errText(s.TagsError()); got != tc.want {
				t.Errorf("TagsError() = %q, want %q", got, tc.want)
			}
			if n := len(many); tc.name == "too many" {
				s.RemoveTag(n - 1)
				if err := s.TagsError(); err != nil {
					t.Errorf("TagsError() after removing one = %v", err)
				}
			}
		})
	}
}

// TestRefusedKey: the key the run started with, refused by the API: with
// Connect another may be typed (the client is dropped and KeyReason says
// why); without, Org.Err says creating will fail.
func TestRefusedKey(t *testing.T) {
	tests := []struct {
		name    string
		faults  string
		connect bool
		asks    bool
		reason  string // KeyReason's start
		orgErr  string // Org.Err's start
	}{
		{"401, a key may be typed", "me:401", true, true,
			"The demo key was refused (401 authentication_error: invalid x-api-key).", ""},
		{"403, a key may be typed", "me:403", true, true,
			"The demo key is not allowed to manage workspaces (403 permission_error: only organization admins can view the organization).", ""},
		{"401, no way to type one", "me:401", false, false,
			"", "the API refused the admin key (invalid x-api-key); creating will fail."},
		{"a 500 is not about the key", "me:500", true, false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{faults: tc.faults, connect: tc.connect})
			s := f.s
			asks := s.SetOrganization(wizard.Organization(context.Background(), s.Admin()))
			if asks != tc.asks || !strings.HasPrefix(s.Org.KeyReason, tc.reason) || (tc.reason == "") != (s.Org.KeyReason == "") ||
				!strings.HasPrefix(s.Org.Err, tc.orgErr) || (tc.orgErr == "") != (s.Org.Err == "") {
				t.Errorf("SetOrganization = asks %v, KeyReason %q, Err %q; want %v, %q, %q", asks, s.Org.KeyReason, s.Org.Err, tc.asks, tc.reason, tc.orgErr)
			}
			if dropped := s.Admin() == nil; dropped != tc.asks {
				t.Errorf("client dropped: %v, want %v", dropped, tc.asks)
			}
			if need := s.NeedNames(); need == tc.asks {
				t.Errorf("NeedNames() = %v with the client dropped: %v", need, tc.asks)
			}
			wantSent(t, f.srv, "/", "GET /v1/organizations/me")
		})
	}
}
