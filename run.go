package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

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
		now:         time.Now,
	})
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}

func runWith(ctx context.Context, args []string, d deps) int {
	cfg, err := config.Parse(args, d.getenv)
	if err != nil {
		return fail(d.stderr, err)
	}
	// Belt and braces: whatever is printed, the key's bytes never are. The
	// wizard gets the terminal itself, which it needs to size and style.
	terminal := d.stderr
	keys := &keyring{}
	keys.add(cfg.APIKey.Reveal())
	d.stdout = redactor{d.stdout, keys}
	d.stderr = redactor{d.stderr, keys}
	switch {
	case cfg.ShowHelp:
		fmt.Fprint(d.stdout, config.Usage)
		return exitOK
	case cfg.ShowVersion:
		fmt.Fprintln(d.stdout, "workspace-wizard", version())
		return exitOK
	case cfg.DemoFaults != "" && !cfg.Demo:
		return fail(d.stderr, &config.UsageError{Msg: "--demo-faults works only with --demo"})
	}
	wizard := !cfg.Yes && !cfg.DryRun
	if wizard && !d.interactive {
		return fail(d.stderr, &config.UsageError{Msg: "no terminal to run the wizard in: pass --yes to create from flags (with --name), or --dry-run to check them"})
	}
	if err := checkSpec(cfg, wizard); err != nil {
		return fail(d.stderr, err)
	}
	if cfg.DryRun {
		return dryRun(cfg, d)
	}

	conn, err := connect(cfg, d)
	if err != nil {
		return fail(d.stderr, err)
	}
	defer conn.close()

	if wizard {
		// A key typed in the wizard is redacted from what main prints after it.
		connectTyped := func(k config.Secret) api.Admin {
			keys.add(k.Reveal())
			return conn.connect(k)
		}
		opts := ui.Options{Config: cfg, API: conn.admin, Connect: connectTyped, Demo: cfg.Demo, Input: d.stdin, Output: terminal, Now: d.now, LookAgainAfter: lookAgainAfter(cfg)}
		run := ui.Run
		if cfg.Accessible {
			run = ui.RunAccessible
		}
		out := run(ctx, opts)
		if out.Err != nil {
			return fail(d.stderr, out.Err)
		}
		code := printWorkspace(d.stdout, out.Workspace, cfg.JSON, true)
		if out.Result != nil && out.Result.Incomplete != nil {
			fmt.Fprintln(d.stderr, explainIncomplete(out.Result))
			return exitIncomplete
		}
		return code
	}
	if conn.admin == nil {
		return fail(d.stderr, &config.UsageError{Msg: "no admin key: set " + config.EnvAdminKey + " to an admin key (sk-ant-admin…, made in the Console under Settings → Admin keys), or try --demo"})
	}
	return create(ctx, cfg, conn.admin, d)
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
		srv := fakeapi.New(fakeapi.Options{})
		url, err := srv.Start()
		if err != nil {
			return nil, fmt.Errorf("start the simulated Admin API: %w", err)
		}
		for _, w := range fakeapi.DemoWorkspaces() {
			srv.AddWorkspace(w)
		}
		for _, p := range fakeapi.DemoUserProfiles() {
			srv.AddUserProfile(p)
		}
		srv.AddFaults(faults...)
		base, key, c.close = url, config.Secret(fakeapi.DemoKey), srv.Close
	} else if key != "" && !key.LooksLikeAdminKey() {
		msg := "warning: " + config.EnvAdminKey + " does not look like an admin key: admin keys start with sk-ant-admin"
		if key.LooksLikeRegularAPIKey() {
			msg += "; this is a regular API key (sk-ant-api…), which cannot create workspaces"
		}
		fmt.Fprintln(d.stderr, msg)
	}
	c.connect = func(k config.Secret) api.Admin {
		return api.New(api.Options{APIKey: k.Reveal(), BaseURL: base, Timeout: cfg.Timeout, UserAgent: "workspace-wizard/" + version()})
	}
	if key != "" {
		c.admin = c.connect(key)
	}
	return c, nil
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
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

// fail prints err for a person and returns its exit code.
func fail(w io.Writer, err error) int {
	fmt.Fprintln(w, explain(err))
	return exitCode(err)
}
