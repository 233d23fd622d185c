package api_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
)

// realKey is as long as a real admin key, with its dashes and underscores.
const realKey = "sk-ant-admin01-Zq3_vK8-pLm2Xw9_Tr5-Hn7Yb4_Cd1-Fg6Jk0_Qs3-Wx8Ev2_Ra5-Ty9Ui4_Op7-As1Df6_Gh3-Jk8Lz2_Xc5-Vb0N-AAAA"

// A hostile server echoes the key in every string, header and error: the
// client hands none of it on, and an error's words are terminal-safe
// already where the error is built.
func TestAnswersComeInWithoutTheKey(t *testing.T) {
	srv := fakeapitest.New(t, fakeapi.Options{Hostile: true})
	srv.AddWorkspace(fakeapi.Workspace{Name: "ml-research"})
	srv.AddFaults(fakeapi.Fault{Kind: fakeapi.FaultPolicyCMEK})
	client := api.New(api.Options{APIKey: realKey, BaseURL: srv.URL(), Timeout: 5 * time.Second})
	ctx, ids := api.WithRequestIDs(context.Background())
	page, err := client.ListWorkspaces(ctx, "", 10)
	if err != nil || len(page.Data) != 1 {
		t.Fatalf("list: %v", err)
	}
	if name := page.Data[0].Name; strings.Contains(name, realKey[20:40]) || !strings.HasSuffix(name, " [redacted]") {
		t.Errorf("name %q: want the key redacted", name)
	}
	if raw := page.Data[0].RawJSON(); strings.Contains(raw, realKey[20:40]) || !strings.Contains(raw, "[redacted]") {
		t.Errorf("raw JSON %s: want the key redacted", raw)
	}
	_, err = client.CreateWorkspace(ctx, api.Spec{Name: "x"}.Params())
	var e *api.Error
	if !errors.As(err, &e) {
		t.Fatalf("create: %v, want the policy refusal", err)
	}
	for what, s := range map[string]string{"message": e.Message, "type": e.Type, "request-id": e.RequestID,
		"code": e.Code, "field": e.DetailField, "error": e.Error(), "last request-id": ids.Last()} {
		if strings.Contains(s, realKey[20:40]) {
			t.Errorf("%s %q has the key", what, s)
		}
		if strings.ContainsAny(s, "\x1b\x07\u009b\u202e\u200b") {
			t.Errorf("%s %q is not terminal-safe", what, s)
		}
	}
	if !strings.HasPrefix(e.DetailField, "external_key_id␛") {
		t.Errorf("details.field = %q, want it shown safely", e.DetailField)
	}
}

// A transport error that quotes the server's bytes (a malformed header
// line) does not carry the key into the error's message.
func TestTransportErrorWithoutTheKey(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		buf := make([]byte, 4096)
		_, _ = c.Read(buf)
		_, _ = c.Write([]byte("HTTP/1.1 200 OK\r\nx-echo: " + realKey + "\x01\r\n\r\n"))
	}()
	client := api.New(api.Options{APIKey: realKey, BaseURL: "http://" + ln.Addr().String(), Timeout: 5 * time.Second})
	_, err = client.GetWorkspace(context.Background(), "wrkspc_x")
	var e *api.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(e.Message, realKey[20:40]) || strings.Contains(e.Error(), realKey[20:40]) {
		t.Errorf("the transport's error has the key: %q", e.Message)
	}
}
