// Package config turns the command line and the environment into one
// Config, and remembers which fields the user set so that the wizard can
// pre-fill them and the review screen can mark the rest as defaults.
package config

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

// Environment variables the program reads.
const (
	EnvAdminKey   = "ANTHROPIC_ADMIN_API_KEY"
	EnvBaseURL    = "ANTHROPIC_BASE_URL"
	EnvAccessible = "ACCESSIBLE"
	EnvDemoFaults = "WORKSPACE_WIZARD_DEMO_FAULTS"
	EnvDemoUsers  = "WORKSPACE_WIZARD_DEMO_USERS"
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

	APIKey     Secret
	BaseURL    string // "" means api.DefaultBaseURL
	Timeout    time.Duration
	DemoFaults string // fault names for the demo server, see fakeapi.ParseFaults
	DemoUsers  string // with Demo: the organization's user count ("" keeps the demo's three)
}

// UsageError is a command line that cannot be run as written.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Parse reads args (without the program name) and the environment through
// getenv, with a FlagSet of its own; the commands bind the same table to
// cobra's. Field values are not validated here beyond their syntax: that is
// rules.Validate's job, shared with the wizard.
func Parse(args []string, getenv func(string) string) (*Config, error) {
	fs := pflag.NewFlagSet("workspace-wizard", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	b := Bind(fs, getenv)
	err := fs.Parse(args)
	if err == nil && fs.NArg() > 0 {
		return nil, &UsageError{Msg: fmt.Sprintf("unexpected argument %q; give the name with --name %q", fs.Arg(0), fs.Arg(0))}
	}
	c, err := b.Config(args, err)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
