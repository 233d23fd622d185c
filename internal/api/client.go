// Package api is the program's seam with the Anthropic Admin API: a small
// interface, its implementation over the official SDK, the mapping of API
// errors to typed values, and the create-without-duplicates logic that both
// flag mode and the wizard submit through.
package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/pagination"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// DefaultBaseURL is the Anthropic API's address.
const DefaultBaseURL = "https://api.anthropic.com"

// Admin is everything the program asks of the Admin API. Each method makes
// exactly one HTTP request (or one per page) and never retries on its own:
// retrying is decided by the caller, see Creator.
type Admin interface {
	Organization(ctx context.Context) (*anthropic.OrganizationInfo, error)
	CreateWorkspace(ctx context.Context, p anthropic.OrganizationWorkspaceNewParams) (*anthropic.Workspace, error)
	// ListWorkspaces returns one page; pass the previous page's
	// LastID as afterID for the next.
	ListWorkspaces(ctx context.Context, afterID string, limit int) (*WorkspacePage, error)
	GetWorkspace(ctx context.Context, id string) (*anthropic.Workspace, error)
	ListExternalKeys(ctx context.Context) ([]anthropic.ExternalKey, error)
	ValidateExternalKey(ctx context.Context, id string) (*anthropic.OrganizationExternalKeyValidateResponse, error)
	// ListUsers lists every user (with email, only that address), UserPageSize
	// a page; a walk cut short is an *IncompleteListError beside what was read.
	ListUsers(ctx context.Context, email string) ([]anthropic.OrganizationUser, error)
	// ListUsersPage returns one page of users, for loading a large
	// organization in the background: pass the previous page's LastID as
	// afterID; limit is 1–1000; email, when set, keeps only that address.
	ListUsersPage(ctx context.Context, afterID string, limit int, email string) (*UserPage, error)
	AddMember(ctx context.Context, workspaceID, userID string, role anthropic.NoBillingWorkspaceRole) (*anthropic.WorkspaceMember, error)
	// ListUserProfiles lists every user profile; with an error wrapping
	// ErrListIncomplete it also returns the profiles read before a page bound.
	ListUserProfiles(ctx context.Context) ([]anthropic.UserProfile, error)

	// UpdateWorkspace changes the fields p sets (name, tags, display colour,
	// allowed and default inference geos, a first external key).
	UpdateWorkspace(ctx context.Context, id string, p anthropic.OrganizationWorkspaceUpdateParams) (*anthropic.Workspace, error)
	// ArchiveWorkspace archives a workspace: permanent, and its API keys
	// stop working.
	ArchiveWorkspace(ctx context.Context, id string) (*anthropic.Workspace, error)
	// ListMembers lists every member of a workspace (bounded, as ListUsers).
	ListMembers(ctx context.Context, workspaceID string) ([]anthropic.WorkspaceMember, error)
	UpdateMemberRole(ctx context.Context, workspaceID, userID string, role anthropic.WorkspaceRole) (*anthropic.WorkspaceMember, error)
	RemoveMember(ctx context.Context, workspaceID, userID string) error
	// CreateInvite invites an email to the organization with an
	// organization role; the invitee becomes a user only on accepting.
	CreateInvite(ctx context.Context, email string, role anthropic.OrganizationInviteNewParamsRole) (*anthropic.OrganizationInvite, error)
	// ListInvites lists every invite (pending, accepted, expired); with
	// email, only that address's.
	ListInvites(ctx context.Context, email string) ([]anthropic.OrganizationInvite, error)
	DeleteInvite(ctx context.Context, id string) error
	// ListRateLimits lists the organization's rate-limit groups and limits.
	ListRateLimits(ctx context.Context) ([]anthropic.OrganizationRateLimit, error)
	// ListWorkspaceRateLimits lists a workspace's overrides, and with
	// includeInherited the organization's values it inherits too.
	ListWorkspaceRateLimits(ctx context.Context, workspaceID string, includeInherited bool) ([]anthropic.WorkspaceRateLimit, error)
	// UpdateWorkspaceRateLimit sets (a value) or clears (param.Null) the
	// workspace's overrides of the limiter types named, for one group.
	UpdateWorkspaceRateLimit(ctx context.Context, workspaceID, rateLimitID string, limits []anthropic.WorkspaceRateLimitUpdateValueParam) (*anthropic.WorkspaceRateLimit, error)
}

