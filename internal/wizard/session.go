// Package wizard is the wizard's core, with no UI: a Session holds the
// workspace being drafted, what is known about the organization, the API
// and the clock, and the operations both front ends drive (set the name,
// set the tags, choose a key, submit). The full-screen wizard
// (internal/ui) and the plain prompts (accessible mode) draw it each in
// their own way; neither reaches into the other.
//
// A Session is used from one goroutine. Its calls that wait on the network
// are package functions taking the client (ListNames, ValidateKey, …): a
// front end runs them where it likes (a tea.Cmd, or in line) and hands the
// answer back to the Session (SetNames, SetKeyCheck, …).
package wizard

import (
	"context"
	"slices"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// Options is what a Session starts from.
type Options struct {
	Config *config.Config // the spec given as flags pre-fills the draft
	// API is the client; nil means there is no key yet and one must be
	// asked for and connected with Connect.
	API     api.Admin
	Connect func(key config.Secret) api.Admin
	Demo    bool
	Now     func() time.Time
	Sleep   func(ctx context.Context, d time.Duration) error // nil: the Creator's own
	// LookAgainAfter is the pause between the looks for a create whose
	// outcome is open; 0 means the Creator's default.
	LookAgainAfter time.Duration
}

// Residency is the data residency as answered: Allowed is "unrestricted"
// or a comma-separated list of geos.
type Residency struct {
	WorkspaceGeo string
	Allowed      string
	Default      string
}

// Session is one run of the wizard.
type Session struct {
	opts    Options
	api     api.Admin
	secrets []string

	Org Org // what is known about the organization

	// The draft.
	name      string
	tags      []api.Tag
	res       Residency
	useKey    bool
	keyID     string
	profileID string
	color     string
	set       map[string]bool // spec fields given as flags

	keyCheck KeyCheck
	refusals map[Field]refusal
	sent     bool // a create was sent and answered, and nothing was created
	// unknown is the last create that was sent and never answered, and
	// not found: the workspace may exist whatever happens next.
	unknown *api.UnknownOutcomeError
	result  *api.Result
	failure *Failure

	// Members are the adds to the workspace once it is created.
	Members Members
}

// New starts a session from the options, the draft pre-filled from the
// flags given.
func New(o Options) *Session {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Config == nil {
		o.Config = &config.Config{}
	}
	spec := o.Config.Spec
	s := &Session{
		opts: o, api: o.API,
		name: spec.Name, tags: slices.Clone(spec.Tags),
		keyID: spec.ExternalKeyID, useKey: spec.ExternalKeyID != "",
		profileID: spec.UserProfileID, color: spec.DisplayColor,
		set:      o.Config.Set,
		refusals: map[Field]refusal{},
	}
	if s.set == nil {
		s.set = map[string]bool{}
	}
	s.Org.ProfilesOffered = spec.UserProfileID != ""
	if o.Demo {
		s.Org.Name = "Demo organization"
	}
	s.Remember(o.Config.APIKey)
	s.res, s.Org.ResidencyNote = residencyFrom(spec)
	return s
}

// Admin is the client, or nil while there is no key.
func (s *Session) Admin() api.Admin { return s.api }

// Demo reports whether the session runs on the simulated API.
func (s *Session) Demo() bool { return s.opts.Demo }

// CanConnect reports whether a typed key can be used (Connect is set).
func (s *Session) CanConnect() bool { return s.opts.Connect != nil }

// Sleep waits d, or until ctx ends: the session's own (tests inject one).
func (s *Session) Sleep(ctx context.Context, d time.Duration) error {
	if s.opts.Sleep != nil {
		return s.opts.Sleep(ctx, d)
	}
	return api.Sleep(ctx, d)
}

// Now is the session's clock.
func (s *Session) Now() time.Time { return s.opts.Now() }

// Remember adds a key to those every shown string is redacted of: the
// environment's, and each one typed, before it is sent (a server may echo
// it in a refusal).
func (s *Session) Remember(key config.Secret) {
	if k := key.Reveal(); k != "" && !slices.Contains(s.secrets, k) {
		s.secrets = append(s.secrets, k)
	}
}

// Text makes a string fit to show: every admin key of the session
// redacted, escape sequences, controls and invisible formatting characters
// shown visibly, on one line.
func (s *Session) Text(v string) string {
	return termsafe.String(termsafe.Redact(v, s.secrets...))
}

// Screen is the last net over a whole drawn screen: keys redacted, and
// anything but styling and line breaks made visible.
func (s *Session) Screen(v string) string {
	return termsafe.Screen(termsafe.Redact(v, s.secrets...))
}

// Spec is the workspace as answered. A field left at its default (and not
// given as a flag) stays empty, so the server's default applies.
func (s *Session) Spec() api.Spec {
	spec := api.Spec{
		Name:          s.name,
		Tags:          slices.Clone(s.tags),
		DisplayColor:  s.color,
		UserProfileID: s.profileID,
	}
	if s.useKey {
		spec.ExternalKeyID = s.keyID
	}
	pick := func(field, v, def string) string {
		if s.set[field] || v != def {
			return v
		}
		return ""
	}
	spec.WorkspaceGeo = pick(rules.FieldWorkspaceGeo, s.res.WorkspaceGeo, rules.DefaultWorkspaceGeo)
	spec.AllowedInferenceGeos = pick(rules.FieldAllowedGeos, s.res.Allowed, rules.DefaultAllowedGeos)
	spec.DefaultInferenceGeo = pick(rules.FieldDefaultGeo, s.res.Default, rules.DefaultInferenceGeo)
	return spec
}

// Args is the command line that makes the same workspace from a script.
func (s *Session) Args() []string {
	args := []string{"workspace-wizard"}
	if s.opts.Demo {
		// This run talks to the simulated API: so must the pasted line.
		args = append(args, "--demo")
	}
	return append(args, config.Args(s.Spec())...)
}
