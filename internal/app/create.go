package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/ui"
)

// create is the bare program and the create command, once its flags are
// known to be valid (o.Config): the wizard at a terminal, else flag mode.
func (o *Options) create(ctx context.Context) error {
	cfg := o.Config
	wizard := !cfg.Yes && !cfg.DryRun
	if wizard && !o.Interactive {
		return &config.UsageError{Msg: "no terminal to run the wizard in: pass --yes to create from flags (with --name), or --dry-run to check them"}
	}
	if cfg.DryRun {
		return o.dryRun()
	}

	closeDemo, err := o.connect()
	if err != nil {
		return err
	}
	defer closeDemo()
	var raw api.Admin // nil when there is no key yet
	if key := o.key(); key != "" {
		raw = o.Admin(key)
	}
	// Creates take the organization's lock on this machine (lockCreates is
	// outermost, so the Creator finds it as an api.CreateLocker).
	admin := o.lockCreates(raw, 0)

	if wizard {
		// A key typed in the wizard is redacted from what main prints after it.
		// A second signal ends the program before the wizard can say what
		// its create did: the client is watched, so that it is still said.
		watch := &watched{}
		watched := func(a api.Admin) api.Admin {
			if a == nil {
				return nil
			}
			return createWatch{a, watch}
		}
		o.last.set(watch.lastWords(o.Out, o.ErrOut, cfg.JSON))
		defer o.last.set(nil)
		connectTyped := func(k config.Secret) api.Admin {
			o.keys.add(k.Reveal())
			return o.lockCreates(watched(o.Admin(k)), 0)
		}
		opts := ui.Options{Config: cfg, API: o.lockCreates(watched(raw), 0), Connect: connectTyped, Demo: cfg.Demo, Input: o.In, Output: o.terminal, Now: o.Now, LookAgainAfter: lookAgainAfter(cfg)}
		run := ui.Run
		if cfg.Accessible {
			run = ui.RunAccessible
		}
		out := run(ctx, opts)
		o.last.set(nil) // the wizard's own account follows
		if out.Err != nil {
			return wizardError(ctx, out.Err)
		}
		printWorkspace(o.Out, out.Workspace, cfg.JSON, true)
		if out.Result != nil && len(out.Result.Twins) > 0 {
			return &outcome.TwinError{Result: out.Result} // said after the wizard's screen, exit 3
		}
		if out.Result != nil && out.Result.Incomplete != nil {
			return o.incomplete(out.Result)
		}
		return nil
	}
	if admin == nil {
		return &config.UsageError{Msg: "no admin key: set " + config.EnvAdminKey + " to an admin key (sk-ant-admin…, made in the Console under Settings → Admin keys), or try --demo"}
	}
	return o.submit(ctx, admin)
}

// wizardError is how the wizard's error ends the run. A failure the wizard
// showed on its failure screen (an API error, an unknown outcome), which
// stays on the terminal, is not printed a second time; a cancel, a signal
// or a wizard that broke is explained.
func wizardError(ctx context.Context, err error) error {
	var (
		apiErr  *api.Error
		unknown *api.UnknownOutcomeError
	)
	if ctx.Err() == nil && !errors.Is(err, outcome.ErrCancelled) && (errors.As(err, &apiErr) || errors.As(err, &unknown)) {
		return &shownError{err}
	}
	return err
}

// checkSpec applies the shared field rules to what the flags say, naming
// the flag to fix for each broken rule. Before the wizard only the fields
// given as flags are checked: the wizard asks for the rest.
func checkSpec(cfg *config.Config, wizard bool) error {
	if cfg.Spec.Name == "" && !wizard {
		return &config.UsageError{Msg: "--name is required with --yes or --dry-run (for example --name \"ml-research\")"}
	}
	var msgs []string
	for _, fe := range rules.FieldErrors(rules.Validate(cfg.Spec)) {
		if !wizard || cfg.Set[fe.Field] {
			msgs = append(msgs, config.FlagFor(fe.Field)+": "+fe.Err.Error())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return &config.UsageError{Msg: strings.Join(msgs, "\n")}
}

// key is the admin key the run starts with: the environment's, or the
// demo's; "" when the wizard is to ask for one.
func (o *Options) key() config.Secret {
	if o.Config.Demo {
		return config.Secret(fakeapi.DemoKey)
	}
	return o.Config.APIKey
}

// connect makes o.Admin build clients for --base-url, or for the simulated
// Admin API that it starts with --demo; the returned func stops that.
func (o *Options) connect() (closeDemo func(), err error) {
	cfg := o.Config
	base := cfg.BaseURL
	closeDemo = func() {}
	if cfg.Demo {
		faults, err := fakeapi.ParseFaults(cfg.DemoFaults)
		if err != nil {
			return nil, &config.UsageError{Msg: "--demo-faults: " + err.Error()}
		}
		users := 0
		if cfg.DemoUsers != "" {
			if users, err = strconv.Atoi(cfg.DemoUsers); err != nil || users < 0 || users > 100_000 {
				return nil, &config.UsageError{Msg: "--demo-users: give a number of users from 0 to 100000, e.g. --demo-users 10000"}
			}
		}
		srv, url, err := startDemoOrg("", faults, fakeapi.PresetDemo, users)
		if err != nil {
			return nil, err
		}
		base, closeDemo = url, srv.Close
	} else if key := cfg.APIKey; key != "" && !key.LooksLikeAdminKey() {
		msg := "warning: " + config.EnvAdminKey + " does not look like an admin key: admin keys start with sk-ant-admin"
		if key.LooksLikeRegularAPIKey() {
			msg += "; this is a regular API key (sk-ant-api…), which cannot create workspaces"
		}
		fmt.Fprintln(o.ErrOut, msg)
	}
	if o.Admin == nil {
		o.Admin = func(k config.Secret) api.Admin {
			return api.New(api.Options{APIKey: k.Reveal(), BaseURL: base, Timeout: cfg.Timeout, UserAgent: "workspace-wizard/" + strings.Fields(version())[0]})
		}
	}
	return closeDemo, nil
}
