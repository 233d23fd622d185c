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

// rowText is a review row as a reader takes it in: the step's number on
// its first row, label and value, then its marks.
func rowText(r wizard.Row) string {
	s := ""
	if r.First {
		s = fmt.Sprintf("%d. ", int(r.Field)+1)
	}
	s += r.Label + ": " + r.Value
	if r.Default {
		s += " (default)"
	}
	if r.Lock != "" {
		s += " " + r.Lock
	}
	if r.Note != "" {
		s += " [" + r.Note + "]"
	}
	if r.Warn != "" {
		s += " ⚠ " + r.Warn
	}
	if r.Refused {
		s += " REFUSED"
	}
	return s
}

// TestReview: the review's rows, their default, lock and refused marks;
// the user-profile row only when that step is offered.
func TestReview(t *testing.T) {
	everything := api.Spec{Name: "ml", Tags: []api.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "ml"}},
		AllowedInferenceGeos: "us", ExternalKeyID: fakeapi.DemoExternalKeyAWS, UserProfileID: fakeapi.DemoUserProfileNorthwind}
	tests := []struct {
		name   string
		st     setup
		before func(t *testing.T, f fixture)
		want   []string
		sent   []string // "METHOD path" of each request the server received
	}{
		{
			name: "only a name",
			st:   setup{spec: api.Spec{Name: "ml"}},
			want: []string{
				"1. Name: ml",
				"2. Tags: none (default)",
				"3. Workspace geo: us (default) PERMANENT",
				"Allowed inference: unrestricted (default)",
				"Default inference: global (default)",
				"4. Encryption key: none (default)",
			},
		},
		{
			name: "everything chosen, the profile named from the list",
			st: setup{spec: everything, set: []string{rules.FieldName, rules.FieldTags, rules.FieldAllowedGeos, rules.FieldExternalKeyID, rules.FieldUserProfileID},
				profiles: fakeapi.DemoUserProfiles()},
			before: func(t *testing.T, f fixture) {
				if !f.s.NeedProfiles() {
					t.Fatal("NeedProfiles() = false")
				}
				f.s.SetProfiles(wizard.Profiles(context.Background(), f.s.Admin()))
			},
			want: []string{
				"1. Name: ml",
				"2. Tags: env=prod, team=ml",
				"3. Workspace geo: us (default) PERMANENT",
				"Allowed inference: us",
				"Default inference: us [priced at 1.1×]",
				"4. Encryption key: " + fakeapi.DemoExternalKeyAWS + " WRITE-ONCE",
				"5. User profile: Northwind Trading (" + fakeapi.DemoUserProfileNorthwind + ") PERMANENT",
			},
			sent: []string{"GET /v1/user_profiles"},
		},
		{
			name: "the organization has profiles: none is a choice",
			st:   setup{spec: api.Spec{Name: "ml"}, profiles: fakeapi.DemoUserProfiles()},
			before: func(t *testing.T, f fixture) {
				f.s.NeedProfiles()
				f.s.SetProfiles(wizard.Profiles(context.Background(), f.s.Admin()))
			},
			want: []string{"1. Name: ml", "2. Tags: none (default)", "3. Workspace geo: us (default) PERMANENT",
				"Allowed inference: unrestricted (default)", "Default inference: global (default)", "4. Encryption key: none (default)",
				"5. User profile: none (default)"},
			sent: []string{"GET /v1/user_profiles"},
		},
		{
			name: "a key that may not list profiles: no step",
			st:   setup{spec: api.Spec{Name: "ml"}, profiles: fakeapi.DemoUserProfiles(), faults: "profiles:403"},
			before: func(t *testing.T, f fixture) {
				f.s.SetProfiles(wizard.Profiles(context.Background(), f.s.Admin()))
				if f.s.Org.ProfilesNote != "" {
					t.Errorf("ProfilesNote = %q, want silence on a 403", f.s.Org.ProfilesNote)
				}
			},
			want: []string{"1. Name: ml", "2. Tags: none (default)", "3. Workspace geo: us (default) PERMANENT",
				"Allowed inference: unrestricted (default)", "Default inference: global (default)", "4. Encryption key: none (default)"},
			sent: []string{"GET /v1/user_profiles"},
		},
		{
			name: "a name in use",
			st:   setup{spec: api.Spec{Name: "staging"}, demo: true},
			before: func(t *testing.T, f fixture) {
				f.s.SetNames(wizard.Names(context.Background(), f.s.Admin()))
			},
			want: []string{"1. Name: staging ⚠ name already in use", "2. Tags: none (default)", "3. Workspace geo: us (default) PERMANENT",
				"Allowed inference: unrestricted (default)", "Default inference: global (default)", "4. Encryption key: none (default)"},
			sent: []string{"GET " + workspacesPath},
		},
		{
			name: "the API refused the name",
			st:   setup{spec: api.Spec{Name: "ml"}, faults: "400"},
			before: func(t *testing.T, f fixture) {
				f.s.Failed(f.mustFail(context.Background()))
			},
			want: []string{"1. Name: ml REFUSED", "2. Tags: none (default)", "3. Workspace geo: us (default) PERMANENT",
				"Allowed inference: unrestricted (default)", "Default inference: global (default)", "4. Encryption key: none (default)"},
			sent: []string{"GET " + workspacesPath, "POST " + workspacesPath},
		},
		{
			name: "the API refused the key",
			st:   setup{spec: api.Spec{Name: "ml", ExternalKeyID: fakeapi.DemoExternalKeyGCP}, faults: "policy-cmek"},
			before: func(t *testing.T, f fixture) {
				f.s.Failed(f.mustFail(context.Background()))
			},
			want: []string{"1. Name: ml", "2. Tags: none (default)", "3. Workspace geo: us (default) PERMANENT",
				"Allowed inference: unrestricted (default)", "Default inference: global (default)",
				"4. Encryption key: " + fakeapi.DemoExternalKeyGCP + " WRITE-ONCE REFUSED"},
			sent: []string{"GET " + workspacesPath, "POST " + workspacesPath},
		},
		{
			name: "escape sequences in a tag are shown, not acted on",
			st:   setup{spec: api.Spec{Name: "ml", Tags: []api.Tag{{Key: "env", Value: "\x1b]52;c;cHduZWQ=\x07prod"}}}},
			want: []string{"1. Name: ml", "2. Tags: env=␛prod", "3. Workspace geo: us (default) PERMANENT",
				"Allowed inference: unrestricted (default)", "Default inference: global (default)", "4. Encryption key: none (default)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, tc.st)
			if tc.before != nil {
				tc.before(t, f)
			}
			var got []string
			for _, r := range f.s.Review() {
				got = append(got, rowText(r))
			}
			var paths []string
			for _, r := range f.srv.Requests() {
				paths = append(paths, r.Method+" "+r.Path)
			}
			if !reflect.DeepEqual(paths, tc.sent) {
				t.Errorf("requests = %q, want %q", paths, tc.sent)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Review():\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestText: every string shown passes through Text: the session's keys
// redacted, wherever they came from, and escape sequences made visible.
func TestText(t *testing.T) {
	const envKey = "sk-ant-admin01-from-the-environment-0123456789"
	const typed = "sk-ant-admin01-typed-into-the-field-9876543210"
	f := start(t, setup{key: envKey, noAPI: true, connect: true, fake: fakeapi.Options{AdminKey: fakeapi.DemoKey}})
	s := f.s
	// A typed key is remembered before it is sent: the server refuses it,
	// and a server may echo it.
	c := s.Connector(config.Secret(typed))(context.Background())
	if why := s.SetConnected(c); !strings.HasPrefix(why, "the API refused this key") {
		t.Fatalf("SetConnected(refused key) = %q", why)
	}
	tests := []struct{ name, in, want string }{
		{"the environment's key", "invalid x-api-key " + envKey, "invalid x-api-key [redacted]"},
		{"a typed key", "key " + typed + " refused", "key [redacted] refused"},
		{"both, twice", envKey + typed + envKey, "[redacted][redacted][redacted]"},
		{"a colour", "\x1b[31mred\x1b[0m", "␛red␛"},
		{"a clipboard write", "ok\x1b]52;c;ZXZpbA==\x07", "ok␛"},
		{"a bell and a new line", "a\x07b\nc", "a␇b␊c"},
		{"a bidi override", "abc\u202Etxt.exe", "abc<U+202E>txt.exe"},
		{"plain text", "Demo organization", "Demo organization"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.Text(tc.in); got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	if got := s.Screen("line 1\n\x1b[1mbold\x1b[0m " + typed); got != "line 1\n\x1b[1mbold\x1b[0m [redacted]" {
		t.Errorf("Screen kept %q", got)
	}
	for _, r := range f.srv.Requests() {
		if r.KeyPrefix != "sk-ant-admin" {
			t.Errorf("%s %s: key prefix %q", r.Method, r.Path, r.KeyPrefix)
		}
	}
}
