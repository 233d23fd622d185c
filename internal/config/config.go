// Package config turns the command line and the environment into one
// Config, and remembers which fields the user set so that the wizard can
// pre-fill them and the review screen can mark the rest as defaults.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Environment variables the program reads.
const (
	EnvAdminKey   = "ANTHROPIC_ADMIN_API_KEY"
	EnvBaseURL    = "ANTHROPIC_BASE_URL"
	EnvAccessible = "ACCESSIBLE"
	EnvDemoFaults = "WORKSPACE_WIZARD_DEMO_FAULTS"
)

// AdminKeyPrefix starts every Anthropic admin key.
const AdminKeyPrefix = "sk-ant-admin"

// Secret holds the admin key. Every way of printing it prints a placeholder,
// so a stray %v in a log or error can never show the key.
type Secret string

func (Secret) String() string                 { return "[redacted]" }
func (Secret) GoString() string               { return `config.Secret("[redacted]")` }
func (Secret) MarshalText() ([]byte, error)   { return []byte("[redacted]"), nil }
func (s Secret) Reveal() string               { return string(s) }
func (s Secret) LooksLikeAdminKey() bool      { return strings.HasPrefix(string(s), AdminKeyPrefix) }
func (s Secret) LooksLikeRegularAPIKey() bool { return strings.HasPrefix(string(s), "sk-ant-api") }

// Check refuses a key that cannot be a key: one with control characters,
// spaces or anything but printable ASCII, which no HTTP header can carry.
// The message says where, never what.
func (s Secret) Check() error {
	for i, r := range string(s) {
		if r <= ' ' || r > '~' {
			return fmt.Errorf("the admin key has a control character, space or non-ASCII character at position %d; copy it again: a key is one line of letters, digits, dashes and underscores", i+1)
		}
	}
	return nil
}

// Config is everything one run needs to know.
type Config struct {
	Spec api.Spec
	// Set records which spec fields came from flags, by rules.Field* name.
	Set map[string]bool

	Yes, DryRun, JSON, Demo, Accessible bool
	ShowVersion, ShowHelp               bool

	APIKey     Secret
	BaseURL    string // "" means api.DefaultBaseURL
	Timeout    time.Duration
	DemoFaults string // fault names for the demo server, see fakeapi.ParseFaults
}

// UsageError is a command line that cannot be run as written.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// tagList collects repeated --tag flags, checking each as it comes.
type tagList struct{ tags *[]api.Tag }

func (t tagList) String() string { return "" }
func (t tagList) Set(s string) error {
	tag, err := rules.ParseTag(s)
	if err != nil {
		return err
	}
	*t.tags = append(*t.tags, tag)
	return nil
}

// Parse reads args (without the program name) and the environment through
// getenv. Field values are not validated here beyond their syntax: that is
// rules.Validate's job, shared with the wizard.
func Parse(args []string, getenv func(string) string) (*Config, error) {
	c := &Config{Set: map[string]bool{}}
	fs := flag.NewFlagSet("workspace-wizard", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	s := &c.Spec
	fs.StringVar(&s.Name, "name", "", "")
	fs.Var(tagList{&s.Tags}, "tag", "")
	fs.StringVar(&s.WorkspaceGeo, "workspace-geo", "", "")
	fs.StringVar(&s.AllowedInferenceGeos, "allowed-inference-geos", "", "")
	fs.StringVar(&s.DefaultInferenceGeo, "default-inference-geo", "", "")
	fs.StringVar(&s.ExternalKeyID, "external-key-id", "", "")
	fs.StringVar(&s.DisplayColor, "display-color", "", "")
	fs.StringVar(&s.UserProfileID, "user-profile-id", "", "")
	fs.BoolVar(&c.Yes, "yes", false, "")
	fs.BoolVar(&c.Yes, "y", false, "")
	fs.BoolVar(&c.DryRun, "dry-run", false, "")
	fs.BoolVar(&c.JSON, "json", false, "")
	fs.BoolVar(&c.Demo, "demo", false, "")
	fs.BoolVar(&c.Accessible, "accessible", false, "")
	fs.StringVar(&c.BaseURL, "base-url", getenv(EnvBaseURL), "")
	fs.DurationVar(&c.Timeout, "timeout", 30*time.Second, "")
	fs.StringVar(&c.DemoFaults, "demo-faults", getenv(EnvDemoFaults), "")
	fs.BoolVar(&c.ShowVersion, "version", false, "")
	fs.BoolVar(&c.ShowHelp, "help", false, "")
	fs.BoolVar(&c.ShowHelp, "h", false, "")

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.ShowHelp = true
			return c, nil
		}
		return nil, &UsageError{Msg: flagMessage(err)}
	}
	if fs.NArg() > 0 {
		return nil, &UsageError{Msg: fmt.Sprintf("unexpected argument %q; give the name with --name %q", fs.Arg(0), fs.Arg(0))}
	}
	fields := map[string]string{
		"name": rules.FieldName, "tag": rules.FieldTags, "workspace-geo": rules.FieldWorkspaceGeo,
		"allowed-inference-geos": rules.FieldAllowedGeos, "default-inference-geo": rules.FieldDefaultGeo,
		"external-key-id": rules.FieldExternalKeyID, "display-color": rules.FieldDisplayColor,
		"user-profile-id": rules.FieldUserProfileID,
	}
	fs.Visit(func(f *flag.Flag) {
		if field, ok := fields[f.Name]; ok {
			c.Set[field] = true
		}
	})
	if c.Timeout <= 0 {
		return nil, &UsageError{Msg: fmt.Sprintf("--timeout must be positive, like 30s or 2m (got %s)", c.Timeout)}
	}
	if c.BaseURL != "" {
		if err := api.CheckBaseURL(c.BaseURL); err != nil {
			return nil, &UsageError{Msg: "--base-url: " + err.Error()}
		}
	}
	c.APIKey = Secret(strings.TrimSpace(getenv(EnvAdminKey)))
	if err := c.APIKey.Check(); err != nil {
		return nil, &UsageError{Msg: EnvAdminKey + ": " + err.Error()}
	}
	c.Accessible = c.Accessible || truthy(getenv(EnvAccessible)) || getenv("TERM") == "dumb"
	return c, nil
}

// FlagFor names the command-line flag that sets a rules.Field*.
func FlagFor(field string) string {
	switch field {
	case rules.FieldName:
		return "--name"
	case rules.FieldTags:
		return "--tag"
	case rules.FieldWorkspaceGeo:
		return "--workspace-geo"
	case rules.FieldAllowedGeos:
		return "--allowed-inference-geos"
	case rules.FieldDefaultGeo:
		return "--default-inference-geo"
	case rules.FieldExternalKeyID:
		return "--external-key-id"
	case rules.FieldDisplayColor:
		return "--display-color"
	case rules.FieldUserProfileID:
		return "--user-profile-id"
	}
	return field
}

// flagMessage rewords the flag package's errors, which name flags with one
// dash, into the double-dash form the help text uses.
func flagMessage(err error) string {
	msg := err.Error()
	msg = strings.Replace(msg, "flag provided but not defined: -", "unknown flag --", 1)
	msg = strings.Replace(msg, "flag needs an argument: -", "flag needs a value: --", 1)
	if i := strings.Index(msg, "invalid value "); i == 0 {
		// invalid value "x" for flag -tag: <reason>
		if j := strings.Index(msg, " for flag -"); j > 0 {
			rest := msg[j+len(" for flag -"):]
			name, reason, _ := strings.Cut(rest, ": ")
			return "--" + name + ": " + reason
		}
	}
	return msg
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
