package fakeapi_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func TestParseFaults(t *testing.T) {
	tests := []struct {
		in   string
		want []fakeapi.Fault
	}{
		{"", nil},
		{" 529 , 500-after-commit ", []fakeapi.Fault{{Target: "create", Kind: "529"}, {Target: "create", Kind: "500-after-commit"}}},
		{"429:3,429", []fakeapi.Fault{{Target: "create", Kind: "429", RetryAfter: 3}, {Target: "create", Kind: "429"}}},
		{"list:500,me:401,keys:403,list:429:2", []fakeapi.Fault{{Target: "list", Kind: "500"}, {Target: "me", Kind: "401"}, {Target: "keys", Kind: "403"}, {Target: "list", Kind: "429", RetryAfter: 2}}},
		{"latency=250ms,drop-after-commit", []fakeapi.Fault{{Latency: 250 * time.Millisecond}, {Target: "create", Kind: "drop-after-commit"}}},
		{"429ms:250,429ms,list:429ms:20", []fakeapi.Fault{{Target: "create", Kind: "429ms", RetryAfterMs: 250}, {Target: "create", Kind: "429ms"}, {Target: "list", Kind: "429ms", RetryAfterMs: 20}}},
		{"529-after-commit,503-incomplete,policy-cmek", []fakeapi.Fault{{Target: "create", Kind: "529-after-commit"}, {Target: "create", Kind: "503-incomplete"}, {Target: "create", Kind: "policy-cmek"}}},
		{"409-key-changed,key-validation-failed,403-egress,unknown-code", []fakeapi.Fault{{Target: "create", Kind: "409-key-changed"}, {Target: "create", Kind: "key-validation-failed"}, {Target: "create", Kind: "403-egress"}, {Target: "create", Kind: "unknown-code"}}},
		{"update:policy-cmek,users:unknown-code,create:503-incomplete", []fakeapi.Fault{{Target: "update", Kind: "policy-cmek"}, {Target: "users", Kind: "unknown-code"}, {Target: "create", Kind: "503-incomplete"}}},
		{"ok,ok,529-after-commit", []fakeapi.Fault{{Target: "create", Kind: "ok"}, {Target: "create", Kind: "ok"}, {Target: "create", Kind: "529-after-commit"}}},
		{"members:429,invite-create:ok,invite-create:drop,ws-rate-limit-update:500-after-commit", []fakeapi.Fault{{Target: "members", Kind: "429"},
			{Target: "invite-create", Kind: "ok"}, {Target: "invite-create", Kind: "drop"}, {Target: "ws-rate-limit-update", Kind: "500-after-commit"}}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := fakeapi.ParseFaults(tc.in)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("ParseFaults(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			names := make([]string, len(got))
			for i, f := range got {
				names[i] = f.String()
			}
			again, err := fakeapi.ParseFaults(strings.Join(names, ","))
			if err != nil || !slices.Equal(again, got) {
				t.Errorf("String() does not round-trip: %v -> %v, %v", got, again, err)
			}
		})
	}
	for _, bad := range []string{"418", "list:nope", "moon:500", "500:3", "429:x", "latency=soon", "latency=-1s",
		"429ms:x", "429ms:-5", "529-after-commit:3", "update:503-incomplete", "503", "policy", "ok:3", "invites:503-incomplete"} {
		t.Run("bad "+bad, func(t *testing.T) {
			if _, err := fakeapi.ParseFaults(bad); err == nil {
				t.Errorf("ParseFaults(%q) succeeded", bad)
			}
		})
	}
	_, err := fakeapi.ParseFaults("nope")
	for _, name := range []string{"429[:SECONDS]", "429ms[:MILLISECONDS]", "529", "529-after-commit", "500-after-commit", "drop-after-commit",
		"stall-after-commit", "400-key", "503-incomplete", "policy-cmek", "409-key-changed", "key-validation-failed", "403-egress",
		"unknown-code", "ok", "latency=DURATION", "list:", "invite-create:", "member-update:", "ws-rate-limits:"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error %v does not list %q", err, name)
		}
	}
}

func TestCreateFaults(t *testing.T) {
	tests := []struct {
		fault        string
		status       int
		typ          string
		message      string
		retryAfter   string
		retryAfterMs string
		committed    bool
	}{
		{"429", 429, "rate_limit_error", "rate limit exceeded", "1", "", false},
		{"429:3", 429, "rate_limit_error", "rate limit exceeded", "3", "", false},
		{"429ms:250", 429, "rate_limit_error", "rate limit exceeded: too many requests; retry after 250 milliseconds", "1", "250", false},
		{"429ms:2500", 429, "rate_limit_error", "rate limit exceeded", "3", "2500", false},
		{"429ms", 429, "rate_limit_error", "rate limit exceeded", "1", "1000", false},
		{"529", 529, "overloaded_error", "Overloaded", "", "", false},
		{"529-after-commit", 529, "overloaded_error", "Overloaded", "", "", true},
		{"500", 500, "api_error", "Internal server error", "", "", false},
		{"500-after-commit", 500, "api_error", "Internal server error", "", "", true},
		{"504", 504, "timeout_error", "Request timed out", "", "", false},
		{"504-after-commit", 504, "timeout_error", "Request timed out", "", "", true},
		{"400", 400, "invalid_request_error", "name: a workspace with this name is being archived; choose another name", "", "", false},
		{"400-key", 400, "invalid_request_error", "external_key_id: the key's cloud KMS policy does not grant access to this workspace's compartment", "", "", false},
		{"401", 401, "authentication_error", "invalid x-api-key", "", "", false},
		{"403", 403, "permission_error", "only organization admins can create workspaces", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.fault, func(t *testing.T) {
			srv := newServer(t, fakeapi.Options{})
			addFaults(t, srv, tc.fault)
			r := send(t, srv, "POST", workspacesPath, `{"name":"faulty"}`)
			wantError(t, r, tc.status, tc.typ, tc.message)
			if got := r.header.Get("retry-after"); got != tc.retryAfter {
				t.Errorf("retry-after = %q, want %q", got, tc.retryAfter)
			}
			if got := r.header.Get("retry-after-ms"); got != tc.retryAfterMs {
				t.Errorf("retry-after-ms = %q, want %q", got, tc.retryAfterMs)
			}
			if d := errorDetails(t, r); d != nil {
				t.Errorf("error.details = %v; these faults have no error_code", d)
			}
			if n := len(srv.Workspaces()); (n == 1) != tc.committed || n > 1 {
				t.Errorf("%d workspaces stored; committed should be %v", n, tc.committed)
			}
			// The fault is used up: the next create succeeds.
			create(t, srv, `{"name":"after"}`)
			if left := srv.PendingFaults(); len(left) != 0 {
				t.Errorf("faults left: %v", left)
			}
		})
	}
}

