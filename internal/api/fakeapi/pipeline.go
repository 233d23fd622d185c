package fakeapi

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// maxBody is the largest request body the server reads (1 MiB).
const maxBody = 1 << 20

// knownVersions are the anthropic-version values the server accepts.
var knownVersions = []string{"2026-10-21", "2023-06-01"}

// call is one request on its way through the pipeline.
type call struct {
	w         http.ResponseWriter
	r         *http.Request
	body      []byte
	requestID string
	id        string // the {id} path segment, when the route has one
	target    string
}

// serve is the pipeline every request goes through: record, latency, auth,
// version, size, route, fault, handler, answer.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, tooLarge := readBody(r)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		panic(http.ErrAbortHandler) // closes the connection without an answer
	}
	s.inflight.Add(1)
	defer s.inflight.Done()
	c := &call{w: w, r: r, body: body, requestID: s.randID("req_", 24)}
	s.record(r, body, c.requestID)
	latency := s.latency
	s.mu.Unlock()

	h := w.Header()
	h.Set("request-id", c.requestID)
	h.Set("content-type", "application/json")
	h.Set("anthropic-organization-id", s.orgID)
	if !s.wait(r.Context(), latency) {
		s.drop(c)
		return
	}
	if err := s.check(r, tooLarge); err != nil {
		s.writeError(c, err)
		return
	}
	handle, err := s.route(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.mu.Lock()
	fault, faulty := s.faults.pop(c.target)
	s.mu.Unlock()
	if faulty && !fault.afterCommit() {
		s.strike(c, fault)
		return
	}
	v, err := handle(c)
	switch {
	case err != nil:
		s.writeError(c, err)
	case faulty:
		s.strike(c, fault)
	default:
		s.writeJSON(c, http.StatusOK, v)
	}
}

func readBody(r *http.Request) (body []byte, tooLarge bool) {
	if r.ContentLength > maxBody {
		return nil, true
	}
	body, _ = io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if len(body) > maxBody {
		return body[:maxBody], true
	}
	return body, false
}

// check applies the rules every endpoint shares: an admin key, a known
// anthropic-version, a body within the size limit.
func (s *Server) check(r *http.Request, tooLarge bool) *apiError {
	key, _ := requestKey(r.Header)
	switch {
	case key == "":
		return unauthenticated("an admin key is required: send it as \"Authorization: Bearer <key>\" or \"x-api-key: <key>\"")
	case keyPrefix(key) == "sk-ant-api":
		return unauthenticated("this is a standard API key (sk-ant-api…); the Admin API needs an admin key (sk-ant-admin…), which an organization admin creates in the Console")
	case s.opts.AdminKey != "" && subtle.ConstantTimeCompare([]byte(key), []byte(s.opts.AdminKey)) != 1,
		s.opts.AdminKey == "" && !strings.HasPrefix(key, "sk-ant-admin"):
		return unauthenticated("invalid admin key")
	}
	switch v := r.Header.Get("Anthropic-Version"); {
	case v == "":
		return invalid("anthropic-version: header is required")
	case !slices.Contains(knownVersions, v):
		return invalid(fmt.Sprintf("anthropic-version: %q is not a valid version; use %q", v, knownVersions[0]))
	}
	if tooLarge {
		return &apiError{status: http.StatusRequestEntityTooLarge, typ: typeTooLarge,
			msg: fmt.Sprintf("request body is larger than the limit of %d bytes", maxBody)}
	}
	return nil
}

// strike makes fault f happen to the request.
func (s *Server) strike(c *call, f Fault) {
	switch f.Kind {
	case FaultDrop, FaultDropAfter:
		s.drop(c)
	case FaultStall, FaultStallAfter:
		s.wait(c.r.Context(), -1)
		s.drop(c)
	default:
		s.writeError(c, faultError(c.target, f))
	}
}

func faultError(target string, f Fault) *apiError {
	e := &apiError{}
	switch f.Kind {
	case FaultRateLimit:
		e.status, e.typ, e.retryAfter = http.StatusTooManyRequests, typeRateLimit, max(f.RetryAfter, 1)
		e.msg = fmt.Sprintf("rate limit exceeded: too many requests; retry after %d seconds", e.retryAfter)
	case FaultOverloaded:
		e.status, e.typ, e.msg = 529, typeOverloaded, "Overloaded"
	case FaultServer, FaultServerAfter:
		e.status, e.typ, e.msg = http.StatusInternalServerError, typeAPI, "Internal server error"
	case FaultTimeout, FaultTimeoutAfter:
		e.status, e.typ, e.msg = http.StatusGatewayTimeout, typeTimeout, "Request timed out"
	case FaultInvalid:
		e = invalid("name: String should have at most 40 characters")
		if target != TargetCreate && target != TargetUpdate {
			e.msg = "the request was refused"
		}
	case FaultInvalidKey:
		e = invalid("external_key_id: the key's cloud KMS policy does not grant access to this workspace's compartment")
	case FaultUnauthenticated:
		e = unauthenticated("invalid x-api-key")
	case FaultPermissionDenied:
		e.status, e.typ = http.StatusForbidden, typePermission
		e.msg = "only organization admins can " + targetActions[target]
	}
	return e
}

var targetActions = map[string]string{
	TargetCreate: "create workspaces", TargetList: "list workspaces", TargetGet: "view workspaces",
	TargetUpdate: "change workspaces", TargetArchive: "archive workspaces", TargetMembers: "manage workspace members",
	TargetMe: "view the organization", TargetKeys: "list external keys", TargetKey: "view external keys",
	TargetValidate: "validate external keys", TargetUsers: "list the organization's users",
	TargetProfiles: "list user profiles",
}

// wait sleeps d (forever when d < 0) and reports whether it slept in full:
// false when the client went away or the server closed first.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	if d == 0 {
		return true
	}
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-timeout:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

// drop closes the connection without sending anything.
func (s *Server) drop(c *call) {
	if conn, _, err := http.NewResponseController(c.w).Hijack(); err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler) // HTTP/2 or a wrapped writer: net/http resets the stream
}

func (s *Server) writeJSON(c *call, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.writeError(c, &apiError{status: http.StatusInternalServerError, typ: typeAPI, msg: "Internal server error"})
		return
	}
	c.w.WriteHeader(status)
	_, _ = c.w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func (s *Server) writeError(c *call, e *apiError) {
	if e.retryAfter > 0 {
		c.w.Header().Set("retry-after", fmt.Sprint(e.retryAfter))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(e.body(c.requestID))
	c.w.WriteHeader(e.status)
	_, _ = c.w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
