package app

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

const longHelp = `Create an Anthropic workspace through the Admin API, step by step in a
terminal wizard, or from flags with --yes (no terminal needed).

Environment:
%s
Exit codes:
  0 created (or a valid dry run)      1 failed, nothing created
  2 invalid input or usage, nothing sent
  3 created, but not all of the request took effect: do not create it again
  4 key refused or not allowed        5 outcome unknown: check before trying again
  6 another run on this machine is changing the organization: nothing sent
  130 cancelled`

const examples = `# the wizard, against the built-in simulated Admin API
workspace-wizard --demo
# create from flags
workspace-wizard --name ml-research --tag team=ml --yes --json
# validate and print the request; send nothing
workspace-wizard --name ml-research --dry-run
# serve the simulated Admin API for curl or a second terminal
workspace-wizard demo-server --addr 127.0.0.1:8080`

// newRoot builds the command tree: the bare program and create are the
// same command; demo-server serves the simulated API; cobra adds help and
// completion, fang a man page.
func (o *Options) newRoot() *cobra.Command {
	root := o.createCommand("workspace-wizard")
	root.Short = "Create an Anthropic workspace, step by step or from flags"
	root.Long = fmt.Sprintf(longHelp, config.EnvHelp())
	root.Example = examples
	root.SuggestionsMinimumDistance = 2

	create := o.createCommand("create")
	create.Short = "Create a workspace (the same as no command)"
	create.Long = root.Long
	root.AddCommand(create, o.demoServerCommand(), o.setupCommand(), o.planCommand(), o.applyCommand(), o.listCommand(), o.exportCommand())
	return root
}

// createCommand is today's program: the wizard, or flag mode with --yes or
// --dry-run. The flags come from config's table.
func (o *Options) createCommand(use string) *cobra.Command {
	cmd := &cobra.Command{
		Use:  use + " [flags]",
		Args: cobra.ArbitraryArgs, // reported with the flags' errors, below
		// Unknown flags are reported by config, every one of them.
		FParseErrWhitelist: cobra.FParseErrWhitelist{UnknownFlags: true},
	}
	b := config.Bind(cmd.Flags(), o.Getenv)
	showVersion := cmd.Flags().Bool("version", false, "print the version")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		_, err = b.Config(o.args, err)
		return err
	})
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if *showVersion { // on the root, cobra has printed it already
			fmt.Fprintln(o.Out, "workspace-wizard version", version()) // as cobra prints it on the root
			return nil
		}
		cfg, err := b.Config(o.args, nil)
		var msgs []string
		if err != nil {
			msgs = append(msgs, err.Error())
		}
		if len(args) > 0 {
			msgs = append(msgs, o.unexpectedArg(cmd, args[0]))
		}
		if cfg.DemoFaults != "" && !cfg.Demo {
			msgs = append(msgs, "--demo-faults works only with --demo")
		}
		if cfg.DemoUsers != "" && !cfg.Demo {
			msgs = append(msgs, "--demo-users works only with --demo")
		}
		wizard := !cfg.Yes && !cfg.DryRun
		if err := checkSpec(cfg, wizard); err != nil {
			msgs = append(msgs, err.Error())
		}
		if len(msgs) > 0 {
			return &config.UsageError{Msg: strings.Join(msgs, "\n")}
		}
		o.Config = cfg
		return o.create(cmd.Context())
	}
	return cmd
}

// unexpectedArg explains a word that is neither a flag nor a command: a
// mistyped command, or a name given without --name.
func (o *Options) unexpectedArg(cmd *cobra.Command, arg string) string {
	if cmd.HasSubCommands() {
		if s := cmd.SuggestionsFor(arg); len(s) > 0 {
			return fmt.Sprintf("unknown command %q; did you mean %q?", arg, s[0])
		}
	}
	return fmt.Sprintf("unexpected argument %q; give the name with --name %q", arg, arg)
}

// printOwnErrors makes every command's error printed here, the moment it
// returns, and not by fang: fang's error handler first asks the terminal
// for its background colour, reading stdin in raw mode, while a plain
// prompt may still be reading it (accessible mode after ctrl+c). The reply
// was lost to the prompt and the program hung, or ended with the terminal
// left raw. The error sets the exit code (o.failed) as before.
func (o *Options) printOwnErrors(c *cobra.Command) {
	for _, sub := range c.Commands() {
		o.printOwnErrors(sub)
	}
	run := c.RunE
	if run == nil {
		return
	}
	c.RunE = func(cmd *cobra.Command, args []string) error {
		err := run(cmd, args)
		if err != nil {
			o.failed = err
			o.printError(o.ErrOut, fang.Styles{ErrorHeader: errorHeader}, err)
		}
		return nil
	}
}

// errorHeader is fang's ERROR header as it reaches ErrOut, a writer of our
// own (which fang prints with no colour): no query needed to style it.
var errorHeader = lipgloss.NewStyle().Padding(0, 1).Margin(1).MarginLeft(2).SetString("ERROR")

// printError is fang's error handler: every error is explained once, here,
// unless it was shown already. In a terminal it gets fang's error badge.
func (o *Options) printError(w io.Writer, styles fang.Styles, err error) {
	var shown *shownError
	if errors.As(err, &shown) {
		return
	}
	msg := explain(err)
	if o.ErrTerminal {
		fmt.Fprintln(w, styles.ErrorHeader.String())
		msg = strings.TrimPrefix(msg, "Error: ")
	}
	fmt.Fprintln(w, msg)
}
