package app

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/setup"
)

// setupCommand is the guided setup of a new organization: template, each
// workspace, people, limits, review, apply, save.
func (o *Options) setupCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "setup [-f org.yaml]",
		Short: "Set up an organization step by step: workspaces, members, invites, limits; review, apply, save",
		Long: `Start from a template (prod / staging / dev, one workspace per team, or empty) or a
plan file, edit each workspace with the wizard's own steps, choose members from the
organization's users, add invites and rate-limit caps, review the whole plan against
the organization, apply it with live progress, and save it as a plan file that
workspace-wizard apply applies again (changing nothing the second time).
Nothing is sent before you apply. Needs a terminal; for scripts, write the file and
use plan and apply. --accessible (or ACCESSIBLE=1, or TERM=dumb) asks the same as plain
line-by-line prompts.`,
		Example: `workspace-wizard setup --demo          # on a simulated new organization
workspace-wizard setup                 # ANTHROPIC_ADMIN_API_KEY in the environment
workspace-wizard setup -f org.yaml     # start from a plan file
workspace-wizard setup --demo --accessible   # plain prompts`,
	}
	flags := o.bindOrgFlags(cmd, true)
	waitLock := cmd.Flags().Duration("wait-lock", 0, waitLockUsage)
	var accessible bool
	cmd.Flags().BoolVar(&accessible, "accessible", false, "plain line-by-line prompts instead of the full-screen setup (also "+config.EnvAccessible+"=1 or TERM=dumb)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, err := flags.config(o.Getenv, false)
		if err != nil {
			return err
		}
		if !o.Interactive {
			return &config.UsageError{Msg: "setup needs a terminal: for scripts, write a plan file and run workspace-wizard plan -f FILE, then apply -f FILE --yes"}
		}
		var start *plan.File
		if flags.file != "" {
			if start, err = o.readPlan(flags.file); err != nil {
				return err
			}
		}
		admin, closeDemo, err := o.connectOrg(cfg, fakeapi.PresetNew)
		if err != nil {
			return err
		}
		defer closeDemo()
		org, err := admin.Organization(cmd.Context())
		if err != nil {
			return err
		}
		if err := o.checkPin(cmd.Context(), admin, start); err != nil {
			return err
		}
		key := cfg.APIKey
		if cfg.Demo {
			key = config.Secret(fakeapi.DemoKey)
		}
		path := flags.file
		if path == "" || path == "-" {
			path = "org.yaml"
		}
		run := setup.Run
		if accessible || plainPrompts(o.Getenv) {
			run = setup.RunAccessible
		}
		res := run(cmd.Context(), setup.Options{Admin: o.lockCreates(admin, *waitLock), Key: key, File: start, Path: path, Demo: cfg.Demo,
			Input: o.In, Output: o.terminal, Now: o.Now, Sleep: o.Sleep, OrgName: org.Name})
		if res.Saved != "" {
			fmt.Fprintf(o.ErrOut, "The plan is saved in %s: workspace-wizard apply -f %s applies it again.\n", res.Saved, res.Saved)
		}
		switch {
		case errors.Is(res.Err, setup.ErrQuit):
			if res.Unsaved {
				fmt.Fprintln(o.ErrOut, "Left the setup: nothing was sent, and the plan's changes were not saved.")
			}
			return nil
		case res.Err != nil:
			return &shownError{res.Err}
		}
		return nil
	}
	return cmd
}

// plainPrompts reports whether the environment asks for accessible mode,
// as the create command's flags read it (internal/config): ACCESSIBLE set
// to 1, true, yes or on, or TERM=dumb.
func plainPrompts(getenv func(string) string) bool {
	switch strings.ToLower(strings.TrimSpace(getenv(config.EnvAccessible))) {
	case "1", "true", "yes", "on":
		return true
	}
	return getenv("TERM") == "dumb"
}
