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

	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
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
	KindRedirect                // a 3xx: the server pointed elsewhere; it was not followed
)

// Error codes (error.details.error_code) the program acts on. Any other
// code is explained from the status, type and message; see Error.Code.
const (
	CodeWorkspaceCreatedIncomplete = string(anthropic.ErrorCodeWorkspaceCreatedIncomplete)
	CodeWorkspacePolicyViolation   = string(anthropic.ErrorCodeWorkspacePolicyViolation)
	CodeKeyValidationFailed        = string(anthropic.ErrorCodeExternalKeyValidationFailed)
	CodeKeyValidationTimedOut      = string(anthropic.ErrorCodeExternalKeyValidationTimedOut)
	CodeKeyProfileMismatch         = string(anthropic.ErrorCodeKeyProfileMismatch)
	CodeUserProfileNotFound        = string(anthropic.ErrorCodeUserProfileNotFound)
	CodeExternalKeyChanged         = string(anthropic.ErrorCodeExternalKeyChanged)
	CodeSandboxEgressRestricted    = string(anthropic.ErrorCodeSandboxEgressRestricted)
	// CodeChangeOutcomeUnknown (503, Update Workspace): some changes may
	// have been saved; the API says to send the same request again, which
	// finishes it without repeating what was saved.
	CodeChangeOutcomeUnknown = string(anthropic.ErrorCodeChangeOutcomeUnknown)
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
	RetryAfter time.Duration // from retry-after-ms, else retry-after, when given
	// Code is error.details.error_code, when the API gave one.
	Code string
	// DetailField is error.details.field: the request field a policy or
	// validation refused.
	DetailField string
	// WorkspaceID is error.details.workspace_id: with
	// CodeWorkspaceCreatedIncomplete, the workspace that was created.
	WorkspaceID string
	// Location is where a 3xx pointed (KindRedirect). It was not followed.
	Location string
	// Unsent means the request certainly never reached the server: the
	// connection never opened, or it was cancelled before one did.
	Unsent bool
	// connFailed: Unsent because a connection was tried and never opened,
	// which may pass; not a request that failed before it was even tried.
	connFailed bool
	Err        error // the underlying SDK or transport error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	b.WriteString(": ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "%d %s", e.Status, e.Type)
		if e.Code != "" {
			b.WriteString(" (" + e.Code + ")")
		}
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
// request: it refused it (4xx), pointed elsewhere (3xx), or never got it.
// A 529 is not among them: the SDK's authors say a create that was
// answered 529 may have succeeded.
func (e *Error) NotProcessed() bool {
	if e.Unsent {
		return true
	}
	switch e.Kind {
	case KindInvalid, KindAuth, KindBilling, KindRateLimited, KindRedirect:
		return true
	}
	return false
}

// Field is the request field the API's refusal is about, when it says:
// details.field, or the field an error code is always about. "" otherwise.
func (e *Error) Field() string {
	switch {
	case e.DetailField != "":
		return e.DetailField
	case e.Code == CodeKeyValidationFailed || e.Code == CodeKeyValidationTimedOut || e.Code == CodeExternalKeyChanged:
		return "external_key_id"
	case e.Code == CodeKeyProfileMismatch || e.Code == CodeUserProfileNotFound:
		return "user_profile_id"
	}
	return ""
}

// wrap maps an SDK or transport error to *Error; nil stays nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var already *Error
	if errors.As(err, &already) {
		return already
	}
	e := &Error{Op: op, Err: err}
	var apiErr *anthropic.Error
	var redirect *redirectError
	switch {
	case errors.As(err, &apiErr):
		e.Status = apiErr.StatusCode
		e.RequestID = apiErr.RequestID
		var body errorBody
		_ = json.Unmarshal([]byte(apiErr.RawJSON()), &body)
		e.Type, e.Message = body.Error.Type, body.Error.Message
		e.Code = string(apiErr.ErrorCode())
		e.DetailField, e.WorkspaceID = body.Error.Details.Field, body.Error.Details.WorkspaceID
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
			e.RetryAfter = parseRetryAfter(apiErr.Response.Header)
		}
		if e.RequestID == "" {
			e.RequestID = body.RequestID
		}
		e.Kind = kindOfStatus(e.Status)
	case errors.As(err, &redirect):
		e.Kind, e.Status, e.Location = KindRedirect, redirect.status, redirect.location
		e.Message = fmt.Sprintf("the server answered %d and pointed to %s; redirects are never followed, so neither the key nor the request went there. Check --base-url", redirect.status, redirect.location)
	case errors.Is(err, errBodyTooLarge):
		e.Kind, e.Message = KindUnknown, errBodyTooLarge.Error()
	case errors.Is(err, context.Canceled):
		e.Kind, e.Message = KindCanceled, "cancelled"
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		e.Kind, e.Message = KindTimeout, "no answer from the API in time"
	default:
		e.Kind, e.Message = KindNetwork, transportMessage(err)
	}
	e.makeSafe()
	return e
}

