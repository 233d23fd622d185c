package wizard

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Org is what the session knows about the organization, learned in the
// background as the wizard goes.
type Org struct {
	Name string // "" until known
	// Err says why the organization check failed with a key that stays in
	// use: creating will fail too.
	Err string
	// KeyReason says why a key is asked for although the run had one: it
	// was refused. "" when no key was ever given.
	KeyReason string

	names    map[string]string // workspace names (normalised) to ids; nil until listed
	namesErr error
	asked    bool // the names were asked for

	Keys       []anthropic.ExternalKey
	KeysListed bool
	KeysNote   string // why the keys are not listed

	Profiles        []anthropic.UserProfile
	ProfilesAsked   bool
	ProfilesOffered bool   // the user-profile step is one of the steps; once true, it stays
	ProfilesNote    string // why the list may be short or missing

	ResidencyNote string // what the wizard changed or ignored of the flags' residency
}

// Organization names the organization the key belongs to.
func Organization(ctx context.Context, a api.Admin) (*anthropic.OrganizationInfo, error) {
	return a.Organization(ctx)
}

// KeyProblem is why a typed admin key will not do before it is sent, or "".
func KeyProblem(k config.Secret) string {
	switch {
	case k == "":
		return "paste an admin key (it starts with sk-ant-admin), or quit and run with --demo, which needs none"
	case k.LooksLikeRegularAPIKey():
		return "this is a regular API key (sk-ant-api…); creating workspaces needs an admin key (sk-ant-admin…), which an organization admin makes in the Console under Settings → Admin keys"
	case k.Check() != nil:
		return k.Check().Error()
	}
	return ""
}

// Connected is a typed key's check: the client built with it, and the
// organization it belongs to.
type Connected struct {
	API api.Admin
	Org *anthropic.OrganizationInfo
	Err error
}

// Connector returns Connect as a function fit to run elsewhere: the key is
// remembered now, on the session's goroutine.
func (s *Session) Connector(k config.Secret) func(ctx context.Context) Connected {
	s.Remember(k)
	connect := s.opts.Connect
	return func(ctx context.Context) Connected {
		if connect == nil {
			return Connected{Err: errors.New("this build cannot connect with a typed key; set ANTHROPIC_ADMIN_API_KEY")}
		}
		a := connect(k)
		org, err := a.Organization(ctx)
		return Connected{API: a, Org: org, Err: err}
	}
}

// SetConnected takes a checked key's answer: "" and the client is in use,
// or why the key was not accepted.
func (s *Session) SetConnected(c Connected) string {
	if c.Err != nil {
		return keyRefusal(c.Err)
	}
	s.api = c.API
	if c.Org != nil && !s.opts.Demo {
		s.Org.Name = c.Org.Name
	}
	s.Org.KeyReason, s.Org.Err = "", ""
	// A key for another organization (or the first key): its user profiles
	// are listed again.
	s.Org.ProfilesAsked = false
	return ""
}

// KeyWasRefused reports whether err, a failed Connect, means the key itself
// was refused (and the field should be emptied).
func KeyWasRefused(err error) bool {
	var e *api.Error
	return errors.As(err, &e) && e.Kind == api.KindAuth
}

// keyRefusal explains why a key was not accepted.
func keyRefusal(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		switch e.Kind {
		case api.KindAuth:
			return "the API refused this key (" + e.Message + "). Creating workspaces needs an admin key (sk-ant-admin…) of an organization admin; a regular sk-ant-api key cannot. Paste another key." + e.RequestIDNote()
		case api.KindNetwork, api.KindTimeout:
			return "could not reach the API to check the key: " + e.Message + ". Press Enter to try again."
		}
		return "checking the key failed: " + e.Error()
	}
	return "checking the key failed: " + err.Error()
}

// SetOrganization takes the answer to the organization check of the key
// the run started with. asksKey is true when that key was refused and
// another must be asked for: the client is dropped, KeyReason says why.
func (s *Session) SetOrganization(org *anthropic.OrganizationInfo, err error) (asksKey bool) {
	if err == nil {
		if org != nil && !s.opts.Demo {
			s.Org.Name = org.Name
		}
		return false
	}
	var e *api.Error
	if !errors.As(err, &e) || e.Kind != api.KindAuth {
		return false
	}
	if s.opts.Connect != nil {
		s.Org.KeyReason = startRefusal(e, s.opts.Demo)
		s.api = nil
		return true
	}
	s.Org.Err = "the API refused the admin key (" + e.Message + "); creating will fail. Quit (ctrl+c) and set ANTHROPIC_ADMIN_API_KEY to an organization admin's key (sk-ant-admin…)." + e.RequestIDNote()
	return false
}

// AskNewKey drops the client after the API refused the key at create:
// another key is to be typed, and KeyReason says why.
func (s *Session) AskNewKey(err error) {
	s.api = nil
	var e *api.Error
	if errors.As(err, &e) {
		s.Org.KeyReason = startRefusal(e, s.opts.Demo)
	}
}

