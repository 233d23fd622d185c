package app

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// planCommand prints what applying a plan file would do. It reads the
// organization and sends nothing that changes anything.
func (o *Options) planCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plan -f FILE [--json] [--detailed-exitcode] [--schema]",
		Short: "Show what apply would do with a plan file; changes nothing",
		Long: `Read the organization and show, item by item, what applying the plan file would
create, update, leave alone, or refuse (a conflict: a field that cannot change). It
only reads: nothing is created or changed. --schema prints a JSON Schema of the
file for editors.

Exit codes: 0 the plan was made; 2 the file has errors (each printed at
file:line:column) or the plan has errors (fix the file), or the file is pinned
(organization_id) to another organization; others as for create. With
--detailed-exitcode: 0 nothing to do, 6 changes pending (conflicts count), the
others as without it.`,
		Example: `workspace-wizard plan -f org.yaml
workspace-wizard plan -f org.yaml --json
workspace-wizard plan -f org.yaml --detailed-exitcode   # a drift check: 0 none, 6 drift
workspace-wizard plan --schema > plan.schema.json
workspace-wizard plan --demo -f org.yaml        # against a simulated new organization`,
	}
	flags := o.bindOrgFlags(cmd, true)
	schema := cmd.Flags().Bool("schema", false, "print the plan file's JSON Schema and exit")
	detailed := cmd.Flags().Bool("detailed-exitcode", false, "exit 0 when there is nothing to do, 6 when changes (or conflicts) are pending: a drift check")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if *schema {
			_, err := o.Out.Write(plan.Schema())
			return err
		}
		cfg, err := flags.config(o.Getenv, true)
		if err != nil {
			return err
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
		if err := o.checkPin(cmd.Context(), admin, f); err != nil {
			return err
		}
		observed, err := observe(cmd.Context(), admin, f)
		if err != nil {
			return err
		}
		p := plan.Diff(f, observed)
		if err := o.printPlan(p, cfg.JSON); err != nil {
			return err
		}
		if !p.OK() {
			return &shownError{&config.UsageError{Msg: "the plan has errors"}}
		}
		if !cfg.JSON && p.Changes() > 0 {
			fmt.Fprintf(o.ErrOut, "Nothing was changed. To apply: workspace-wizard apply -f %s\n", flags.file)
		}
		if *detailed && (p.Changes() > 0 || p.Summary.Conflict > 0) {
			return &shownError{outcome.ErrChangesPending}
		}
		return nil
	}
	return cmd
}

// printPlan writes the plan to stdout: JSON, or the table at the
// terminal's width.
func (o *Options) printPlan(p *plan.Plan, asJSON bool) error {
	if asJSON {
		out, err := p.JSON()
		if err != nil {
			return err
		}
		_, err = o.Out.Write(out)
		return err
	}
	_, err := fmt.Fprint(o.Out, p.Text(o.textWidth(o.Out), false))
	return err
}
