package fakeapi

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FaultKind is what a Fault makes the server do instead of answering normally.
type FaultKind string

// Fault kinds. "Before commit" kinds leave the store untouched; the
// "-after-commit" kinds apply the request first and then fail, so the client
// cannot tell whether it worked; "503-incomplete" applies part of a create
// and says so.
const (
	FaultRateLimit        FaultKind = "429"                // 429 rate_limit_error with retry-after (seconds); nothing applied
	FaultRateLimitMs      FaultKind = "429ms"              // 429 rate_limit_error with retry-after-ms (and retry-after rounded up); nothing applied
	FaultOverloaded       FaultKind = "529"                // 529 overloaded_error; nothing applied
	FaultOverloadedAfter  FaultKind = "529-after-commit"   // applied, then 529 overloaded_error
	FaultServer           FaultKind = "500"                // 500 api_error; nothing applied
	FaultServerAfter      FaultKind = "500-after-commit"   // applied, then 500 api_error
	FaultTimeout          FaultKind = "504"                // 504 timeout_error; nothing applied
	FaultTimeoutAfter     FaultKind = "504-after-commit"   // applied, then 504 timeout_error
	FaultDrop             FaultKind = "drop"               // connection closed without an answer; nothing applied
	FaultDropAfter        FaultKind = "drop-after-commit"  // applied, then the connection is closed without an answer
	FaultStall            FaultKind = "stall"              // no answer until the client gives up or the server closes; nothing applied
	FaultStallAfter       FaultKind = "stall-after-commit" // applied, then no answer until the client gives up
	FaultInvalid          FaultKind = "400"                // 400 a server-side rule the client cannot check ("name: a workspace with this name is being archived; choose another name")
	FaultInvalidKey       FaultKind = "400-key"            // 400 "external_key_id: the key's cloud KMS policy does not grant access …"
	FaultUnauthenticated  FaultKind = "401"                // 401 authentication_error
	FaultPermissionDenied FaultKind = "403"                // 403 permission_error
	// Faults with an error_code in error.details.
	FaultCreatedIncomplete   FaultKind = "503-incomplete"        // create only: the workspace is created without its tags, then 503 api_error workspace_created_incomplete with details.workspace_id
	FaultChangeUnknown       FaultKind = "503-change-unknown"    // update only: the tags are saved and nothing else, then 503 overloaded_error change_outcome_unknown
	FaultPolicyCMEK          FaultKind = "policy-cmek"           // 400 invalid_request_error workspace_policy_violation, details.field "external_key_id"; nothing applied
	FaultKeyChanged          FaultKind = "409-key-changed"       // 409 conflict_error external_key_changed; nothing applied
	FaultKeyValidationFailed FaultKind = "key-validation-failed" // 400 invalid_request_error external_key_validation_failed; nothing applied
	FaultEgressRestricted    FaultKind = "403-egress"            // 403 permission_error sandbox_egress_restricted; nothing applied
	FaultUnknownCode         FaultKind = "unknown-code"          // 400 invalid_request_error with error_code UnknownErrorCode; nothing applied
	// FaultPass lets its request through untouched: queued before other
	// faults, it aims them at a later request ("ok,ok,529-after-commit"
	// strikes the third create).
	FaultPass FaultKind = "ok"
)

var faultKinds = []FaultKind{
	FaultRateLimit, FaultRateLimitMs, FaultOverloaded, FaultOverloadedAfter, FaultServer, FaultServerAfter,
	FaultTimeout, FaultTimeoutAfter, FaultDrop, FaultDropAfter, FaultStall, FaultStallAfter,
	FaultInvalid, FaultInvalidKey, FaultUnauthenticated, FaultPermissionDenied,
	FaultCreatedIncomplete, FaultChangeUnknown, FaultPolicyCMEK, FaultKeyChanged, FaultKeyValidationFailed,
	FaultEgressRestricted, FaultUnknownCode, FaultPass,
}

// Fault targets: the endpoint a fault applies to. A fault name without a
// "target:" prefix applies to TargetCreate.
const (
	TargetCreate   = "create"   // POST /v1/organizations/workspaces
	TargetList     = "list"     // GET /v1/organizations/workspaces
	TargetGet      = "get"      // GET /v1/organizations/workspaces/{id}
	TargetUpdate   = "update"   // POST /v1/organizations/workspaces/{id}
	TargetArchive  = "archive"  // POST /v1/organizations/workspaces/{id}/archive
	TargetMembers  = "members"  // POST /v1/organizations/workspaces/{id}/members
	TargetMe       = "me"       // GET /v1/organizations/me
	TargetKeys     = "keys"     // GET /v1/organizations/external_keys
	TargetKey      = "key"      // GET /v1/organizations/external_keys/{id}
	TargetValidate = "validate" // POST /v1/organizations/external_keys/{id}/validate
	TargetUsers    = "users"    // GET /v1/organizations/users
	TargetProfiles = "profiles" // GET /v1/user_profiles

	TargetMemberList   = "member-list"   // GET /v1/organizations/workspaces/{id}/members
	TargetMember       = "member"        // GET /v1/organizations/workspaces/{id}/members/{user_id}
	TargetMemberUpdate = "member-update" // POST /v1/organizations/workspaces/{id}/members/{user_id}
	TargetMemberDelete = "member-delete" // DELETE /v1/organizations/workspaces/{id}/members/{user_id}

	TargetInviteCreate = "invite-create" // POST /v1/organizations/invites
	TargetInvites      = "invites"       // GET /v1/organizations/invites
	TargetInvite       = "invite"        // GET /v1/organizations/invites/{id}
	TargetInviteDelete = "invite-delete" // DELETE /v1/organizations/invites/{id}

	TargetRateLimits               = "rate-limits"          // GET /v1/organizations/rate_limits
	TargetWorkspaceRateLimits      = "ws-rate-limits"       // GET /v1/organizations/workspaces/{id}/rate_limits
	TargetWorkspaceRateLimitUpdate = "ws-rate-limit-update" // POST /v1/organizations/workspaces/{id}/rate_limits/{rate_limit_id}
)