// makeSafe makes the strings a person reads terminal-safe where the error
// is built (internal/termsafe), so that no printer, wrap or table can show
// them raw: the server chose them. The key was removed before, in the
// transport. WorkspaceID is an id the program sends back, kept as received;
// Code and DetailField only change when they hold what no real code or
// field name does, so they still match.
func (e *Error) makeSafe() {
	e.Type, e.Message, e.RequestID = termsafe.String(e.Type), termsafe.String(e.Message), termsafe.String(e.RequestID)
	e.Code, e.DetailField, e.Location = termsafe.String(e.Code), termsafe.String(e.DetailField), termsafe.String(e.Location)
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
	var keys []string
	for {
		if r, ok := err.(*redactedError); ok {
			keys = append(keys, r.key)
		}
		next := errors.Unwrap(err)
		if next == nil {
			break
		}
		err = next
	}
	msg := termsafe.Redact(err.Error(), keys...)
	if msg == "EOF" || strings.Contains(msg, "connection reset") || strings.Contains(msg, "unexpected EOF") {
		return "the connection was closed before an answer arrived"
	}
	return msg
}

// errorBody is {"type":"error","error":{"type","message","details"},"request_id"}.
// The SDK's typed details are a union; these are the fields the program uses.
type errorBody struct {
	Error struct {
		Type    string `json:"type"`
		Message string `json:"message"`
		Details struct {
			Field       string `json:"field"`
			WorkspaceID string `json:"workspace_id"`
		} `json:"details"`
	} `json:"error"`
	RequestID string `json:"request_id"`
}

// parseRetryAfter reads retry-after-ms, else retry-after in seconds (the
// API's form) or as an HTTP date. Negative or unreadable values count as
// none; the Creator's own bounds cap what is honoured.
func parseRetryAfter(h http.Header) time.Duration {
	if v := h.Get("retry-after-ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 && ms < 1e12 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := h.Get("retry-after")
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 && s < 1e9 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// dialFailed reports a connection that was never made: the request cannot
// have reached the server.
func dialFailed(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
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
			s = fmt.Sprintf("The API failed with %d %s", e.Status, e.typeAndCode())
		} else {
			s = "The API's answer could not be used: " + e.Message
		}
	case KindTimeout:
		s = "No answer from the API in time"
	case KindNetwork:
		s = "The connection failed: " + e.Message
	case KindCanceled:
		s = "Cancelled while the request was in flight"
		if e.Unsent {
			s = "Cancelled before the request was sent"
		}
	case KindRedirect:
		s = "The API's address redirected elsewhere: " + e.Message
	case KindBilling:
		s = "Billing (402): " + e.Message
	default:
		s = fmt.Sprintf("The API refused the request (%d %s): %s", e.Status, e.typeAndCode(), e.Message)
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

// typeAndCode is "invalid_request_error" or, with a code,
// "invalid_request_error, workspace_policy_violation".
func (e *Error) typeAndCode() string {
	if e.Code == "" {
		return e.Type
	}
	return e.Type + ", " + e.Code
}
