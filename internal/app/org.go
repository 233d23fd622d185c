package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// The organization commands (plan, apply, list) share their connection
// flags: where the API is, the demo, the timeout, and --json.
type orgFlags struct {
	file                string
	json, demo          bool
	demoFaults, baseURL string
	timeout             time.Duration
}

// bindOrgFlags defines the shared flags on cmd; withFile adds -f.
func (o *Options) bindOrgFlags(cmd *cobra.Command, withFile bool) *orgFlags {
	f := &orgFlags{}
	fs := cmd.Flags()
	if withFile {
		fs.StringVarP(&f.file, "file", "f", "", "the plan file (YAML or JSON); - reads standard input")
	}
	fs.BoolVar(&f.json, "json", false, "print JSON on stdout instead of a table")
	fs.BoolVar(&f.demo, "demo", false, "use the built-in simulated Admin API: no key, no network")
	fs.StringVar(&f.demoFaults, "demo-faults", o.Getenv(config.EnvDemoFaults), "with --demo: make the simulated API fail, e.g. ok,529-after-commit,members:429 [$"+config.EnvDemoFaults+"]")
	fs.StringVar(&f.baseURL, "base-url", o.Getenv(config.EnvBaseURL), "the address of the API (default https://api.anthropic.com) [$"+config.EnvBaseURL+"]")
	fs.DurationVar(&f.timeout, "timeout", config.DefaultTimeout, "the timeout of each request")
	for _, name := range []string{"demo-faults", "base-url"} {
		fs.Lookup(name).DefValue = "" // help shows the default, never the environment's value
	}
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &config.UsageError{Msg: config.FlagErrorMessage(err)}
	})
	cmd.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return &config.UsageError{Msg: fmt.Sprintf("unexpected argument %q: %s takes only flags (see --help)", args[0], cmd.Name())}
		}
		return nil
	}
	return f
}

// config checks the shared flags and the key, every problem at once, and
// returns them as the Config the create path also uses.
func (f *orgFlags) config(getenv func(string) string, needFile bool) (*config.Config, error) {
	cfg := &config.Config{JSON: f.json, Demo: f.demo, DemoFaults: f.demoFaults, BaseURL: f.baseURL, Timeout: f.timeout,
		APIKey: config.Secret(strings.TrimSpace(getenv(config.EnvAdminKey)))}
	var msgs []string
	if needFile && f.file == "" {
		msgs = append(msgs, "-f/--file is required: the plan file, e.g. -f org.yaml")
	}
	if f.timeout <= 0 {
		msgs = append(msgs, fmt.Sprintf("--timeout must be positive, like 30s or 2m (got %s)", f.timeout))
	}
	if f.baseURL != "" {
		if err := api.CheckBaseURL(f.baseURL); err != nil {
			msgs = append(msgs, "--base-url: "+err.Error())
		}
	}
	if f.demoFaults != "" && !f.demo {
		msgs = append(msgs, "--demo-faults works only with --demo")
	}
	if err := cfg.APIKey.Check(); err != nil {
		msgs = append(msgs, config.EnvAdminKey+": "+err.Error())
	}
	if len(msgs) > 0 {
		return nil, &config.UsageError{Msg: strings.Join(msgs, "\n")}
	}
	return cfg, nil
}

// connectOrg is the Admin client for cfg: the API at --base-url with the
// environment's key, or with --demo the simulated API started in-process
// as preset's organization (the returned func stops it).
func (o *Options) connectOrg(cfg *config.Config, preset fakeapi.Preset) (api.Admin, func(), error) {
	base, key, closeDemo := cfg.BaseURL, cfg.APIKey, func() {}
	switch {
	case cfg.Demo:
		faults, err := fakeapi.ParseFaults(cfg.DemoFaults)
		if err != nil {
			return nil, nil, &config.UsageError{Msg: "--demo-faults: " + err.Error()}
		}
		srv, url, err := startDemoOrg("", faults, preset, 0)
		if err != nil {
			return nil, nil, err
		}
		base, key, closeDemo = url, config.Secret(fakeapi.DemoKey), srv.Close
	case key == "":
		return nil, nil, &config.UsageError{Msg: "no admin key: set " + config.EnvAdminKey + " to an admin key (sk-ant-admin…, made in the Console under Settings → Admin keys), or try --demo"}
	case !key.LooksLikeAdminKey():
		fmt.Fprintln(o.ErrOut, "warning: "+config.EnvAdminKey+" does not look like an admin key: admin keys start with sk-ant-admin")
	}
	if o.Admin == nil {
		o.Admin = func(k config.Secret) api.Admin {
			return api.New(api.Options{APIKey: k.Reveal(), BaseURL: base, Timeout: cfg.Timeout, UserAgent: "workspace-wizard/" + strings.Fields(version())[0]})
		}
	}
	return o.Admin(key), closeDemo, nil
}

// readPlan reads and parses the plan file. A file with errors prints every
// one (file:line:column: path: what to do) and ends the run with exit 2:
// nothing is sent.
func (o *Options) readPlan(name string) (*plan.File, error) {
	data, name, err := plan.ReadFile(name, o.In)
	if err != nil {
		return nil, &config.UsageError{Msg: termsafe.String(fmt.Sprintf("read the plan file: %v", err))}
	}
	f, err := plan.Parse(name, data)
	var errs plan.Errors
	switch {
	case err == nil:
		return f, nil
	case errors.As(err, &errs):
		for _, e := range errs {
			fmt.Fprintln(o.ErrOut, termsafe.String(e.Error()))
		}
		n := "1 error"
		if len(errs) != 1 {
			n = fmt.Sprintf("%d errors", len(errs))
		}
		msg := fmt.Sprintf("%s in %s; nothing was sent. Fix the file and run again (plan --schema prints its JSON Schema, for editors).", n, termsafe.String(name))
		fmt.Fprintln(o.ErrOut, msg)
		return nil, &shownError{&config.UsageError{Msg: msg}}
	}
	return nil, &config.UsageError{Msg: termsafe.String(err.Error())}
}

// observe reads the organization a plan for f is made from.
func observe(ctx context.Context, admin api.Admin, f *plan.File) (plan.Observed, error) {
	names := make([]string, len(f.Workspaces))
	for i, w := range f.Workspaces {
		names[i] = w.Name
	}
	o, err := apply.Observe(ctx, admin, names...)
	if err != nil {
		return o, err
	}
	var keys, profiles bool
	for _, w := range f.Workspaces {
		keys = keys || w.ExternalKeyID != ""
		profiles = profiles || w.UserProfileID != ""
	}
	return o, apply.ObserveReferences(ctx, admin, &o, keys, profiles)
}

// textWidth is the width to lay tables out for: the terminal's, or 100
// when w is not a terminal (a pipe, a file, a CI log); tests set o.cols.
func (o *Options) textWidth(w io.Writer) int {
	if o.cols > 0 {
		return o.cols
	}
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 0 {
			return cols
		}
	}
	return 100
}
