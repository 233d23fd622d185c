package forms

import (
	"slices"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Every allowed-geos answer the residency form offers passes the shared
// rule, and each has a default geo to offer.
func TestAllowedChoicesAreAllValid(t *testing.T) {
	got := AllowedChoices()
	if want := []string{"unrestricted", "global", "us", "global,us"}; !slices.Equal(got, want) {
		t.Fatalf("AllowedChoices() = %q, want %q", got, want)
	}
	for _, v := range got {
		if err := rules.ValidateAllowedGeos(v); err != nil {
			t.Errorf("%q: %v", v, err)
		}
		if len(rules.DefaultGeoChoices(v)) == 0 || AllowedLabel(v) == "" {
			t.Errorf("%q: no default geo or label", v)
		}
	}
}
