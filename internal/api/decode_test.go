package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

const leakyKey = "sk-ant-admin01-CANARY-d41d8cd98f00b204e9800998ecf8427e-QQ"

// rawServer answers every request with the given status, headers and body.
func rawServer(t testing.TB, status int, header map[string]string, body string) *api.Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.Header().Set("content-type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return api.New(api.Options{APIKey: leakyKey, BaseURL: srv.URL, Timeout: 5 * time.Second})
}

func TestErrorMapping(t *testing.T) {
	body := func(typ, msg string) string {
		return `{"type":"error","error":{"type":"` + typ + `","message":"` + msg + `"},"request_id":"req_body"}`
	}
	cases := []struct {
		status     int
		header     map[string]string
		body       string
		kind       api.Kind
		typ, msg   string
		requestID  string
		retryAfter time.Duration
	}{
		{400, map[string]string{"request-id": "req_1"}, body("invalid_request_error", "name: too long"), api.KindInvalid, "invalid_request_error", "name: too long", "req_1", 0},
		{401, nil, body("authentication_error", "invalid x-api-key"), api.KindAuth, "authentication_error", "invalid x-api-key", "req_body", 0},
		{403, nil, body("permission_error", "nope"), api.KindAuth, "permission_error", "nope", "req_body", 0},
		{429, map[string]string{"retry-after": "7"}, body("rate_limit_error", "slow down"), api.KindRateLimited, "rate_limit_error", "slow down", "req_body", 7 * time.Second},
		{529, nil, body("overloaded_error", "Overloaded"), api.KindOverloaded, "overloaded_error", "Overloaded", "req_body", 0},
		{500, nil, body("api_error", "boom"), api.KindServer, "api_error", "boom", "req_body", 0},
		{504, nil, body("timeout_error", "late"), api.KindTimeout, "timeout_error", "late", "req_body", 0},
		{418, nil, body("teapot_error", "a type this tool has never seen"), api.KindInvalid, "teapot_error", "a type this tool has never seen", "req_body", 0},
		{502, nil, "<html>bad gateway</html>", api.KindServer, "", "Bad Gateway", "", 0},
	}
	for _, tc := range cases {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			_, err := rawServer(t, tc.status, tc.header, tc.body).Organization(context.Background())
			var e *api.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *api.Error", err)
			}
			if e.Kind != tc.kind || e.Type != tc.typ || e.Message != tc.msg || e.RequestID != tc.requestID || e.RetryAfter != tc.retryAfter || e.Status != tc.status {
				t.Errorf("got %+v", e)
			}
			if strings.Contains(e.Error(), leakyKey) {
				t.Errorf("the key is in the error text: %s", e.Error())
			}
		})
	}
}

// FuzzResponseDecoding: whatever status and body come back, the client
// neither panics nor leaks the key, and a failure is always an *api.Error
// with a message to show.
func FuzzResponseDecoding(f *testing.F) {
	f.Add(200, `{"id":"wrkspc_01","type":"workspace","name":"x","created_at":"2024-10-30T23:58:27.427722Z","archived_at":null,"display_color":"#6C5BB9","tags":{},"external_key_id":null,"compartment_id":"c","data_residency":{"allowed_inference_geos":"unrestricted","default_inference_geo":"global","workspace_geo":"us"}}`)
	f.Add(200, `{"data_residency":{"allowed_inference_geos":["us",1]}}`)
	f.Add(400, `{"type":"error","error":{"type":"invalid_request_error","message":"m"},"request_id":"req_1"}`)
	f.Add(400, `{"type":"error","error":{"type":"invalid_request_error","message":"m","details":{"error_code":"workspace_policy_violation","field":"external_key_id"}}}`)
	f.Add(503, `{"type":"error","error":{"type":"api_error","message":"m","details":{"error_code":"workspace_created_incomplete","workspace_id":7}}}`)
	f.Add(429, `{"error":null}`)
	f.Add(307, ``)
	f.Add(500, `not json`)
	f.Add(200, `[]`)
	// One server for the whole run, answering with the current input:
	// a server per input would use up the machine's loopback ports.
	var mu sync.Mutex
	var status int
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		st, b := status, body
		mu.Unlock()
		w.Header().Set("content-type", "application/json")
		w.Header().Set("retry-after", "1")
		w.Header().Set("location", "http://elsewhere.invalid/")
		w.WriteHeader(st)
		_, _ = w.Write([]byte(b))
	}))
	f.Cleanup(srv.Close)
	c := api.New(api.Options{APIKey: leakyKey, BaseURL: srv.URL, Timeout: 5 * time.Second})
	f.Fuzz(func(t *testing.T, st int, b string) {
		if st < 200 || st > 599 || st == 304 {
			return
		}
		mu.Lock()
		status, body = st, b
		mu.Unlock()
		ws, err := c.CreateWorkspace(context.Background(), api.Spec{Name: "x"}.Params())
		if err != nil {
			var e *api.Error
			if !errors.As(err, &e) || e.Error() == "" {
				t.Fatalf("status %d: error %v is not an *api.Error", st, err)
			}
			if strings.Contains(e.Error(), leakyKey) {
				t.Fatal("the key leaked into an error")
			}
			return
		}
		if st >= 300 {
			t.Fatalf("status %d came back as success", st)
		}
		_ = ws.DataResidency.AllowedInferenceGeos.AsGeos()
		_ = ws.RawJSON()
	})
}

// A create answered "200" with no workspace in the body: the server says it
// worked, so it is looked for and never sent again.
func TestCreateAnsweredWithoutAWorkspaceIsNeverResent(t *testing.T) {
	var posts int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/json")
		if r.Method == http.MethodPost {
			posts++
			_, _ = w.Write([]byte(`null`))
			return
		}
		_, _ = w.Write([]byte(`{"data":[],"has_more":false,"first_id":null,"last_id":null}`))
	}))
	defer srv.Close()
	c := api.New(api.Options{APIKey: leakyKey, BaseURL: srv.URL})
	c2 := &api.Creator{API: c, Sleep: func(context.Context, time.Duration) error { return nil }}
	_, err := c2.Create(context.Background(), api.Spec{Name: "x"})
	var unknown *api.UnknownOutcomeError
	if !errors.As(err, &unknown) {
		t.Fatalf("err = %v, want an unknown outcome", err)
	}
	if posts != 1 {
		t.Errorf("%d POSTs; want 1", posts)
	}
}