// WorkspacePage is one page of the workspace list.
type WorkspacePage struct {
	Data    []anthropic.Workspace
	HasMore bool
	LastID  string
}

// Options configure the SDK-backed client.
type Options struct {
	APIKey     string
	BaseURL    string        // DefaultBaseURL when empty
	Timeout    time.Duration // per request; 0 means the SDK's default
	HTTPClient *http.Client  // nil means a client of our own; redirects are never followed either way
	UserAgent  string
}

// Client implements Admin with the official SDK. The SDK's own retries are
// switched off: a retried create could make a second workspace.
type Client struct {
	sdk anthropic.Client
}

var _ Admin = (*Client)(nil)

// New builds a client from explicit options only: no environment variable
// is read, so ANTHROPIC_API_KEY (not an admin key) can never leak in.
func New(o Options) *Client {
	base := o.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	hc := hardened(o.HTTPClient, o.APIKey)
	opts := []option.RequestOption{
		option.WithoutEnvironmentDefaults(),
		option.WithAPIKey(o.APIKey),
		option.WithBaseURL(base),
		option.WithHTTPClient(hc),
		option.WithMaxRetries(0),
	}
	if o.Timeout > 0 {
		opts = append(opts, option.WithRequestTimeout(o.Timeout))
	}
	if o.UserAgent != "" {
		opts = append(opts, option.WithHeader("User-Agent", o.UserAgent))
	}
	return &Client{sdk: anthropic.NewClient(opts...)}
}

// track runs one SDK call with a trace that sees whether a connection was
// ever opened, and maps its error: an error from a call that never got a
// connection is Unsent, so a create that failed so is known not to exist.
func track[T any](ctx context.Context, op string, call func(context.Context) (T, error)) (T, error) {
	var dialing, opened atomic.Bool
	if ctx.Err() != nil {
		var zero T
		return zero, &Error{Op: op, Kind: KindCanceled, Message: "cancelled before the request was sent", Unsent: true, Err: ctx.Err()}
	}
	traced := httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GetConn: func(string) { dialing.Store(true) },
		GotConn: func(httptrace.GotConnInfo) { opened.Store(true) },
	})
	v, err := call(traced)
	if err != nil {
		e := wrap(op, err).(*Error)
		if !opened.Load() || dialFailed(err) {
			e.Unsent = true
			e.connFailed = dialing.Load() && e.Kind != KindCanceled
			if e.Kind == KindCanceled {
				e.Message = "cancelled before the request was sent"
			}
		}
		return v, e
	}
	return v, nil
}

func (c *Client) Organization(ctx context.Context) (*anthropic.OrganizationInfo, error) {
	const op = "check the admin key"
	org, err := track(ctx, op, func(ctx context.Context) (*anthropic.OrganizationInfo, error) {
		return c.sdk.Organization.Get(ctx)
	})
	if err == nil && (org == nil || org.ID == "") {
		return nil, unreadable(op, "organization")
	}
	return org, err
}

func (c *Client) CreateWorkspace(ctx context.Context, p anthropic.OrganizationWorkspaceNewParams) (*anthropic.Workspace, error) {
	const op = "create workspace"
	ws, err := track(ctx, op, func(ctx context.Context) (*anthropic.Workspace, error) {
		return c.sdk.Organization.Workspaces.New(ctx, p)
	})
	if err == nil && (ws == nil || ws.ID == "") {
		// A 2xx without a workspace: the server may have created one.
		return nil, unreadable(op, "workspace")
	}
	return ws, err
}

func (c *Client) ListWorkspaces(ctx context.Context, afterID string, limit int) (*WorkspacePage, error) {
	const op = "list workspaces"
	q := anthropic.OrganizationWorkspaceListParams{Limit: param.NewOpt(int64(limit))}
	if afterID != "" {
		q.AfterID = param.NewOpt(afterID)
	}
	page, err := track(ctx, op, func(ctx context.Context) (*pagination.Page[anthropic.Workspace], error) {
		return c.sdk.Organization.Workspaces.List(ctx, q)
	})
	if err != nil {
		return nil, err
	}
	if page == nil {
		return nil, unreadable(op, "page")
	}
	return &WorkspacePage{Data: page.Data, HasMore: page.HasMore, LastID: page.LastID}, nil
}

func (c *Client) GetWorkspace(ctx context.Context, id string) (*anthropic.Workspace, error) {
	const op = "get workspace"
	ws, err := track(ctx, op, func(ctx context.Context) (*anthropic.Workspace, error) {
		return c.sdk.Organization.Workspaces.Get(ctx, id)
	})
	if err == nil && (ws == nil || ws.ID == "") {
		return nil, unreadable(op, "workspace")
	}
	return ws, err
}

