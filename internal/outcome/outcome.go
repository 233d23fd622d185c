// Package outcome is the one table from what ended a run to what the
// person reads and the exit code a script sees: for each kind of error, its
// message, its hint (what to do next) and its exit code.
//
// Flag mode (internal/app) prints Explain and exits with ExitCode. The
// wizard's failure screens and its accessible mode are to use the same rows
// next (Of, then Row.Message and Row.Hint), instead of the wording of their
// own they have today, and the wizard's cancel errors are to become
// ErrCancelled and ErrCancelledAfterRefusal. The package imports no UI and
// not internal/app, so internal/ui can import it.
package outcome

import (
	"errors"
	"fmt"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/orglock"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// Exit codes: scripts rely on these, and the README lists them.
const (
	ExitOK         = 0
	ExitFailed     = 1 // nothing was created
	ExitUsage      = 2 // invalid input or usage; nothing was sent
	ExitIncomplete = 3 // created, but not all of the request took effect
	ExitAuth       = 4 // the key was refused or lacks permission
	ExitUnknown    = 5 // the workspace may exist: check before trying again
	ExitBusy       = 7 // another run on this machine is changing the organization; nothing was sent
	ExitCancelled  = 130
	// ExitPending is plan --detailed-exitcode's "changes pending": the
	// organization differs from the file (conflicts count).
	ExitPending = 6
)

// ErrChangesPending ends plan --detailed-exitcode when the plan has
// changes or conflicts: exit 6, the plan already printed.
var ErrChangesPending = errors.New("changes pending")

// ErrCancelled is a quit before anything was sent.
var ErrCancelled = errors.New("cancelled")

// ErrCancelledAfterRefusal is a quit after a create was sent and refused:
// something was sent, but nothing was created. It wraps ErrCancelled.
var ErrCancelledAfterRefusal = fmt.Errorf("%w; the API refused the earlier create, so nothing was created", ErrCancelled)

// IncompleteError is a create that made the workspace, but not all of the
// request took effect (503 workspace_created_incomplete): Result holds the
// workspace and the API's words.
type IncompleteError struct{ Result *api.Result }

func (e *IncompleteError) Error() string {
	return "the workspace was created, but not all of the request took effect"
}

// TwinError is a create that made the workspace while another active
// workspace of the same name appeared (api.Result.Twins): most likely
// another run, on another machine, created it too.
type TwinError struct{ Result *api.Result }

func (e *TwinError) Error() string {
	return fmt.Sprintf("the workspace %s was created, and meanwhile another workspace of the same name appeared: %s",
		e.Result.Workspace.ID, strings.Join(e.Result.Twins, ", "))
}

// Kind is what ended the run, sorted by what the person can do about it.
type Kind int

const (
	OK                    Kind = iota
	Usage                      // the command line cannot be run as written (*config.UsageError)
	Cancelled                  // the person cancelled (ErrCancelled, or the API call was cancelled)
	CancelledAfterRefusal      // cancelled after the API refused a create (ErrCancelledAfterRefusal)
	UnknownOutcome             // the workspace may exist (*api.UnknownOutcomeError)
	Incomplete                 // created, but not all of the request took effect (*IncompleteError)
	Redirect                   // the API answered 3xx; it was not followed
	KeyRefused                 // 401: the key was not accepted
	KeyForbidden               // 403: the key may not do this
	Egress                     // sandbox_egress_restricted: the key may not be used from here
	RateLimited                // 429, and it kept refusing
	FieldRefused               // 4xx about one field, a Workspace Policy violation among them
	Refused                    // another 4xx: the request was refused as it stands
	Billing                    // 402
	Network                    // the connection failed, or no answer in time
	Server                     // 5xx or 529
	Busy                       // another run holds the organization's lock (*orglock.HeldError)
	Twin                       // created, and another of the same name appeared meanwhile (*TwinError)
	Pending                    // plan --detailed-exitcode: the organization differs from the file (ErrChangesPending)
	Other                      // anything else; the last kind
)

// Row is what the table holds for one Kind. Message and Hint take the error
// itself, for its own words: the API's message, type and request id (made
// terminal-safe), the flag to change, the workspace to look for.
type Row struct {
	Exit int
	// Message says what happened.
	Message func(err error) string
	// Hint says what to do next; "" when there is nothing to do.
	Hint func(err error) string
}

// table is the one place that says, for each Kind, what the person reads
// and what a script sees.
var table = [...]Row{
	OK:                    {ExitOK, text(""), text("")},
	Usage:                 {ExitUsage, usageMessage, text("Run workspace-wizard --help for every flag.")},
	Cancelled:             {ExitCancelled, cancelledMessage, cancelledHint},
	CancelledAfterRefusal: {ExitCancelled, text("Cancelled. The API refused the earlier create, so nothing was created."), text("")},
	UnknownOutcome:        {ExitUnknown, unknownMessage, unknownHint},
	Incomplete:            {ExitIncomplete, incompleteMessage, incompleteHint},
	Redirect:              {ExitFailed, apiMessage, text(nothingCreated)},
	KeyRefused: {ExitAuth, apiMessage, text("The key was not accepted. Use an admin key (sk-ant-admin…) from the Console under " +
		"Settings → Admin keys; a regular API key cannot manage workspaces.")},
	KeyForbidden: {ExitAuth, apiMessage, text("The key is valid but may not do this. Only organization admins can create " +
		"workspaces: ask an admin, or use an admin key of theirs.")},
	Egress: {ExitAuth, apiMessage, text("The key's network access is restricted (sandbox egress): this machine may not reach " +
		"the Admin API with it. Run from a network the key allows, or ask an organization admin.")},
	RateLimited:  {ExitFailed, apiMessage, text(nothingCreated + " Wait a minute, then try again.")},
	FieldRefused: {ExitFailed, apiMessage, fieldHint},
	Refused:      {ExitFailed, apiMessage, text(nothingCreated)},
	Billing:      {ExitFailed, apiMessage, text(nothingCreated)},
	Network:      {ExitFailed, apiMessage, ifNotProcessed},
	Server:       {ExitFailed, apiMessage, ifNotProcessed},
	Other:        {ExitFailed, otherMessage, ifNotProcessed},
	Pending:      {ExitPending, text("Changes are pending: the organization differs from the plan file."), text("")},
	Twin: {ExitIncomplete, func(err error) string { return "Warning: " + termsafe.String(err.Error()) + "." },
		text("Two runs created it at once (another machine, or CI without a concurrency group). Keep one: archive the other in the Console (" + api.ConsoleURL + "). Do not create it again.")},
	Busy: {ExitBusy, func(err error) string { return "Error: " + termsafe.String(err.Error()) + "." },
		text("Run again when it has finished; apply and setup can wait for it: --wait-lock 10m. (plan and --dry-run take no lock.)")},
}

const nothingCreated = "Nothing was created."

// KindOf sorts err into the table's kinds; nil is OK.
func KindOf(err error) Kind {
	var (
		usage      *config.UsageError
		incomplete *IncompleteError
		unknown    *api.UnknownOutcomeError
		apiErr     *api.Error
		held       *orglock.HeldError
		twin       *TwinError
	)
	switch {
	case err == nil:
		return OK
	case errors.As(err, &usage):
		return Usage
	case errors.As(err, &held):
		return Busy
	case errors.As(err, &twin):
		return Twin
	case errors.As(err, &incomplete):
		return Incomplete
	case errors.As(err, &unknown):
		return UnknownOutcome
	case errors.Is(err, ErrCancelledAfterRefusal):
		return CancelledAfterRefusal
	case errors.Is(err, ErrCancelled):
		return Cancelled
	case errors.Is(err, ErrChangesPending):
		return Pending
	case errors.As(err, &apiErr):
		return apiKind(apiErr)
	}
	return Other
}

func apiKind(e *api.Error) Kind {
	switch {
	case e.Kind == api.KindCanceled:
		return Cancelled
	case e.Kind == api.KindRedirect:
		return Redirect
	case e.Code == api.CodeSandboxEgressRestricted:
		return Egress
	case e.Kind == api.KindAuth && e.Status == 401:
		return KeyRefused
	case e.Kind == api.KindAuth:
		return KeyForbidden
	case e.Kind == api.KindRateLimited:
		return RateLimited
	case e.Kind == api.KindInvalid && field(e) != "":
		return FieldRefused
	case e.Kind == api.KindInvalid:
		return Refused
	case e.Kind == api.KindBilling:
		return Billing
	case e.Kind == api.KindNetwork || e.Kind == api.KindTimeout:
		return Network
	case e.Kind == api.KindServer || e.Kind == api.KindOverloaded:
		return Server
	}
	return Other
}

// Of is err's row in the table.
func Of(err error) Row { return table[KindOf(err)] }

// ExitCode is the exit code scripts see for err. It is the only place
// that decides one.
func ExitCode(err error) int { return Of(err).Exit }

// Explain is what flag mode prints for err: the message, then the hint on
// its own line. Every line is terminal-safe (termsafe.Lines): a message may
// quote the user's arguments, a file's path or its contents.
func Explain(err error) string {
	row := Of(err)
	msg := row.Message(err)
	if hint := row.Hint(err); hint != "" {
		msg += "\n" + hint
	}
	return termsafe.Lines(msg)
}
