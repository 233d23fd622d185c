package plan

import (
	"slices"
	"strconv"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"go.yaml.in/yaml/v4"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Marshal writes f as a plan file that Parse reads back to the same File:
// no comments, keys in a fixed order (version, the organization id, then each workspace with its
// name first, invites last), tags sorted by key, fields left unset left out.
// The guided setup saves its answers with it.
func Marshal(f *File) ([]byte, error) {
	root := mapNode(false)
	version := f.Version
	if version == 0 {
		version = Version
	}
	add(root, "version", intNode(int64(version)))
	if f.OrganizationID != "" {
		add(root, "organization_id", strNode(f.OrganizationID))
	}
	if len(f.Workspaces) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for i := range f.Workspaces {
			seq.Content = append(seq.Content, workspaceNode(&f.Workspaces[i]))
		}
		add(root, "workspaces", seq)
	}
	if len(f.Invites) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, in := range f.Invites {
			m := mapNode(true)
			add(m, "email", strNode(in.Email))
			add(m, "role", strNode(string(in.Role)))
			seq.Content = append(seq.Content, m)
		}
		add(root, "invites", seq)
	}
	return yaml.Dump(root, yaml.WithV4Defaults(), yaml.WithCompactSeqIndent(false), yaml.WithLineWidth(-1))
}

func workspaceNode(w *Workspace) *yaml.Node {
	m := mapNode(false)
	add(m, "name", strNode(w.Name))
	if w.Archived {
		add(m, "archived", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if w.Tags != nil {
		tags := mapNode(true)
		for _, t := range api.SortedTags(w.Tags) {
			add(tags, t.Key, strNode(t.Value))
		}
		add(m, "tags", tags)
	}
	if dr := w.DataResidency; dr != nil {
		d := mapNode(true)
		if dr.WorkspaceGeo != "" {
			add(d, "workspace_geo", strNode(dr.WorkspaceGeo))
		}
		switch geos := api.SplitGeos(dr.AllowedInferenceGeos); {
		case len(geos) == 1 && geos[0] == api.Unrestricted:
			add(d, "allowed_inference_geos", strNode(api.Unrestricted))
		case len(geos) > 0:
			seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, g := range geos {
				seq.Content = append(seq.Content, strNode(g))
			}
			add(d, "allowed_inference_geos", seq)
		}
		if dr.DefaultInferenceGeo != "" {
			add(d, "default_inference_geo", strNode(dr.DefaultInferenceGeo))
		}
		add(m, "data_residency", d)
	}
	for _, kv := range [][2]string{{"external_key_id", w.ExternalKeyID}, {"user_profile_id", w.UserProfileID}, {"display_color", w.DisplayColor}} {
		if kv[1] != "" {
			add(m, kv[0], strNode(kv[1]))
		}
	}
	if len(w.Members) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, mem := range w.Members {
			e := mapNode(true)
			add(e, "email", strNode(mem.Email))
			add(e, "role", strNode(string(mem.Role)))
			seq.Content = append(seq.Content, e)
		}
		add(m, "members", seq)
	}
	if w.MembersExclusive {
		add(m, "members_exclusive", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if w.RateLimits != nil {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		if len(w.RateLimits) == 0 {
			seq.Style = yaml.FlowStyle // rate_limits: []
		}
		for _, rl := range w.RateLimits {
			e := mapNode(true)
			add(e, "group", strNode(rl.Group))
			limits := slices.Clone(rl.Limits)
			slices.SortStableFunc(limits, func(a, b Limit) int { return typeOrder(a.Type) - typeOrder(b.Type) })
			for _, l := range limits {
				add(e, string(l.Type), intNode(l.Value))
			}
			seq.Content = append(seq.Content, e)
		}
		add(m, "rate_limits", seq)
	}
	return m
}

func mapNode(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func add(m *yaml.Node, key string, val *yaml.Node) {
	m.Content = append(m.Content, strNode(key), val)
}

func intNode(v int64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v, 10)}
}

// strNode is a text value. Words older YAML readers take for booleans
// (yes, no, on, off, y, n) are quoted too, so other tools read the file
// as this program does.
func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch strings.ToLower(s) {
	case "yes", "no", "on", "off", "y", "n":
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// typeOrder is a limiter type's place in rules.RateLimitTypes.
func typeOrder(t anthropic.WorkspaceRateLimitType) int {
	return slices.Index(rules.RateLimitTypes, t)
}
