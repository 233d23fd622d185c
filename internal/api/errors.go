package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
)

// Kind sorts failures by what the user can do about them.
type Kind int

const (
	KindUnknown     Kind = iota // anything else; treat as a failure
	KindInvalid                 // 400/404/409/413: the request was refused as it stands
	KindAuth                    // 401/403: the key is wrong or lacks permission
	KindBilling                 // 402
	KindRateLimited             // 429: not processed; retry after RetryAfter
	KindOverloaded              // 529: not processed; retry later
	KindServer                  // other 5xx: the server may have acted before failing
	KindTimeout                 // no answer in time: the request may have been processed
	KindNetwork                 // the connection failed or dropped
	KindCanceled                // the user cancelled
)

// Error is an Admin API failure in a form the UI and flag mode can explain:
// the API's own message, its error type and request id, and whether a
// create's outcome is known.
type Error struct {
	Op         string // what we were doing, e.g. "create workspace"
	Kind       Kind
	Status     int    // HTTP status; 0 when no response came
	Type       string // the API's error.type, e.g. "invalid_request_error"
	Message    string // the API's error.message, or the transport's error
	RequestID  string
	RetryAfter time.Duration // from the retry-after header, when given
	Err        error         // the underlying SDK or transport error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	b.WriteString(": ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "%d %s", e.Status, e.Type)
		if e.Message != "" {
			b.WriteString(": " + e.Message)
		}
	} else {
		b.WriteString(e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request-id " + e.RequestID + ")")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// NotProcessed reports whether the server certainly did not act on the
// request, so sending it again cannot create a duplicate.
func (e *Error) NotProcessed() bool {
	switch e.Kind {
	case KindInvalid, KindAuth, KindBilling, KindRateLimited, KindOverloaded:
		return true
	}
	return false
}

// wrap maps an SDK or transport error to *Error; nil stays nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	e := &Error{Op: op, Err: err}
	var apiErr *anthropic.Error
	switch {
	case errors.As(err, &apiErr):
		e.Status = apiErr.StatusCode
		e.RequestID = apiErr.RequestID
		var bodyID string
		e.Type, e.Message, bodyID = decodeErrorBody(apiErr.RawJSON())
		if e.Type == "" {
			e.Type = string(apiErr.Type())
		}
		if e.Message == "" {
			e.Message = http.StatusText(e.Status)
		}
		if apiErr.Response != nil {
			if e.RequestID == "" {
				e.RequestID = apiErr.Response.Header.Get("request-id")
			}
			e.RetryAfter = parseRetryAfter(apiErr.Response.Header.Get("retry-after"))
		}
		if e.RequestID == "" {
			e.RequestID = bodyID
		}
		e.Kind = kindOfStatus(e.Status)
	case errors.Is(err, context.Canceled):
		e.Kind, e.Message = KindCanceled, "cancelled"
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		e.Kind, e.Message = KindTimeout, "no answer from the API in time"
	default:
		e.Kind, e.Message = KindNetwork, transportMessage(err)
	}
	return e
}

func kindOfStatus(status int) Kind {
	switch {
	case status == 401 || status == 403:
		return KindAuth
	case status == 402:
		return KindBilling
	case status == 429:
		return KindRateLimited
	case status == 529:
		return KindOverloaded
	case status == 408 || status == 504:
		return KindTimeout
	case status >= 500:
		return KindServer
	case status >= 400:
		return KindInvalid
	}
	return KindUnknown
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// transportMessage keeps the innermost transport error's text: the SDK's
// wrapping repeats the URL, which adds nothing for the user.
func transportMessage(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			break
		}
		err = next
	}
	msg := err.Error()
	if msg == "EOF" || strings.Contains(msg, "connection reset") || strings.Contains(msg, "unexpected EOF") {
		return "the connection was closed before an answer arrived"
	}
	return msg
}

// decodeErrorBody reads {"type":"error","error":{"type":…,"message":…},"request_id":…}.
func decodeErrorBody(raw string) (typ, msg, requestID string) {
	var body struct {
		Error struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		} `json:"error"`
		RequestID string `json:"request_id"`
	}
	if json.Unmarshal([]byte(raw), &body) != nil {
		return "", "", ""
	}
	return body.Error.Type, body.Error.Message, body.RequestID
}

// parseRetryAfter reads seconds (the API's form) or an HTTP date.
func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// notSent reports a connection that was never made: the request cannot have
// reached the server, so the outcome is known (nothing happened).
func (e *Error) notSent() bool {
	var op *net.OpError
	return e.Kind == KindNetwork && errors.As(e.Err, &op) && op.Op == "dial"
}

// Summary says in a few words what went wrong, the way this program tells a
// person, with the request id when there is one: "The API is overloaded
// (529) (request-id req_…)". Flag mode and the wizard both use it, so the
// same failure reads the same everywhere.
func (e *Error) Summary() string {
	var s string
	switch e.Kind {
	case KindRateLimited:
		s = "The API is rate limiting requests (429)"
	case KindOverloaded:
		s = "The API is overloaded (529)"
	case KindServer, KindUnknown:
		if e.Status != 0 {
			s = fmt.Sprintf("The API failed with %d %s", e.Status, e.Type)
		} else {
			s = "The API's answer could not be used: " + e.Message
		}
	case KindTimeout:
		s = "No answer from the API in time"
	case KindNetwork:
		s = "The connection failed: " + e.Message
	case KindCanceled:
		s = "Cancelled while the request was in flight"
	case KindBilling:
		s = "Billing (402): " + e.Message
	default:
		s = fmt.Sprintf("The API refused the request (%d %s): %s", e.Status, e.Type, e.Message)
	}
	return s + e.RequestIDNote()
}

// RequestIDNote is " (request-id req_…)", or "" without a request id.
func (e *Error) RequestIDNote() string {
	if e == nil || e.RequestID == "" {
		return ""
	}
	return " (request-id " + e.RequestID + ")"
}
