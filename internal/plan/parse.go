package plan

import (
	"cmp"
	"slices"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"go.yaml.in/yaml/v4"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// The keys each mapping of the file may have, in the order Marshal writes
// them.
var (
	fileKeys      = []string{"version", "organization_id", "workspaces", "invites"}
	workspaceKeys = []string{"name", "tags", "data_residency", "external_key_id", "user_profile_id", "display_color", "members", "members_exclusive", "rate_limits", "archived"}
	residencyKeys = []string{"workspace_geo", "allowed_inference_geos", "default_inference_geo"}
	personKeys    = []string{"email", "role"}
	rateLimitKeys = append([]string{"group"}, limitTypeNames()...)
)

func limitTypeNames() []string {
	out := make([]string, len(rules.RateLimitTypes))
	for i, t := range rules.RateLimitTypes {
		out[i] = string(t)
	}
	return out
}

// Parse reads a plan file: YAML, or JSON (which YAML reads too, so
// positions work the same). It is strict: every field is checked by
// internal/rules, unknown and repeated keys are refused, and so are
// repeated workspace names and e-mail addresses. On failure it returns
// Errors, every problem found, each with file:line:column, the field's
// path and the fix. name is the file's name, for those messages.
func Parse(name string, data []byte) (*File, error) {
	p := &parser{name: name, data: data}
	var doc yaml.Node
	if err := yaml.Load(data, &doc); err != nil {
		p.yamlError(err)
		return nil, p.errs
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	f := p.file(root)
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(a, b *Error) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
		return nil, p.errs
	}
	return f, nil
}

func (p *parser) file(n *yaml.Node) *File {
	f := &File{}
	if n.Kind != yaml.MappingNode && n.Kind != yaml.AliasNode {
		p.errorf(n, "", "a plan file is a mapping that starts with version: 1; found %s", describe(n))
		return f
	}
	m := p.mapping(n, "", fileKeys)
	if e, ok := m["version"]; !ok {
		p.errorf(n, "version", "missing; add version: 1 at the top of the file")
	} else if v, ok := p.integer(e.val, "version"); ok {
		if v != Version {
			p.errorf(e.val, "version", "version %d is not one this program reads; write version: %d", v, Version)
		}
		f.Version = int(v)
	}
	if e, ok := m["organization_id"]; ok {
		if s, ok := p.str(e.val, "organization_id"); ok && p.check(e.val, "organization_id", validateOrganizationID(s)) {
			f.OrganizationID = s
		}
	}
	if e, ok := m["workspaces"]; ok {
		names := map[string]int{}
		for i, wn := range p.list(e.val, "workspaces") {
			path := index("workspaces", i)
			w, nameNode := p.workspace(wn, path)
			if w == nil {
				continue
			}
			if nameNode != nil {
				if line, dup := names[w.Name]; dup {
					p.errorf(nameNode, field(path, "name"), "the workspace %q is also listed on line %d; entries find workspaces by exact name, so each name may appear once: merge the two entries", w.Name, line)
				} else {
					names[w.Name] = nameNode.Line
				}
			}
			f.Workspaces = append(f.Workspaces, *w)
		}
	}
	if e, ok := m["invites"]; ok {
		emails := map[string]int{}
		for i, in := range p.list(e.val, "invites") {
			path := index("invites", i)
			email, role, emailNode := p.person(in, path, func(s string) error { return rules.ValidateInviteRole(s) })
			if emailNode == nil {
				continue
			}
			if p.unique(emails, emailNode, email, path, "invites") {
				f.Invites = append(f.Invites, Invite{Email: email, Role: anthropic.OrganizationInviteNewParamsRole(role)})
			}
		}
	}
	return f
}

// unique records an e-mail address (case-insensitively) and refuses it the
// second time.
func (p *parser) unique(seen map[string]int, n *yaml.Node, email, path, where string) bool {
	key := strings.ToLower(email)
	if line, dup := seen[key]; dup {
		p.errorf(n, field(path, "email"), "%s is listed twice in %s (also on line %d; addresses compare without case); keep one", email, where, line)
		return false
	}
	seen[key] = n.Line
	return true
}

// person reads {email, role}; emailNode is nil when the entry is unusable.
func (p *parser) person(n *yaml.Node, path string, roleRule func(string) error) (email, role string, emailNode *yaml.Node) {
	m := p.mapping(n, path, personKeys)
	if m == nil {
		return "", "", nil
	}
	ok := true
	if e, has := m["email"]; !has {
		p.errorf(n, field(path, "email"), "missing; add email: name@example.com")
		ok = false
	} else if s, good := p.str(e.val, field(path, "email")); good && p.check(e.val, field(path, "email"), rules.ValidateEmail(s)) {
		email, emailNode = s, e.val
	} else {
		ok = false
	}
	if e, has := m["role"]; !has {
		p.errorf(n, field(path, "role"), "missing; add a role (%s)", roleHint(roleRule))
		ok = false
	} else if s, good := p.str(e.val, field(path, "role")); good && p.check(e.val, field(path, "role"), roleRule(s)) {
		role = s
	} else {
		ok = false
	}
	if !ok {
		return "", "", nil
	}
	return email, role, emailNode
}

// roleHint lists the roles a rule accepts, by asking it about none.
func roleHint(rule func(string) error) string {
	err := rule("")
	if err == nil {
		return ""
	}
	msg := err.Error()
	if i := strings.Index(msg, "one of "); i >= 0 {
		return msg[i:]
	}
	return msg
}

func (p *parser) workspace(n *yaml.Node, path string) (*Workspace, *yaml.Node) {
	m := p.mapping(n, path, workspaceKeys)
	if m == nil {
		return nil, nil
	}
	w := &Workspace{}
	var nameNode *yaml.Node
	if e, ok := m["name"]; !ok {
		p.errorf(n, field(path, "name"), "missing; every entry needs the workspace's name: add name: <workspace name>")
	} else if s, ok := p.str(e.val, field(path, "name")); ok && p.check(e.val, field(path, "name"), rules.ValidateName(s)) {
		w.Name, nameNode = s, e.val
	}
	if e, ok := m["archived"]; ok {
		w.Archived = p.archived(e.val, path, m)
	}
	if e, ok := m["tags"]; ok {
		w.Tags = p.tags(e.val, field(path, "tags"))
	}
	if e, ok := m["data_residency"]; ok {
		w.DataResidency = p.residency(e.val, field(path, "data_residency"))
	}
	for key, rule := range map[string]func(string) error{
		"external_key_id": rules.ValidateExternalKeyID,
		"user_profile_id": rules.ValidateUserProfileID,
		"display_color":   rules.ValidateDisplayColor,
	} {
		e, ok := m[key]
		if !ok {
			continue
		}
		s, ok := p.str(e.val, field(path, key))
		if !ok || !p.check(e.val, field(path, key), rule(s)) {
			continue
		}
		switch key {
		case "external_key_id":
			w.ExternalKeyID = s
		case "user_profile_id":
			w.UserProfileID = s
		case "display_color":
			w.DisplayColor = s
		}
	}
	if e, ok := m["members"]; ok {
		emails := map[string]int{}
		for i, mn := range p.list(e.val, field(path, "members")) {
			mp := index(field(path, "members"), i)
			email, role, emailNode := p.person(mn, mp, rules.ValidateWorkspaceRole)
			if emailNode != nil && p.unique(emails, emailNode, email, mp, "this workspace's members") {
				w.Members = append(w.Members, Member{Email: email, Role: anthropic.NoBillingWorkspaceRole(role)})
			}
		}
	}
	if e, ok := m["members_exclusive"]; ok {
		w.MembersExclusive = p.boolean(e.val, field(path, "members_exclusive"))
	}
	if e, ok := m["rate_limits"]; ok {
		w.RateLimits = []RateLimit{} // present: the whole truth, even when empty
		groups := map[string]int{}
		for i, rn := range p.list(e.val, field(path, "rate_limits")) {
			rp := index(field(path, "rate_limits"), i)
			rl, groupNode := p.rateLimit(rn, rp)
			if rl == nil {
				continue
			}
			if line, dup := groups[rl.Group]; dup {
				p.errorf(groupNode, field(rp, "group"), "the group %q is also listed on line %d; put its limits in one entry", rl.Group, line)
				continue
			}
			groups[rl.Group] = groupNode.Line
			w.RateLimits = append(w.RateLimits, *rl)
		}
	}
	if nameNode == nil {
		return nil, nil
	}
	return w, nameNode
}

func (p *parser) tags(n *yaml.Node, path string) map[string]string {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		p.errorf(n, path, "needs a value; write tags: {} for a workspace with no tags, or leave tags out to keep the workspace's")
		return nil
	}
	out := map[string]string{}
	ok := true
	for _, e := range p.pairs(n, path) {
		kp := field(path, e.key.Value)
		if !p.check(e.key, kp, rules.ValidateTagKey(e.key.Value)) {
			ok = false
			continue
		}
		v, good := p.str(e.val, kp)
		if !good || !p.check(e.val, kp, rules.ValidateTagValue(e.key.Value, v)) {
			ok = false
			continue
		}
		out[e.key.Value] = v
	}
	if ok {
		p.check(n, path, rules.ValidateTags(api.SortedTags(out)))
	}
	return out
}

