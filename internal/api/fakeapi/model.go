package fakeapi

import (
	"encoding/json"
	"maps"
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

// timeLayout is RFC 3339 with microseconds in UTC, as the API writes times.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Workspace is a stored workspace. Its JSON is the API's Workspace object.
type Workspace struct {
	ID            string
	Name          string
	CreatedAt     time.Time
	ArchivedAt    time.Time // zero while the workspace is not archived
	DisplayColor  string
	Tags          map[string]string
	ExternalKeyID string // "" when no customer-managed key is attached
	UserProfileID string // "" when the workspace names no user profile
	DataResidency DataResidency
	CompartmentID string
}

// DataResidency is a workspace's data residency configuration.
type DataResidency struct {
	// AllowedInferenceGeos is "unrestricted" or a comma-separated list such as
	// "us,global", the form the --allowed-inference-geos flag takes; on the
	// wire it is the string "unrestricted" or a JSON array.
	AllowedInferenceGeos string
	DefaultInferenceGeo  string
	WorkspaceGeo         string
}

// Archived reports whether the workspace has been archived.
func (w Workspace) Archived() bool { return !w.ArchivedAt.IsZero() }

type wireResidency struct {
	AllowedInferenceGeos json.RawMessage `json:"allowed_inference_geos"`
	DefaultInferenceGeo  string          `json:"default_inference_geo"`
	WorkspaceGeo         string          `json:"workspace_geo"`
}

type wireWorkspace struct {
	ID            string            `json:"id"`
	Type          string            `json:"type"`
	Name          string            `json:"name"`
	CreatedAt     string            `json:"created_at"`
	ArchivedAt    *string           `json:"archived_at"`
	DisplayColor  string            `json:"display_color"`
	Tags          map[string]string `json:"tags"`
	ExternalKeyID *string           `json:"external_key_id"`
	UserProfileID *string           `json:"user_profile_id"`
	DataResidency wireResidency     `json:"data_residency"`
	CompartmentID string            `json:"compartment_id"`
}

// MarshalJSON writes the API's Workspace object: null archived_at,
// external_key_id and user_profile_id when unset, {} for no tags.
func (w Workspace) MarshalJSON() ([]byte, error) {
	out := wireWorkspace{
		ID: w.ID, Type: "workspace", Name: w.Name, CreatedAt: formatTime(w.CreatedAt),
		DisplayColor: w.DisplayColor, Tags: w.Tags, CompartmentID: w.CompartmentID,
		DataResidency: wireResidency{
			DefaultInferenceGeo: w.DataResidency.DefaultInferenceGeo,
			WorkspaceGeo:        w.DataResidency.WorkspaceGeo,
		},
	}
	if out.Tags == nil {
		out.Tags = map[string]string{}
	}
	if w.Archived() {
		s := formatTime(w.ArchivedAt)
		out.ArchivedAt = &s
	}
	out.ExternalKeyID = nullable(w.ExternalKeyID)
	out.UserProfileID = nullable(w.UserProfileID)
	allowed, err := marshalAllowedGeos(w.DataResidency.AllowedInferenceGeos)
	if err != nil {
		return nil, err
	}
	out.DataResidency.AllowedInferenceGeos = allowed
	return json.Marshal(out)
}

// UnmarshalJSON reads the API's Workspace object, so tests can decode
// responses into a Workspace.
func (w *Workspace) UnmarshalJSON(data []byte) error {
	var in wireWorkspace
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*w = Workspace{ID: in.ID, Name: in.Name, DisplayColor: in.DisplayColor, Tags: in.Tags, CompartmentID: in.CompartmentID}
	w.DataResidency.DefaultInferenceGeo = in.DataResidency.DefaultInferenceGeo
	w.DataResidency.WorkspaceGeo = in.DataResidency.WorkspaceGeo
	var err error
	if w.CreatedAt, err = time.Parse(time.RFC3339Nano, in.CreatedAt); err != nil {
		return err
	}
	if in.ArchivedAt != nil {
		if w.ArchivedAt, err = time.Parse(time.RFC3339Nano, *in.ArchivedAt); err != nil {
			return err
		}
	}
	w.ExternalKeyID, w.UserProfileID = deref(in.ExternalKeyID), deref(in.UserProfileID)
	var geos any
	if len(in.DataResidency.AllowedInferenceGeos) > 0 {
		if err := json.Unmarshal(in.DataResidency.AllowedInferenceGeos, &geos); err != nil {
			return err
		}
	}
	switch g := geos.(type) {
	case string:
		w.DataResidency.AllowedInferenceGeos = g
	case []any:
		list := make([]string, 0, len(g))
		for _, v := range g {
			s, _ := v.(string)
			list = append(list, s)
		}
		w.DataResidency.AllowedInferenceGeos = strings.Join(list, ",")
	}
	return nil
}

func marshalAllowedGeos(flag string) (json.RawMessage, error) {
	geos := api.SplitGeos(flag)
	if len(geos) == 0 || (len(geos) == 1 && geos[0] == api.Unrestricted) {
		return json.Marshal(api.Unrestricted)
	}
	return json.Marshal(geos)
}

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// clone returns a deep copy, so snapshots never share maps with the store.
func (w Workspace) clone() Workspace {
	w.Tags = maps.Clone(w.Tags)
	return w
}

// ExternalKey is a customer-managed encryption key configuration of the
// organization. Its JSON is the API's ExternalKey object.
type ExternalKey struct {
	ID          string
	DisplayName string
	Geo         string
	Provider    string // "aws", "gcp" or "azure"
	KMSARN      string // aws
	Region      string // aws
	KeyName     string // gcp, azure
	TenantID    string // azure
	VaultURI    string // azure
	ClientID    string // azure; "" means Anthropic's multitenant app (null)
	Attached    bool   // a workspace uses the key
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// ValidationError is what validating the key reports; "" means it validates.
	ValidationError string
}

// MarshalJSON writes the API's ExternalKey object with the provider_config
// fields of the key's provider.
func (k ExternalKey) MarshalJSON() ([]byte, error) {
	pc := map[string]any{"type": k.Provider}
	switch k.Provider {
	case "aws":
		pc["kms_arn"] = k.KMSARN
		pc["region"] = nullable(k.Region)
	case "gcp":
		pc["key_name"] = k.KeyName
	case "azure":
		pc["key_name"] = k.KeyName
		pc["tenant_id"] = k.TenantID
		pc["vault_uri"] = k.VaultURI
		pc["client_id"] = nullable(k.ClientID)
	}
	attachment := "unattached"
	if k.Attached {
		attachment = "attached"
	}
	return json.Marshal(map[string]any{
		"id":              k.ID,
		"type":            "external_key",
		"display_name":    nullable(k.DisplayName),
		"geo":             k.Geo,
		"provider_config": pc,
		"attachment":      map[string]string{"type": attachment},
		"created_at":      formatTime(k.CreatedAt),
		"updated_at":      formatTime(k.UpdatedAt),
	})
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// User is a member of the organization. Its JSON is the API's User object.
type User struct {
	ID      string
	Email   string
	Name    string
	Role    string // e.g. "admin", "developer", "user"
	AddedAt time.Time
}

// MarshalJSON writes the API's User object.
func (u User) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{
		"id": u.ID, "type": "user", "email": u.Email, "name": u.Name,
		"role": u.Role, "added_at": formatTime(u.AddedAt),
	})
}

// Member is a user's role in one workspace.
type Member struct {
	UserID        string `json:"user_id"`
	WorkspaceID   string `json:"workspace_id"`
	WorkspaceRole string `json:"workspace_role"`
}

// MarshalJSON writes the API's WorkspaceMember object.
func (m Member) MarshalJSON() ([]byte, error) {
	type plain Member
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
	}{"workspace_member", plain(m)})
}

// organization is the API's OrganizationInfo object.
type organization struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}
