package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
	"github.com/anthropic-tools/workspace-wizard/internal/ui"
)

// submit is flag mode's create: the same api.Creator the wizard uses, with
// progress as lines on stderr.
func (o *Options) submit(ctx context.Context, admin api.Admin) error {
	cfg := o.Config
	fmt.Fprintf(o.ErrOut, "Creating workspace %q…\n", cfg.Spec.Name)
	var sending atomic.Bool // a POST may be on its way
	c := &api.Creator{API: admin, Now: o.Now, Sleep: o.Sleep, LookAgainAfter: lookAgainAfter(cfg), OnEvent: func(e api.Event) {
		switch e.Kind {
		case api.EventSending:
			sending.Store(true)
		case api.EventWaiting:
			fmt.Fprintf(o.ErrOut, "%s; nothing was created. Trying again in %s…\n", short(e.Err), e.Wait.Round(100*time.Millisecond))
		case api.EventReconciling:
			if e.Look == 1 {
				fmt.Fprintf(o.ErrOut, "%s; the workspace may have been created. Looking for it; it is never sent again blindly…\n", short(e.Err))
			} else {
				fmt.Fprintf(o.ErrOut, "Not found yet; looking again (look %d)…\n", e.Look)
			}
		case api.EventRechecking:
			fmt.Fprintf(o.ErrOut, "%s; nothing was created. Validating the encryption key again before sending once more…\n", short(e.Err))
		}
	}}
	note := context.AfterFunc(ctx, func() {
		if !sending.Load() {
			fmt.Fprintln(o.ErrOut, "Cancelling before anything is sent…")
			return
		}
		fmt.Fprintln(o.ErrOut, "Cancelling… finding out whether the workspace was created (Ctrl+C again quits at once).")
	})
	defer note()
	res, err := c.Create(ctx, cfg.Spec)
	if err != nil {
		return err
	}
	if res.Recovered {
		fmt.Fprintln(o.ErrOut, "Found it: the workspace was created although the answer was lost. No second request was needed.")
	}
	printWorkspace(o.Out, res.Workspace, cfg.JSON, false)
	if res.Incomplete != nil {
		fmt.Fprintln(o.ErrOut, explainIncomplete(res))
		return &shownError{errIncomplete}
	}
	return nil
}

// explainIncomplete says that the workspace exists but not all of the
// request took effect, in the API's words, and that it must not be created
// again.
func explainIncomplete(res *api.Result) string {
	e := res.Incomplete
	var b strings.Builder
	fmt.Fprintf(&b, "Warning: the workspace %s was created, but not all of the request took effect:\n  %s\n  (%s, HTTP %d%s)\n",
		res.Workspace.ID, e.Message, e.Code, e.Status, requestIDPart(e))
	b.WriteString("Do not create it again: fix what the message names on this workspace, in the Console (" + api.ConsoleURL + ") or with the Update Workspace API.")
	if res.FetchErr != nil {
		b.WriteString("\nReading the workspace back failed too (" + res.FetchErr.Error() + "); only its id is shown.")
	}
	return b.String()
}

func requestIDPart(e *api.Error) string {
	if e.RequestID == "" {
		return ""
	}
	return ", request-id " + e.RequestID
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

// short is one line for an API failure during progress, safe to print.
func short(e *api.Error) string {
	if e == nil {
		return "The request failed"
	}
	return termsafe.String(e.Summary())
}

// explain turns any error into what the user should read: what happened,
// the API's own words, and what to do next.
func explain(err error) string {
	var (
		usage   *config.UsageError
		unknown *api.UnknownOutcomeError
		apiErr  *api.Error
	)
	switch {
	case errors.As(err, &usage):
		return "Error: " + usage.Msg + "\nRun workspace-wizard --help for every flag."
	case errors.Is(err, ui.ErrCancelledAfterRefusal):
		return "Cancelled. The API refused the earlier create, so nothing was created."
	case errors.Is(err, ui.ErrCancelled):
		return "Cancelled. Nothing was sent."
	case errors.As(err, &apiErr) && apiErr.Kind == api.KindCanceled && apiErr.Unsent:
		return "Cancelled. Nothing was sent, so nothing was created."
	case errors.As(err, &unknown):
		looked := fmt.Sprintf("It was looked for %d times and not found", unknown.Looks)
		if unknown.Lookup != nil {
			looked = "Looking for it failed: " + unknown.Lookup.Error()
		}
		return fmt.Sprintf("Outcome unknown: %s.\nThe workspace %q may or may not exist. %s. Do not simply run this again: that could create a second one.\n"+
			"Check first: look for a workspace named %q created after %s in the Console (%s),\n"+
			"or list workspaces with GET /v1/organizations/workspaces. Create it again only if it is not there.",
			short(unknown.Cause), unknown.Name, looked, unknown.Name, unknown.Since.UTC().Format(time.RFC3339), api.ConsoleURL)
	case errors.As(err, &apiErr):
		return explainAPI(apiErr)
	}
	return "Error: " + termsafe.String(err.Error())
}

// explainAPI explains an API failure; the API's words (message, type,
// request id) are made terminal-safe first.
func explainAPI(e *api.Error) string {
	msg, typ, reqID := termsafe.String(e.Message), termsafe.String(e.Type), termsafe.String(e.RequestID)
	var b strings.Builder
	if e.Kind == api.KindRedirect {
		fmt.Fprintf(&b, "Error: could not %s: %s", e.Op, msg)
	} else if e.Status != 0 {
		if e.Code != "" {
			typ += ", " + termsafe.String(e.Code)
		}
		fmt.Fprintf(&b, "Error: the API refused to %s: %s\n  (%s, HTTP %d", e.Op, msg, typ, e.Status)
		if reqID != "" {
			fmt.Fprintf(&b, ", request-id %s", reqID)
		}
		b.WriteString(")")
	} else {
		fmt.Fprintf(&b, "Error: could not %s: %s", e.Op, msg)
	}
	field := e.Field()
	if field == "" {
		field, _ = rules.SplitFieldMessage(e.Message)
	}
	if field != "" && e.Kind == api.KindInvalid {
		fmt.Fprintf(&b, "\nChange %s and run again.", config.FlagFor(field))
		if e.Code == api.CodeWorkspacePolicyViolation {
			b.WriteString(" The organization's Workspace Policy decides what is allowed; an organization admin can see it in the Console.")
		}
	}
	switch {
	case e.Code == api.CodeSandboxEgressRestricted:
		b.WriteString("\nThe key's network access is restricted (sandbox egress): this machine may not reach the Admin API with it. Run from a network the key allows, or ask an organization admin.")
	case e.Kind == api.KindAuth:
		if e.Status == 401 {
			b.WriteString("\nThe key was not accepted. Use an admin key (sk-ant-admin…) from the Console under Settings → Admin keys; a regular API key cannot manage workspaces.")
		} else {
			b.WriteString("\nThe key is valid but may not do this. Only organization admins can create workspaces: ask an admin, or use an admin key of theirs.")
		}
	case e.Kind == api.KindRateLimited:
		b.WriteString("\nNothing was created. Wait a minute and run the same command again.")
	case e.Kind == api.KindCanceled:
		b.WriteString("\nCancelled before the request was sent (again): nothing was created.")
	case e.NotProcessed():
		b.WriteString("\nNothing was created.")
	}
	return b.String()
}