var faultTargets = []string{
	TargetCreate, TargetList, TargetGet, TargetUpdate, TargetArchive, TargetMembers,
	TargetMe, TargetKeys, TargetKey, TargetValidate, TargetUsers, TargetProfiles,
	TargetMemberList, TargetMember, TargetMemberUpdate, TargetMemberDelete,
	TargetInviteCreate, TargetInvites, TargetInvite, TargetInviteDelete,
	TargetRateLimits, TargetWorkspaceRateLimits, TargetWorkspaceRateLimitUpdate,
}

// Fault is one simulated failure. Queued with Server.AddFaults, each fault
// is used up by the next request to its Target, in the order added. A Fault
// with only Latency set is not queued: it sets the server's latency.
type Fault struct {
	Target     string    // one of the Target* constants; "" means TargetCreate
	Kind       FaultKind // what goes wrong
	RetryAfter int       // seconds sent in retry-after with FaultRateLimit; 0 means 1
	// RetryAfterMs is the milliseconds sent in retry-after-ms with
	// FaultRateLimitMs; 0 means 1000.
	RetryAfterMs int
	// Latency, set by "latency=DURATION", is added to every response.
	Latency time.Duration
}

// String is the fault's name as ParseFaults reads it.
func (f Fault) String() string {
	if f.Kind == "" {
		return "latency=" + f.Latency.String()
	}
	s := string(f.Kind)
	switch {
	case f.Kind == FaultRateLimit && f.RetryAfter > 0:
		s += ":" + strconv.Itoa(f.RetryAfter)
	case f.Kind == FaultRateLimitMs && f.RetryAfterMs > 0:
		s += ":" + strconv.Itoa(f.RetryAfterMs)
	}
	if f.Target != "" && f.Target != TargetCreate {
		s = f.Target + ":" + s
	}
	return s
}

func (f Fault) target() string {
	if f.Target == "" {
		return TargetCreate
	}
	return f.Target
}

// afterCommit reports whether the request is applied before the fault strikes.
func (f Fault) afterCommit() bool {
	return strings.HasSuffix(string(f.Kind), "-after-commit") || f.Kind == FaultCreatedIncomplete || f.Kind == FaultChangeUnknown
}

// ParseFaults reads a comma-separated list of fault names, as --demo-faults
// takes it: e.g. "429:3,500-after-commit,list:500,latency=300ms". An empty
// string is no faults. Unknown names are an error that lists the valid ones.
func ParseFaults(s string) ([]Fault, error) {
	var out []Fault
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		f, err := parseFault(name)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func parseFault(name string) (Fault, error) {
	if v, ok := strings.CutPrefix(name, "latency="); ok {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return Fault{}, fmt.Errorf("fault %q: latency takes a duration such as 250ms or 2s", name)
		}
		return Fault{Latency: d}, nil
	}
	if name == string(FaultHostile) {
		return Fault{Kind: FaultHostile}, nil
	}
	f := Fault{Target: TargetCreate}
	rest := name
	if t, after, ok := strings.Cut(name, ":"); ok && slices.Contains(faultTargets, t) {
		f.Target, rest = t, after
	}
	kind, wait, hasWait := strings.Cut(rest, ":")
	f.Kind = FaultKind(kind)
	if !slices.Contains(faultKinds, f.Kind) {
		return Fault{}, fmt.Errorf("unknown fault %q; %s", name, validFaultNames())
	}
	if f.Kind == FaultCreatedIncomplete && f.Target != TargetCreate {
		return Fault{}, fmt.Errorf("fault %q: 503-incomplete applies to create only", name)
	}
	if f.Kind == FaultChangeUnknown && f.Target != TargetUpdate {
		return Fault{}, fmt.Errorf("fault %q: 503-change-unknown applies to update only, as update:503-change-unknown", name)
	}
	if hasWait {
		n, err := strconv.Atoi(wait)
		switch {
		case err != nil || n < 0 || (f.Kind != FaultRateLimit && f.Kind != FaultRateLimitMs):
			return Fault{}, fmt.Errorf("fault %q: only 429 takes seconds, as in 429:3, and 429ms milliseconds, as in 429ms:250", name)
		case f.Kind == FaultRateLimit:
			f.RetryAfter = n
		default:
			f.RetryAfterMs = n
		}
	}
	return f, nil
}

func validFaultNames() string {
	names := make([]string, len(faultKinds))
	for i, k := range faultKinds {
		names[i] = string(k)
	}
	names[0] += "[:SECONDS]"
	names[1] += "[:MILLISECONDS]"
	return fmt.Sprintf("valid faults: %s, latency=DURATION, hostile; prefix one with %s: to aim it at another endpoint than create (e.g. list:500)",
		strings.Join(names, ", "), strings.Join(faultTargets[1:], ":, "))
}

// faultQueue holds the pending faults per target; the Server's mutex guards it.
type faultQueue map[string][]Fault

func (q faultQueue) push(f Fault) { q[f.target()] = append(q[f.target()], f) }

func (q faultQueue) pop(target string) (Fault, bool) {
	list := q[target]
	if len(list) == 0 {
		return Fault{}, false
	}
	q[target] = list[1:]
	return list[0], true
}
