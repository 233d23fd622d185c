package api

import (
	"sort"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/param"
)

// Unrestricted is the allowed_inference_geos value that allows every geo.
const Unrestricted = "unrestricted"

// Tag is one workspace tag, kept in the order the user entered it.
type Tag struct {
	Key   string
	Value string
}

// Spec is the workspace a user asks for, exactly as entered. Flag mode and the
// wizard both fill one Spec and hand it to the same submit path. An empty
// string means "not set": the field is left out of the request so the
// server's default applies.
type Spec struct {
	Name         string
	Tags         []Tag
	WorkspaceGeo string
	// AllowedInferenceGeos is "" (unset), "unrestricted", or a comma-separated
	// list of geos such as "us,global", as the --allowed-inference-geos flag takes it.
	AllowedInferenceGeos string
	DefaultInferenceGeo  string
	ExternalKeyID        string
	DisplayColor         string
	// UserProfileID (uprof_…) is permanent: every inference request through
	// the workspace must then name this user profile.
	UserProfileID string
}

// SplitGeos splits a comma-separated geo list, trimming blanks and dropping
// empty entries. "unrestricted" comes back as a one-element list.
func SplitGeos(s string) []string {
	var out []string
	for _, g := range strings.Split(s, ",") {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

// TagMap returns the tags as the API's map, or nil when there are none.
func (s Spec) TagMap() map[string]string {
	if len(s.Tags) == 0 {
		return nil
	}
	m := make(map[string]string, len(s.Tags))
	for _, t := range s.Tags {
		m[t.Key] = t.Value
	}
	return m
}

// Params converts the spec into the SDK's request body. Unset fields are
// omitted so that the server applies its own defaults.
func (s Spec) Params() anthropic.OrganizationWorkspaceNewParams {
	p := anthropic.OrganizationWorkspaceNewParams{Name: s.Name, Tags: s.TagMap()}
	if s.ExternalKeyID != "" {
		p.ExternalKeyID = param.NewOpt(s.ExternalKeyID)
	}
	if s.DisplayColor != "" {
		p.DisplayColor = param.NewOpt(s.DisplayColor)
	}
	if s.UserProfileID != "" {
		p.UserProfileID = param.NewOpt(s.UserProfileID)
	}
	if s.WorkspaceGeo != "" {
		p.DataResidency.WorkspaceGeo = anthropic.DataResidencyCreateConfigWorkspaceGeo(s.WorkspaceGeo)
	}
	if s.DefaultInferenceGeo != "" {
		p.DataResidency.DefaultInferenceGeo = anthropic.DataResidencyCreateConfigDefaultInferenceGeo(s.DefaultInferenceGeo)
	}
	switch geos := SplitGeos(s.AllowedInferenceGeos); {
	case len(geos) == 0:
	case len(geos) == 1 && geos[0] == Unrestricted:
		p.DataResidency.AllowedInferenceGeos.OfUnrestricted = Unrestricted
	default:
		list := make([]anthropic.AllowedInferenceGeo, len(geos))
		for i, g := range geos {
			list[i] = anthropic.AllowedInferenceGeo(g)
		}
		p.DataResidency.AllowedInferenceGeos.OfGeos = list
	}
	return p
}

// ShellQuote quotes s for a POSIX shell when it holds anything but plain
// word characters, so a printed command line can be pasted as it is.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.,:/=@%+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// SortedTags returns tags sorted by key, for displaying a map from the API.
func SortedTags(m map[string]string) []Tag {
	out := make([]Tag, 0, len(m))
	for k, v := range m {
		out = append(out, Tag{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
