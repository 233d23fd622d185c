// Package app is the program: its commands (cobra, styled by fang), flag
// mode's create, the dry run, the printers and the demo's start-up. One
// Options value carries a run's dependencies next to its flag values, so
// tests drive the whole program in-process; main only calls Main.
package app

import (
	"context"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// Options is one run of the program, in the manner of gh's CreateOptions:
// the dependencies (I/O streams, the Admin factory, the clock, the
// environment) next to what the command line says (Config: the spec and the
// mode flags). Main fills the dependencies from the process; tests fill
// them with buffers and a clock that does not wait.
type Options struct {
	In          io.Reader
	Out, ErrOut io.Writer
	// Interactive: In and ErrOut are a terminal, so the wizard may run.
	Interactive bool
	// ErrTerminal: ErrOut is a terminal, so errors get fang's styling.
	ErrTerminal bool

	Getenv func(string) string
	Now    func() time.Time
	// Sleep waits between attempts and looks; tests pass one that does not
	// wait. nil means a real timer.
	Sleep func(ctx context.Context, d time.Duration) error

	// Admin builds the Admin API client for a key. nil until the run knows
	// where the API is (--base-url, or the demo's simulated API); set it
	// beforehand to substitute another client.
	Admin func(key config.Secret) api.Admin

	// Config is the parsed command line: the spec and the mode flags
	// (--yes, --dry-run, --json, --demo, --accessible, …). Set once the
	// flags are known to be valid.
	Config *config.Config

	// last is what a second signal prints before the program ends; nil
	// in tests that drive runWith.
	last *lastWords

	failed   error     // what a command ended with, printed by printOwnErrors
	terminal io.Writer // the unredacted ErrOut, for the wizard to draw on
	keys     *keyring  // every admin key of the run, redacted from all output
	args     []string  // the raw command line, to report every unknown flag
	cols     int       // the width to lay text out for, when tests set it; else textWidth's
}

// Main runs the program with the process's signals and environment and
// returns its exit code. SIGINT, SIGTERM, SIGHUP and SIGQUIT are one: the
// first cancels (nothing new is sent; apply lets writes in flight finish, a
// create looks for what it may have made); the second ends the program at
// once, first printing what is known (apply: the report so far), with an
// exit code that never says less was sent than may have been. SIGQUIT gives
// no goroutine dump: its exit code (2) would claim nothing was sent.
func Main(args []string, in io.Reader, out, errOut io.Writer) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := &Options{
		In:          in,
		Out:         out,
		ErrOut:      errOut,
		Interactive: isTerminal(in) && isTerminal(errOut),
		ErrTerminal: isTerminal(errOut),
		Getenv:      os.Getenv,
		Now:         time.Now,
		last:        &lastWords{},
	}
	restore := func() {}
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if saved, err := term.GetState(f.Fd()); err == nil {
			restore = func() { _ = term.Restore(f.Fd(), saved) }
		}
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	go func() {
		<-sigs
		cancel()
		<-sigs
		restore() // the terminal as it was at start, whatever mode a screen or a prompt left it in
		os.Exit(o.last.say())
	}()
	return runWith(ctx, args, o)
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}

// runWith runs the command line args with o's dependencies and returns the
// exit code: the seam the tests drive.
func runWith(ctx context.Context, args []string, o *Options) int {
	// Belt and braces: whatever is printed, the key's bytes never are. The
	// wizard gets the terminal itself, which it needs to size and style.
	o.terminal, o.keys, o.args = o.ErrOut, &keyring{}, args
	o.keys.add(strings.TrimSpace(o.Getenv(config.EnvAdminKey)))
	o.Out = redact(o.Out, o.keys)
	o.ErrOut = redact(o.ErrOut, o.keys)
	root := o.newRoot()
	root.SetArgs(args)
	root.SetIn(o.In)
	root.SetOut(o.Out)
	root.SetErr(o.ErrOut)
	o.printOwnErrors(root)
	err := fang.Execute(ctx, root, fang.WithVersion(version()), fang.WithErrorHandler(o.printError))
	if err == nil {
		err = o.failed
	}
	return exitCode(err)
}
