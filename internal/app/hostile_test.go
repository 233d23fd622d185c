package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// evil is what a hostile server puts in every string: an OSC 52 clipboard
// write, a CSI colour, BEL, a C1 CSI, a right-to-left override and a
// zero-width space.
const evil = "a\x1b]52;c;cm0gLXJmIH4=\x07b\x1b[5;31mc\x07d\u009be\u202Ef\u200Bg"

// evilHeader is the part of evil an HTTP client lets through in a header:
// Go's rejects ASCII controls there (a malformed header line, shown safely
// quoted), so the request id carries the C1, bidi and zero-width runes.
const evilHeader = "d\u009be\u202Ef\u200Bg"

// hostileWorkspace is a workspace whose every string field carries evil.
func hostileWorkspace() map[string]any {
	return map[string]any{
		"id":              "wrkspc_" + evil,
		"type":            "workspace",
		"name":            "name " + evil,
		"created_at":      "2026-03-14T15:09:26Z",
		"archived_at":     nil,
		"display_color":   "#6C5BB9" + evil,
		"external_key_id": "ekey_" + evil,
		"compartment_id":  "comp " + evil,
		"tags":            map[string]string{"k" + evil: "v" + evil},
		"data_residency": map[string]any{
			"workspace_geo":          "us" + evil,
			"allowed_inference_geos": []string{"us" + evil},
			"default_inference_geo":  "us" + evil,
		},
	}
}

// hostileServer answers like the Admin API: an empty workspace list, and
// for the create either the hostile workspace or an error of the given
// status whose message, type and request id carry evil.
func hostileServer(t *testing.T, status int, message string) (*httptest.Server, *[]byte) {
	t.Helper()
	var sent []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/json")
		w.Header().Set("request-id", "req_"+evilHeader)
		switch {
		case r.Method == "GET" && r.URL.Path == "/v1/organizations/me": // for the organization lock
			_, _ = w.Write([]byte(`{"id":"4f2e8a10-0000-4000-8000-000000000001","type":"organization","name":"Hostile"}`))
		case r.Method == "GET" && r.URL.Path == "/v1/organizations/workspaces":
			_, _ = w.Write([]byte(`{"data":[],"has_more":false,"first_id":null,"last_id":null}`))
		case r.Method == "POST" && r.URL.Path == "/v1/organizations/workspaces" && status == 200:
			sent, _ = json.Marshal(hostileWorkspace())
			_, _ = w.Write(sent)
		case r.Method == "POST" && r.URL.Path == "/v1/organizations/workspaces":
			w.WriteHeader(status)
			_ = json.NewEncoder(w).Encode(map[string]any{"type": "error",
				"error": map[string]string{"type": "invalid_request_error" + evil, "message": message}})
		default:
			t.Errorf("unexpected request %s %s", r.Method, r.URL)
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &sent
}

// assertTerminalSafe fails when s holds anything a terminal acts on or that
// hides what the text says: ESC, BEL or another C0 control but newline, DEL,
// a C1 control (as a rune or a stray byte), or a Unicode format character
// (bidi overrides and isolates, zero-width characters).
func assertTerminalSafe(t *testing.T, what, s string) {
	t.Helper()
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			t.Fatalf("%s has the byte %#x at %d, not UTF-8:\n%q", what, s[i], i, s)
		case r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || unicode.Is(unicode.Cf, r):
			t.Fatalf("%s has %U at byte %d:\n%q", what, r, i, s)
		}
		i += size
	}
}

func TestHostileServerFlagMode(t *testing.T) {
	args := []string{"--name", "ml-research", "--yes"}
	t.Run("summary", func(t *testing.T) {
		srv, _ := hostileServer(t, 200, "")
		r := runCLI(t, nil, keyEnv(), append([]string{"--base-url", srv.URL}, args...)...)
		if r.code != exitOK {
			t.Fatalf("exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
		}
		assertTerminalSafe(t, "stdout", r.stdout)
		assertTerminalSafe(t, "stderr", r.stderr)
		// Shown, visibly: the user sees that the server sent something odd.
		for _, want := range []string{"name a␛b␛c␇d<U+009B>e<U+202E>f<U+200B>g", "wrkspc_a␛", "ka␛b", "ekey_a␛", "#6C5BB9a␛"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("summary lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("json", func(t *testing.T) {
		srv, sent := hostileServer(t, 200, "")
		r := runCLI(t, nil, keyEnv(), append([]string{"--base-url", srv.URL, "--json"}, args...)...)
		if r.code != exitOK {
			t.Fatalf("exit %d\nstderr %q", r.code, r.stderr)
		}
		var got, want any
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%q", err, r.stdout)
		}
		_ = json.Unmarshal(*sent, &want)
		if !jsonEqual(got, want) {
			t.Errorf("--json = %v\nwant what the server sent: %v", got, want)
		}
		// Go's encoder leaves C1, bidi and zero-width characters raw in
		// the server's JSON; the program \u-escapes them.
		if !strings.Contains(string(*sent), "\u202E") || !strings.Contains(r.stdout, `\u202e`) {
			t.Errorf("expected the raw U+202E sent to come out escaped:\n%s", r.stdout)
		}
		assertTerminalSafe(t, "stdout", r.stdout)
		assertTerminalSafe(t, "stderr", r.stderr)
	})
	t.Run("refused", func(t *testing.T) {
		srv, _ := hostileServer(t, 400, "name: "+evil)
		r := runCLI(t, nil, keyEnv(), append([]string{"--base-url", srv.URL}, args...)...)
		if r.code != exitFailed || r.stdout != "" {
			t.Fatalf("exit %d, stdout %q, want %d and nothing", r.code, r.stdout, exitFailed)
		}
		assertTerminalSafe(t, "stderr", r.stderr)
		for _, want := range []string{"name: a␛b␛c␇d<U+009B>e<U+202E>f<U+200B>g", "invalid_request_errora␛", "request-id req_d<U+009B>e<U+202E>f<U+200B>g"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		}
	})
	t.Run("key echoed in a 401", func(t *testing.T) {
		srv, _ := hostileServer(t, 401, "invalid x-api-key: "+testKey+evil)
		// runCLI fails the test if the key shows anywhere.
		r := runCLI(t, nil, keyEnv(), append([]string{"--base-url", srv.URL}, args...)...)
		if r.code != exitAuth {
			t.Fatalf("exit %d, want %d\nstderr %q", r.code, exitAuth, r.stderr)
		}
		assertTerminalSafe(t, "stderr", r.stderr)
		if !strings.Contains(r.stderr, "invalid x-api-key: [redacted]a␛") {
			t.Errorf("stderr does not show the redacted message:\n%s", r.stderr)
		}
	})
}
