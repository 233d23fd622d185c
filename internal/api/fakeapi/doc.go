// Package fakeapi is a simulated Anthropic Admin API: a real net/http server
// with the documented paths, headers, JSON, validation, error bodies,
// request ids and pagination, plus switchable faults. --demo runs it
// in-process on a loopback port; the tests run the real SDK client against it.
//
// Contract (other packages rely on exactly these names):
//
//	srv := fakeapi.New(fakeapi.Options{...})   // not yet listening
//	url, err := srv.Start()                     // listens on 127.0.0.1:0, returns "http://127.0.0.1:PORT"
//	defer srv.Close()
//	fakeapitest.New(t, opts) *Server           // (package fakeapitest) Start + t.Cleanup(Close); fails t on error
//	srv.URL() string
//	srv.AddFaults(faults ...Fault)              // queued; each applies once, in order
//	srv.SetLatency(d time.Duration)             // added to every response
//	srv.Workspaces() []Workspace                // snapshot of stored workspaces (incl. archived)
//	srv.Requests() []Request                    // every request received, in order
//	srv.CountRequests(method, path string) int  // e.g. ("POST", "/v1/organizations/workspaces")
//	fakeapi.ParseFaults("529,500-after-commit") ([]Fault, error)
//
// Every request is checked in this order: the admin key, from
// "Authorization: Bearer" (SDK v2) or x-api-key (SDK v1, curl) (401),
// anthropic-version 2026-10-21 or 2023-06-01 (400), body size (413), path
// and method (404, 405); then the next queued fault for the endpoint, if
// any, strikes. Paths are routed on their escaped form, so an id with "/"
// or ":" (an AWS KMS key ARN) works escaped. Errors are the API's body,
// {"type":"error","error":{"type","message","details"},"request_id"}, with
// details ({"error_code", and "field" or "workspace_id" where the code has
// them}) only when the error has a code.
//
// Faults without "-after-commit" strike before the request is validated or
// applied; "-after-commit" faults strike after it was applied (a request the
// server refuses still uses the fault up). Fault names:
//
//	429[:SECONDS]          429 rate_limit_error, retry-after (default 1)
//	429ms[:MILLISECONDS]   429 rate_limit_error, retry-after-ms (default 1000) and retry-after rounded up
//	529, 529-after-commit  529 overloaded_error
//	500, 500-after-commit  500 api_error
//	504, 504-after-commit  504 timeout_error
//	drop, drop-after-commit    the connection is closed without an answer
//	stall, stall-after-commit  no answer until the client gives up
//	400, 400-key           400 invalid_request_error on name / external_key_id
//	401, 403               authentication_error, permission_error
//	503-incomplete         create only: stored WITHOUT its tags, then 503 api_error,
//	                       error_code workspace_created_incomplete, details.workspace_id
//	policy-cmek            400 workspace_policy_violation, details.field "external_key_id"
//	409-key-changed        409 conflict_error, external_key_changed
//	key-validation-failed  400 external_key_validation_failed
//	403-egress             403 permission_error, sandbox_egress_restricted
//	unknown-code           400 invalid_request_error, error_code UnknownErrorCode
//	ok                     none: the request goes through, so "ok,ok,529" strikes the third
//
// A "list:", "get:", "update:", "archive:", "members:", "me:", "keys:",
// "key:", "validate:", "users:" or "profiles:" prefix aims one at another
// endpoint than create, as do the guided setup's "member-list:", "member:",
// "member-update:", "member-delete:", "invite-create:", "invites:",
// "invite:", "invite-delete:", "rate-limits:", "ws-rate-limits:" and
// "ws-rate-limit-update:" (see the Target constants); "latency=DURATION"
// sets the latency.
//
// Options.Preset picks the organization (PresetDemo, or PresetNew: no
// workspaces or keys, NewOrgUsers users, one pending invite) and
// Options.Users its number of users (GenerateUsers makes up the rest).
// Every preset has the rate-limit groups of DemoRateLimits. Invites become
// users only through AcceptInvite, as a person accepting one would.
//
// DemoKey is the admin key --demo uses; by default the server accepts any
// key that starts with "sk-ant-admin" (Options.AdminKey narrows it to one).
package fakeapi