func (p *parser) residency(n *yaml.Node, path string) *DataResidency {
	m := p.mapping(n, path, residencyKeys)
	if m == nil {
		return nil
	}
	dr := &DataResidency{}
	if e, ok := m["workspace_geo"]; ok {
		if s, ok := p.str(e.val, field(path, "workspace_geo")); ok && p.check(e.val, field(path, "workspace_geo"), rules.ValidateWorkspaceGeo(s)) {
			dr.WorkspaceGeo = s
		}
	}
	allowedOK := true
	if e, ok := m["allowed_inference_geos"]; ok {
		ap := field(path, "allowed_inference_geos")
		s, ok := p.geos(e.val, ap)
		allowedOK = ok && p.check(e.val, ap, rules.ValidateAllowedGeos(s))
		if allowedOK {
			dr.AllowedInferenceGeos = strings.Join(api.SplitGeos(s), ",")
		}
	}
	defNode := n
	var def string
	if e, ok := m["default_inference_geo"]; ok {
		var good bool
		if def, good = p.str(e.val, field(path, "default_inference_geo")); !good {
			return dr
		}
		defNode = e.val
	}
	if allowedOK && p.check(defNode, field(path, "default_inference_geo"), rules.ValidateDefaultGeo(dr.AllowedInferenceGeos, def)) {
		dr.DefaultInferenceGeo = def
	}
	return dr
}

