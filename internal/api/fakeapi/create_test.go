package fakeapi_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func TestCreateRejectsWithFieldPrefixedMessage(t *testing.T) {
	tests := []struct {
		name, body, message string
	}{
		{"name missing", `{}`, "name: Field required"},
		{"name null", `{"name":null}`, "name: Input should be a valid string"},
		{"name a number", `{"name":42}`, "name: Input should be a valid string"},
		{"name blank", `{"name":"   "}`, "name: enter a name for the workspace"},
		{"name too long", `{"name":"` + strings.Repeat("n", 256) + `"}`, "name: use at most 255 characters (this name has 256)"},
		{"name with a newline", `{"name":"a\nb"}`, "name: remove the control character"},
		{"extra field", `{"name":"x","description":"d"}`, "description: Extra inputs are not permitted"},
		{"extra nested field", `{"name":"x","data_residency":{"region":"us"}}`, "data_residency.region: Extra inputs are not permitted"},
		{"body not JSON", `{"name":`, "body: the request body is not valid JSON"},
		{"body empty", ``, "body: the request body is not valid JSON"},
		{"body an array", `[{"name":"x"}]`, "body: Input should be a valid dictionary or object"},
		{"tags a list", `{"name":"x","tags":["a"]}`, "tags: Input should be a valid dictionary or object"},
		{"tag value a number", `{"name":"x","tags":{"env":1}}`, "tags.env: Input should be a valid string"},
		{"tag key anthropic", `{"name":"x","tags":{"team":"a","anthropic-env":"prod"}}`, `tags: tag key "anthropic-env": keys may not start with "anthropic"`},
		{"tag key with spaces", `{"name":"x","tags":{" env":"prod"}}`, `tags: remove the spaces around the tag key "env"`},
		{"too many tags", `{"name":"x","tags":{` + manyTags(51) + `}}`, "tags: at most 50 tags are allowed (there are 51)"},
		{"workspace geo eu", `{"name":"x","data_residency":{"workspace_geo":"eu"}}`, `data_residency.workspace_geo: unknown workspace geo "eu"`},
		{"workspace geo empty", `{"name":"x","data_residency":{"workspace_geo":""}}`, "data_residency.workspace_geo: must not be empty"},
		{"data residency a string", `{"name":"x","data_residency":"us"}`, "data_residency: Input should be a valid dictionary or object"},
		{"allowed geos bare string", `{"name":"x","data_residency":{"allowed_inference_geos":"us"}}`, `data_residency.allowed_inference_geos: Input should be "unrestricted" or a list of geos`},
		{"allowed geos empty list", `{"name":"x","data_residency":{"allowed_inference_geos":[]}}`, `data_residency.allowed_inference_geos: list at least one geo`},
		{"allowed geos unknown", `{"name":"x","data_residency":{"allowed_inference_geos":["us","mars"]}}`, `data_residency.allowed_inference_geos: unknown inference geo "mars"`},
		{"allowed geos twice", `{"name":"x","data_residency":{"allowed_inference_geos":["us","us"]}}`, `data_residency.allowed_inference_geos: geo "us" is listed twice`},
		{"allowed geos with comma", `{"name":"x","data_residency":{"allowed_inference_geos":["us,global"]}}`, `data_residency.allowed_inference_geos: "us,global" is not a single geo`},
		{"allowed geos unrestricted in list", `{"name":"x","data_residency":{"allowed_inference_geos":["unrestricted"]}}`, `data_residency.allowed_inference_geos: "unrestricted" stands alone`},
		{"allowed geos number", `{"name":"x","data_residency":{"allowed_inference_geos":[1]}}`, `data_residency.allowed_inference_geos[0]: Input should be a valid string`},
		{"default geo not allowed", `{"name":"x","data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"global"}}`, `data_residency.default_inference_geo: default inference geo "global" is not in the allowed geos (us)`},
		{"default geo left global but excluded", `{"name":"x","data_residency":{"allowed_inference_geos":["us"]}}`, `data_residency.default_inference_geo: the default inference geo would be "global"`},
		{"default geo unknown", `{"name":"x","data_residency":{"default_inference_geo":"eu"}}`, `data_residency.default_inference_geo: unknown inference geo "eu"`},
		{"external key malformed", `{"name":"x","external_key_id":"my-key"}`, `external_key_id: "my-key" is not a key id`},
		{"external key unknown", `{"name":"x","external_key_id":"ekey_01NotInThisOrg"}`, "external_key_id: no external key with id ekey_01NotInThisOrg in this organization"},
		{"external key a number", `{"name":"x","external_key_id":7}`, "external_key_id: Input should be a valid string"},
		{"display colour name", `{"name":"x","display_color":"purple"}`, `display_color: "purple" is not a colour`},
		{"display colour short", `{"name":"x","display_color":"#abc"}`, `display_color: "#abc" is not a colour`},
	}
	srv := newServer(t, fakeapi.Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, send(t, srv, "POST", workspacesPath, tc.body), 400, "invalid_request_error", tc.message)
		})
	}
	if n := len(srv.Workspaces()); n != 0 {
		t.Errorf("%d workspaces stored after refused creates, want 0", n)
	}
}

