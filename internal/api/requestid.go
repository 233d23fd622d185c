package api

import (
	"context"
	"net/http"
	"sync"

	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// RequestIDs remembers the request-id the API gave the last write (any
// request but a GET) sent with a context from WithRequestIDs: the id a
// person quotes to support about that write, whether it succeeded or not.
// The Admin methods return objects, not responses, so a success's
// request-id is caught here, on its way through the client's transport.
type RequestIDs struct {
	mu   sync.Mutex
	last string
}

type requestIDsKey struct{}

// WithRequestIDs returns a context whose writes record their request-id
// into the returned RequestIDs.
func WithRequestIDs(ctx context.Context) (context.Context, *RequestIDs) {
	ids := &RequestIDs{}
	return context.WithValue(ctx, requestIDsKey{}, ids), ids
}

// Last is the request-id of the last write answered, or "".
func (r *RequestIDs) Last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// noteRequestID records res's request-id for req's context, if it asked.
func noteRequestID(req *http.Request, res *http.Response) {
	if req.Method == http.MethodGet {
		return
	}
	ids, ok := req.Context().Value(requestIDsKey{}).(*RequestIDs)
	if !ok {
		return
	}
	if id := res.Header.Get("request-id"); id != "" {
		ids.mu.Lock()
		ids.last = termsafe.String(id) // for people to quote; the key is gone already
		ids.mu.Unlock()
	}
}
