package fakeapi

import (
	"fmt"
	"net/http"
)

// Error types, as the API names them in error.type.
const (
	typeInvalidRequest = "invalid_request_error"
	typeAuthentication = "authentication_error"
	typePermission     = "permission_error"
	typeNotFound       = "not_found_error"
	typeTooLarge       = "request_too_large"
	typeRateLimit      = "rate_limit_error"
	typeAPI            = "api_error"
	typeTimeout        = "timeout_error"
	typeOverloaded     = "overloaded_error"
)

// apiError is a failure the server answers with the API's error body.
type apiError struct {
	status     int
	typ        string
	msg        string
	retryAfter int    // seconds; sent as retry-after when > 0
	code       string // error.details.error_code; no details are sent when ""
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.typ, e.msg) }

// errorBody is the API's error envelope.
type errorBody struct {
	Type  string `json:"type"`
	Error struct {
		Type    string        `json:"type"`
		Message string        `json:"message"`
		Details *errorDetails `json:"details,omitempty"`
	} `json:"error"`
	RequestID string `json:"request_id"`
}

// errorDetails is error.details: the error_code and the code's own fields.
type errorDetails struct {
	ErrorCode string `json:"error_code"`
}

// body is e's error envelope, with details when e has a code.
func (e *apiError) body(requestID string) errorBody {
	b := newErrorBody(e.typ, e.msg, requestID)
	if e.code != "" {
		b.Error.Details = &errorDetails{ErrorCode: e.code}
	}
	return b
}

func newErrorBody(typ, msg, requestID string) errorBody {
	b := errorBody{Type: "error", RequestID: requestID}
	b.Error.Type, b.Error.Message = typ, msg
	return b
}

// invalidField is a 400 whose message names the JSON path of the field at
// fault, "<field>: <message>", so clients can take the user to that field.
func invalidField(field string, err error) *apiError {
	return invalid(field + ": " + err.Error())
}

func invalid(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, typ: typeInvalidRequest, msg: msg}
}

func notFound(msg string) *apiError {
	return &apiError{status: http.StatusNotFound, typ: typeNotFound, msg: msg}
}

func unauthenticated(msg string) *apiError {
	return &apiError{status: http.StatusUnauthorized, typ: typeAuthentication, msg: msg}
}
