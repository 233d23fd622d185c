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
