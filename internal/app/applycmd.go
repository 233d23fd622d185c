package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/applyui"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// maxConcurrency bounds apply --concurrency: more would only meet the
// API's rate limits sooner.
const maxConcurrency = 16

// applyCommand makes the organization what a plan file says: the plan,
// a confirmation (or --yes), the writes, and a table of what became of each.
func (o *Options) applyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "apply -f FILE [--yes] [--json]",
		Short: "Create and update workspaces, members, rate limits and invites from a plan file",
		Long: `Read the organization, plan the file against it (as plan does), and after a
confirmation (or with --yes) send the plan's writes: workspaces first, each created
at most once, then members, rate limits and invites, a few at a time. A failure does
not stop the others. A second apply of the same file sends nothing.
Without a terminal, --yes is required.

Exit codes:
  0 every write done (or nothing to do)   1 some failed, none unknown
  2 the file or the plan has errors, the file is pinned to another organization,
    or --yes is missing: nothing was sent
  3 a workspace was created, but not all of it took effect: do not create it again
  4 the key was refused or may not read the organization
  5 some outcome unknown: check what the table says (workspace-wizard list) before applying again
  6 another run on this machine is changing the organization (see --wait-lock): nothing was sent
  130 cancelled`,
		Example: `workspace-wizard apply -f org.yaml                    # shows the plan, asks y/N
workspace-wizard apply -f org.yaml --yes --json       # scripts and CI
workspace-wizard apply --demo -f org.yaml --yes       # against a simulated new organization
workspace-wizard apply --demo -f org.yaml --yes --demo-faults ok,529-after-commit,members:429`,
	}
	flags := o.bindOrgFlags(cmd, true)
	yes := cmd.Flags().BoolP("yes", "y", false, "apply without asking")
	waitLock := cmd.Flags().Duration("wait-lock", 0, waitLockUsage)
	concurrency := cmd.Flags().Int("concurrency", apply.DefaultConcurrency, fmt.Sprintf("how many writes are in flight at once (1-%d)", maxConcurrency))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, err := flags.config(o.Getenv, true)
		var msgs []string
		if err != nil {
			msgs = append(msgs, err.Error())
		}
		if *concurrency < 1 || *concurrency > maxConcurrency {
			msgs = append(msgs, fmt.Sprintf("--concurrency: give a number from 1 to %d, not %d", maxConcurrency, *concurrency))
		}
		if !*yes && !o.Interactive {
			msgs = append(msgs, "no terminal to confirm on: add --yes to apply without asking (run plan first to see what it would do)")
		}
		if len(msgs) > 0 {
			return &config.UsageError{Msg: strings.Join(msgs, "\n")}
		}
		f, err := o.readPlan(flags.file)
		if err != nil {
			return err
		}
		admin, closeDemo, err := o.connectOrg(cfg, fakeapi.PresetNew)
		if err != nil {
			return err
		}
		defer closeDemo()
		ctx := cmd.Context()
		if err := o.checkPin(ctx, admin, f); err != nil {
			return err
		}
		// Held from before the organization is read until the last write.
		unlock, err := o.lockOrg(ctx, admin, *waitLock)
		if err != nil {
			return err
		}
		defer unlock()
		observed, err := observe(ctx, admin, f)
		if err != nil {
			return err
		}
		p := plan.Diff(f, observed)
		if !p.OK() {
			fmt.Fprint(o.ErrOut, p.Text(o.textWidth(o.ErrOut), false))
			fmt.Fprintln(o.ErrOut, "Nothing was sent: fix the file and run again.")
			return &shownError{&config.UsageError{Msg: "the plan has errors"}}
		}
		if p.Changes() == 0 {
			// Nothing to send: the report lists the conflicts, if any (exit 1).
			return o.finishApply(apply.Unsent(p), cfg.JSON)
		}
		if screen := o.applyScreenFor(*yes, cfg.JSON); screen != nil {
			// The plan, the question, the progress and the report on the
			// terminal's full screen; the report then on stdout.
			rep, err := screen(ctx, applyui.Options{
				In: o.In, Out: o.terminal, Admin: admin, Plan: p, OrgName: orgName(ctx, admin),
				Concurrency: *concurrency, Now: o.Now, Sleep: o.Sleep, LookAgainAfter: lookAgainAfter(cfg),
				Secrets: o.keys.list(),
			})
			if err != nil {
				return err
			}
			return o.finishApply(rep, cfg.JSON)
		}
		if !cfg.JSON || !*yes {
			fmt.Fprint(o.ErrOut, p.Text(o.textWidth(o.ErrOut), false))
		}
		if !*yes {
			if err := o.confirm(ctx, admin, p); err != nil {
				return err
			}
		}
		rep, err := apply.Run(ctx, admin, p, apply.Options{
			Concurrency: *concurrency, Now: o.Now, Sleep: o.Sleep, LookAgainAfter: lookAgainAfter(cfg),
			OnEvent: o.progress(p.Changes()),
			SoFar:   o.reportOnSecondSignal(cfg.JSON),
		})
		o.last.set(nil) // the report is printed in full below
		if err != nil {
			return err
		}
		return o.finishApply(rep, cfg.JSON)
	}
	return cmd
}

