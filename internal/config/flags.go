package config

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Flag is one command-line flag of the create command. The table of them
// (Flags) is the only place a flag is spelled: parsing, the help text,
// FlagFor and Args all read it.
type Flag struct {
	Name  string // without dashes, e.g. "allowed-inference-geos"
	Short string // one letter, or ""
	Field string // the rules.Field* it sets; "" for a run option
	Env   string // the environment variable that sets it too, or ""
	Usage string

	kind flagKind
	str  func(*Config) *string // kindString
	on   func(*Config) *bool   // kindBool
	def  string                // shown in help; the value before parsing
}

type flagKind int

const (
	kindString flagKind = iota
	kindBool
	kindTags
	kindDuration
)

// DefaultTimeout is --timeout's default.
const DefaultTimeout = 30 * time.Second

func specStr(get func(*api.Spec) *string) func(*Config) *string {
	return func(c *Config) *string { return get(&c.Spec) }
}

// Flags is the flag table, in the order help lists them and Args writes them.
var Flags = []Flag{
	{Name: "name", Field: rules.FieldName, Usage: "the workspace name (1-255 characters)",
		str: specStr(func(s *api.Spec) *string { return &s.Name })},
	{Name: "tag", Field: rules.FieldTags, kind: kindTags,
		Usage: `a tag as KEY=VALUE; repeat for more (keys may not start with "anthropic")`},
	{Name: "workspace-geo", Field: rules.FieldWorkspaceGeo, Usage: "where workspace data is stored: us (the default); permanent",
		str: specStr(func(s *api.Spec) *string { return &s.WorkspaceGeo })},
	{Name: "allowed-inference-geos", Field: rules.FieldAllowedGeos, Usage: "the geos inference may run in: unrestricted (default), or a list from us,global",
		str: specStr(func(s *api.Spec) *string { return &s.AllowedInferenceGeos })},
	{Name: "default-inference-geo", Field: rules.FieldDefaultGeo, Usage: "the default inference geo: global (default) or us; must be among the allowed geos",
		str: specStr(func(s *api.Spec) *string { return &s.DefaultInferenceGeo })},
	{Name: "external-key-id", Field: rules.FieldExternalKeyID,
		Usage: "an encryption key you manage (ekey_... or an AWS KMS key ARN); write-once: it can never be removed or replaced",
		str:   specStr(func(s *api.Spec) *string { return &s.ExternalKeyID })},
	{Name: "display-color", Field: rules.FieldDisplayColor, Usage: "the colour in the Console as '#RRGGBB' (the server picks one if omitted)",
		str: specStr(func(s *api.Spec) *string { return &s.DisplayColor })},
	{Name: "user-profile-id", Field: rules.FieldUserProfileID,
		Usage: "a user profile (uprof_...) every inference request through the workspace must then name; permanent",
		str:   specStr(func(s *api.Spec) *string { return &s.UserProfileID })},
	{Name: "yes", Short: "y", kind: kindBool, Usage: "no wizard, no confirmation: validate, create, report",
		on: func(c *Config) *bool { return &c.Yes }},
	{Name: "dry-run", kind: kindBool, Usage: "validate and print the request; send nothing",
		on: func(c *Config) *bool { return &c.DryRun }},
	{Name: "json", kind: kindBool, Usage: "print the created workspace (or, with --dry-run, the request) as JSON",
		on: func(c *Config) *bool { return &c.JSON }},
	{Name: "demo", kind: kindBool, Usage: "use the built-in simulated Admin API: no key, no network",
		on: func(c *Config) *bool { return &c.Demo }},
	{Name: "demo-faults", Env: EnvDemoFaults, Usage: "with --demo: make the simulated API fail, e.g. 529,500-after-commit",
		str: func(c *Config) *string { return &c.DemoFaults }},
	{Name: "demo-users", Env: EnvDemoUsers, Usage: "with --demo: an organization of this many users (up to 100000), to try the member picker at scale",
		str: func(c *Config) *string { return &c.DemoUsers }},
	{Name: "accessible", kind: kindBool, Env: EnvAccessible, Usage: "plain line-by-line prompts instead of the full-screen wizard (also TERM=dumb)",
		on: func(c *Config) *bool { return &c.Accessible }},
	{Name: "base-url", Env: EnvBaseURL, Usage: "the address of the API (default https://api.anthropic.com)",
		str: func(c *Config) *string { return &c.BaseURL }},
	{Name: "timeout", kind: kindDuration, Usage: "the timeout of each request", def: DefaultTimeout.String()},
}