// startRefusal explains why the key the wizard started with will not do.
func startRefusal(e *api.Error, demo bool) string {
	src := "The admin key in ANTHROPIC_ADMIN_API_KEY"
	if demo {
		src = "The demo key"
	}
	if e.Status == 403 {
		return src + " is not allowed to manage workspaces (403 " + e.Type + ": " + e.Message + ")." +
			" Creating a workspace needs the admin key (sk-ant-admin…) of an organization admin. Paste such a key to go on." + e.RequestIDNote()
	}
	return src + " was refused (" + strconv.Itoa(e.Status) + " " + e.Type + ": " + e.Message + ")." +
		" Creating a workspace needs an admin key (sk-ant-admin…), made by an organization admin in the Console under Settings → Admin keys; a regular sk-ant-api key will not do. Paste an admin key to go on." + e.RequestIDNote()
}

// NoKeyText is what the key screen says when no key was ever given.
func (s *Session) NoKeyText() []string {
	return []string{
		"No ANTHROPIC_ADMIN_API_KEY is set. Paste an admin key (sk-ant-admin…); it is kept in memory only and never shown.",
		"Just trying it out? Quit and run workspace-wizard --demo, which needs no key.",
	}
}

// Names lists every workspace once, for the duplicate-name warning: names
// (normalised) to ids.
func Names(ctx context.Context, a api.Admin) (map[string]string, error) {
	names := map[string]string{}
	err := api.EachWorkspace(ctx, a, func(ws *anthropic.Workspace) bool {
		names[normName(ws.Name)] = ws.ID
		return true
	})
	var inc *api.IncompleteListError
	if err != nil && !errors.As(err, &inc) {
		return nil, err
	}
	return names, err // with a list cut short, the names read, and why
}

// NeedNames reports whether the names should be listed now, and marks them
// asked for: true once per session, and only with a client.
func (s *Session) NeedNames() bool {
	if s.Org.asked || s.api == nil {
		return false
	}
	s.Org.asked = true
	return true
}

// SetNames takes the workspace list's answer.
func (s *Session) SetNames(names map[string]string, err error) {
	s.Org.names, s.Org.namesErr = names, err
}

// NamesNote says why a name already in use may not be flagged: the
// workspace list failed, or stopped early. "" when it was read whole.
func (s *Session) NamesNote() string {
	var inc *api.IncompleteListError
	switch err := s.Org.namesErr; {
	case err == nil:
		return ""
	case errors.As(err, &inc):
		return fmt.Sprintf("Only the first %d workspaces could be listed (%s), so a name already in use among the rest is not flagged.", inc.Read, inc.Reason)
	default:
		return "The workspaces could not be listed to check whether this name is in use: " + err.Error()
	}
}

// NamesKnown reports whether the names were listed.
func (s *Session) NamesKnown() bool { return s.Org.names != nil }

// Duplicate warns when a workspace named v exists already; "" when not
// (or not known).
func (s *Session) Duplicate(v string) string {
	if id, ok := s.Org.names[normName(v)]; ok && v != "" {
		return "a workspace named \"" + v + "\" already exists (" + id + "). Names need not be unique, but two alike are easy to confuse."
	}
	return ""
}

// normName is what names that look alike have in common (rules.NameKey:
// case, Unicode normalisation, confusable letters), so a name that only
// looks like an existing one is flagged too.
func normName(s string) string { return rules.NameKey(s) }

// Profiles lists the organization's user profiles. With an error wrapping
// api.ErrListIncomplete it also returns those read.
func Profiles(ctx context.Context, a api.Admin) ([]anthropic.UserProfile, error) {
	return a.ListUserProfiles(ctx)
}

// NeedProfiles reports whether the user profiles should be listed now, and
// marks them asked for.
func (s *Session) NeedProfiles() bool {
	if s.Org.ProfilesAsked || s.api == nil {
		return false
	}
	s.Org.ProfilesAsked = true
	return true
}

// SetProfiles takes the user-profile list: the step appears when there are
// profiles. A 403 or 404 (the key or the organization has no user-profiles
// API) leaves the step out silently.
func (s *Session) SetProfiles(ps []anthropic.UserProfile, err error) {
	var e *api.Error
	var inc *api.IncompleteListError
	switch {
	case errors.As(err, &inc):
		s.Org.ProfilesNote = fmt.Sprintf("Only the first %d user profiles could be listed; if yours is not here, give it with --user-profile-id.", len(ps))
	case errors.As(err, &e) && (e.Status == 403 || e.Status == 404):
		return
	case err != nil:
		s.Org.ProfilesNote = "Listing user profiles failed: " + err.Error()
		return
	}
	s.Org.Profiles = ps
	if len(ps) > 0 {
		s.Org.ProfilesOffered = true
	}
}

// ProfileLabel is a profile's name and id, for the review.
func (s *Session) ProfileLabel(id string) string {
	for _, p := range s.Org.Profiles {
		if p.ID == id && p.Name != "" {
			return p.Name + " (" + id + ")"
		}
	}
	return id
}
