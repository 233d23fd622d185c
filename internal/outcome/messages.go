package outcome

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// The table's message and hint functions. Each is called only with an
// error of its row's kind, but copes with any.

func text(s string) func(error) string { return func(error) string { return s } }

func usageMessage(err error) string {
	var usage *config.UsageError
	if errors.As(err, &usage) {
		return "Error: " + usage.Msg
	}
	return otherMessage(err)
}

func cancelledMessage(err error) string {
	var e *api.Error
	switch {
	case !errors.As(err, &e):
		return "Cancelled. Nothing was sent."
	case e.Unsent:
		return "Cancelled. Nothing was sent, so nothing was created."
	}
	return apiMessage(err)
}

func cancelledHint(err error) string {
	var e *api.Error
	if errors.As(err, &e) && !e.Unsent {
		return "Cancelled before the request was sent (again): nothing was created."
	}
	return ""
}

func unknownMessage(err error) string {
	var u *api.UnknownOutcomeError
	if !errors.As(err, &u) {
		return otherMessage(err)
	}
	looked := fmt.Sprintf("It was looked for %d times and not found", u.Looks)
	if u.Lookup != nil {
		looked = "Looking for it failed: " + u.Lookup.Error()
	}
	return fmt.Sprintf("Outcome unknown: %s.\nThe workspace %q may or may not exist. %s. Do not simply run this again: that could create a second one.",
		Short(u.Cause), u.Name, looked)
}

func unknownHint(err error) string {
	var u *api.UnknownOutcomeError
	if !errors.As(err, &u) {
		return ""
	}
	return fmt.Sprintf("Check first: look for a workspace named %q created after %s in the Console (%s),\n"+
		"or list workspaces with GET /v1/organizations/workspaces. Create it again only if it is not there.",
		u.Name, u.Since.UTC().Format(time.RFC3339), api.ConsoleURL)
}

func incompleteMessage(err error) string {
	var ie *IncompleteError
	if !errors.As(err, &ie) || ie.Result == nil || ie.Result.Incomplete == nil {
		return "Warning: " + (&IncompleteError{}).Error() + "."
	}
	res, e := ie.Result, ie.Result.Incomplete
	reqID := ""
	if e.RequestID != "" {
		reqID = ", request-id " + termsafe.String(e.RequestID)
	}
	return fmt.Sprintf("Warning: the workspace %s was created, but not all of the request took effect:\n  %s\n  (%s, HTTP %d%s)",
		termsafe.String(res.Workspace.ID), termsafe.String(e.Message), termsafe.String(e.Code), e.Status, reqID)
}

func incompleteHint(err error) string {
	hint := "Do not create it again: fix what the message names on this workspace, in the Console (" + api.ConsoleURL + ") or with the Update Workspace API."
	var ie *IncompleteError
	if errors.As(err, &ie) && ie.Result != nil && ie.Result.FetchErr != nil {
		hint += "\nReading the workspace back failed too (" + termsafe.String(ie.Result.FetchErr.Error()) + "); only its id is shown."
	}
	return hint
}

// apiMessage says what an API call did, in the API's words (message, type,
// request id), made terminal-safe.
func apiMessage(err error) string {
	var e *api.Error
	if !errors.As(err, &e) {
		return otherMessage(err)
	}
	msg, typ, reqID := termsafe.String(e.Message), termsafe.String(e.Type), termsafe.String(e.RequestID)
	if e.Kind == api.KindRedirect || e.Status == 0 {
		return fmt.Sprintf("Error: could not %s: %s", e.Op, msg)
	}
	if e.Code != "" {
		typ += ", " + termsafe.String(e.Code)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Error: the API refused to %s: %s\n  (%s, HTTP %d", e.Op, msg, typ, e.Status)
	if reqID != "" {
		fmt.Fprintf(&b, ", request-id %s", reqID)
	}
	b.WriteString(")")
	return b.String()
}

func otherMessage(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		return apiMessage(err)
	}
	return "Error: " + termsafe.String(err.Error())
}

// fieldHint names the flag to change, and who decides a Workspace Policy.
func fieldHint(err error) string {
	var e *api.Error
	if !errors.As(err, &e) || field(e) == "" {
		return nothingCreated
	}
	hint := fmt.Sprintf("Change %s and run again.", termsafe.String(config.FlagFor(field(e))))
	if e.Code == api.CodeWorkspacePolicyViolation && !strings.Contains(e.Message, "Workspace Policy") {
		// Said once: the API's own message may already name the policy.
		hint += " The organization's Workspace Policy decides what is allowed; an organization admin can see it in the Console."
	}
	return hint + "\n" + nothingCreated
}

// ifNotProcessed says that nothing was created when the API certainly did
// not act on the request.
func ifNotProcessed(err error) string {
	var e *api.Error
	if errors.As(err, &e) && e.NotProcessed() {
		return nothingCreated
	}
	return ""
}

// field is the request field an API refusal is about: the API's
// details.field or error code, else the field its message names.
func field(e *api.Error) string {
	if f := e.Field(); f != "" {
		return f
	}
	f, _ := rules.SplitFieldMessage(e.Message)
	return f
}

// Short is one line for an API failure, safe to print: for progress lines
// and the unknown outcome's message.
func Short(e *api.Error) string {
	if e == nil {
		return "The request failed"
	}
	return termsafe.String(e.Summary())
}
