package fakeapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func TestAuthAndHeaders(t *testing.T) {
	const custom = "sk-ant-admin01-custom-key-for-this-test"
	tests := []struct {
		name    string
		opts    fakeapi.Options
		edit    func(*http.Request)
		status  int
		typ     string
		message string
	}{
		{"missing key", fakeapi.Options{}, withHeader("x-api-key", ""), 401, "authentication_error", "an admin key is required"},
		{"standard API key", fakeapi.Options{}, withHeader("x-api-key", "sk-ant-api03-abc"), 401, "authentication_error", "this is a standard API key (sk-ant-api…); the Admin API needs an admin key (sk-ant-admin…)"},
		{"not an Anthropic key", fakeapi.Options{}, withHeader("x-api-key", "hunter2"), 401, "authentication_error", "invalid admin key"},
		{"wrong admin key", fakeapi.Options{AdminKey: custom}, withHeader("x-api-key", fakeapi.DemoKey), 401, "authentication_error", "invalid admin key"},
		{"standard key with AdminKey set", fakeapi.Options{AdminKey: custom}, withHeader("x-api-key", "sk-ant-api03-abc"), 401, "authentication_error", "this is a standard API key"},
		{"missing anthropic-version", fakeapi.Options{}, withHeader("anthropic-version", ""), 400, "invalid_request_error", "anthropic-version: header is required"},
		{"unknown anthropic-version", fakeapi.Options{}, withHeader("anthropic-version", "2099-01-01"), 400, "invalid_request_error", `anthropic-version: "2099-01-01" is not a valid version`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, tc.opts)
			r := send(t, srv, "POST", workspacesPath, `{"name":"x"}`, tc.edit)
			wantError(t, r, tc.status, tc.typ, tc.message)
			if n := len(srv.Workspaces()); n != 0 {
				t.Errorf("%d workspaces stored, want 0", n)
			}
		})
	}
}

func TestAdminKeyOption(t *testing.T) {
	const custom = "sk-ant-admin01-custom-key-for-this-test"
	srv := newServer(t, fakeapi.Options{AdminKey: custom})
	var org map[string]string
	decodeOK(t, send(t, srv, "GET", "/v1/organizations/me", "", withHeader("x-api-key", custom)), &org)
	if org["name"] != fakeapi.DefaultOrgName {
		t.Errorf("org = %v", org)
	}
}

func TestRouting(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	tests := []struct {
		name, method, path string
		status             int
		typ                string
	}{
		{"unknown path", "GET", "/v1/organizations/nope", 404, "not_found_error"},
		{"outside the admin API", "GET", "/v1/messages", 404, "not_found_error"},
		{"trailing slash", "GET", "/v1/organizations/workspaces/", 404, "not_found_error"},
		{"too deep", "GET", "/v1/organizations/workspaces/a/b/c", 404, "not_found_error"},
		{"delete a workspace", "DELETE", "/v1/organizations/workspaces/wrkspc_x", 405, "invalid_request_error"},
		{"GET archive", "GET", "/v1/organizations/workspaces/wrkspc_x/archive", 405, "invalid_request_error"},
		{"PUT list", "PUT", workspacesPath, 405, "invalid_request_error"},
		{"doubled slash", "GET", "/v1/organizations//workspaces", 404, "not_found_error"},
		{"dot segment", "GET", "/v1/organizations/workspaces/../me", 404, "not_found_error"},
		{"root", "GET", "/", 404, "not_found_error"},
		{"escaped slash in a workspace id", "GET", workspacesPath + "/a%2Fb", 404, "not_found_error"},
		{"escaped slash where a path segment is", "GET", "/v1/organizations/workspaces%2Fwrkspc_x", 404, "not_found_error"},
		{"PUT members", "PUT", workspacesPath + "/wrkspc_x/members", 405, "invalid_request_error"},
		{"PATCH a member", "PATCH", workspacesPath + "/wrkspc_x/members/user_x", 405, "invalid_request_error"},
		{"PUT an invite", "PUT", "/v1/organizations/invites/invite_x", 405, "invalid_request_error"},
		{"GET a workspace rate limit", "GET", workspacesPath + "/wrkspc_x/rate_limits/rl_x", 405, "invalid_request_error"},
		{"POST the organization's rate limits", "POST", "/v1/organizations/rate_limits", 405, "invalid_request_error"},
		{"GET validate", "GET", "/v1/organizations/external_keys/ekey_x/validate", 405, "invalid_request_error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, srv, tc.method, tc.path, "")
			wantError(t, r, tc.status, tc.typ, "")
		})
	}
	r := send(t, srv, "DELETE", workspacesPath+"/wrkspc_x", "")
	if allow := r.header.Get("Allow"); allow != "GET, POST" {
		t.Errorf("Allow = %q, want \"GET, POST\"", allow)
	}
	r = send(t, srv, "PATCH", workspacesPath+"/wrkspc_x/members/user_x", "")
	if allow := r.header.Get("Allow"); allow != "DELETE, GET, POST" {
		t.Errorf("Allow = %q, want \"DELETE, GET, POST\"", allow)
	}
	// The id is the unescaped segment; no redirect is ever answered.
	wantError(t, send(t, srv, "GET", workspacesPath+"/a%2Fb", ""), 404, "not_found_error", "workspace a/b not found")
	wantError(t, send(t, srv, "GET", "/v1/organizations//me", ""), 404, "not_found_error", "Not found: GET /v1/organizations//me is not an Admin API endpoint")
	if n := len(srv.PendingFaults()); n != 0 {
		t.Errorf("faults = %d", n)
	}
}