// geos reads allowed_inference_geos: "unrestricted", or a list of geos,
// into the comma-separated form the rules take.
func (p *parser) geos(n *yaml.Node, path string) (string, bool) {
	if n.Kind == yaml.ScalarNode {
		return p.str(n, path)
	}
	if !p.is(n, path, yaml.SequenceNode) {
		return "", false
	}
	if len(n.Content) == 0 {
		return ",", true // a list with no geo in it, which the rule refuses
	}
	var out []string
	for i, g := range n.Content {
		s, ok := p.str(g, index(path, i))
		if !ok {
			return "", false
		}
		out = append(out, s)
	}
	return strings.Join(out, ","), true
}

func (p *parser) rateLimit(n *yaml.Node, path string) (*RateLimit, *yaml.Node) {
	m := p.mapping(n, path, rateLimitKeys)
	if m == nil {
		return nil, nil
	}
	rl := &RateLimit{}
	var groupNode *yaml.Node
	if e, ok := m["group"]; !ok {
		p.errorf(n, field(path, "group"), "missing; add group: <the group's display name or rate_limit_id>")
	} else if s, ok := p.str(e.val, field(path, "group")); ok && p.check(e.val, field(path, "group"), rules.ValidateRateLimitGroup(s)) {
		rl.Group, groupNode = s, e.val
	}
	ok := true
	for _, t := range rules.RateLimitTypes {
		e, has := m[string(t)]
		if !has {
			continue
		}
		tp := field(path, string(t))
		v, good := p.integer(e.val, tp)
		if !good || !p.check(e.val, tp, rules.ValidateRateLimitValue(string(t), v)) {
			ok = false
			continue
		}
		rl.Limits = append(rl.Limits, Limit{Type: t, Value: v})
	}
	if len(m) == 1 && groupNode != nil {
		p.errorf(n, path, "name at least one limiter type and its value, like requests_per_minute: 500 (the types: %s)", strings.Join(limitTypeNames(), ", "))
		return nil, nil
	}
	if groupNode == nil || !ok {
		return nil, nil
	}
	return rl, groupNode
}

// archived reads archived: true or false. An entry with archived: true
// may name nothing else (its workspace takes no more changes), so every
// other key is refused, each at its own line.
func (p *parser) archived(n *yaml.Node, path string, m map[string]entry) bool {
	if !p.is(n, field(path, "archived"), yaml.ScalarNode) {
		return false
	}
	if n.ShortTag() != "!!bool" {
		p.errorf(n, field(path, "archived"), "write archived: true to archive the workspace, or leave archived out (found %s)", describe(n))
		return false
	}
	if strings.ToLower(n.Value) != "true" {
		return false
	}
	for _, k := range workspaceKeys {
		if e, ok := m[k]; ok && k != "name" && k != "archived" {
			p.errorf(e.key, field(path, k), "an entry with archived: true takes only its name: archiving is permanent and the workspace takes no more changes; remove %s from this entry (or archived: true, to keep the workspace)", k)
		}
	}
	return true
}