// FlagFor names the command-line flag that sets a rules.Field*.
func FlagFor(field string) string {
	for _, f := range Flags {
		if f.Field == field && field != "" {
			return "--" + f.Name
		}
	}
	return field
}

// Args returns the command line that creates the same workspace without
// the wizard: the workspace's flags in the table's order, --yes last.
// Values are shell-quoted.
func Args(s api.Spec) []string {
	var args []string
	c := &Config{Spec: s}
	for _, f := range Flags {
		switch {
		case f.Field == "":
		case f.kind == kindTags:
			for _, t := range s.Tags {
				args = append(args, "--"+f.Name, api.ShellQuote(t.Key+"="+t.Value))
			}
		case f.Field == rules.FieldName || *f.str(c) != "":
			args = append(args, "--"+f.Name, api.ShellQuote(*f.str(c)))
		}
	}
	return append(args, "--yes")
}

// Binding is the table bound to one Config through a pflag.FlagSet: a
// cobra command's flags, or Parse's own. Values that do not parse are
// collected, not returned, so that every bad flag is reported at once.
type Binding struct {
	cfg    *Config
	fs     *pflag.FlagSet
	getenv func(string) string
	errs   []string
}

// Bind defines every flag of the table on fs, writing into a new Config.
// Unknown flags are left for Config to report, all of them, with a
// suggestion each.
func Bind(fs *pflag.FlagSet, getenv func(string) string) *Binding {
	b := &Binding{cfg: &Config{Set: map[string]bool{}, Timeout: DefaultTimeout}, fs: fs, getenv: getenv}
	fs.ParseErrorsAllowlist.UnknownFlags = true
	for _, f := range Flags {
		usage := f.Usage
		if f.Env != "" {
			usage += " [$" + f.Env + "]"
		}
		switch f.kind {
		case kindString:
			p := f.str(b.cfg)
			def := ""
			if f.Env != "" {
				def = getenv(f.Env)
			}
			fs.StringVarP(p, f.Name, f.Short, def, usage)
		case kindBool:
			fs.BoolVarP(f.on(b.cfg), f.Name, f.Short, false, usage)
		case kindTags:
			fs.VarP(tagList{b, &b.cfg.Spec.Tags}, f.Name, f.Short, usage)
		case kindDuration:
			fs.VarP(durationValue{b, &b.cfg.Timeout}, f.Name, f.Short, usage)
		}
		// Help shows the table's default, never a value read from the
		// environment.
		fs.Lookup(f.Name).DefValue = f.def
	}
	return b
}

// Config finishes the parse: it reports every flag error at once (bad
// values, and each unknown flag in args with a suggestion), then reads the
// environment. args is the raw command line the FlagSet parsed, used only
// to find unknown flags; extra is a parse error the FlagSet stopped at.
// The Config is returned with what did parse even when err is not nil.
func (b *Binding) Config(args []string, extra error) (*Config, error) {
	c := b.cfg
	msgs := append([]string(nil), b.errs...)
	for _, name := range UnknownFlags(b.fs, args) {
		msgs = append(msgs, unknownFlagMessage(name))
	}
	if extra != nil {
		msgs = append(msgs, FlagErrorMessage(extra))
	}
	for _, f := range Flags {
		if fl := b.fs.Lookup(f.Name); fl != nil && fl.Changed && f.Field != "" {
			c.Set[f.Field] = true
		}
	}
	if c.Timeout <= 0 {
		msgs = append(msgs, fmt.Sprintf("--timeout must be positive, like 30s or 2m (got %s)", c.Timeout))
	}
	if c.BaseURL != "" {
		if err := api.CheckBaseURL(c.BaseURL); err != nil {
			msgs = append(msgs, "--base-url: "+err.Error())
		}
	}
	c.APIKey = Secret(strings.TrimSpace(b.getenv(EnvAdminKey)))
	if err := c.APIKey.Check(); err != nil {
		msgs = append(msgs, EnvAdminKey+": "+err.Error())
	}
	c.Accessible = c.Accessible || truthy(b.getenv(EnvAccessible)) || b.getenv("TERM") == "dumb"
	if len(msgs) > 0 {
		return c, &UsageError{Msg: strings.Join(msgs, "\n")}
	}
	return c, nil
}

