package apply

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// Observe reads what the planner compares a file with: the organization's
// active workspaces, users, invites and rate-limit groups, and each
// workspace's members and rate-limit overrides. With names, members and
// overrides are read only for the workspaces with those names (the ones a
// plan file names), since the planner looks at no others; the workspace
// list itself is always read whole.
//
// Every list is bounded. A list that could not be read to its end is an
// error naming the list and how far it got: a plan made from part of the
// organization would create what exists. Nothing is returned with an
// error.
func Observe(ctx context.Context, admin api.Admin, names ...string) (plan.Observed, error) {
	var o plan.Observed
	fail := func(what string, err error) (plan.Observed, error) {
		return plan.Observed{}, fmt.Errorf("read the organization's %s: %w; nothing is planned from part of a list", what, err)
	}
	err := api.EachWorkspace(ctx, admin, func(ws *anthropic.Workspace) bool {
		if ws.ArchivedAt.IsZero() {
			o.Workspaces = append(o.Workspaces, *ws)
		}
		return true
	})
	if err != nil {
		return fail("workspaces", err)
	}
	o.ActiveWorkspaces = len(o.Workspaces)
	if o.Users, err = admin.ListUsers(ctx, ""); err != nil {
		return fail("users", err)
	}
	if o.Invites, err = admin.ListInvites(ctx, ""); err != nil {
		return fail("invites", err)
	}
	if o.RateLimits, err = admin.ListRateLimits(ctx); err != nil {
		return fail("rate limits", err)
	}

	var ids []string
	for _, ws := range o.Workspaces {
		if len(names) == 0 || slices.Contains(names, ws.Name) {
			ids = append(ids, ws.ID)
		}
	}
	o.Members = make(map[string][]anthropic.WorkspaceMember, len(ids))
	o.WorkspaceRateLimits = make(map[string][]anthropic.WorkspaceRateLimit, len(ids))
	var (
		mu    sync.Mutex
		first error
	)
	forEach(ctx, len(ids), DefaultConcurrency, func(ctx context.Context, i int) {
		id := ids[i]
		members, err := admin.ListMembers(ctx, id)
		if err != nil {
			err = fmt.Errorf("the members of workspace %s: %w", id, err)
		}
		var limits []anthropic.WorkspaceRateLimit
		if err == nil {
			if limits, err = admin.ListWorkspaceRateLimits(ctx, id, false); err != nil {
				err = fmt.Errorf("the rate limits of workspace %s: %w", id, err)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if first == nil {
				first = err
			}
			return
		}
		o.Members[id], o.WorkspaceRateLimits[id] = members, limits
	})
	if first == nil && ctx.Err() != nil {
		first = ctx.Err()
	}
	if first != nil {
		return fail("workspaces' members and rate limits", first)
	}
	return o, nil
}

// forEach calls fn for 0..n-1, at most limit at a time, and returns when
// every call has. Once ctx is done no new call starts.
func forEach(ctx context.Context, n, limit int, fn func(ctx context.Context, i int)) {
	if limit < 1 {
		limit = 1
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(limit, n) {
		wg.Go(func() {
			for i := range next {
				fn(ctx, i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// ObserveReferences reads what the file's ids are checked against: the
// organization's encryption keys (with keys) and user profiles (with
// profiles). A key that may not list them (403, 404) is not an error: the
// reason is kept and the plan notes each id it could not check. Any other
// failure is, as for Observe's lists.
func ObserveReferences(ctx context.Context, admin api.Admin, o *plan.Observed, keys, profiles bool) error {
	unreadable := func(err error) string {
		var e *api.Error
		if errors.As(err, &e) && (e.Status == http.StatusForbidden || e.Status == http.StatusNotFound) {
			return fmt.Sprintf("this key may not list them (%d %s)", e.Status, e.Type)
		}
		return ""
	}
	if keys {
		ks, err := admin.ListExternalKeys(ctx)
		switch {
		case err == nil:
			o.ExternalKeys = append([]anthropic.ExternalKey{}, ks...)
		case unreadable(err) != "":
			o.KeysUnreadable = unreadable(err)
		default:
			return fmt.Errorf("read the organization's encryption keys: %w; nothing is planned from part of a list", err)
		}
	}
	if profiles {
		ps, err := admin.ListUserProfiles(ctx)
		switch {
		case err == nil:
			o.UserProfiles = append([]anthropic.UserProfile{}, ps...)
		case unreadable(err) != "":
			o.ProfilesUnreadable = unreadable(err)
		default:
			return fmt.Errorf("read the organization's user profiles: %w; nothing is planned from part of a list", err)
		}
	}
	return nil
}
