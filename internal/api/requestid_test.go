package api_test

import (
	"context"
	"errors"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// A write's request-id is caught whether it succeeded or not; a GET's is
// not, so a look-up after a write does not hide the write's.
func TestRequestIDs(t *testing.T) {
	c, srv := newAdmin(t, fakeapi.Options{}, "ok,400")
	ctx, ids := api.WithRequestIDs(context.Background())
	if _, err := c.CreateWorkspace(ctx, anthropic.OrganizationWorkspaceNewParams{Name: "one"}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if got, want := ids.Last(), reqs[len(reqs)-1].RequestID; got != want || got == "" {
		t.Errorf("after a create: %q, want %q", got, want)
	}
	created := ids.Last()
	if _, err := c.ListWorkspaces(ctx, "", 10); err != nil {
		t.Fatal(err)
	}
	if ids.Last() != created {
		t.Errorf("a GET replaced the write's request-id: %q", ids.Last())
	}
	_, err := c.CreateWorkspace(ctx, anthropic.OrganizationWorkspaceNewParams{Name: "two"})
	var e *api.Error
	if !errors.As(err, &e) || ids.Last() != e.RequestID || e.RequestID == created {
		t.Errorf("after a refused create: %q, the error's %v", ids.Last(), err)
	}
	if _, other := api.WithRequestIDs(context.Background()); other.Last() != "" {
		t.Error("a new context has a request-id")
	}
}
