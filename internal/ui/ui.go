// Package ui is the interactive wizard: a Bubble Tea model that walks an
// admin through every field of a new workspace, then submits it through the
// same api.Creator as flag mode.
package ui

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/anthropics/anthropic-sdk-go"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// ErrCancelled is returned when the user quits before anything was sent.
var ErrCancelled = errors.New("cancelled")

// Options is what the wizard needs from main.
type Options struct {
	Config *config.Config
	// API is the client to use; nil means there is no key yet and the wizard
	// asks for one, building the client with Connect.
	API     api.Admin
	Connect func(key config.Secret) api.Admin
	Demo    bool
	Input   io.Reader // the terminal
	Output  io.Writer // the terminal (stderr): stdout is kept for the result
	Now     func() time.Time
}

// Outcome is how the wizard ended. Exactly one of Workspace and Err is set.
type Outcome struct {
	Workspace *anthropic.Workspace
	Result    *api.Result
	// Err is ErrCancelled, an *api.Error, an *api.UnknownOutcomeError, or
	// another failure; main maps it to the exit code.
	Err error
}

// Run runs the full-screen wizard until the workspace is created or the user quits.
func Run(ctx context.Context, o Options) Outcome {
	return Outcome{Err: errors.New("the interactive wizard is not built yet; use --yes")}
}

// RunAccessible runs the same steps as plain line-by-line prompts.
func RunAccessible(ctx context.Context, o Options) Outcome {
	return Run(ctx, o)
}
