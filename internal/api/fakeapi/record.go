package fakeapi

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Request is one request as the server received it, for tests to assert on.
// The API key is never stored: Header has no x-api-key (nor Authorization);
// KeyPresent and KeyPrefix say what kind of key came.
type Request struct {
	Method string
	Path   string // unescaped, as CountRequests matches it
	// EscapedPath is the path as sent, e.g. with an ARN's "/" as %2F.
	EscapedPath string
	Query       url.Values
	Header      http.Header // without x-api-key and authorization
	Body        []byte
	Time        time.Time
	RequestID   string // the request-id the server answered with
	// KeyPresent reports whether a key was sent, in either header.
	KeyPresent bool
	// KeyHeader names the header the key came in: "authorization" (SDK v2's
	// Bearer) or "x-api-key" (SDK v1, curl); "" without a key.
	KeyHeader string
	// KeyPrefix is "sk-ant-admin" or "sk-ant-api" when the key starts so,
	// otherwise "": never any other part of the key.
	KeyPrefix string
}

// knownKeyPrefixes are the only parts of a key the server ever keeps.
var knownKeyPrefixes = []string{"sk-ant-admin", "sk-ant-api"}

func keyPrefix(key string) string {
	for _, p := range knownKeyPrefixes {
		if strings.HasPrefix(key, p) {
			return p
		}
	}
	return ""
}

// record stores r; the caller holds s.mu.
func (s *Server) record(r *http.Request, body []byte, requestID string) {
	h := r.Header.Clone()
	key, header := requestKey(r.Header)
	h.Del("X-Api-Key")
	h.Del("Authorization")
	s.requests = append(s.requests, Request{
		Method:      r.Method,
		Path:        r.URL.Path,
		EscapedPath: r.URL.EscapedPath(),
		Query:       r.URL.Query(),
		Header:      h,
		Body:        slices.Clone(body),
		Time:        s.opts.Now(),
		RequestID:   requestID,
		KeyPresent:  key != "",
		KeyHeader:   header,
		KeyPrefix:   keyPrefix(key),
	})
	if max := s.opts.MaxRequests; max > 0 && len(s.requests) > max {
		n := copy(s.requests, s.requests[len(s.requests)-max:])
		clear(s.requests[n:])
		s.requests = s.requests[:n]
	}
}

// Requests returns every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Query = cloneValues(r.Query)
		r.Header = r.Header.Clone()
		r.Body = slices.Clone(r.Body)
		out[i] = r
	}
	return out
}

// CountRequests counts the requests received with this method and path,
// e.g. ("POST", "/v1/organizations/workspaces").
func (s *Server) CountRequests(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// requestKey finds the admin key: x-api-key (SDK v1, the reference page's
// curl) or Authorization: Bearer (SDK v2), and names the header it was in.
func requestKey(h http.Header) (key, header string) {
	if k := h.Get("X-Api-Key"); k != "" {
		return k, "x-api-key"
	}
	// The scheme is case-insensitive (RFC 9110), the key is not.
	if scheme, k, ok := strings.Cut(h.Get("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") && k != "" {
		return k, "authorization"
	}
	return "", ""
}
