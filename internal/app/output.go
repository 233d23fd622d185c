package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// submit is flag mode's create: the same api.Creator the wizard uses, with
// progress as lines on stderr.
func (o *Options) submit(ctx context.Context, admin api.Admin) error {
	cfg := o.Config
	fmt.Fprintf(o.ErrOut, "Creating workspace %q…\n", cfg.Spec.Name)
	// What a cancel means is said by the create itself, once it knows: a
	// cancel before the POST ends as "Nothing was sent"; one after it was
	// written is looked into (EventReconciling with a cancelled cause).
	// Nothing here guesses from another goroutine.
	var mayExist atomic.Bool // a POST may be on the wire, or was and is unanswered
	o.last.set(func() int {
		if !mayExist.Load() {
			fmt.Fprintln(o.ErrOut, "Stopped. Nothing was created.")
			return outcome.ExitCancelled
		}
		fmt.Fprintf(o.ErrOut, "Stopped before the answer was known: the workspace %q may or may not have been created.\nCheck with workspace-wizard list before running this again.\n", termsafe.String(cfg.Spec.Name))
		return outcome.ExitUnknown
	})
	c := &api.Creator{API: admin, Now: o.Now, Sleep: o.Sleep, LookAgainAfter: lookAgainAfter(cfg), OnEvent: func(e api.Event) {
		mayExist.Store(e.Kind == api.EventSending || e.Kind == api.EventReconciling)
		switch e.Kind {
		case api.EventWaiting:
			fmt.Fprintf(o.ErrOut, "%s; nothing was created. Trying again in %s…\n", outcome.Short(e.Err), e.Wait.Round(100*time.Millisecond))
		case api.EventReconciling:
			switch {
			case e.Look > 1:
				fmt.Fprintf(o.ErrOut, "Not found yet; looking again (look %d)…\n", e.Look)
			case e.Err != nil && e.Err.Kind == api.KindCanceled:
				fmt.Fprintln(o.ErrOut, "Cancelled after the request was sent: the workspace may have been created. Finding out (Ctrl+C again quits at once)…")
			default:
				fmt.Fprintf(o.ErrOut, "%s; the workspace may have been created. Looking for it; it is never sent again blindly…\n", outcome.Short(e.Err))
			}
		case api.EventRechecking:
			fmt.Fprintf(o.ErrOut, "%s; nothing was created. Validating the encryption key again before sending once more…\n", outcome.Short(e.Err))
		}
	}}
	res, err := c.Create(ctx, cfg.Spec)
	o.last.set(nil) // the outcome is known: it is said below
	if err != nil {
		return err
	}
	if res.Recovered {
		fmt.Fprintln(o.ErrOut, "Found it: the workspace was created although the answer was lost. No second request was needed.")
	}
	printWorkspace(o.Out, res.Workspace, cfg.JSON, false)
	if len(res.Twins) > 0 {
		return &outcome.TwinError{Result: res} // exit 3, explained by printError
	}
	if res.Incomplete != nil {
		return o.incomplete(res)
	}
	return nil
}

// lookAgainAfter is the pause between two looks for a create whose outcome
// is open. The simulated API shows a commit at once, so the demo need not
// wait as long as the real API's replicas may; 0 is the Creator's default.
func lookAgainAfter(cfg *config.Config) time.Duration {
	if cfg.Demo {
		return 300 * time.Millisecond
	}
	return 0
}

// printWorkspace writes the created workspace to stdout: the API's JSON
// exactly as received with --json (only characters a terminal would act on
// or hide are \u-escaped: the same values); else the id alone (idOnly,
// after the wizard has shown it in full) or a summary. Every server string
// is made terminal-safe (termsafe) before it is printed.
func printWorkspace(w io.Writer, ws *anthropic.Workspace, asJSON, idOnly bool) {
	switch {
	case asJSON:
		var buf bytes.Buffer
		if err := json.Indent(&buf, []byte(ws.RawJSON()), "", "  "); err != nil {
			buf.Reset()
			buf.WriteString(ws.RawJSON())
		}
		fmt.Fprintln(w, string(termsafe.JSON(buf.Bytes())))
	case idOnly:
		fmt.Fprintln(w, termsafe.String(ws.ID))
	default:
		fmt.Fprintf(w, "Created workspace %q\n", termsafe.String(ws.Name))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		row := func(k, v string) { fmt.Fprintf(tw, "  %s\t%s\n", k, termsafe.String(v)) }
		row("id", ws.ID)
		row("created", ws.CreatedAt.Local().Format("2006-01-02 15:04:05 MST"))
		if !ws.ArchivedAt.IsZero() {
			row("archived", ws.ArchivedAt.Local().Format("2006-01-02 15:04:05 MST"))
		}
		row("display colour", ws.DisplayColor)
		row("tags", api.TagList(ws.Tags))
		dr := ws.DataResidency
		row("workspace geo", string(dr.WorkspaceGeo))
		row("allowed inference geos", api.AllowedGeos(dr))
		row("default inference geo", string(dr.DefaultInferenceGeo))
		if ws.ExternalKeyID != "" {
			row("encryption key", ws.ExternalKeyID)
			row("compartment id", ws.CompartmentID)
		}
		if ws.UserProfileID != "" {
			row("user profile", ws.UserProfileID+" (permanent)")
		}
		tw.Flush()
		fmt.Fprintf(w, "Next: add members and create an API key for it in the Console: %s\n", api.ConsoleURL)
	}
}

// dryRun prints the request that would be sent, and sends nothing.
func (o *Options) dryRun() error {
	cfg := o.Config
	body, err := json.MarshalIndent(cfg.Spec.Params(), "", "  ")
	if err != nil {
		return err
	}
	if cfg.JSON {
		fmt.Fprintln(o.Out, string(body))
		return nil
	}
	fmt.Fprintln(o.Out, "POST /v1/organizations/workspaces")
	fmt.Fprintln(o.Out, string(body))
	fmt.Fprintln(o.ErrOut, "Dry run: the request is valid. Nothing was sent.")
	return nil
}
