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

	terminal io.Writer // the unredacted ErrOut, for the wizard to draw on
	keys     *keyring  // every admin key of the run, redacted from all output
	args     []string  // the raw command line, to report every unknown flag
	cols     int       // the width to lay text out for, when tests set it; else textWidth's
}

// Main runs the program with the process's signals and environment and
// returns its exit code.
func Main(args []string, in io.Reader, out, errOut io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	// The first signal cancels, and a create then still looks for what it
	// may have made; a second signal ends the program at once.
	context.AfterFunc(ctx, stop)
	return runWith(ctx, args, &Options{
		In:          in,
		Out:         out,
		ErrOut:      errOut,
		Interactive: isTerminal(in) && isTerminal(errOut),
		ErrTerminal: isTerminal(errOut),
		Getenv:      os.Getenv,
		Now:         time.Now,
	})
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
	err := fang.Execute(ctx, root, fang.WithVersion(version()), fang.WithErrorHandler(o.printError))
	return exitCode(err)
}
