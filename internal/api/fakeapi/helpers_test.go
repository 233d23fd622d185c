package fakeapi_test

import (
	"encoding/json"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

const workspacesPath = "/v1/organizations/workspaces"

var (
	requestIDRe   = regexp.MustCompile(`^req_[0-9A-Za-z]{24}$`)
	workspaceIDRe = regexp.MustCompile(`^wrkspc_[0-9A-Za-z]{24}$`)
	uuidV4Re      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
)

// fixedNow is the clock of servers started by newServer.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 678901000, time.UTC)

// newServer starts a server with a fixed clock and seeded ids.
func newServer(t *testing.T, opts fakeapi.Options) *fakeapi.Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	if opts.Rand == nil {
		opts.Rand = rand.New(rand.NewPCG(1, 2))
	}
	return fakeapitest.New(t, opts)
}

// response is what came back over HTTP.
type response struct {
	status int
	header http.Header
	body   []byte
}

// send makes one real HTTP request with an admin key and anthropic-version;
// edits change the request before it goes (e.g. to drop a header).
func send(t *testing.T, srv *fakeapi.Server, method, path, body string, edits ...func(*http.Request)) response {
	t.Helper()
	r, err := trySend(srv, method, path, body, edits...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

func trySend(srv *fakeapi.Server, method, path, body string, edits ...func(*http.Request)) (response, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL()+path, rd)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("x-api-key", fakeapi.DemoKey)
	req.Header.Set("anthropic-version", "2023-06-01")
	req.Header.Set("content-type", "application/json")
	for _, edit := range edits {
		edit(req)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}, err
}

func withHeader(name, value string) func(*http.Request) {
	return func(r *http.Request) {
		if value == "" {
			r.Header.Del(name)
			return
		}
		r.Header.Set(name, value)
	}
}

// wantError checks status, the exact error body shape, the request id and
// that the message starts with msgPrefix.
func wantError(t *testing.T, r response, status int, typ, msgPrefix string) string {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	msg := checkErrorShape(t, r)
	var body struct{ Error struct{ Type string } }
	_ = json.Unmarshal(r.body, &body)
	if body.Error.Type != typ {
		t.Errorf("error.type = %q, want %q", body.Error.Type, typ)
	}
	if !strings.HasPrefix(msg, msgPrefix) {
		t.Errorf("error.message = %q, want prefix %q", msg, msgPrefix)
	}
	return msg
}

// checkErrorShape checks {"type":"error","error":{"type","message"[,"details"]},"request_id"}
// with no other keys, and returns the message. details, when there, must
// carry an error_code; errorDetails reads it.
func checkErrorShape(t testing.TB, r response) string {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &top); err != nil {
		t.Fatalf("error body is not a JSON object: %v: %s", err, r.body)
	}
	if keys := slices.Sorted(maps.Keys(top)); !slices.Equal(keys, []string{"error", "request_id", "type"}) {
		t.Fatalf("error body keys = %v: %s", keys, r.body)
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(top["error"], &inner); err != nil {
		t.Fatalf("error.error is not an object: %s", r.body)
	}
	var typ, msg string
	_ = json.Unmarshal(inner["type"], &typ)
	_ = json.Unmarshal(inner["message"], &msg)
	keys := slices.Sorted(maps.Keys(inner))
	if typ == "" || msg == "" || !(slices.Equal(keys, []string{"message", "type"}) || slices.Equal(keys, []string{"details", "message", "type"})) {
		t.Fatalf("error.error is not {type, message[, details]}: %s", r.body)
	}
	if d, ok := inner["details"]; ok {
		var details struct {
			ErrorCode string `json:"error_code"`
		}
		if err := json.Unmarshal(d, &details); err != nil || details.ErrorCode == "" {
			t.Fatalf("error.details has no error_code: %s", r.body)
		}
	}
	var bodyType, reqID string
	_ = json.Unmarshal(top["type"], &bodyType)
	_ = json.Unmarshal(top["request_id"], &reqID)
	if bodyType != "error" {
		t.Errorf("type = %q, want \"error\"", bodyType)
	}
	checkHeaders(t, r)
	if reqID != r.header.Get("request-id") {
		t.Errorf("request_id %q differs from the request-id header %q", reqID, r.header.Get("request-id"))
	}
	return msg
}

// errorDetails is error.details of an error body, nil when it has none.
func errorDetails(t testing.TB, r response) map[string]string {
	t.Helper()
	var body struct {
		Error struct {
			Details map[string]string `json:"details"`
		} `json:"error"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("error.details is not an object of strings: %v: %s", err, r.body)
	}
	return body.Error.Details
}

func checkHeaders(t testing.TB, r response) {
	t.Helper()
	if id := r.header.Get("request-id"); !requestIDRe.MatchString(id) {
		t.Errorf("request-id header = %q, want req_ and 24 base62 characters", id)
	}
	if ct := r.header.Get("content-type"); ct != "application/json" {
		t.Errorf("content-type = %q, want application/json", ct)
	}
}

// decodeOK checks a 200 and decodes the body into v.
func decodeOK(t *testing.T, r response, v any) {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
	}
	checkHeaders(t, r)
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// create posts body and returns the created workspace.
func create(t *testing.T, srv *fakeapi.Server, body string) fakeapi.Workspace {
	t.Helper()
	var w fakeapi.Workspace
	decodeOK(t, send(t, srv, "POST", workspacesPath, body), &w)
	return w
}

// page is the API's list page.
type page struct {
	Data    []fakeapi.Workspace `json:"data"`
	HasMore bool                `json:"has_more"`
	FirstID *string             `json:"first_id"`
	LastID  *string             `json:"last_id"`
}

func ids(ws []fakeapi.Workspace) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.ID
	}
	return out
}
