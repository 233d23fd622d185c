package ui

import "testing"

// Bug 3: in a --demo run whose create is refused with 403, `k` asks for
// another key without claiming no key is set or suggesting --demo, and the
// header still names the organization.
func TestDemoKeyRefusedAtCreateReenter(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.toReview("refused-demo")
	h.fault("403")
	h.press("enter")
	h.wantState(stateFailed)
	h.see("The API refused the key", "k enter another key")
	h.press("k")
	h.wantState(stateKey)
	h.see("in Demo organization", "The demo key is not allowed to manage workspaces (403", "Your answers so far are kept")
	h.notSee("No ANTHROPIC_ADMIN_API_KEY is set", "--demo")
	if n := h.posts(); n != 1 {
		t.Fatalf("%d creates, want the one refused", n)
	}
}

// The same outside demo mode names the organization the API gave and the
// key's source.
func TestEnvironmentKeyRefusedAtCreateReenter(t *testing.T) {
	t.Parallel()
	h := newHarness(t, notDemo())
	h.toReview("refused-env")
	h.fault("403")
	h.press("enter", "k")
	h.wantState(stateKey)
	h.see("in Acme Research", "The admin key in ANTHROPIC_ADMIN_API_KEY is not allowed to manage workspaces (403")
	h.notSee("No ANTHROPIC_ADMIN_API_KEY is set")
}
