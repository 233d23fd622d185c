package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// faultError is the error body fault f answers with. committed is what the
// handler returned when f struck after the request was applied.
func faultError(c *call, f Fault, committed any) *apiError {
	target := c.target
	e := &apiError{}
	switch f.Kind {
	case FaultRateLimit:
		e.status, e.typ, e.retryAfter = http.StatusTooManyRequests, typeRateLimit, max(f.RetryAfter, 1)
		e.msg = fmt.Sprintf("rate limit exceeded: too many requests; retry after %d seconds", e.retryAfter)
	case FaultRateLimitMs:
		ms := f.RetryAfterMs
		if ms <= 0 {
			ms = 1000
		}
		e.status, e.typ, e.retryAfterMs, e.retryAfter = http.StatusTooManyRequests, typeRateLimit, ms, (ms+999)/1000
		e.msg = fmt.Sprintf("rate limit exceeded: too many requests; retry after %d milliseconds", ms)
	case FaultOverloaded, FaultOverloadedAfter:
		e.status, e.typ, e.msg = 529, typeOverloaded, "Overloaded"
	case FaultServer, FaultServerAfter:
		e.status, e.typ, e.msg = http.StatusInternalServerError, typeAPI, "Internal server error"
	case FaultTimeout, FaultTimeoutAfter:
		e.status, e.typ, e.msg = http.StatusGatewayTimeout, typeTimeout, "Request timed out"
	case FaultInvalid:
		e = invalid("name: a workspace with this name is being archived; choose another name")
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
	case FaultCreatedIncomplete:
		e.status, e.typ, e.code = http.StatusServiceUnavailable, typeAPI, codeWorkspaceCreatedIncomplete
		if w, ok := committed.(Workspace); ok {
			e.workspaceID = w.ID
		}
		e.msg = fmt.Sprintf("The workspace %s was created, but its tags were not saved. Set them with Update Workspace; do not create it again.", e.workspaceID)
	case FaultChangeUnknown:
		e.status, e.typ, e.code = http.StatusServiceUnavailable, typeOverloaded, codeChangeOutcomeUnknown
		e.msg = "Some of the request's changes may have been saved and others not. Send the same request again to finish it; changes already saved aren't repeated."
	case FaultPolicyCMEK:
		e = invalid("external_key_id: this organization's Workspace Policy requires every workspace to be encrypted with one of its allowed customer-managed keys, and no key was given; an organization admin can see the policy in the Console")
		if id := sentExternalKey(c.body); id != "" {
			e.msg = fmt.Sprintf("external_key_id: this organization's Workspace Policy does not allow external key %s; choose one of the keys the policy allows (an organization admin can see the policy in the Console)", id)
		}
		e.code, e.field = codeWorkspacePolicyViolation, "external_key_id"
	case FaultKeyChanged:
		e.status, e.typ, e.code = http.StatusConflict, typeConflict, codeExternalKeyChanged
		e.msg = "the external key changed while this request was validating it, so " + nothingDone[target] + "; validate the key again, then send the request again"
	case FaultKeyValidationFailed:
		key := "the external key"
		if id := sentExternalKey(c.body); id != "" {
			key = "external key " + id
		}
		e = invalid("external_key_id: " + key + " failed validation: the key management service refused to encrypt with it (the key policy does not allow Anthropic's role to use the key), so " + nothingDone[target] + "; fix the key's policy, validate the key, then send the request again")
		e.code = codeExternalKeyValidationFailed
	case FaultEgressRestricted:
		e.status, e.typ, e.code = http.StatusForbidden, typePermission, codeSandboxEgressRestricted
		e.msg = "this request came from a Claude sandbox with restricted network access, which may not make it; send it from outside the sandbox, or from a sandbox with unrestricted network access"
	case FaultUnknownCode:
		e = invalid("the organization is being moved between regions, and " + nothingDone[target] + "; try again after the move is complete")
		e.code = UnknownErrorCode
	}
	return e
}

// sentExternalKey is the external_key_id of a request body, "" when none
// (or the body is not a JSON object).
func sentExternalKey(body []byte) string {
	var in struct {
		ExternalKeyID string `json:"external_key_id"`
	}
	_ = json.Unmarshal(body, &in)
	return in.ExternalKeyID
}

var targetActions = map[string]string{
	TargetCreate: "create workspaces", TargetList: "list workspaces", TargetGet: "view workspaces",
	TargetUpdate: "change workspaces", TargetArchive: "archive workspaces", TargetMembers: "manage workspace members",
	TargetMe: "view the organization", TargetKeys: "list external keys", TargetKey: "view external keys",
	TargetValidate: "validate external keys", TargetUsers: "list the organization's users",
	TargetProfiles: "list user profiles", TargetMemberList: "list workspace members", TargetMember: "view workspace members",
	TargetMemberUpdate: "manage workspace members", TargetMemberDelete: "manage workspace members",
	TargetInviteCreate: "invite users", TargetInvites: "list invites", TargetInvite: "view invites",
	TargetInviteDelete: "delete invites", TargetRateLimits: "view rate limits",
	TargetWorkspaceRateLimits: "view rate limits", TargetWorkspaceRateLimitUpdate: "change rate limits",
}

// nothingDone says, per target, that a refused request changed nothing.
var nothingDone = map[string]string{
	TargetCreate: "no workspace was created", TargetList: "nothing was listed", TargetGet: "nothing was read",
	TargetUpdate: "the workspace was not changed", TargetArchive: "the workspace was not archived",
	TargetMembers: "no member was added", TargetMe: "nothing was read", TargetKeys: "nothing was listed",
	TargetKey: "nothing was read", TargetValidate: "the key was not validated", TargetUsers: "nothing was listed",
	TargetProfiles: "nothing was listed", TargetMemberList: "nothing was listed", TargetMember: "nothing was read",
	TargetMemberUpdate: "the member's role was not changed", TargetMemberDelete: "the member was not removed",
	TargetInviteCreate: "no invite was sent", TargetInvites: "nothing was listed", TargetInvite: "nothing was read",
	TargetInviteDelete: "the invite was not deleted", TargetRateLimits: "nothing was listed",
	TargetWorkspaceRateLimits: "nothing was listed", TargetWorkspaceRateLimitUpdate: "no rate limit was changed",
}
