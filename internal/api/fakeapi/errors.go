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
	typeConflict       = "conflict_error"
	typeTooLarge       = "request_too_large"
	typeRateLimit      = "rate_limit_error"
	typeAPI            = "api_error"
	typeTimeout        = "timeout_error"
	typeOverloaded     = "overloaded_error"
)

// Error codes the server sends in error.details.error_code, as the SDK's
// ErrorCode constants name them.
const (
	codeWorkspacePolicyViolation    = "workspace_policy_violation"
	codeWorkspaceCreatedIncomplete  = "workspace_created_incomplete"
	codeChangeOutcomeUnknown        = "change_outcome_unknown"
	codeExternalKeyChanged          = "external_key_changed"
	codeExternalKeyValidationFailed = "external_key_validation_failed"
	codeSandboxEgressRestricted     = "sandbox_egress_restricted"
)

// UnknownErrorCode is the error_code of the "unknown-code" fault: a code no
// client knows, which each must treat as the error's bare type, showing the
// API's message.
const UnknownErrorCode = "some_future_code"

// apiError is a failure the server answers with the API's error body.
type apiError struct {
	status       int
	typ          string
	msg          string
	retryAfter   int // seconds; sent as retry-after when > 0
	retryAfterMs int // milliseconds; sent as retry-after-ms when > 0
	// code, when set, is sent as error.details.error_code, with field and
	// workspaceID beside it when they are set.
	code        string
	field       string
	workspaceID string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.typ, e.msg) }

// errorBody is the API's error envelope.
type errorBody struct {
	Type      string     `json:"type"`
	Error     errorInner `json:"error"`
	RequestID string     `json:"request_id"`
}

type errorInner struct {
	Type    string        `json:"type"`
	Message string        `json:"message"`
	Details *errorDetails `json:"details,omitempty"`
}

// errorDetails is error.details: present only when the error has a code.
type errorDetails struct {
	ErrorCode   string `json:"error_code"`
	Field       string `json:"field,omitempty"`
	WorkspaceID string `json:"workspace_id,omitempty"`
}

func newErrorBody(e *apiError, requestID string) errorBody {
	b := errorBody{Type: "error", RequestID: requestID, Error: errorInner{Type: e.typ, Message: e.msg}}
	if e.code != "" {
		b.Error.Details = &errorDetails{ErrorCode: e.code, Field: e.field, WorkspaceID: e.workspaceID}
	}
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
