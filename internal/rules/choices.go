package rules

// The wizard's choices and entries checked against the rules: what it may
// offer, how a typed tag joins the others, and which field an API error names.

import (
	"slices"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

// Defaults the API applies when a field is left out, named once so the
// wizard can mark them "(default)" and leave them out of the request.
const (
	DefaultWorkspaceGeo = "us"
	DefaultAllowedGeos  = api.Unrestricted
	DefaultInferenceGeo = "global"
)

// USInferencePremium is the price factor of US-only inference.
const USInferencePremium = "1.1×"

// AllowedGeosValue turns a wizard choice (unrestricted, or a set of geos)
// into the Spec's string form, geos in InferenceGeos order.
func AllowedGeosValue(unrestricted bool, geos []string) string {
	if unrestricted {
		return api.Unrestricted
	}
	var out []string
	for _, g := range InferenceGeos {
		if slices.Contains(geos, g) {
			out = append(out, g)
		}
	}
	return strings.Join(out, ",")
}

// DefaultGeoChoices lists the geos a default inference geo may be picked
// from given the allowed geos: every geo when unrestricted or unset, else the
// allowed ones. Offering only these makes an invalid pair impossible to pick.
func DefaultGeoChoices(allowed string) []string {
	geos := api.SplitGeos(allowed)
	if len(geos) == 0 || geos[0] == api.Unrestricted {
		return slices.Clone(InferenceGeos)
	}
	var out []string
	for _, g := range InferenceGeos {
		if slices.Contains(geos, g) && ValidateDefaultGeo(allowed, g) == nil {
			out = append(out, g)
		}
	}
	return out
}

// CheckTagEntry parses a tag typed as key=value and checks it together with
// the tags already entered; editing is the index of the tag being replaced,
// or -1 for a new one.
func CheckTagEntry(tags []api.Tag, editing int, entry string) (api.Tag, error) {
	t, err := ParseTag(entry)
	if err != nil {
		return api.Tag{}, err
	}
	next := make([]api.Tag, 0, len(tags)+1)
	for i, old := range tags {
		if i != editing {
			next = append(next, old)
		}
	}
	if err := ValidateTags(append(next, t)); err != nil {
		return api.Tag{}, err
	}
	return t, nil
}

// SplitFieldMessage splits an API error message of the form
// "data_residency.default_inference_geo: text" into the field it names (one
// of the Field* constants) and the rest. A message naming no known field
// comes back whole with an empty field.
func SplitFieldMessage(msg string) (field, text string) {
	for _, f := range []string{FieldWorkspaceGeo, FieldAllowedGeos, FieldDefaultGeo, FieldExternalKeyID, FieldDisplayColor, FieldUserProfileID, FieldName, FieldTags} {
		if rest, ok := strings.CutPrefix(msg, f); ok {
			// "tags: …" and "tags.env: …" both name the tags.
			if r, ok := strings.CutPrefix(rest, ": "); ok {
				return f, r
			}
			if strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, "[") {
				if _, r, ok := strings.Cut(rest, ": "); ok {
					return f, r
				}
			}
		}
	}
	if strings.HasPrefix(msg, "data_residency: ") {
		return FieldAllowedGeos, strings.TrimPrefix(msg, "data_residency: ")
	}
	return "", msg
}
