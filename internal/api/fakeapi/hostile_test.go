package fakeapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// A hostile server appends escapes and the key it was sent to every string
// of its answers but ids, types and timestamps, errors included, and to the
// request-id header; the answer stays valid JSON.
func TestHostileEchoesKeyAndEscapes(t *testing.T) {
	srv := newServer(t, fakeapi.Options{})
	srv.AddWorkspace(fakeapi.Workspace{Name: "ml-research"})
	addFaults(t, srv, "hostile,400")
	list := send(t, srv, "GET", workspacesPath, "")
	var page struct {
		Data []map[string]any `json:"data"`
	}
	if err := json.Unmarshal(list.body, &page); err != nil || len(page.Data) == 0 {
		t.Fatalf("list: %v\n%s", err, list.body)
	}
	ws := page.Data[0]
	key := fakeapi.DemoKey
	evil := fakeapi.HostileText + " " + key
	if name, _ := ws["name"].(string); !strings.HasSuffix(name, evil) {
		t.Errorf("name %q does not end with the hostile text and the key", name)
	}
	if id, _ := ws["id"].(string); !workspaceIDRe.MatchString(id) || ws["type"] != "workspace" {
		t.Errorf("id %q, type %v: want them as they are", id, ws["type"])
	}
	if rid := list.header.Get("request-id"); !strings.HasSuffix(rid, "\u009b\u202E\u200B "+key) {
		t.Errorf("request-id %q does not carry the key", rid)
	}
	refused := send(t, srv, "POST", workspacesPath, `{"name":"x"}`)
	var body struct {
		Error     struct{ Type, Message string } `json:"error"`
		RequestID string                         `json:"request_id"`
	}
	if err := json.Unmarshal(refused.body, &body); err != nil || refused.status != 400 {
		t.Fatalf("%d %v\n%s", refused.status, err, refused.body)
	}
	for _, s := range []string{body.Error.Type, body.Error.Message, body.RequestID} {
		if !strings.HasSuffix(s, evil) {
			t.Errorf("error string %q lacks the hostile text and the key", s)
		}
	}
}
