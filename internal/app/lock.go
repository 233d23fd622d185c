package app

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/orglock"
)

// The organization lock: apply, setup's apply, the wizard's and flag
// mode's create hold it while they write, so that two runs on one machine
// never create the same workspaces at once. plan and --dry-run take none.

// waitLockUsage is the --wait-lock flag's help.
const waitLockUsage = "when another run is changing the organization on this machine, wait this long for it (e.g. 10m); 0: do not wait (exit 6)"

// lockOrg takes the lock of the organization admin's key belongs to
// (GET /me), waiting up to wait. The returned func releases it.
func (o *Options) lockOrg(ctx context.Context, admin api.Admin, wait time.Duration) (func(), error) {
	org, err := admin.Organization(ctx)
	if err != nil {
		return nil, err
	}
	dir, err := orglock.Dir(o.Getenv)
	if err != nil {
		return nil, err
	}
	l, err := orglock.Acquire(ctx, orglock.Options{
		Dir: dir, OrgID: org.ID, OrgName: org.Name, Wait: wait, Now: o.Now,
		Command: "workspace-wizard " + strings.Join(o.args, " "),
	})
	if err != nil {
		return nil, err
	}
	return l.Release, nil
}

// lockingAdmin is an Admin whose creates hold the organization lock
// (api.CreateLocker): the wizard's and flag mode's, and setup's apply.
// Creates in flight together in this run share one hold.
type lockingAdmin struct {
	api.Admin
	o    *Options
	wait time.Duration

	mu      sync.Mutex
	holds   int
	release func()
}

// lockCreates makes admin's creates take the organization lock.
func (o *Options) lockCreates(admin api.Admin, wait time.Duration) api.Admin {
	if admin == nil {
		return nil
	}
	return &lockingAdmin{Admin: admin, o: o, wait: wait}
}

// LockCreate takes the lock for one create (api.CreateLocker).
func (a *lockingAdmin) LockCreate(ctx context.Context) (func(), error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.holds == 0 {
		release, err := a.o.lockOrg(ctx, a.Admin, a.wait)
		if err != nil {
			return nil, err
		}
		a.release = release
	}
	a.holds++
	var once sync.Once
	return func() {
		once.Do(func() {
			a.mu.Lock()
			defer a.mu.Unlock()
			if a.holds--; a.holds == 0 {
				a.release()
			}
		})
	}, nil
}
