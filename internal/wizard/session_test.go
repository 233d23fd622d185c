package wizard_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// TestNewFromFlags: flags pre-fill the draft; a value at the server's
// default stays out of the request unless it was given as a flag.
func TestNewFromFlags(t *testing.T) {
	tests := []struct {
		name     string
		spec     api.Spec
		set      []string
		wantSpec api.Spec
		wantRes  wizard.Residency
		wantNote string
		wantKey  bool
		offered  bool // the user-profile step is offered
	}{
		{
			name:    "nothing given: every field left to the server",
			wantRes: wizard.Residency{WorkspaceGeo: "us", Allowed: "unrestricted", Default: "global"},
		},
		{
			name: "flags pre-fill every field",
			spec: api.Spec{Name: "ml-research", Tags: []api.Tag{{Key: "team", Value: "ml"}}, ExternalKeyID: fakeapi.DemoExternalKeyAWS,
				DisplayColor: "#D97757", UserProfileID: "uprof_01NorthwindTrading"},
			set: []string{rules.FieldName, rules.FieldTags, rules.FieldExternalKeyID, rules.FieldDisplayColor, rules.FieldUserProfileID},
			wantSpec: api.Spec{Name: "ml-research", Tags: []api.Tag{{Key: "team", Value: "ml"}}, ExternalKeyID: fakeapi.DemoExternalKeyAWS,
				DisplayColor: "#D97757", UserProfileID: "uprof_01NorthwindTrading"},
			wantRes: wizard.Residency{WorkspaceGeo: "us", Allowed: "unrestricted", Default: "global"},
			wantKey: true, offered: true,
		},
		{
			name:     "defaults given as flags are sent",
			spec:     api.Spec{Name: "x", WorkspaceGeo: "us", AllowedInferenceGeos: "unrestricted", DefaultInferenceGeo: "global"},
			set:      []string{rules.FieldName, rules.FieldWorkspaceGeo, rules.FieldAllowedGeos, rules.FieldDefaultGeo},
			wantSpec: api.Spec{Name: "x", WorkspaceGeo: "us", AllowedInferenceGeos: "unrestricted", DefaultInferenceGeo: "global"},
			wantRes:  wizard.Residency{WorkspaceGeo: "us", Allowed: "unrestricted", Default: "global"},
		},
		{
			name:     "a default not given as a flag stays out",
			spec:     api.Spec{Name: "x", WorkspaceGeo: "us", DefaultInferenceGeo: "global"},
			set:      []string{rules.FieldName},
			wantSpec: api.Spec{Name: "x"},
			wantRes:  wizard.Residency{WorkspaceGeo: "us", Allowed: "unrestricted", Default: "global"},
		},
		{
			name:     "allowed geos in the rules' order",
			spec:     api.Spec{AllowedInferenceGeos: "us, global"},
			set:      []string{rules.FieldAllowedGeos},
			wantSpec: api.Spec{AllowedInferenceGeos: "global,us"},
			wantRes:  wizard.Residency{WorkspaceGeo: "us", Allowed: "global,us", Default: "global"},
		},
		{
			name:     "an invalid allowed list is ignored and noted",
			spec:     api.Spec{AllowedInferenceGeos: "eu"},
			set:      []string{rules.FieldAllowedGeos},
			wantSpec: api.Spec{AllowedInferenceGeos: "unrestricted"},
			wantRes:  wizard.Residency{WorkspaceGeo: "us", Allowed: "unrestricted", Default: "global"},
			wantNote: "--allowed-inference-geos: " + errText(rules.ValidateAllowedGeos("eu")),
		},
		{
			name:     "an invalid workspace geo is ignored and noted",
			spec:     api.Spec{WorkspaceGeo: "eu"},
			set:      []string{rules.FieldWorkspaceGeo},
			wantSpec: api.Spec{WorkspaceGeo: "us"},
			wantRes:  wizard.Residency{WorkspaceGeo: "us", Allowed: "unrestricted", Default: "global"},
			wantNote: `--workspace-geo: unknown workspace geo "eu"; the only workspace geo today is "us"`,
		},
		{
			name:     "a default geo outside the allowed ones is moved and noted",
			spec:     api.Spec{AllowedInferenceGeos: "us", DefaultInferenceGeo: "global"},
			set:      []string{rules.FieldAllowedGeos, rules.FieldDefaultGeo},
			wantSpec: api.Spec{AllowedInferenceGeos: "us", DefaultInferenceGeo: "us"},
			wantRes:  wizard.Residency{WorkspaceGeo: "us", Allowed: "us", Default: "us"},
			wantNote: wizard.DefaultMovedNote("global", "us"),
		},
		{
			name:     "allowed us alone moves the server's default too",
			spec:     api.Spec{AllowedInferenceGeos: "us"},
			set:      []string{rules.FieldAllowedGeos},
			wantSpec: api.Spec{AllowedInferenceGeos: "us", DefaultInferenceGeo: "us"},
			wantRes:  wizard.Residency{WorkspaceGeo: "us", Allowed: "us", Default: "us"},
			wantNote: `The default inference geo is now "us": "global" is not among the allowed geos.`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{spec: tc.spec, set: tc.set})
			s := f.s
			if got := s.Spec(); !reflect.DeepEqual(got, tc.wantSpec) {
				t.Errorf("Spec() = %+v\nwant      %+v", got, tc.wantSpec)
			}
			if got := s.Residency(); got != tc.wantRes {
				t.Errorf("Residency() = %+v, want %+v", got, tc.wantRes)
			}
			if s.Org.ResidencyNote != tc.wantNote {
				t.Errorf("ResidencyNote = %q\nwant            %q", s.Org.ResidencyNote, tc.wantNote)
			}
			if s.UsesKey() != tc.wantKey {
				t.Errorf("UsesKey() = %v, want %v", s.UsesKey(), tc.wantKey)
			}
			if s.Org.ProfilesOffered != tc.offered {
				t.Errorf("ProfilesOffered = %v, want %v", s.Org.ProfilesOffered, tc.offered)
			}
			if s.Org.Name != "Demo organization" {
				t.Errorf("Org.Name = %q, want the demo's", s.Org.Name)
			}
			if len(f.srv.Requests()) != 0 {
				t.Errorf("New sent requests: %q", sent(f.srv, "/"))
			}
		})
	}
}

