package app

import "github.com/anthropic-tools/workspace-wizard/internal/outcome"

// The exit codes under the names the tests use.
const (
	exitOK         = outcome.ExitOK
	exitFailed     = outcome.ExitFailed
	exitUsage      = outcome.ExitUsage
	exitIncomplete = outcome.ExitIncomplete
	exitAuth       = outcome.ExitAuth
	exitUnknown    = outcome.ExitUnknown
	exitCancelled  = outcome.ExitCancelled
)