func TestBodyTooLarge(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	big := `{"name":"x","tags":{"k":"` + strings.Repeat("a", 1<<20) + `"}}`
	wantError(t, send(t, srv, "POST", workspacesPath, big), 413, "request_too_large", "request body is larger than")
	if n := len(srv.Workspaces()); n != 0 {
		t.Errorf("%d workspaces stored, want 0", n)
	}
}

func TestRequestsAreRecordedWithoutTheKey(t *testing.T) {
	const key = "sk-ant-admin01-SECRETSECRETSECRET-zzzz"
	srv := newServer(t, fakeapi.Options{})
	body := `{"name":"Recorded","tags":{"env":"prod"}}`
	create(t, srv, body)
	send(t, srv, "GET", workspacesPath+"?limit=5&include_archived=true", "", withHeader("x-api-key", key), withHeader("anthropic-beta", "b1,b2"))
	send(t, srv, "GET", "/v1/organizations/me", "", withHeader("x-api-key", "sk-ant-api03-OTHERSECRET"))
	send(t, srv, "GET", "/v1/organizations/me", "", withHeader("x-api-key", ""), withHeader("Authorization", "Bearer BEARERSECRET"))

	reqs := srv.Requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests recorded, want 4", len(reqs))
	}
	first := reqs[0]
	if first.Method != "POST" || first.Path != workspacesPath || string(first.Body) != body || !first.KeyPresent || first.KeyPrefix != "sk-ant-admin" {
		t.Errorf("first request = %+v", first)
	}
	if first.Header.Get("anthropic-version") != "2023-06-01" || !requestIDRe.MatchString(first.RequestID) || !first.Time.Equal(fixedNow) {
		t.Errorf("first request headers/id/time = %v %q %v", first.Header, first.RequestID, first.Time)
	}
	second := reqs[1]
	if second.Query.Get("limit") != "5" || second.Query.Get("include_archived") != "true" || second.Header.Get("anthropic-beta") != "b1,b2" {
		t.Errorf("second request = %+v", second)
	}
	if reqs[2].KeyPrefix != "sk-ant-api" || reqs[3].KeyHeader != "authorization" || reqs[3].KeyPrefix != "" {
		t.Errorf("key facts = %+v / %+v", reqs[2], reqs[3])
	}
	for i, r := range reqs {
		for _, secret := range []string{key, "SECRETSECRET", fakeapi.DemoKey, "OTHERSECRET", "BEARERSECRET"} {
			if dump := strings.Join([]string{r.Method, r.Path, r.Query.Encode(), string(r.Body), headerDump(r.Header)}, "\n"); strings.Contains(dump, secret) {
				t.Errorf("request %d stores %q:\n%s", i, secret, dump)
			}
		}
		if r.Header.Get("x-api-key") != "" || r.Header.Get("authorization") != "" {
			t.Errorf("request %d keeps a credential header", i)
		}
	}
	if n := srv.CountRequests("GET", "/v1/organizations/me"); n != 2 {
		t.Errorf("CountRequests(GET me) = %d, want 2", n)
	}
	if n := srv.CountRequests("POST", workspacesPath); n != 1 {
		t.Errorf("CountRequests(POST workspaces) = %d, want 1", n)
	}
}