// TestDefaultsLeftOutOfTheRequest: what the server receives for a draft
// with only a name, and for one whose defaults were given as flags.
func TestDefaultsLeftOutOfTheRequest(t *testing.T) {
	tests := []struct {
		name string
		spec api.Spec
		set  []string
		body string
	}{
		{"only a name", api.Spec{Name: "plain"}, []string{rules.FieldName},
			`{"name":"plain"}`},
		{"defaults as flags", api.Spec{Name: "pinned", WorkspaceGeo: "us", DefaultInferenceGeo: "global"},
			[]string{rules.FieldName, rules.FieldWorkspaceGeo, rules.FieldDefaultGeo},
			`{"name":"pinned","data_residency":{"default_inference_geo":"global","workspace_geo":"us"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{spec: tc.spec, set: tc.set})
			if _, err := f.create(context.Background()); err != nil {
				t.Fatal(err)
			}
			wantSent(t, f.srv, workspacesPath,
				"GET "+workspacesPath+"?limit=1000", // the names there were before
				"POST "+workspacesPath+" "+tc.body,
				"GET "+workspacesPath+"?limit=1000") // no twin of the name appeared meanwhile
		})
	}
}

// TestSetResidency: a default geo the allowed ones exclude is moved to
// the first allowed one, and the note says so.
func TestSetResidency(t *testing.T) {
	tests := []struct {
		name string
		in   wizard.Residency
		want wizard.Residency
		note string
	}{
		{"kept", wizard.Residency{WorkspaceGeo: "us", Allowed: "global,us", Default: "us"},
			wizard.Residency{WorkspaceGeo: "us", Allowed: "global,us", Default: "us"}, ""},
		{"moved", wizard.Residency{WorkspaceGeo: "us", Allowed: "us", Default: "global"},
			wizard.Residency{WorkspaceGeo: "us", Allowed: "us", Default: "us"}, wizard.DefaultMovedNote("global", "us")},
		{"unrestricted keeps any", wizard.Residency{WorkspaceGeo: "us", Allowed: "unrestricted", Default: "us"},
			wizard.Residency{WorkspaceGeo: "us", Allowed: "unrestricted", Default: "us"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, setup{}).s
			if note := s.SetResidency(tc.in); note != tc.note {
				t.Errorf("note = %q, want %q", note, tc.note)
			}
			if got := s.Residency(); got != tc.want {
				t.Errorf("Residency() = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestArgs: the review's command line makes the same workspace, and talks
// to the simulated API when the session does.
func TestArgs(t *testing.T) {
	spec := api.Spec{Name: "ml research", Tags: []api.Tag{{Key: "env", Value: "prod"}}, AllowedInferenceGeos: "us"}
	set := []string{rules.FieldName, rules.FieldTags, rules.FieldAllowedGeos}
	tests := []struct {
		name   string
		noDemo bool
		want   []string
	}{
		{"demo", false, []string{"workspace-wizard", "--demo", "--name", "'ml research'", "--tag", "env=prod",
			"--allowed-inference-geos", "us", "--default-inference-geo", "us", "--yes"}},
		{"real API", true, []string{"workspace-wizard", "--name", "'ml research'", "--tag", "env=prod",
			"--allowed-inference-geos", "us", "--default-inference-geo", "us", "--yes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, setup{spec: spec, set: set, noDemo: tc.noDemo}).s
			if got := s.Args(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Args() = %q\nwant     %q", got, tc.want)
			}
		})
	}
}
