// Package api is the program's seam with the Anthropic Admin API: a small
// interface, its implementation over the official SDK, the mapping of API
// errors to typed values, and the create-without-duplicates logic that both
// flag mode and the wizard submit through.
package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"
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
	ListUsers(ctx context.Context, email string) ([]anthropic.OrganizationUser, error)
	AddMember(ctx context.Context, workspaceID, userID string, role anthropic.NoBillingWorkspaceRole) (*anthropic.WorkspaceMember, error)
	// ListUserProfiles lists every user profile; with an error wrapping
	// ErrListIncomplete it also returns the profiles read before a page bound.
	ListUserProfiles(ctx context.Context) ([]anthropic.UserProfile, error)
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
	HTTPClient *http.Client  // nil means a client of our own
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
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
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

// CheckBaseURL accepts https:// anywhere and http:// only on loopback, so an
// admin key is never sent in clear text across a network.
func CheckBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not a URL; use for example https://api.anthropic.com", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1" {
			return nil
		}
		return fmt.Errorf("%q would send the admin key unencrypted; use https:// (http:// is allowed only for localhost)", raw)
	}
	return fmt.Errorf("%q: the base URL must start with https://", raw)
}

func (c *Client) Organization(ctx context.Context) (*anthropic.OrganizationInfo, error) {
	org, err := c.sdk.Organization.Get(ctx)
	if err == nil && (org == nil || org.ID == "") {
		return nil, unreadable("check the admin key", "organization")
	}
	return org, wrap("check the admin key", err)
}

func (c *Client) CreateWorkspace(ctx context.Context, p anthropic.OrganizationWorkspaceNewParams) (*anthropic.Workspace, error) {
	ws, err := c.sdk.Organization.Workspaces.New(ctx, p)
	if err == nil && (ws == nil || ws.ID == "") {
		// A 2xx without a workspace: the server may have created one.
		return nil, unreadable("create workspace", "workspace")
	}
	return ws, wrap("create workspace", err)
}

func (c *Client) ListWorkspaces(ctx context.Context, afterID string, limit int) (*WorkspacePage, error) {
	q := anthropic.OrganizationWorkspaceListParams{Limit: param.NewOpt(int64(limit))}
	if afterID != "" {
		q.AfterID = param.NewOpt(afterID)
	}
	page, err := c.sdk.Organization.Workspaces.List(ctx, q)
	if err != nil {
		return nil, wrap("list workspaces", err)
	}
	if page == nil {
		return nil, unreadable("list workspaces", "page")
	}
	return &WorkspacePage{Data: page.Data, HasMore: page.HasMore, LastID: page.LastID}, nil
}

func (c *Client) GetWorkspace(ctx context.Context, id string) (*anthropic.Workspace, error) {
	ws, err := c.sdk.Organization.Workspaces.Get(ctx, id)
	if err == nil && (ws == nil || ws.ID == "") {
		return nil, unreadable("get workspace", "workspace")
	}
	return ws, wrap("get workspace", err)
}

// maxPages bounds every paginated walk, so a misbehaving server cannot keep
// the program listing forever.
const maxPages = 50

func (c *Client) ListExternalKeys(ctx context.Context) ([]anthropic.ExternalKey, error) {
	var out []anthropic.ExternalKey
	q := anthropic.OrganizationExternalKeyListParams{Limit: param.NewOpt(int64(100))}
	for range maxPages {
		page, err := c.sdk.Organization.ExternalKeys.List(ctx, q)
		if err != nil {
			return nil, wrap("list external keys", err)
		}
		if page == nil {
			return nil, unreadable("list external keys", "page")
		}
		out = append(out, page.Data...)
		if page.NextPage == "" {
			break
		}
		q.Page = param.NewOpt(page.NextPage)
	}
	return out, nil
}

func (c *Client) ValidateExternalKey(ctx context.Context, id string) (*anthropic.OrganizationExternalKeyValidateResponse, error) {
	res, err := c.sdk.Organization.ExternalKeys.Validate(ctx, id)
	if err == nil && res == nil {
		return nil, unreadable("validate external key", "result")
	}
	return res, wrap("validate external key", err)
}

func (c *Client) ListUsers(ctx context.Context, email string) ([]anthropic.OrganizationUser, error) {
	var out []anthropic.OrganizationUser
	q := anthropic.OrganizationUserListParams{Limit: param.NewOpt(int64(100))}
	if email != "" {
		q.Email = param.NewOpt(email)
	}
	for range maxPages {
		page, err := c.sdk.Organization.Users.List(ctx, q)
		if err != nil {
			return nil, wrap("list users", err)
		}
		if page == nil {
			return nil, unreadable("list users", "page")
		}
		out = append(out, page.Data...)
		if !page.HasMore || page.LastID == "" {
			break
		}
		q.AfterID = param.NewOpt(page.LastID)
	}
	return out, nil
}

func (c *Client) AddMember(ctx context.Context, workspaceID, userID string, role anthropic.NoBillingWorkspaceRole) (*anthropic.WorkspaceMember, error) {
	m, err := c.sdk.Organization.Workspaces.Members.Add(ctx, workspaceID, anthropic.OrganizationWorkspaceMemberAddParams{UserID: userID, WorkspaceRole: role})
	if err == nil && m == nil {
		return nil, unreadable("add workspace member", "member")
	}
	return m, wrap("add workspace member", err)
}

// unreadable is a 2xx answer without the object it should carry. The server
// said it succeeded, so a create must never be sent again after one: the
// Creator looks for the workspace and otherwise reports an unknown outcome.
func unreadable(op, what string) error {
	return &Error{Op: op, Kind: KindUnknown, Message: "the API answered, but with no " + what + " in its answer"}
}
