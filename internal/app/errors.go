package app

import (
	"errors"
	"fmt"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// What the person reads and the exit code a script sees both come from
// internal/outcome's one table; this file only brings errors into its terms.

// exitCode is the exit code for the error that ended the run: a lookup in
// outcome's table.
func exitCode(err error) int { return outcome.ExitCode(problem(err)) }

// explain is what the person reads about that error: a lookup in the same
// table.
func explain(err error) string { return outcome.Explain(problem(err)) }

// problem is err in the outcome table's terms: cobra's own usage errors
// become usage errors.
func problem(err error) error { return cobraUsage(err) }

// shownError is an error the user has already been shown (the wizard's
// failure screen, or an incomplete create's explanation): it sets the exit
// code and is not printed again.
type shownError struct{ err error }

func (e *shownError) Error() string { return e.err.Error() }
func (e *shownError) Unwrap() error { return e.err }

// incomplete explains, where it happens, a create that made the workspace
// but not all of the request took effect, and ends the run with exit 3.
func (o *Options) incomplete(res *api.Result) error {
	err := &outcome.IncompleteError{Result: res}
	fmt.Fprintln(o.ErrOut, outcome.Explain(err))
	return &shownError{err}
}

// cobraUsage makes cobra's own usage errors (an unknown command's
// arguments, completion for an unknown shell) usage errors, exit 2. fang
// recognises them by the same prefixes.
func cobraUsage(err error) error {
	var usage *config.UsageError
	if err == nil || errors.As(err, &usage) {
		return err
	}
	for _, p := range []string{"unknown command", "invalid argument", "accepts ", "unknown flag", "unknown shorthand flag", "flag needs an argument"} {
		if strings.HasPrefix(err.Error(), p) {
			return &config.UsageError{Msg: config.FlagErrorMessage(err)}
		}
	}
	return err
}
