package rules_test

import (
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

func TestLookAlike(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"prod", "Prod", true},                   // case
		{"prod", "ｐｒｏｄ", true},                   // fullwidth (NFKC)
		{"café", "cafe\u0301", true},             // composed and decomposed (NFC)
		{"prod", "pr\u043Ed", true},              // Cyrillic о
		{"research", "r\u0435s\u0435arch", true}, // Cyrillic е
		{"beta", "\u03B2eta", true},              // Greek β
		{"prod", "pro\u200Bd", true},             // a zero-width space
		{"prod", "prod", false},                  // the same name is a duplicate, not a look-alike
		{"prod", "staging", false},
		{"prod-1", "prod-2", false},
	} {
		if got := rules.LookAlike(tc.a, tc.b); got != tc.want {
			t.Errorf("LookAlike(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