func addFaults(t *testing.T, srv *fakeapi.Server, names string) {
	t.Helper()
	faults, err := fakeapi.ParseFaults(names)
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFaults(faults...)
}

func TestDropFaultsCloseTheConnection(t *testing.T) {
	for _, tc := range []struct {
		fault     string
		committed bool
	}{{"drop-after-commit", true}, {"drop", false}} {
		t.Run(tc.fault, func(t *testing.T) {
			srv := newServer(t, fakeapi.Options{})
			addFaults(t, srv, tc.fault)
			_, err := trySend(srv, "POST", workspacesPath, `{"name":"dropped"}`)
			if err == nil || !(errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "EOF") || strings.Contains(err.Error(), "reset")) {
				t.Fatalf("client error = %v, want an EOF-type error", err)
			}
			ws := srv.Workspaces()
			if (len(ws) == 1) != tc.committed || (tc.committed && ws[0].Name != "dropped") {
				t.Errorf("stored %+v; committed should be %v", ws, tc.committed)
			}
		})
	}
}

func TestStallFaultsHangUntilTheClientGivesUp(t *testing.T) {
	for _, tc := range []struct {
		fault     string
		committed bool
	}{{"stall", false}, {"stall-after-commit", true}} {
		t.Run(tc.fault, func(t *testing.T) {
			srv := newServer(t, fakeapi.Options{})
			addFaults(t, srv, tc.fault)
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			_, err := trySend(srv, "POST", workspacesPath, `{"name":"stalled"}`, func(r *http.Request) {
				*r = *r.WithContext(ctx)
			})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("client error = %v, want the deadline", err)
			}
			if n := len(srv.Workspaces()); (n == 1) != tc.committed {
				t.Errorf("%d workspaces stored; committed should be %v", n, tc.committed)
			}
			create(t, srv, `{"name":"next"}`)
		})
	}
}

func TestCloseReleasesAStalledRequest(t *testing.T) {
	srv := fakeapi.New(fakeapi.Options{})
	if _, err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	addFaults(t, srv, "stall")
	errc := make(chan error, 1)
	go func() {
		_, err := trySend(srv, "POST", workspacesPath, `{"name":"x"}`)
		errc <- err
	}()
	waitFor(t, func() bool { return srv.CountRequests("POST", workspacesPath) == 1 })
	srv.Close()
	select {
	case err := <-errc:
		if err == nil {
			t.Error("the stalled request got an answer")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stalled request was not released by Close")
	}
}

// waitFor polls cond until it holds, failing the test after 5s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestFaultsApplyInOrderPerEndpoint(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	addFaults(t, srv, "429,list:500,529,me:401,keys:403")

	// Refused requests (auth) do not use up faults.
	wantError(t, send(t, srv, "POST", workspacesPath, `{"name":"x"}`, withHeader("x-api-key", "")), 401, "authentication_error", "")

	wantError(t, send(t, srv, "GET", workspacesPath, ""), 500, "api_error", "")
	wantError(t, send(t, srv, "POST", workspacesPath, `{"name":"x"}`), 429, "rate_limit_error", "")
	wantError(t, send(t, srv, "GET", "/v1/organizations/me", ""), 401, "authentication_error", "invalid x-api-key")
	wantError(t, send(t, srv, "POST", workspacesPath, `{"name":"x"}`), 529, "overloaded_error", "")
	wantError(t, send(t, srv, "GET", "/v1/organizations/external_keys", ""), 403, "permission_error", "only organization admins can list external keys")
	create(t, srv, `{"name":"x"}`)
	var p page
	decodeOK(t, send(t, srv, "GET", workspacesPath, ""), &p)
	if len(p.Data) != 1 {
		t.Errorf("list = %v", ids(p.Data))
	}
}

func TestAfterCommitFaultOnARefusedCreate(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	addFaults(t, srv, "500-after-commit")
	wantError(t, send(t, srv, "POST", workspacesPath, `{"name":""}`), 400, "invalid_request_error", "name:")
	if n := len(srv.Workspaces()); n != 0 || len(srv.PendingFaults()) != 0 {
		t.Errorf("%d workspaces, faults left %v; want none of either", n, srv.PendingFaults())
	}
}

func TestLatency(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	addFaults(t, srv, "latency=150ms")
	start := time.Now()
	send(t, srv, "GET", "/v1/organizations/me", "")
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("answer took %v, want at least 150ms", d)
	}
	srv.SetLatency(0)
	if pending := srv.PendingFaults(); len(pending) != 0 {
		t.Errorf("latency was queued as a fault: %v", pending)
	}
}