// maxPages bounds every paginated walk, so a misbehaving server cannot keep
// the program listing forever. A walk that reaches it says so: see
// IncompleteListError.
const maxPages = 50

// IncompleteListError is a list that could not be read to its end: the
// bound on pages was reached, or the server said there was more without a
// cursor to get it. What was read is still returned beside it.
type IncompleteListError struct {
	What   string // "workspaces", "users", …
	Read   int    // items read before stopping
	Reason string
}

func (e *IncompleteListError) Error() string {
	return fmt.Sprintf("the list of %s is incomplete: %s, after %d", e.What, e.Reason, e.Read)
}

// nextCursor decides whether a walk goes on: "" with a nil error when the
// list is whole, the cursor to ask for next, or an IncompleteListError.
func nextCursor(what string, read, page int, hasMore bool, cursor, previous string) (string, error) {
	switch {
	case !hasMore:
		return "", nil
	case cursor == "" || cursor == previous:
		return "", &IncompleteListError{What: what, Read: read, Reason: "the server said there were more but gave no new cursor to ask for them"}
	case page+1 >= maxPages:
		return "", &IncompleteListError{What: what, Read: read, Reason: fmt.Sprintf("stopped after %d pages while the server still said there were more", maxPages)}
	}
	return cursor, nil
}

func (c *Client) ListExternalKeys(ctx context.Context) ([]anthropic.ExternalKey, error) {
	const op = "list external keys"
	var out []anthropic.ExternalKey
	q := anthropic.OrganizationExternalKeyListParams{Limit: param.NewOpt(int64(100))}
	for i := 0; ; i++ {
		page, err := track(ctx, op, func(ctx context.Context) (*pagination.PageCursor[anthropic.ExternalKey], error) {
			return c.sdk.Organization.ExternalKeys.List(ctx, q)
		})
		if err != nil {
			return nil, err
		}
		if page == nil {
			return nil, unreadable(op, "page")
		}
		out = append(out, page.Data...)
		next, err := nextCursor("external keys", len(out), i, page.NextPage != "", page.NextPage, q.Page.Value)
		if next == "" {
			return out, err
		}
		q.Page = param.NewOpt(next)
	}
}

func (c *Client) ValidateExternalKey(ctx context.Context, id string) (*anthropic.OrganizationExternalKeyValidateResponse, error) {
	const op = "validate external key"
	res, err := track(ctx, op, func(ctx context.Context) (*anthropic.OrganizationExternalKeyValidateResponse, error) {
		return c.sdk.Organization.ExternalKeys.Validate(ctx, id)
	})
	if err == nil && res == nil {
		return nil, unreadable(op, "result")
	}
	return res, err
}

func (c *Client) ListUsers(ctx context.Context, email string) ([]anthropic.OrganizationUser, error) {
	return walkPages(ctx, "list users", "users",
		func(ctx context.Context, after string) (*pagination.Page[anthropic.OrganizationUser], error) {
			q := anthropic.OrganizationUserListParams{Limit: param.NewOpt(int64(UserPageSize))}
			if after != "" {
				q.AfterID = param.NewOpt(after)
			}
			if email != "" {
				q.Email = param.NewOpt(email)
			}
			return c.sdk.Organization.Users.List(ctx, q)
		})
}

func (c *Client) AddMember(ctx context.Context, workspaceID, userID string, role anthropic.NoBillingWorkspaceRole) (*anthropic.WorkspaceMember, error) {
	const op = "add workspace member"
	m, err := track(ctx, op, func(ctx context.Context) (*anthropic.WorkspaceMember, error) {
		return c.sdk.Organization.Workspaces.Members.Add(ctx, workspaceID, anthropic.OrganizationWorkspaceMemberAddParams{UserID: userID, WorkspaceRole: role})
	})
	if err == nil && m == nil {
		return nil, unreadable(op, "member")
	}
	return m, err
}

// unreadable is a 2xx answer without the object it should carry. The server
// said it succeeded, so a create must never be sent again after one: the
// Creator looks for the workspace and otherwise reports an unknown outcome.
func unreadable(op, what string) error {
	return &Error{Op: op, Kind: KindUnknown, Message: "the API answered, but with no " + what + " in its answer"}
}
