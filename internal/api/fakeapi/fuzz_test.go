package fakeapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// fuzzServer starts ONE server for a whole fuzz run (each fuzz worker runs
// the target's setup once), not one per input: a server per input used up
// the machine's local ports. It remembers only the latest requests, so a
// long run's memory stays flat. Its client keeps connections alive and
// never follows a redirect, so one would be seen.
func fuzzServer(f *testing.F) (*fakeapi.Server, *http.Client) {
	f.Helper()
	srv := fakeapi.New(fakeapi.Options{Rand: rand.New(rand.NewPCG(3, 4)), MaxWorkspaces: 1 << 30, MaxRequests: 16})
	if _, err := srv.Start(); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(srv.Close)
	transport := &http.Transport{MaxIdleConns: 4, MaxIdleConnsPerHost: 4, IdleConnTimeout: 30 * time.Second}
	f.Cleanup(transport.CloseIdleConnections)
	client := &http.Client{
		Transport:     transport,
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return srv, client
}

// do sends req with the demo key and reads the whole answer, so that the
// connection goes back to the pool.
func do(t *testing.T, client *http.Client, req *http.Request) response {
	t.Helper()
	req.Header.Set("Authorization", "Bearer "+fakeapi.DemoKey)
	req.Header.Set("anthropic-version", "2026-10-21")
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// FuzzCreateBody posts arbitrary bodies: the server must never fail to
// answer, and must answer either 200 with a workspace or 4xx with the API's
// error body.
func FuzzCreateBody(f *testing.F) {
	for _, seed := range []string{
		`{"name":"x"}`,
		`{"name":"x","tags":{"env":"prod"},"display_color":"#6C5BB9"}`,
		`{"name":"x","data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"us","workspace_geo":"us"}}`,
		`{"name":"x","data_residency":{"allowed_inference_geos":"unrestricted"}}`,
		`{"name":"x","external_key_id":"` + fakeapi.DemoExternalKeyAWS + `"}`,
		`{"name":"x","data_residency":{"allowed_inference_geos":[]}}`,
		`{"name":null,"tags":null,"data_residency":null}`,
		`{"name":"\u0000"}`,
		`[]`, `null`, `""`, `{`, ``, "\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	srv, client := fuzzServer(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := http.NewRequest("POST", srv.URL()+workspacesPath, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r := do(t, client, req)
		switch {
		case r.status == http.StatusOK:
			var w fakeapi.Workspace
			if err := json.Unmarshal(r.body, &w); err != nil || !workspaceIDRe.MatchString(w.ID) || w.Name == "" || w.DataResidency.WorkspaceGeo != "us" {
				t.Fatalf("200 without a valid workspace: %v: %s", err, r.body)
			}
		case r.status >= 400 && r.status < 500:
			checkErrorShape(t, r)
		default:
			t.Fatalf("status %d: %s", r.status, r.body)
		}
	})
}

// FuzzRoute sends arbitrary methods, paths and queries: every answer is a
// 2xx with JSON or a 4xx with the API's error body; never a redirect, a 5xx
// or no answer.
func FuzzRoute(f *testing.F) {
	for _, seed := range [][3]string{
		{"GET", "v1/organizations/workspaces", "limit=5&ids[]=wrkspc_x&ids[]=y"},
		{"GET", "v1/organizations/workspaces", "limit=0"},
		{"GET", "v1/organizations/external_keys/arn%3Aaws%3Akms%3Aus-east-1%3A1%3Akey%2Fx", ""},
		{"POST", "v1/organizations/external_keys/" + fakeapi.DemoExternalKeyAWS + "/validate", ""},
		{"DELETE", "v1/organizations/workspaces/wrkspc_x", ""},
		{"GET", "v1/organizations/..%2Fme", ""},
		{"GET", "v1//organizations/me/", ""},
		{"PATCH", "v1/organizations/users", "email=a%40b&roles[]=admin"},
		{"HEAD", "v1/organizations/me", ""},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	srv, client := fuzzServer(f)
	f.Fuzz(func(t *testing.T, method, path, query string) {
		if method == http.MethodConnect || strings.ContainsAny(path, "?#") ||
			strings.ContainsFunc(path+query, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			// CONNECT is a proxy's business; ? and # would end the path; a
			// space or control character breaks the request line, which
			// net/http refuses before the API sees it.
			return
		}
		req, err := http.NewRequest(method, srv.URL()+"/"+path+"?"+query, nil)
		if err != nil {
			return // not a request a client can send
		}
		r := do(t, client, req)
		switch {
		case r.status >= 200 && r.status < 300:
			if method != http.MethodHead && !json.Valid(r.body) {
				t.Fatalf("%d with a body that is not JSON: %q", r.status, r.body)
			}
		case r.status >= 400 && r.status < 500:
			if method != http.MethodHead {
				checkErrorShape(t, r)
			}
		default:
			t.Fatalf("%s %q: status %d: %s", method, path, r.status, r.body)
		}
	})
}