// tagList collects repeated --tag flags, checking each as it comes.
type tagList struct {
	b    *Binding
	tags *[]api.Tag
}

func (t tagList) String() string { return "" }
func (t tagList) Type() string   { return "KEY=VALUE" }
func (t tagList) Set(s string) error {
	tag, err := rules.ParseTag(s)
	if err != nil {
		t.b.errs = append(t.b.errs, "--tag: "+err.Error())
		return nil
	}
	*t.tags = append(*t.tags, tag)
	return nil
}

// durationValue is --timeout: a bad value is reported with the form wanted.
type durationValue struct {
	b *Binding
	d *time.Duration
}

func (v durationValue) String() string { return v.d.String() }
func (v durationValue) Type() string   { return "DURATION" }
func (v durationValue) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		v.b.errs = append(v.b.errs, fmt.Sprintf("--timeout: %q is not a duration; use for example 30s or 2m", s))
		return nil
	}
	*v.d = d
	return nil
}

// UnknownFlags lists, in order, the flags in args that fs does not define,
// as written ("--colour", "-x"). It reads args as pflag does: a flag that
// takes a value takes the next argument unless written --flag=value, and
// "--" ends the flags.
func UnknownFlags(fs *pflag.FlagSet, args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return out
		case strings.HasPrefix(a, "--"):
			name, _, hasValue := strings.Cut(a[2:], "=")
			f := fs.Lookup(name)
			if f == nil {
				out = append(out, "--"+name)
				continue
			}
			if !hasValue && f.NoOptDefVal == "" {
				i++ // its value
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			shorts := a[1:]
			for j := 0; j < len(shorts); j++ {
				f := fs.ShorthandLookup(shorts[j : j+1])
				if f == nil {
					out = append(out, "-"+shorts[j:j+1])
					break
				}
				if f.NoOptDefVal == "" {
					if j == len(shorts)-1 {
						i++ // its value is the next argument
					}
					break // the rest is its value
				}
			}
		}
	}
	return out
}

func unknownFlagMessage(flag string) string {
	msg := "unknown flag " + flag
	if s := SuggestFlag(strings.TrimLeft(flag, "-")); s != "" {
		msg += "; did you mean --" + s + "?"
	}
	return msg
}

// SuggestFlag returns the table's flag name closest to typed, or "" when
// none is close: an edit distance of at most 2, a prefix, or one word of a
// flag's name within one edit (--colour → --display-color).
func SuggestFlag(typed string) string {
	if typed == "" {
		return ""
	}
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	for _, f := range append(Flags, Flag{Name: "help"}, Flag{Name: "version"}) {
		d := distance(typed, f.Name)
		if len(typed) >= 3 && strings.HasPrefix(f.Name, typed) {
			d = min(d, 1) // a prefix is as good as a typo
		}
		if d > 2 {
			d = 99
			for _, w := range strings.Split(f.Name, "-") {
				if len(w) >= 4 && distance(typed, w) <= 1 {
					d = 3
				}
			}
		}
		if d < 99 {
			cands = append(cands, cand{f.Name, d})
		}
	}
	if len(cands) == 0 {
		return ""
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	return cands[0].name
}

// distance is the Levenshtein distance between a and b, in bytes (flag
// names are ASCII).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// FlagErrorMessage rewords pflag's errors (which the FlagSet stops at: a
// flag without its value, a switch given a value it cannot read) in the
// help text's words.
func FlagErrorMessage(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		name = strings.Trim(name, "'")
		if !strings.HasPrefix(name, "-") {
			name = "-" + name
		}
		return "flag needs a value: " + name
	}
	return msg
}

// EnvHelp lists the environment variables the table reads, with the admin
// key first, for the help text.
func EnvHelp() string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %-30s %s\n", EnvAdminKey, "the admin key (sk-ant-admin...); never printed")
	for _, f := range Flags {
		if f.Env == "" {
			continue
		}
		name := f.Env
		if f.Env == EnvAccessible {
			name = EnvAccessible + "=1 or TERM=dumb"
		}
		fmt.Fprintf(&b, "  %-30s same as --%s\n", name, f.Name)
	}
	return b.String()
}
