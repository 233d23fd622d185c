package fakeapi_test

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"strings"
	"testing"

	anthropic "github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

const fullCreate = `{"name":"payments","tags":{"team":"payments","env":"prod"},"display_color":"#1D4ED8",` +
	`"data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"us"}}`

// The faults that answer with error.details: status, type, code, the other
// details, the message, and what the store holds afterwards.
func TestCodedFaults(t *testing.T) {
	keyBody := `{"name":"secure","external_key_id":"` + fakeapi.DemoExternalKeyGCP + `"}`
	tests := []struct {
		fault   string
		body    string
		status  int
		typ     string
		details map[string]string // workspace_id "*" stands for the stored workspace's id
		message []string          // each must be in the message
		stored  int               // workspaces afterwards
	}{
		{"503-incomplete", fullCreate, 503, "api_error",
			map[string]string{"error_code": "workspace_created_incomplete", "workspace_id": "*"},
			[]string{"was created, but its tags were not saved", "Set them with Update Workspace; do not create it again."}, 1},
		{"policy-cmek", `{"name":"plain"}`, 400, "invalid_request_error",
			map[string]string{"error_code": "workspace_policy_violation", "field": "external_key_id"},
			[]string{"external_key_id: ", "Workspace Policy requires", "no key was given"}, 0},
		{"policy-cmek", keyBody, 400, "invalid_request_error",
			map[string]string{"error_code": "workspace_policy_violation", "field": "external_key_id"},
			[]string{"Workspace Policy does not allow external key " + fakeapi.DemoExternalKeyGCP}, 0},
		{"409-key-changed", keyBody, 409, "conflict_error",
			map[string]string{"error_code": "external_key_changed"},
			[]string{"the external key changed", "no workspace was created", "validate the key again"}, 0},
		{"key-validation-failed", keyBody, 400, "invalid_request_error",
			map[string]string{"error_code": "external_key_validation_failed"},
			[]string{"external_key_id: external key " + fakeapi.DemoExternalKeyGCP + " failed validation", "no workspace was created"}, 0},
		{"403-egress", `{"name":"x"}`, 403, "permission_error",
			map[string]string{"error_code": "sandbox_egress_restricted"},
			[]string{"restricted network access"}, 0},
		{"unknown-code", `{"name":"x"}`, 400, "invalid_request_error",
			map[string]string{"error_code": fakeapi.UnknownErrorCode},
			[]string{"no workspace was created", "try again"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.fault+" "+tc.body, func(t *testing.T) {
			srv := newServer(t, fakeapi.Options{})
			addFaults(t, srv, tc.fault)
			r := send(t, srv, "POST", workspacesPath, tc.body)
			msg := wantError(t, r, tc.status, tc.typ, "")
			for _, part := range tc.message {
				if !strings.Contains(msg, part) {
					t.Errorf("message %q does not say %q", msg, part)
				}
			}
			stored := srv.Workspaces()
			if len(stored) != tc.stored {
				t.Fatalf("%d workspaces stored, want %d: %+v", len(stored), tc.stored, stored)
			}
			want := maps.Clone(tc.details)
			if want["workspace_id"] == "*" {
				want["workspace_id"] = stored[0].ID
				if !strings.Contains(msg, stored[0].ID) {
					t.Errorf("message %q does not name the workspace %s", msg, stored[0].ID)
				}
			}
			if got := errorDetails(t, r); !maps.Equal(got, want) {
				t.Errorf("error.details = %v, want %v", got, want)
			}
			if srv.CountRequests("POST", workspacesPath) != 1 || len(srv.PendingFaults()) != 0 {
				t.Errorf("POSTs %d, faults left %v", srv.CountRequests("POST", workspacesPath), srv.PendingFaults())
			}
			create(t, srv, `{"name":"after"}`) // the fault is used up
		})
	}
}

// 503-incomplete stores everything but the tags; the stored workspace is the
// one a GET by details.workspace_id returns.
func TestCreatedIncompleteKeepsAllButTheTags(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	addFaults(t, srv, "503-incomplete")
	r := send(t, srv, "POST", workspacesPath, fullCreate)
	wantError(t, r, 503, "api_error", "The workspace wrkspc_")
	id := errorDetails(t, r)["workspace_id"]
	var got fakeapi.Workspace
	decodeOK(t, send(t, srv, "GET", workspacesPath+"/"+id, ""), &got)
	dr := got.DataResidency
	if got.Name != "payments" || got.DisplayColor != "#1D4ED8" || len(got.Tags) != 0 ||
		dr.AllowedInferenceGeos != "us" || dr.DefaultInferenceGeo != "us" || dr.WorkspaceGeo != "us" {
		t.Errorf("stored %+v; want all of the request but the tags", got)
	}
}

func TestCodedFaultsOnOtherEndpoints(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	w := create(t, srv, `{"name":"x"}`)
	addFaults(t, srv, "update:policy-cmek,update:409-key-changed,list:403-egress,users:unknown-code")
	r := send(t, srv, "POST", workspacesPath+"/"+w.ID, `{"external_key_id":"`+fakeapi.DemoExternalKeyAWS+`"}`)
	wantError(t, r, 400, "invalid_request_error", "external_key_id: this organization's Workspace Policy does not allow external key "+fakeapi.DemoExternalKeyAWS)
	r = send(t, srv, "POST", workspacesPath+"/"+w.ID, `{"external_key_id":"`+fakeapi.DemoExternalKeyAWS+`"}`)
	if msg := wantError(t, r, 409, "conflict_error", ""); !strings.Contains(msg, "the workspace was not changed") {
		t.Errorf("message = %q", msg)
	}
	wantError(t, send(t, srv, "GET", workspacesPath, ""), 403, "permission_error", "")
	r = send(t, srv, "GET", "/v1/organizations/users", "")
	wantError(t, r, 400, "invalid_request_error", "")
	if code := errorDetails(t, r)["error_code"]; code != fakeapi.UnknownErrorCode {
		t.Errorf("error_code = %q", code)
	}
	if got := srv.Workspaces()[0]; got.ExternalKeyID != "" {
		t.Errorf("the refused updates attached a key: %+v", got)
	}
}

// sdkClient is SDK v2's client aimed at srv, as the program builds it, but
// with no retries: each fault is seen as it is.
func sdkClient(srv *fakeapi.Server) anthropic.Client {
	return anthropic.NewClient(
		option.WithoutEnvironmentDefaults(),
		option.WithBaseURL(srv.URL()),
		option.WithAPIKey(fakeapi.DemoKey),
		option.WithMaxRetries(0),
	)
}

// The errors decode through the real SDK v2 client: ErrorCode(), Type(),
// the typed details and the request id.
func TestErrorsThroughTheSDK(t *testing.T) {
	tests := []struct {
		fault       string
		status      int
		typ         anthropic.ErrorType
		code        anthropic.ErrorCode
		field       string
		workspaceID bool
		stored      int
	}{
		{"503-incomplete", 503, "api_error", anthropic.ErrorCodeWorkspaceCreatedIncomplete, "", true, 1},
		{"policy-cmek", 400, "invalid_request_error", anthropic.ErrorCodeWorkspacePolicyViolation, "external_key_id", false, 0},
		{"409-key-changed", 409, "conflict_error", anthropic.ErrorCodeExternalKeyChanged, "", false, 0},
		{"key-validation-failed", 400, "invalid_request_error", anthropic.ErrorCodeExternalKeyValidationFailed, "", false, 0},
		{"403-egress", 403, "permission_error", anthropic.ErrorCodeSandboxEgressRestricted, "", false, 0},
		{"unknown-code", 400, "invalid_request_error", fakeapi.UnknownErrorCode, "", false, 0},
		{"529-after-commit", 529, "overloaded_error", "", "", false, 1},
		{"429ms:5", 429, "rate_limit_error", "", "", false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.fault, func(t *testing.T) {
			srv := newServer(t, fakeapi.Options{})
			addFaults(t, srv, tc.fault)
			c := sdkClient(srv)
			_, err := c.Organization.Workspaces.New(context.Background(), anthropic.OrganizationWorkspaceNewParams{
				Name: "through-the-sdk",
				Tags: map[string]string{"env": "dev"},
			})
			var apiErr *anthropic.Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want an *anthropic.Error", err)
			}
			if apiErr.StatusCode != tc.status || apiErr.Type() != tc.typ || apiErr.ErrorCode() != tc.code || apiErr.Message == "" {
				t.Errorf("status %d, type %q, code %q, message %q; want %d, %q, %q",
					apiErr.StatusCode, apiErr.Type(), apiErr.ErrorCode(), apiErr.Message, tc.status, tc.typ, tc.code)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 || apiErr.RequestID != reqs[0].RequestID || reqs[0].KeyHeader != "authorization" ||
				reqs[0].Header.Get("anthropic-version") != "2026-10-21" {
				t.Errorf("requests %+v; want one, with the Bearer key, 2026-10-21 and the request id %q", reqs, apiErr.RequestID)
			}
			d := apiErr.Details
			if string(d.ErrorCode) != string(tc.code) || d.Field != tc.field {
				t.Errorf("details = %s; want error_code %q, field %q", d.RawJSON(), tc.code, tc.field)
			}
			stored := srv.Workspaces()
			if len(stored) != tc.stored {
				t.Fatalf("%d workspaces stored, want %d", len(stored), tc.stored)
			}
			if tc.workspaceID {
				got := d.AsWorkspaceCreatedIncomplete().WorkspaceID
				if got != stored[0].ID || len(stored[0].Tags) != 0 {
					t.Errorf("details.workspace_id = %q, stored %+v; want the stored id, without tags", got, stored[0])
				}
			}
		})
	}
}

// A workspace read through the SDK has compartment_id and a null
// user_profile_id; one with a profile carries it.
func TestWorkspaceThroughTheSDK(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	c := sdkClient(srv)
	ws, err := c.Organization.Workspaces.New(context.Background(), anthropic.OrganizationWorkspaceNewParams{Name: "plain"})
	if err != nil {
		t.Fatal(err)
	}
	if !uuidV4Re.MatchString(ws.CompartmentID) || ws.UserProfileID != "" || ws.JSON.UserProfileID.Raw() != "null" {
		t.Errorf("compartment_id %q, user_profile_id %q (raw %s)", ws.CompartmentID, ws.UserProfileID, ws.JSON.UserProfileID.Raw())
	}
	withProfile := srv.AddWorkspace(fakeapi.Workspace{Name: "profiled", UserProfileID: "uprof_01JDemoProfile000000000"})
	got, err := c.Organization.Workspaces.Get(context.Background(), withProfile.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.UserProfileID != "uprof_01JDemoProfile000000000" {
		t.Errorf("user_profile_id = %q", got.UserProfileID)
	}
	// And the wire form round-trips through fakeapi.Workspace.
	var w fakeapi.Workspace
	decodeOK(t, send(t, srv, http.MethodGet, workspacesPath+"/"+withProfile.ID, ""), &w)
	if w.UserProfileID != "uprof_01JDemoProfile000000000" {
		t.Errorf("decoded %+v", w)
	}
}
