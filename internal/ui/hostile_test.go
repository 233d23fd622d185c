package ui

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// evil is what a hostile server puts in its strings: an OSC 52 clipboard
// write, a CSI (blink, red: not a style the wizard uses), BEL, a C1 CSI, a
// right-to-left override and a zero-width space.
const (
	evilCSI = "\x1b[5;31m"
	evil    = "a\x1b]52;c;cm0gLXJmIH4=\x07b" + evilCSI + "c\x07d\u009be\u202Ef\u200Bg"
	shown   = "a␛b␛c␇d<U+009B>e<U+202E>f<U+200B>g" // evil as the wizard shows it
)

// hostileAPI answers like the Admin API with evil in every string; a 401
// on the organization echoes the key it was sent when echoKey is set.
func hostileAPI(t *testing.T, echoKey bool) *httptest.Server {
	t.Helper()
	write := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("content-type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	page := func(data ...any) map[string]any {
		return map[string]any{"data": data, "has_more": false, "first_id": nil, "last_id": nil}
	}
	ws := func(id, name string) map[string]any {
		return map[string]any{"id": id, "type": "workspace", "name": name, "created_at": "2026-03-14T15:09:26Z",
			"archived_at": nil, "display_color": "#6C5BB9" + evil, "external_key_id": "ekey_" + evil, "compartment_id": "c" + evil,
			"tags":           map[string]string{"k" + evil: "v" + evil},
			"data_residency": map[string]any{"workspace_geo": "us" + evil, "allowed_inference_geos": "unrestricted", "default_inference_geo": "global" + evil}}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.Header.Get("authorization"), "Bearer ")
		p := r.Method + " " + r.URL.Path
		switch {
		case echoKey && key != "sk-ant-admin01-the-good-one":
			write(w, 401, map[string]any{"type": "error", "error": map[string]string{
				"type": "authentication_error" + evil, "message": "invalid x-api-key " + key + " " + evil}})
		case p == "GET /v1/organizations/me":
			write(w, 200, map[string]string{"id": "org_1", "type": "organization", "name": "Org " + evil})
		case p == "GET /v1/organizations/workspaces":
			write(w, 200, page(ws("wrkspc_old"+evil, "dup")))
		case p == "POST /v1/organizations/workspaces":
			write(w, 200, ws("wrkspc_new"+evil, "name "+evil))
		case p == "GET /v1/organizations/users":
			write(w, 200, page(map[string]any{"id": "user_1", "type": "user", "email": "e" + evil + "@x.example",
				"name": "N" + evil, "role": "developer", "added_at": "2026-03-14T15:09:26Z"}))
		case p == "GET /v1/user_profiles":
			write(w, 200, map[string]any{"data": []any{map[string]any{"id": "uprof_01Evil" + evil, "type": "user_profile",
				"name": "P" + evil, "access_type": "application", "created_at": "2026-03-14T15:09:26Z"}}, "next_page": nil})
		case strings.HasSuffix(p, "/members"):
			write(w, 400, map[string]any{"type": "error", "error": map[string]string{"type": "invalid_request_error" + evil, "message": "no " + evil}})
		default:
			t.Errorf("unexpected request %s", p)
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// hostileHarness is the wizard against hostileAPI, with or without a key.
func hostileHarness(t *testing.T, srv *httptest.Server, key string) *harness {
	t.Helper()
	o := Options{Config: &config.Config{Set: map[string]bool{}}, Now: clock}
	o.Connect = func(k config.Secret) api.Admin {
		return api.New(api.Options{APIKey: k.Reveal(), BaseURL: srv.URL, Timeout: 10 * time.Second})
	}
	if key != "" {
		o.Config.APIKey = config.Secret(key)
		o.API = o.Connect(o.Config.APIKey)
	}
	o = still(o)
	m := newModel(context.Background(), o)
	h := &harness{t: t, m: m, opts: o}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(m.Init())
	return h
}

// assertScreenSafe checks the raw view: the wizard's own styling is SGR
// only, so any other escape sequence, BEL, C1 control, format character or
// the injected CSI itself came from the server and must not be there.
func (h *harness) assertScreenSafe(secrets ...string) {
	h.t.Helper()
	raw := h.m.View().Content
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRuneInString(raw[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			h.t.Fatalf("byte %#x is not UTF-8 at %d:\n%q", raw[i], i, raw)
		case r < 0x20 && r != '\n' && r != 0x1b || r == 0x7f || r >= 0x80 && r <= 0x9f || unicode.Is(unicode.Cf, r):
			h.t.Fatalf("%U at byte %d of the view:\n%q", r, i, raw)
		case r == 0x1b:
			end := strings.IndexByte(raw[i:], 'm')
			if end < 0 || raw[i+1] != '[' || strings.Trim(raw[i+2:i+end], "0123456789;:") != "" {
				h.t.Fatalf("an escape sequence other than SGR at byte %d:\n%q", i, raw[i:])
			}
		}
		i += size
	}
	for _, bad := range append([]string{evilCSI, "\x1b]", "52;c;"}, secrets...) {
		if strings.Contains(raw, bad) {
			h.t.Fatalf("the view holds %q:\n%q", bad, raw)
		}
	}
}

func TestHostileServerWizard(t *testing.T) {
	t.Parallel()
	h := hostileHarness(t, hostileAPI(t, false), "sk-ant-admin01-the-good-one")
	h.see("Org " + shown) // the header
	h.assertScreenSafe()
	h.typeText("dup")
	h.see("already exists (wrkspc_old" + shown + ")")
	h.assertScreenSafe()
	h.press("enter", "enter", "enter", "enter") // defaults to the user profile step
	h.see("P" + shown)                          // the profile's name, made safe
	h.assertScreenSafe()
	h.press("enter")
	h.wantState(stateReview)
	h.press("enter")
	h.wantState(stateResult)
	h.see("wrkspc_new"+shown, "name "+shown, "#6C5BB9"+shown, "k"+shown+"=v"+shown, "ekey_"+shown)
	h.assertScreenSafe()
	h.press("m")
	h.wantState(stateMembers)
	h.see("N" + string([]rune(shown)[:6])) // made safe; the picker cuts long names to its column
	h.assertScreenSafe()
	h.press("space", "enter")
	h.see("not added: no " + shown)
	h.assertScreenSafe()
	// The copied id is the one shown: nothing a paste could run.
	h.press("enter")
	h.wantState(stateResult)
	cmd := h.send(keyPress("c"))
	if cmd == nil {
		t.Fatal("c copied nothing")
	}
}

// A key typed in the wizard and echoed by the server in a 401 is never
// shown, and nor is the environment's.
func TestEchoedKeyRedactedInWizard(t *testing.T) {
	t.Parallel()
	const envKey = "sk-ant-admin01-from-the-environment-0123456789"
	const typed = "sk-ant-admin01-typed-in-the-wizard-9876543210"
	srv := hostileAPI(t, true)
	h := hostileHarness(t, srv, envKey)
	// The environment's key was refused at start: the wizard asks for one.
	h.wantState(stateKey)
	h.see("[redacted] " + shown)
	h.assertScreenSafe(envKey)
	h.typeText(typed)
	h.press("enter")
	h.wantState(stateKey)
	h.see("invalid x-api-key [redacted] " + shown)
	h.assertScreenSafe(envKey, typed)

	// Accessible mode: the same refusal, said as a line.
	var out strings.Builder
	o := Options{Config: &config.Config{Set: map[string]bool{}}, Now: clock,
		Input: strings.NewReader(typed + "\n"), Output: &out,
		Connect: func(k config.Secret) api.Admin {
			return api.New(api.Options{APIKey: k.Reveal(), BaseURL: srv.URL, Timeout: 10 * time.Second})
		}}
	RunAccessible(context.Background(), o)
	if s := out.String(); strings.Contains(s, typed) || !strings.Contains(s, "invalid x-api-key [redacted] "+shown) ||
		strings.ContainsAny(s, "\x1b\x07\u009b\u202e\u200b") {
		t.Fatalf("accessible output:\n%q", s)
	}
}