// finishApply prints the report on stdout and ends the run with its exit
// code; the report has said what went wrong, so the error is not printed
// again.
func (o *Options) finishApply(rep *apply.Report, asJSON bool) error {
	if err := o.printReport(rep, asJSON); err != nil {
		return err
	}
	if err := rep.Err(); err != nil {
		return &shownError{err}
	}
	return nil
}

// reportOnSecondSignal makes a second signal during apply print the report
// so far on stdout (what is in flight as unknown) and end with its exit
// code, instead of ending with no report although writes have landed.
func (o *Options) reportOnSecondSignal(asJSON bool) func(func() *apply.Report) {
	return func(soFar func() *apply.Report) {
		o.last.set(func() int {
			rep := soFar()
			fmt.Fprintln(o.ErrOut, "Stopped at once: the report so far. Writes still in flight are unknown; run plan to see what took effect.")
			_ = o.printReport(rep, asJSON)
			return rep.ExitCode()
		})
	}
}

// applyScreenFor is the full-screen apply (internal/applyui) when apply
// asks at a terminal: stdin and stderr are terminals, neither --yes nor
// --json is given, and plain prompts were not asked for (ACCESSIBLE=1,
// TERM=dumb). nil means the plain path: the plan printed, a y/N line.
func (o *Options) applyScreenFor(yes, asJSON bool) func(context.Context, applyui.Options) (*apply.Report, error) {
	if yes || asJSON || !o.Interactive || o.Getenv("TERM") == "dumb" {
		return nil
	}
	switch strings.ToLower(strings.TrimSpace(o.Getenv(config.EnvAccessible))) {
	case "1", "true", "yes", "on":
		return nil
	}
	if isTerminal(o.In) && isTerminal(o.terminal) {
		return applyui.Run
	}
	return nil
}

// orgName is the name of the organization the key belongs to, "" when it
// cannot be read.
func orgName(ctx context.Context, admin api.Admin) string {
	if info, err := admin.Organization(ctx); err == nil {
		return info.Name
	}
	return ""
}

// confirm asks on the terminal whether to apply p, naming the organization
// the key belongs to. Anything but y or yes is a no: exit 130, nothing sent.
func (o *Options) confirm(ctx context.Context, admin api.Admin, p *plan.Plan) error {
	org := "this organization"
	if name := orgName(ctx, admin); name != "" {
		org = fmt.Sprintf("%q", termsafe.String(name))
	}
	fmt.Fprintf(o.ErrOut, "Apply these %d changes to %s? [y/N] ", p.Changes(), org)
	in := bufio.NewReader(o.In)
	line, _ := in.ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return confirmArchives(o.ErrOut, in, p)
	}
	fmt.Fprintln(o.ErrOut)
	return outcome.ErrCancelled
}

// confirmArchives asks for the name of each workspace p archives to be
// typed: archiving is permanent, so a y is not enough. A name typed wrong
// cancels, with nothing sent.
func confirmArchives(w io.Writer, in *bufio.Reader, p *plan.Plan) error {
	for _, it := range p.Items {
		if it.Action != plan.Archive {
			continue
		}
		name := termsafe.String(it.Workspace)
		fmt.Fprintf(w, "Archiving %q is permanent: its API keys stop working and it can never be unarchived. Type its name to archive it: ", name)
		line, _ := in.ReadString('\n')
		if strings.TrimRight(line, "\r\n") != it.Workspace {
			fmt.Fprintf(w, "\nThat is not %q; nothing was sent.\n", name)
			return outcome.ErrCancelled
		}
	}
	return nil
}

// progress reports on stderr as items wait, are looked for, and finish.
func (o *Options) progress(total int) func(apply.Event) {
	var finished atomic.Int32
	return func(e apply.Event) {
		name := termsafe.String(e.Item.ID)
		switch e.Kind {
		case apply.EventWaiting:
			fmt.Fprintf(o.ErrOut, "%s: %s; %s. Sending again in %s…\n", name, outcome.Short(e.Err), apply.WaitNote(e.Err), e.Wait.Round(100*time.Millisecond))
		case apply.EventLooking:
			if e.Look > 1 {
				fmt.Fprintf(o.ErrOut, "%s: not found yet; looking again (look %d)…\n", name, e.Look)
				return
			}
			fmt.Fprintf(o.ErrOut, "%s: %s; it may have been created. Looking for it; it is never sent again blindly…\n", name, outcome.Short(e.Err))
		case apply.EventFinished:
			n := finished.Add(1)
			fmt.Fprintf(o.ErrOut, "[%d/%d] %s %s\n", n, total, e.Result.Result, name)
		}
	}
}

// printReport writes the report to stdout: JSON, or the table.
func (o *Options) printReport(rep *apply.Report, asJSON bool) error {
	if asJSON {
		out, err := rep.JSON()
		if err != nil {
			return err
		}
		_, err = o.Out.Write(out)
		return err
	}
	_, err := fmt.Fprint(o.Out, rep.Text(o.textWidth(o.Out)))
	return err
}
