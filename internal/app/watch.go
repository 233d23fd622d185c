package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// createWatch is the wizard's client, watched for what its creates did, so
// a second signal (which ends the program at once, the wizard's own
// account unfinished) still says what is known: the workspace created (its
// id on stdout, exit 0), a create sent and not answered (exit 5), or
// nothing created (130).
type createWatch struct {
	api.Admin
	w *watched
}

type watched struct {
	mu       sync.Mutex
	inFlight int
	name     string // the workspace of the last create sent
	unclear  bool   // it was sent and not clearly answered
	created  *anthropic.Workspace
}

func (c createWatch) CreateWorkspace(ctx context.Context, p anthropic.OrganizationWorkspaceNewParams) (*anthropic.Workspace, error) {
	c.w.mu.Lock()
	c.w.inFlight++
	c.w.name = p.Name
	c.w.mu.Unlock()
	ws, err := c.Admin.CreateWorkspace(ctx, p)
	c.w.mu.Lock()
	defer c.w.mu.Unlock()
	c.w.inFlight--
	var e *api.Error
	switch {
	case err == nil:
		c.w.created, c.w.unclear = ws, false
	case errors.As(err, &e) && e.NotProcessed():
	default:
		c.w.unclear = true
	}
	return ws, err
}

// lastWords says what the watched creates did, for a second signal.
func (w *watched) lastWords(out, errOut io.Writer, asJSON bool) func() int {
	return func() int {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch {
		case w.created != nil:
			printWorkspace(out, w.created, asJSON, true)
			return outcome.ExitOK
		case w.inFlight > 0 || w.unclear:
			fmt.Fprintf(errOut, "Stopped before the answer was known: the workspace %q may or may not have been created.\nCheck with workspace-wizard list before creating it again.\n", termsafe.String(w.name))
			return outcome.ExitUnknown
		}
		return outcome.ExitCancelled
	}
}