func manyTags(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`"k%d":"v"`, i)
	}
	return strings.Join(parts, ",")
}

func TestCreateAppliesDefaults(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	r := send(t, srv, "POST", workspacesPath, `{"name":"Research"}`)
	var raw map[string]any
	decodeOK(t, r, &raw)
	keys := slices.Sorted(maps.Keys(raw))
	want := []string{"archived_at", "compartment_id", "created_at", "data_residency", "display_color", "external_key_id", "id", "name", "tags", "type", "user_profile_id"}
	if !slices.Equal(keys, want) {
		t.Errorf("workspace keys = %v, want %v", keys, want)
	}
	if raw["type"] != "workspace" || raw["name"] != "Research" || raw["archived_at"] != nil || raw["external_key_id"] != nil || raw["user_profile_id"] != nil {
		t.Errorf("workspace = %s", r.body)
	}
	if !workspaceIDRe.MatchString(raw["id"].(string)) || !uuidV4Re.MatchString(raw["compartment_id"].(string)) {
		t.Errorf("id %v / compartment_id %v malformed", raw["id"], raw["compartment_id"])
	}
	if raw["created_at"] != "2026-01-02T03:04:05.678901Z" {
		t.Errorf("created_at = %v", raw["created_at"])
	}
	if tags, ok := raw["tags"].(map[string]any); !ok || len(tags) != 0 {
		t.Errorf("tags = %#v, want {}", raw["tags"])
	}
	if raw["display_color"] != fakeapi.Palette[0] {
		t.Errorf("display_color = %v, want %s", raw["display_color"], fakeapi.Palette[0])
	}
	dr, _ := json.Marshal(raw["data_residency"])
	if string(dr) != `{"allowed_inference_geos":"unrestricted","default_inference_geo":"global","workspace_geo":"us"}` {
		t.Errorf("data_residency = %s", dr)
	}
	stored := srv.Workspaces()
	if len(stored) != 1 || stored[0].ID != raw["id"] {
		t.Fatalf("stored = %+v", stored)
	}
	if second := create(t, srv, `{"name":"Research"}`); second.ID == stored[0].ID || second.DisplayColor != fakeapi.Palette[1] {
		t.Errorf("a second workspace with the same name = %+v; names need not be unique and the colour moves on", second)
	}
}

