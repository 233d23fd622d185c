package fakeapi

import (
	"fmt"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

// The demo organization's external keys: AWS and GCP validate, Azure does not.
const (
	DemoExternalKeyAWS   = "ekey_01SDCCSbTxrXDpWc1phhtcfK" // the id in the API reference's example request
	DemoExternalKeyGCP   = "ekey_01JDemoGcpProdKeyRingUs"
	DemoExternalKeyAzure = "ekey_01JDemoAzureKeyVaultUs"
)

// ExampleKeyARN is an external key id as Claude Platform on AWS gives it,
// an AWS KMS key ARN, with the ":" and "/" that must be escaped in a path.
// The demo organization does not have it; AddExternalKey(ARNExternalKey())
// adds it.
const ExampleKeyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

// ARNExternalKey is an AWS key whose id is its ARN, ExampleKeyARN.
func ARNExternalKey() ExternalKey {
	at := time.Date(2025, 3, 11, 9, 30, 0, 0, time.UTC)
	return ExternalKey{
		ID: ExampleKeyARN, DisplayName: "platform-kms (us-east-1)", Geo: "us", Provider: "aws",
		KMSARN: ExampleKeyARN, Region: "us-east-1", CreatedAt: at, UpdatedAt: at,
	}
}

// The demo organization's users.
const (
	DemoUserAdmin     = "user_01JDemoAdaAdmin00000000"
	DemoUserDeveloper = "user_01JDemoDevDeveloper0000"
	DemoUserUser      = "user_01JDemoUmaUser000000000"
)

// Palette is the display colours the server picks from when a create leaves
// display_color out, in turn by the number of workspaces stored.
var Palette = []string{"#6C5BB9", "#D97757", "#2E7D6B", "#C2410C", "#1D4ED8", "#B45309", "#0F766E", "#9D174D"}

// store is the organization's data; the Server's mutex guards it.
type store struct {
	workspaces []*Workspace // oldest first
	keys       []*ExternalKey
	users      []User
	members    []Member
	profiles   []UserProfile // oldest first; none unless added
	invites    []Invite      // oldest first
	rateLimits []RateLimit
	// overrides are the workspaces' rate limits: workspace id →
	// rate_limit_id → the limiter values set, in the order first set.
	overrides map[string]map[string][]LimitValue
}

// seedStore is the preset organization's data, with users users when > 0;
// now dates the new organization's pending invite (and is called only then). It draws no random ids,
// so every preset leaves the ids a seeded Rand gives unchanged.
func seedStore(preset Preset, users int, now func() time.Time) store {
	st := demoStore()
	generated := 0
	if preset == PresetNew {
		st.keys = nil
		invited := now().UTC().Add(-2 * 24 * time.Hour)
		st.invites = []Invite{{ID: NewOrgInvite, Email: "new.hire@example.com", Role: "developer", Status: InvitePending,
			InvitedAt: invited, ExpiresAt: invited.Add(InviteLifetime)}}
		generated = NewOrgUsers - len(st.users)
	}
	if users > 0 {
		st.users = st.users[:min(users, len(st.users))]
		generated = users - len(st.users)
	}
	st.users = append(st.users, GenerateUsers(generated)...)
	st.rateLimits = DemoRateLimits()
	return st
}

// Preset names an organization the simulated API can start as.
type Preset string

// Presets.
const (
	// PresetDemo is --demo's organization: three external keys, three users
	// (the test's and the README's); the app adds two workspaces and two user
	// profiles.
	PresetDemo Preset = ""
	// PresetNew is a newly set-up organization for the guided setup: no
	// workspaces or external keys, NewOrgUsers users (the demo's three among
	// them), one pending invite (NewOrgInvite) and the rate-limit groups.
	PresetNew Preset = "new"
)

// ParsePreset reads a preset's name as demo-server --org takes it: "demo"
// (or "") or "new".
func ParsePreset(name string) (Preset, error) {
	switch name {
	case "", "demo":
		return PresetDemo, nil
	case string(PresetNew):
		return PresetNew, nil
	}
	return "", fmt.Errorf("unknown organization %q; use demo (the --demo organization) or new (no workspaces yet, a dozen users, a pending invite)", name)
}

// The new organization (PresetNew).
const (
	NewOrgName   = "New organization"
	NewOrgUsers  = 12
	NewOrgInvite = "invite_01JDemoPendingNewHire0"
)

func demoStore() store {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 9, 30, 0, 0, time.UTC) }
	return store{
		keys: []*ExternalKey{
			{
				ID: DemoExternalKeyAWS, DisplayName: "prod-kms (us-east-1)", Geo: "us", Provider: "aws",
				KMSARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
				Region: "us-east-1", CreatedAt: day(3), UpdatedAt: day(3),
			},
			{
				ID: DemoExternalKeyGCP, DisplayName: "gcp-prod-keyring (us)", Geo: "us", Provider: "gcp",
				KeyName:   "projects/acme-prod/locations/us/keyRings/anthropic/cryptoKeys/workspaces",
				CreatedAt: day(5), UpdatedAt: day(5),
			},
			{
				ID: DemoExternalKeyAzure, DisplayName: "azure-keyvault (eastus)", Geo: "us", Provider: "azure",
				KeyName: "anthropic-cmek", TenantID: "72f988bf-86f1-41af-91ab-2d7cd011db47",
				VaultURI: "https://acme-keys.vault.azure.net", CreatedAt: day(7), UpdatedAt: day(7),
				ValidationError: "Azure Key Vault answered 403 Forbidden: the Anthropic application has no wrapKey/unwrapKey " +
					"permission on key anthropic-cmek in https://acme-keys.vault.azure.net; grant it the " +
					"\"Key Vault Crypto Service Encryption User\" role and validate again",
			},
		},
		users: []User{
			{ID: DemoUserAdmin, Email: "ada@example.com", Name: "Ada Admin", Role: "admin", AddedAt: day(1)},
			{ID: DemoUserDeveloper, Email: "dev@example.com", Name: "Dev Developer", Role: "developer", AddedAt: day(2)},
			{ID: DemoUserUser, Email: "uma@example.com", Name: "Uma User", Role: "user", AddedAt: day(4)},
		},
	}
}

