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
	id        string // the {id} path segment, unescaped, when the route has one
	sub       string // the {sub} path segment (a user or rate-limit id under {id}), unescaped
	target    string // the endpoint's Target*; "" where the API serves nothing
	// incomplete tells the create handler that a "503-incomplete" fault
	// strikes: the workspace is stored without its tags.
	incomplete bool
	// partial tells the update handler that a "503-change-unknown" fault
	// strikes: only the tags are saved.
	partial bool
	// hostile: the answer is a hostile server's (Options.Hostile), with
	// hostileKey, the key the request came with, echoed in it.
	hostile    bool
	hostileKey string
}

// serve is the pipeline every request goes through: record, latency, auth,
// version, size, fault, handler, answer. ep is what the router found; for a
// path or method the API does not serve, a handler that returns the 404 or
// 405.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, ep endpoint) {
	body, tooLarge := readBody(r)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		panic(http.ErrAbortHandler) // closes the connection without an answer
	}
	s.inflight.Add(1)
	defer s.inflight.Done()
	c := &call{w: w, r: r, body: body, requestID: s.randID("req_", 24), id: r.PathValue("id"), sub: r.PathValue("sub"), target: ep.target}
	s.record(r, body, c.requestID)
	latency, hostile := s.latency, s.hostile
	s.mu.Unlock()
	if hostile {
		c.hostileKey, _ = requestKey(r.Header)
		c.hostile = true
	}

	h := w.Header()
	h.Set("request-id", c.requestID)
	if c.hostile {
		h.Set("request-id", c.requestID+hostileHeader+" "+c.hostileKey)
	}
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
	var fault Fault
	faulty := false
	if c.target != "" {
		s.mu.Lock()
		fault, faulty = s.faults.pop(c.target)
		s.mu.Unlock()
	}
	if faulty && fault.Kind == FaultPass {
		faulty = false // used up; the request goes through
	}
	if faulty && !fault.afterCommit() {
		s.strike(c, fault, nil)
		return
	}
	c.incomplete = faulty && fault.Kind == FaultCreatedIncomplete
	c.partial = faulty && fault.Kind == FaultChangeUnknown
	v, err := ep.handle(c)
	switch {
	case err != nil:
		s.writeError(c, err)
	case faulty:
		s.strike(c, fault, v)
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

// strike makes fault f happen to the request. committed is what the
// handler returned when f struck after the request was applied, else nil.
func (s *Server) strike(c *call, f Fault, committed any) {
	switch f.Kind {
	case FaultDrop, FaultDropAfter:
		s.drop(c)
	case FaultStall, FaultStallAfter:
		s.wait(c.r.Context(), -1)
		s.drop(c)
	default:
		s.writeError(c, faultError(c, f, committed))
	}
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
	c.write(status, buf.Bytes())
}

// write sends an answer's body, made hostile when the server is.
func (c *call) write(status int, body []byte) {
	body = bytes.TrimSuffix(body, []byte("\n"))
	if c.hostile {
		body = hostile(body, c.hostileKey)
	}
	c.w.WriteHeader(status)
	_, _ = c.w.Write(body)
}

func (s *Server) writeError(c *call, e *apiError) {
	if e.retryAfter > 0 {
		c.w.Header().Set("retry-after", fmt.Sprint(e.retryAfter))
	}
	if e.retryAfterMs > 0 {
		c.w.Header().Set("retry-after-ms", fmt.Sprint(e.retryAfterMs))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(newErrorBody(e, c.requestID))
	c.write(e.status, buf.Bytes())
}
