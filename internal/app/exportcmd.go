package app

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/spf13/cobra"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/apply"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// exportCommand writes the organization as it is as a plan file: the way
// in for an organization already in use, and the file a drift check plans.
func (o *Options) exportCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export [-o FILE] [--workspace NAME]...",
		Short: "Write the organization as it is as a plan file; changes nothing",
		Long: `Read the organization and write it as a plan file: every active workspace (or the
ones named with --workspace) with its tags, data residency, encryption key, user
profile, colour, members and rate-limit overrides, the pending invites, and
organization_id, which pins the file to this organization. Planning the file says
nothing to do. It only reads. Without -o the file goes to stdout; -o never replaces
an existing file unless --force is given.

Two active workspaces with the same name cannot be one entry (an entry finds the
one workspace with its name): they are left out, the file's header and stderr say
which, and the exit code is 1 (the file is still written). Values a plan file cannot
hold (a workspace_billing member) are left out with a warning; planning leaves them
alone.

Exit codes: 0 written; 1 written, but some workspaces are not in it (see above), or
the organization could not be read; 2 usage (a --workspace that does not exist, an
existing -o file without --force): nothing written; 4 the key was refused.`,
		Example: `workspace-wizard export -o org.yaml
workspace-wizard export --workspace research-prod --workspace staging
workspace-wizard plan -f org.yaml --detailed-exitcode   # later: 0 no drift, 6 drift
workspace-wizard export --demo`,
	}
	flags := o.bindOrgFlags(cmd, false)
	cmd.Flags().Lookup("json").Hidden = true // the file is the output
	out := cmd.Flags().StringP("output", "o", "", "write the plan file here (default: stdout)")
	force := cmd.Flags().Bool("force", false, "with -o: replace an existing file")
	only := cmd.Flags().StringArray("workspace", nil, "export only this workspace (repeat for more)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, err := flags.config(o.Getenv, false)
		if err != nil {
			return err
		}
		if *out != "" && !*force {
			if _, err := os.Lstat(*out); err == nil {
				return &config.UsageError{Msg: fmt.Sprintf("%s exists; nothing was written. Add --force to replace it, or choose another -o", termsafe.String(*out))}
			}
		}
		admin, closeDemo, err := o.connectOrg(cfg, fakeapi.PresetDemo)
		if err != nil {
			return err
		}
		defer closeDemo()
		ctx := cmd.Context()
		org, err := admin.Organization(ctx)
		if err != nil {
			return err
		}
		observed, err := apply.Observe(ctx, admin, *only...)
		if err != nil {
			return err
		}
		if missing := missingNames(observed, *only); len(missing) > 0 {
			return &config.UsageError{Msg: fmt.Sprintf("the organization has no active workspace named %s; nothing was written (workspace-wizard list shows the names)", termsafe.String(strings.Join(quoteAll(missing), ", ")))}
		}
		ex := plan.Export(observed, org.ID, *only)
		body, err := plan.Marshal(ex.File)
		if err != nil {
			return err
		}
		// The file must read back as it was made: otherwise it is not
		// written at all.
		if _, err := plan.Parse("the export", body); err != nil {
			return fmt.Errorf("the export does not read back as a plan file (a bug; nothing was written): %w", err)
		}
		data := append([]byte(exportHeader(o.Now(), org.Name, org.ID, ex)), body...)
		for _, n := range append(slices.Clone(ex.LeftOut), ex.Notes...) {
			fmt.Fprintln(o.ErrOut, "warning: "+termsafe.String(n))
		}
		if *out == "" {
			if _, err := o.Out.Write(data); err != nil {
				return err
			}
		} else {
			if err := plan.WriteFileAtomic(*out, data, *force); err != nil {
				if errors.Is(err, os.ErrExist) {
					return &config.UsageError{Msg: fmt.Sprintf("%s exists; nothing was written. Add --force to replace it", termsafe.String(*out))}
				}
				return fmt.Errorf("write %s: %w", termsafe.String(*out), err)
			}
			fmt.Fprintf(o.ErrOut, "Wrote %s: %d workspaces, %d invites. workspace-wizard plan -f %s should say nothing to do.\n",
				termsafe.String(*out), len(ex.File.Workspaces), len(ex.File.Invites), termsafe.String(*out))
		}
		if len(ex.LeftOut) > 0 {
			msg := fmt.Sprintf("the file was written, but %d of the organization's workspaces are not in it (see the warnings above)", len(ex.LeftOut))
			fmt.Fprintln(o.ErrOut, msg)
			return &shownError{errors.New(msg)}
		}
		return nil
	}
	return cmd
}

// missingNames are the --workspace names no active workspace has.
func missingNames(o plan.Observed, names []string) []string {
	var missing []string
	for _, n := range names {
		if !slices.ContainsFunc(o.Workspaces, func(w anthropic.Workspace) bool { return w.Name == n && w.ArchivedAt.IsZero() }) {
			missing = append(missing, n)
		}
	}
	return missing
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// exportHeader is the comment at the top of an exported file: when, from
// which organization, and what is not in it. Every line is one line of
// text (termsafe), so nothing from the server can end the comment.
func exportHeader(now time.Time, orgName, orgID string, ex *plan.Exported) string {
	lines := []string{
		fmt.Sprintf("Exported by workspace-wizard at %s", now.UTC().Format(time.RFC3339)),
		fmt.Sprintf("from organization %q (%s).", orgName, orgID),
		"Planning this file says nothing to do until the organization changes:",
		"  workspace-wizard plan -f FILE --detailed-exitcode   (0: no drift, 6: drift)",
	}
	if len(ex.LeftOut) > 0 {
		lines = append(lines, "Not in this file:")
		for _, l := range ex.LeftOut {
			lines = append(lines, "  - "+l)
		}
	}
	if len(ex.Notes) > 0 {
		lines = append(lines, "Left out of the entries (a plan leaves them alone):")
		for _, l := range ex.Notes {
			lines = append(lines, "  - "+l)
		}
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("# " + termsafe.String(l) + "\n")
	}
	return b.String()
}