// insertWorkspace stores w with defaults for its empty fields; the caller
// holds s.mu.
func (s *Server) insertWorkspace(w Workspace) *Workspace {
	if w.ID == "" {
		w.ID = s.randID("wrkspc_", 24)
	}
	if w.CreatedAt.IsZero() {
		w.CreatedAt = s.opts.Now().UTC()
	}
	if w.CompartmentID == "" {
		w.CompartmentID = s.uuid4()
	}
	if w.DisplayColor == "" {
		w.DisplayColor = Palette[len(s.store.workspaces)%len(Palette)]
	}
	if w.Tags == nil {
		w.Tags = map[string]string{}
	}
	dr := &w.DataResidency
	if dr.WorkspaceGeo == "" {
		dr.WorkspaceGeo = "us"
	}
	if dr.AllowedInferenceGeos == "" {
		dr.AllowedInferenceGeos = api.Unrestricted
	}
	if dr.DefaultInferenceGeo == "" {
		dr.DefaultInferenceGeo = "global"
	}
	if w.ExternalKeyID != "" {
		if k := s.store.key(w.ExternalKeyID); k != nil {
			k.Attached = true
		}
	}
	p := &w
	s.store.workspaces = append(s.store.workspaces, p)
	return p
}

func (st *store) workspace(id string) *Workspace {
	for _, w := range st.workspaces {
		if w.ID == id {
			return w
		}
	}
	return nil
}

func (st *store) key(id string) *ExternalKey {
	for _, k := range st.keys {
		if k.ID == id {
			return k
		}
	}
	return nil
}

func (st *store) user(id string) *User {
	for i := range st.users {
		if st.users[i].ID == id {
			return &st.users[i]
		}
	}
	return nil
}

// active counts the workspaces that are not archived.
func (st *store) active() int {
	n := 0
	for _, w := range st.workspaces {
		if !w.Archived() {
			n++
		}
	}
	return n
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// randID is prefix plus n base62 characters; the caller holds s.mu.
func (s *Server) randID(prefix string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = base62[s.rand.IntN(len(base62))]
	}
	return prefix + string(b)
}

// uuid4 is a random (version 4) UUID; the caller holds s.mu (or is New).
func (s *Server) uuid4() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(s.rand.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// DemoWorkspaces are the workspaces --demo's organization already has, so
// that the wizard's name-in-use warning and the list can be shown.
func DemoWorkspaces() []Workspace {
	day := func(d int) time.Time { return time.Date(2025, 6, d, 14, 0, 0, 0, time.UTC) }
	return []Workspace{
		{Name: "research-prod", CreatedAt: day(2), DisplayColor: "#2E7D6B", Tags: map[string]string{"team": "research", "env": "prod"},
			DataResidency: DataResidency{AllowedInferenceGeos: "us", DefaultInferenceGeo: "us", WorkspaceGeo: "us"}},
		{Name: "staging", CreatedAt: day(9), DisplayColor: "#C4622D", Tags: map[string]string{"env": "staging"},
			DataResidency: DataResidency{AllowedInferenceGeos: "unrestricted", DefaultInferenceGeo: "global", WorkspaceGeo: "us"}},
	}
}

// liveWorkspace is the workspace id names, if it exists and is not
// archived; otherwise the API's error, "workspace ID <archived>" for an
// archived one. The caller holds s.mu.
func (s *Server) liveWorkspace(id, archived string) (*Workspace, *apiError) {
	w := s.store.workspace(id)
	switch {
	case w == nil:
		return nil, workspaceNotFound(id)
	case w.Archived():
		return nil, invalid(fmt.Sprintf("workspace %s %s", w.ID, archived))
	}
	return w, nil
}