func TestCreateKeepsWhatWasSent(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	w := create(t, srv, `{"name":"Prod 🚀","tags":{"team":"platform","env":"prod"},"display_color":"#112233",
		"external_key_id":"`+fakeapi.DemoExternalKeyAWS+`",
		"data_residency":{"workspace_geo":"us","allowed_inference_geos":["us"],"default_inference_geo":"us"}}`)
	want := fakeapi.DataResidency{AllowedInferenceGeos: "us", DefaultInferenceGeo: "us", WorkspaceGeo: "us"}
	if w.Name != "Prod 🚀" || w.DisplayColor != "#112233" || w.ExternalKeyID != fakeapi.DemoExternalKeyAWS || w.DataResidency != want ||
		!maps.Equal(w.Tags, map[string]string{"team": "platform", "env": "prod"}) {
		t.Errorf("created %+v", w)
	}
	for _, k := range srv.ExternalKeys() {
		if k.Attached != (k.ID == fakeapi.DemoExternalKeyAWS) {
			t.Errorf("key %s attached = %v", k.ID, k.Attached)
		}
	}
	w2 := create(t, srv, `{"name":"Two","data_residency":{"allowed_inference_geos":["global","us"]}}`)
	if w2.DataResidency.AllowedInferenceGeos != "global,us" || w2.DataResidency.DefaultInferenceGeo != "global" {
		t.Errorf("second = %+v", w2.DataResidency)
	}
}

func TestCreateWithCMEKDisabled(t *testing.T) {
	srv := newServer(t, fakeapi.Options{CMEKDisabled: true})
	body := `{"name":"x","external_key_id":"` + fakeapi.DemoExternalKeyAWS + `"}`
	wantError(t, send(t, srv, "POST", workspacesPath, body), 400, "invalid_request_error",
		"external_key_id: customer-managed encryption keys are not enabled for this organization; ask your account team")
	create(t, srv, `{"name":"no key is fine"}`)
}

func TestCreateStopsAtTheWorkspaceLimit(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	for i := range 100 {
		create(t, srv, fmt.Sprintf(`{"name":"ws %d"}`, i))
	}
	msg := wantError(t, send(t, srv, "POST", workspacesPath, `{"name":"one too many"}`), 400, "invalid_request_error", "")
	if !strings.Contains(msg, "100") || !strings.Contains(msg, "archive") {
		t.Errorf("limit message %q should name the limit and say to archive one", msg)
	}
	first := srv.Workspaces()[0]
	var archived fakeapi.Workspace
	decodeOK(t, send(t, srv, "POST", workspacesPath+"/"+first.ID+"/archive", ""), &archived)
	create(t, srv, `{"name":"fits after archiving"}`)
	if n := len(srv.Workspaces()); n != 101 {
		t.Errorf("%d workspaces stored, want 101 (one archived)", n)
	}
}

func TestCreateUsesTheClock(t *testing.T) {
	now := time.Date(2026, 5, 6, 7, 8, 9, 0, time.FixedZone("X", 3600))
	srv := newServer(t, fakeapi.Options{Now: func() time.Time { return now }})
	r := send(t, srv, "POST", workspacesPath, `{"name":"x"}`)
	if !strings.Contains(string(r.body), `"created_at":"2026-05-06T06:08:09.000000Z"`) {
		t.Errorf("created_at not in UTC with microseconds: %s", r.body)
	}
}

func TestSeededServersGiveTheSameIDs(t *testing.T) {
	first := func() (string, string) {
		srv := newServer(t, fakeapi.Options{})
		r := send(t, srv, "POST", workspacesPath, `{"name":"x"}`)
		var w fakeapi.Workspace
		decodeOK(t, r, &w)
		return w.ID + " " + w.CompartmentID, r.header.Get("request-id")
	}
	id1, req1 := first()
	id2, req2 := first()
	if id1 != id2 || req1 != req2 {
		t.Errorf("same seed and clock, different ids: %s %s / %s %s", id1, req1, id2, req2)
	}
}

func TestConcurrentCreatesRespectTheLimit(t *testing.T) {
	srv := newServer(t, fakeapi.Options{MaxWorkspaces: 20})
	var wg sync.WaitGroup
	statuses := make(chan int, 30)
	for i := range 30 {
		wg.Go(func() {
			r, err := trySend(srv, "POST", workspacesPath, fmt.Sprintf(`{"name":"c%d"}`, i))
			if err != nil {
				t.Error(err)
				return
			}
			statuses <- r.status
		})
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	if count[200] != 20 || count[400] != 10 || len(srv.Workspaces()) != 20 {
		t.Errorf("statuses %v, %d stored; want 20 created and 10 refused", count, len(srv.Workspaces()))
	}
}
