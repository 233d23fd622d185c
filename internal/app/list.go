package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/spf13/cobra"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// listCommand lists the organization's active workspaces: what exists,
// and the way to check after an outcome was unknown (exit 5).
func (o *Options) listCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "List the organization's active workspaces",
		Long: `List the organization's active workspaces: id, name, when created, and tags.
It is the way to check after a create or apply whose outcome was unknown (exit 5):
look for the workspace's name, created after the time the message gave.
--json prints the workspaces as the API returned them.`,
		Example: `workspace-wizard list
workspace-wizard list --json | jq -r '.[] | select(.name == "research-prod") | .id'
workspace-wizard list --demo`,
	}
	flags := o.bindOrgFlags(cmd, false)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, err := flags.config(o.Getenv, false)
		if err != nil {
			return err
		}
		admin, closeDemo, err := o.connectOrg(cfg, fakeapi.PresetDemo)
		if err != nil {
			return err
		}
		defer closeDemo()
		var list []anthropic.Workspace
		walkErr := api.EachWorkspace(cmd.Context(), admin, func(ws *anthropic.Workspace) bool {
			if ws.ArchivedAt.IsZero() {
				list = append(list, *ws)
			}
			return true
		})
		if walkErr != nil && len(list) == 0 {
			return walkErr
		}
		// What was read is printed even when the list was cut short; the
		// error then says so, and the exit code is not 0.
		if cfg.JSON {
			printWorkspacesJSON(o, list)
		} else {
			printWorkspacesTable(o, list)
		}
		return walkErr
	}
	return cmd
}

func printWorkspacesJSON(o *Options, list []anthropic.Workspace) {
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, ws := range list {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString(ws.RawJSON())
	}
	buf.WriteString("]")
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		out = buf
	}
	fmt.Fprintln(o.Out, string(termsafe.JSON(out.Bytes())))
}

func printWorkspacesTable(o *Options, list []anthropic.Workspace) {
	if len(list) == 0 {
		fmt.Fprintln(o.Out, "The organization has no active workspaces.")
		return
	}
	tw := tabwriter.NewWriter(o.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCREATED\tTAGS")
	for _, ws := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termsafe.String(ws.ID), termsafe.String(ws.Name),
			ws.CreatedAt.UTC().Format("2006-01-02 15:04:05Z"), termsafe.String(api.TagList(ws.Tags)))
	}
	tw.Flush()
	fmt.Fprintf(o.Out, "%d active workspaces.\n", len(list))
}
