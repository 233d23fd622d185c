package ui

import (
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// Every request runs in one of these commands and comes back as a typed
// message; Update and View never wait on the network.

type orgMsg struct {
	org *anthropic.OrganizationInfo
	err error
}

type keyCheckedMsg struct {
	api api.Admin
	org *anthropic.OrganizationInfo
	err error
}

// nameTickMsg fires after typing pauses; seq tells stale ones apart.
type nameTickMsg struct{ seq int }

// namesMsg carries the organization's workspace names (lower-cased) to ids.
type namesMsg struct {
	names map[string]string
	err   error
}

type extKeysMsg struct {
	keys []anthropic.ExternalKey
	err  error
}

type keyValidatedMsg struct {
	id  string
	res *anthropic.OrganizationExternalKeyValidateResponse
	err error
}

// createEventMsg is a progress report from api.Creator.
type createEventMsg struct{ ev api.Event }

// lookedAgainMsg is the answer to a second look for a workspace whose
// create had no clear outcome.
type lookedAgainMsg struct {
	ws  *anthropic.Workspace
	err error
}

type createDoneMsg struct {
	res *api.Result
	err error
}

func orgCmd(ctx context.Context, a api.Admin) tea.Cmd {
	return func() tea.Msg {
		org, err := a.Organization(ctx)
		return orgMsg{org, err}
	}
}

func checkKeyCmd(ctx context.Context, connect func(config.Secret) api.Admin, key config.Secret) tea.Cmd {
	return func() tea.Msg {
		if connect == nil {
			return keyCheckedMsg{err: errors.New("this build cannot connect with a typed key; set ANTHROPIC_ADMIN_API_KEY")}
		}
		a := connect(key)
		org, err := a.Organization(ctx)
		return keyCheckedMsg{api: a, org: org, err: err}
	}
}

// namesCmd lists every workspace once, for the duplicate-name warning.
func namesCmd(ctx context.Context, a api.Admin) tea.Cmd {
	return func() tea.Msg {
		names := map[string]string{}
		err := api.EachWorkspace(ctx, a, func(ws *anthropic.Workspace) bool {
			names[normName(ws.Name)] = ws.ID
			return true
		})
		if err != nil {
			return namesMsg{err: err}
		}
		return namesMsg{names: names}
	}
}

func normName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func extKeysCmd(ctx context.Context, a api.Admin) tea.Cmd {
	return func() tea.Msg {
		keys, err := a.ListExternalKeys(ctx)
		return extKeysMsg{keys, err}
	}
}

func validateKeyCmd(ctx context.Context, a api.Admin, id string) tea.Cmd {
	return func() tea.Msg {
		res, err := a.ValidateExternalKey(ctx, id)
		return keyValidatedMsg{id, res, err}
	}
}

func lookAgainCmd(ctx context.Context, c *api.Creator, ue *api.UnknownOutcomeError, spec api.Spec) tea.Cmd {
	return func() tea.Msg {
		ws, err := c.Find(ctx, spec, ue.Since, ue.Existing)
		return lookedAgainMsg{ws, err}
	}
}

// createRun is one create in flight. Its progress reports go to events
// (dropped if nobody reads them); its verdict is in res and err once done is
// closed, which any number of waiters can see without taking it from the
// others: a waiter left over from a program that has ended cannot swallow it.
type createRun struct {
	events chan tea.Msg
	done   chan struct{}
	res    *api.Result
	err    error
}

// startCreate runs the create in a goroutine and returns at once.
func startCreate(ctx context.Context, c *api.Creator, spec api.Spec) *createRun {
	r := &createRun{events: make(chan tea.Msg, 32), done: make(chan struct{})}
	c.OnEvent = func(ev api.Event) {
		select {
		case r.events <- createEventMsg{ev}:
		default:
		}
	}
	go func() {
		r.res, r.err = c.Create(ctx, spec)
		close(r.done)
	}()
	return r
}

// next waits for the next report, or the verdict.
func (r *createRun) next() tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-r.events:
			return msg
		case <-r.done:
			return createDoneMsg{r.res, r.err}
		}
	}
}

// usersMsg carries the organization's users, for the members screen.
type usersMsg struct {
	users []anthropic.OrganizationUser
	err   error
}

// memberAddedMsg is the answer to one add-member request.
type memberAddedMsg struct {
	user anthropic.OrganizationUser
	role anthropic.NoBillingWorkspaceRole
	err  error
}

func usersCmd(ctx context.Context, a api.Admin) tea.Cmd {
	return func() tea.Msg {
		users, err := a.ListUsers(ctx, "")
		return usersMsg{users, err}
	}
}

// addMemberCmd sends one add-member request, once: a failed add is
// reported, never retried.
func addMemberCmd(ctx context.Context, a api.Admin, workspaceID string, u anthropic.OrganizationUser, role anthropic.NoBillingWorkspaceRole) tea.Cmd {
	return func() tea.Msg {
		_, err := a.AddMember(ctx, workspaceID, u.ID, role)
		return memberAddedMsg{user: u, role: role, err: err}
	}
}