func headerDump(h http.Header) string {
	var b strings.Builder
	_ = h.Write(&b)
	return b.String()
}

func TestStartTwiceAndCloseTwice(t *testing.T) {
	srv := fakeapi.New(fakeapi.Options{})
	url, err := srv.Start()
	if err != nil || !strings.HasPrefix(url, "http://127.0.0.1:") || srv.URL() != url {
		t.Fatalf("Start() = %q, %v; URL() = %q", url, err, srv.URL())
	}
	if _, err := srv.Start(); err == nil {
		t.Error("second Start succeeded")
	}
	srv.Close()
	srv.Close()
	if _, err := http.Get(url + "/v1/organizations/me"); err == nil {
		t.Error("server still answers after Close")
	}
}

// The key comes as SDK v2 sends it (Authorization: Bearer) or as SDK v1 and
// curl send it (x-api-key); either version the API serves is accepted.
func TestKeyHeadersAndVersions(t *testing.T) {
	bearer := func(r *http.Request) {
		r.Header.Del("x-api-key")
		r.Header.Set("Authorization", "Bearer "+fakeapi.DemoKey)
	}
	tests := []struct {
		name      string
		edits     []func(*http.Request)
		status    int
		keyHeader string
		message   string
	}{
		{"x-api-key, 2023-06-01", nil, 200, "x-api-key", ""},
		{"x-api-key, 2026-10-21", []func(*http.Request){withHeader("anthropic-version", "2026-10-21")}, 200, "x-api-key", ""},
		{"Bearer, 2026-10-21", []func(*http.Request){bearer, withHeader("anthropic-version", "2026-10-21")}, 200, "authorization", ""},
		{"Bearer, 2023-06-01", []func(*http.Request){bearer}, 200, "authorization", ""},
		{"lower-case bearer", []func(*http.Request){withHeader("x-api-key", ""), withHeader("Authorization", "bearer "+fakeapi.DemoKey)}, 200, "authorization", ""},
		{"neither header", []func(*http.Request){withHeader("x-api-key", "")}, 401, "", "an admin key is required: send it as \"Authorization: Bearer <key>\" or \"x-api-key: <key>\""},
		{"Bearer without a key", []func(*http.Request){withHeader("x-api-key", ""), withHeader("Authorization", "Bearer ")}, 401, "", "an admin key is required"},
		{"Basic is not Bearer", []func(*http.Request){withHeader("x-api-key", ""), withHeader("Authorization", "Basic "+fakeapi.DemoKey)}, 401, "", "an admin key is required"},
		{"Bearer standard key", []func(*http.Request){withHeader("x-api-key", ""), withHeader("Authorization", "Bearer sk-ant-api03-abc")}, 401, "authorization", "this is a standard API key"},
		{"unknown version", []func(*http.Request){bearer, withHeader("anthropic-version", "2025-01-01")}, 400, "authorization", `anthropic-version: "2025-01-01" is not a valid version; use "2026-10-21"`},
		{"no version", []func(*http.Request){bearer, withHeader("anthropic-version", "")}, 400, "authorization", "anthropic-version: header is required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, fakeapi.Options{})
			r := send(t, srv, "POST", workspacesPath, `{"name":"x"}`, tc.edits...)
			if tc.status == 200 {
				var w fakeapi.Workspace
				decodeOK(t, r, &w)
			} else {
				wantError(t, r, tc.status, map[int]string{400: "invalid_request_error", 401: "authentication_error"}[tc.status], tc.message)
			}
			if n := len(srv.Workspaces()); (n == 1) != (tc.status == 200) {
				t.Errorf("%d workspaces stored after a %d", n, tc.status)
			}
			if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].KeyHeader != tc.keyHeader {
				t.Errorf("requests = %+v; want one, its key from %q", reqs, tc.keyHeader)
			}
		})
	}
}

func TestMaxRequestsKeepsTheLatest(t *testing.T) {
	srv := newServer(t, fakeapi.Options{MaxRequests: 2})
	send(t, srv, "GET", "/v1/organizations/me", "")
	send(t, srv, "GET", workspacesPath, "")
	send(t, srv, "GET", "/v1/organizations/users", "")
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Path != workspacesPath || reqs[1].Path != "/v1/organizations/users" {
		t.Errorf("remembered %+v; want the last two", reqs)
	}
	if n := srv.CountRequests("GET", "/v1/organizations/me"); n != 0 {
		t.Errorf("CountRequests(me) = %d; it was forgotten", n)
	}
}
