package ui

import (
	"errors"
	"slices"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

func (p *prompter) askName() error {
	m, st := p.m, &p.m.name
	p.header(stateName)
	if st.apiErr != "" {
		p.say("Error: %s", st.apiErr)
	}
	for {
		v, err := p.ask("Workspace name (1-255 characters)", st.input.Value())
		if err != nil {
			return err
		}
		v = strings.TrimSpace(v)
		if err := rules.ValidateName(v); err != nil {
			p.say("Error: %s", err)
			continue
		}
		if v != st.input.Value() {
			st.apiErr = ""
		}
		st.input.SetValue(v)
		st.err = nil
		if st.names == nil && st.listErr == nil && m.api != nil {
			st.gotNames(namesCmd(m.ctx, m.api)().(namesMsg))
		}
		st.checkDuplicate()
		if st.warn != "" {
			p.say("Warning: %s", st.warn)
		}
		return nil
	}
}

func (p *prompter) askTags() error {
	st := &p.m.tags
	p.header(stateTags)
	if st.apiErr != "" {
		p.say("Error: %s", st.apiErr)
	}
	p.say("Add tags as key=value, one per line. -key removes a tag. An empty line finishes; no tags is fine.")
	for {
		if len(st.list) > 0 {
			p.say("Tags now: %s", tagList(st.list))
		}
		if st.setErr != nil {
			p.say("Error: %s", st.setErr)
		}
		v, err := p.ask("Tag", "")
		if err != nil {
			return err
		}
		switch {
		case v == "" && st.setErr == nil:
			return nil
		case v == "":
		case strings.HasPrefix(v, "-"):
			i := slices.IndexFunc(st.list, func(t api.Tag) bool { return t.Key == v[1:] })
			if i < 0 {
				p.say("Error: there is no tag with key %q", v[1:])
				continue
			}
			st.list = slices.Delete(st.list, i, i+1)
			st.changed()
		default:
			t, err := rules.CheckTagEntry(st.list, -1, v)
			if err != nil {
				p.say("Error: %s", err)
				continue
			}
			st.list = append(st.list, t)
			st.changed()
		}
	}
}

func tagList(tags []api.Tag) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = t.Key + "=" + t.Value
	}
	return strings.Join(parts, ", ")
}

func (p *prompter) askResidency() error {
	st := &p.m.res
	p.header(stateResidency)
	if st.apiErr != "" {
		p.say("Error: %s", st.apiErr)
	}
	p.say("Workspace geo: %s. PERMANENT: it cannot be changed later (it is the only geo today).", st.v.WorkspaceGeo)
	for {
		v, err := p.ask("Allowed inference geos: unrestricted, or a comma-separated list of "+strings.Join(rules.InferenceGeos, ", "), st.allowed())
		if err != nil {
			return err
		}
		if err := rules.ValidateAllowedGeos(v); err != nil || strings.TrimSpace(v) == "" {
			if err == nil {
				err = errors.New("choose at least one geo, or unrestricted")
			}
			p.say("Error: %s", err)
			continue
		}
		geos := api.SplitGeos(v)
		st.v.Allowed = rules.AllowedGeosValue(geos[0] == api.Unrestricted, geos)
		st.note = ""
		st.fixDefault()
		break
	}
	choices := rules.DefaultGeoChoices(st.allowed())
	if len(choices) == 1 {
		st.v.Default = choices[0]
		p.say("Default inference geo: %s (the only allowed geo).", st.v.Default)
	} else {
		for {
			v, err := p.ask("Default inference geo, one of "+strings.Join(choices, ", ")+" (us is priced at "+rules.USInferencePremium+")", st.v.Default)
			if err != nil {
				return err
			}
			if !slices.Contains(choices, v) {
				p.say("Error: %s", rules.ValidateDefaultGeo(st.allowed(), v))
				continue
			}
			st.v.Default = v
			break
		}
	}
	if st.v.Default == "us" {
		p.say("Note: US-only inference is priced at %s.", rules.USInferencePremium)
	}
	st.apiErr = ""
	return nil
}
