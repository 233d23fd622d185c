package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/ui"
)

// Exit codes: scripts rely on these, and the README lists them.
const (
	exitOK         = 0
	exitFailed     = 1 // nothing was created
	exitUsage      = 2 // invalid input or usage; nothing was sent
	exitIncomplete = 3 // created, but not all of the request took effect
	exitAuth       = 4 // the key was refused or lacks permission
	exitUnknown    = 5 // the workspace may exist: check before trying again
	exitCancelled  = 130
)

// deps is everything run touches outside itself, so tests can drive it.
type deps struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
	interactive    bool // stdin and stderr are a terminal
	errTerminal    bool // stderr is a terminal: errors get fang's styling
	now            func() time.Time
	// sleep waits between attempts and looks; tests pass one that does
	// not wait. nil means a real timer.
	sleep func(ctx context.Context, d time.Duration) error
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	// The first signal cancels, and a create then still looks for what it
	// may have made; a second signal ends the program at once.
	context.AfterFunc(ctx, stop)
	return runWith(ctx, args, deps{
		getenv:      os.Getenv,
		stdin:       stdin,
		stdout:      stdout,
		stderr:      stderr,
		interactive: isTerminal(stdin) && isTerminal(stderr),
		errTerminal: isTerminal(stderr),
		now:         time.Now,
	})
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}

func runWith(ctx context.Context, args []string, d deps) int {
	// Belt and braces: whatever is printed, the key's bytes never are. The
	// wizard gets the terminal itself, which it needs to size and style.
	a := &app{terminal: d.stderr, keys: &keyring{}, args: args}
	a.keys.add(strings.TrimSpace(d.getenv(config.EnvAdminKey)))
	d.stdout = redact(d.stdout, a.keys)
	d.stderr = redact(d.stderr, a.keys)
	a.d = d
	root := a.newRoot()
	root.SetArgs(args)
	root.SetIn(d.stdin)
	root.SetOut(d.stdout)
	root.SetErr(d.stderr)
	err := fang.Execute(ctx, root, fang.WithVersion(version()), fang.WithErrorHandler(a.printError))
	return exitCode(cobraUsage(err))
}

// create is the bare program and the create command, once its flags are
// known to be valid: the wizard at a terminal, else flag mode.
func (a *app) create(ctx context.Context, cfg *config.Config) error {
	d := a.d
	wizard := !cfg.Yes && !cfg.DryRun
	if wizard && !d.interactive {
		return &config.UsageError{Msg: "no terminal to run the wizard in: pass --yes to create from flags (with --name), or --dry-run to check them"}
	}
	if cfg.DryRun {
		return dryRun(cfg, d)
	}

	conn, err := connect(cfg, d)
	if err != nil {
		return err
	}
	defer conn.close()

	if wizard {
		// A key typed in the wizard is redacted from what main prints after it.
		connectTyped := func(k config.Secret) api.Admin {
			a.keys.add(k.Reveal())
			return conn.connect(k)
		}
		opts := ui.Options{Config: cfg, API: conn.admin, Connect: connectTyped, Demo: cfg.Demo, Input: d.stdin, Output: a.terminal, Now: d.now, LookAgainAfter: lookAgainAfter(cfg)}
		run := ui.Run
		if cfg.Accessible {
			run = ui.RunAccessible
		}
		out := run(ctx, opts)
		if out.Err != nil {
			return wizardError(ctx, out.Err)
		}
		printWorkspace(d.stdout, out.Workspace, cfg.JSON, true)
		if out.Result != nil && out.Result.Incomplete != nil {
			fmt.Fprintln(d.stderr, explainIncomplete(out.Result))
			return &shownError{errIncomplete}
		}
		return nil
	}
	if conn.admin == nil {
		return &config.UsageError{Msg: "no admin key: set " + config.EnvAdminKey + " to an admin key (sk-ant-admin…, made in the Console under Settings → Admin keys), or try --demo"}
	}
	return create(ctx, cfg, conn.admin, d)
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
	if ctx.Err() == nil && !errors.Is(err, ui.ErrCancelled) && (errors.As(err, &apiErr) || errors.As(err, &unknown)) {
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

// connection is the Admin API client for this run, and the demo server
// behind it when there is one.
type connection struct {
	admin   api.Admin // nil when there is no key yet
	connect func(config.Secret) api.Admin
	close   func()
}

func connect(cfg *config.Config, d deps) (*connection, error) {
	base := cfg.BaseURL
	c := &connection{close: func() {}}
	key := cfg.APIKey
	if cfg.Demo {
		faults, err := fakeapi.ParseFaults(cfg.DemoFaults)
		if err != nil {
			return nil, &config.UsageError{Msg: "--demo-faults: " + err.Error()}
		}
		srv, url, err := startDemo("", faults)
		if err != nil {
			return nil, err
		}
		base, key, c.close = url, config.Secret(fakeapi.DemoKey), srv.Close
	} else if key != "" && !key.LooksLikeAdminKey() {
		msg := "warning: " + config.EnvAdminKey + " does not look like an admin key: admin keys start with sk-ant-admin"
		if key.LooksLikeRegularAPIKey() {
			msg += "; this is a regular API key (sk-ant-api…), which cannot create workspaces"
		}
		fmt.Fprintln(d.stderr, msg)
	}
	c.connect = func(k config.Secret) api.Admin {
		return api.New(api.Options{APIKey: k.Reveal(), BaseURL: base, Timeout: cfg.Timeout, UserAgent: "workspace-wizard/" + strings.Fields(version())[0]})
	}
	if key != "" {
		c.admin = c.connect(key)
	}
	return c, nil
}

// startDemo starts the simulated Admin API on addr ("" for a free loopback
// port), seeded as the demo organization, with faults queued.
func startDemo(addr string, faults []fakeapi.Fault) (*fakeapi.Server, string, error) {
	srv := fakeapi.New(fakeapi.Options{Addr: addr})
	url, err := srv.Start()
	if err != nil {
		return nil, "", fmt.Errorf("start the simulated Admin API: %w", err)
	}
	for _, w := range fakeapi.DemoWorkspaces() {
		srv.AddWorkspace(w)
	}
	for _, p := range fakeapi.DemoUserProfiles() {
		srv.AddUserProfile(p)
	}
	srv.AddFaults(faults...)
	return srv, url, nil
}

// exitCode maps an error to the exit code scripts see. It is the only place
// that does.
func exitCode(err error) int {
	var (
		usage   *config.UsageError
		unknown *api.UnknownOutcomeError
		apiErr  *api.Error
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &usage):
		return exitUsage
	case errors.Is(err, errIncomplete):
		return exitIncomplete
	case errors.As(err, &unknown):
		return exitUnknown
	case errors.Is(err, ui.ErrCancelled):
		return exitCancelled
	case errors.As(err, &apiErr):
		switch apiErr.Kind {
		case api.KindAuth:
			return exitAuth
		case api.KindCanceled:
			return exitCancelled
		}
	}
	return exitFailed
}
