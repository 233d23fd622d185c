package fakeapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

var fuzzClient = &http.Client{Timeout: 10 * time.Second}

// FuzzCreateBody posts arbitrary bodies: the server must never fail to
// answer, and must answer either 200 with a workspace or 4xx with the API's
// error body.
func FuzzCreateBody(f *testing.F) {
	for _, seed := range []string{
		`{"name":"x"}`,
		`{"name":"x","tags":{"env":"prod"},"display_color":"#6C5BB9"}`,
		`{"name":"x","data_residency":{"allowed_inference_geos":["us"],"default_inference_geo":"us","workspace_geo":"us"}}`,
		`{"name":"x","data_residency":{"allowed_inference_geos":"unrestricted"}}`,
		`{"name":"x","external_key_id":"` + fakeapi.DemoExternalKeyAWS + `"}`,
		`{"name":"x","data_residency":{"allowed_inference_geos":[]}}`,
		`{"name":null,"tags":null,"data_residency":null}`,
		`{"name":"\u0000"}`,
		`[]`, `null`, `""`, `{`, ``, "\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	srv := fakeapi.New(fakeapi.Options{Rand: rand.New(rand.NewPCG(3, 4)), MaxWorkspaces: 1 << 30})
	if _, err := srv.Start(); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(srv.Close)
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := http.NewRequest("POST", srv.URL()+workspacesPath, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("x-api-key", fakeapi.DemoKey)
		req.Header.Set("anthropic-version", "2023-06-01")
		res, err := fuzzClient.Do(req)
		if err != nil {
			t.Fatalf("no answer: %v", err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		r := response{status: res.StatusCode, header: res.Header, body: b}
		switch {
		case r.status == http.StatusOK:
			var w fakeapi.Workspace
			if err := json.Unmarshal(b, &w); err != nil || !workspaceIDRe.MatchString(w.ID) || w.Name == "" || w.DataResidency.WorkspaceGeo != "us" {
				t.Fatalf("200 without a valid workspace: %v: %s", err, b)
			}
		case r.status >= 400 && r.status < 500:
			checkErrorShape(t, r)
		default:
			t.Fatalf("status %d: %s", r.status, b)
		}
	})
}
