package wizard

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Field is one answer of the wizard, a step's worth: the residency's three
// geos are one.
type Field int

const (
	FieldName Field = iota
	FieldTags
	FieldResidency
	FieldKey
	FieldProfile
)

// FieldOf is the answer a request field (rules.Field*) belongs to.
func FieldOf(name string) (Field, bool) {
	switch name {
	case rules.FieldName:
		return FieldName, true
	case rules.FieldTags:
		return FieldTags, true
	case rules.FieldWorkspaceGeo, rules.FieldAllowedGeos, rules.FieldDefaultGeo:
		return FieldResidency, true
	case rules.FieldExternalKeyID:
		return FieldKey, true
	case rules.FieldUserProfileID:
		return FieldProfile, true
	}
	return 0, false
}

// refusal is the API's refusal of an answer, and the answer it refused: it
// stands until the answer changes.
type refusal struct {
	text string
	of   string
}

// Refusal is the API's word on the answer f as it stands, or "".
func (s *Session) Refusal(f Field) string {
	r, ok := s.refusals[f]
	if !ok || r.of != s.answer(f) {
		return ""
	}
	return r.text
}

// Refused is the first answer the API refused and that is unchanged since.
func (s *Session) Refused() (Field, bool) {
	for f := FieldName; f <= FieldProfile; f++ {
		if s.Refusal(f) != "" {
			return f, true
		}
	}
	return 0, false
}

// refuse records the API's refusal of the answer f as it stands.
func (s *Session) refuse(f Field, text string) {
	s.refusals[f] = refusal{text: text, of: s.answer(f)}
	switch f {
	case FieldKey:
		// The key's earlier validation says nothing about this refusal:
		// it is chosen, and validated, again.
		s.keyCheck = KeyCheck{}
	case FieldProfile:
		s.Org.ProfilesOffered = true // its step can fix it, listed or not
	}
}

// answer is f's answer as a string, to tell whether it changed.
func (s *Session) answer(f Field) string {
	switch f {
	case FieldName:
		return s.name
	case FieldTags:
		// Quoted: tags {a "b} {a c"} and {a b} {a c} are different answers.
		return fmt.Sprintf("%q", s.tags)
	case FieldResidency:
		return s.res.WorkspaceGeo + "|" + s.res.Allowed + "|" + s.res.Default
	case FieldKey:
		if !s.useKey {
			return ""
		}
		return "key:" + s.keyID
	case FieldProfile:
		return s.profileID
	}
	return ""
}

// Name is the name as answered.
func (s *Session) Name() string { return s.name }

// CheckName is rules.ValidateName, and the API's refusal of v if it refused
// exactly v.
func (s *Session) CheckName(v string) error {
	if err := rules.ValidateName(v); err != nil {
		return err
	}
	if r, ok := s.refusals[FieldName]; ok && r.of == v {
		return errors.New(r.text)
	}
	return nil
}

// SetName takes the name, spaces around it dropped (they are invisible, and
// the API may not keep them), if the rules allow it.
func (s *Session) SetName(v string) error {
	v = strings.TrimSpace(v)
	if err := rules.ValidateName(v); err != nil {
		return err
	}
	s.name = v
	return nil
}

// CutNameError is rules.ValidateName for a name a field cut to limit
// characters from a paste of pasted: "this name has 305" would be untrue of
// a 10,000-character paste.
func CutNameError(v string, pasted, limit int) error {
	err := rules.ValidateName(v)
	if err != nil && pasted > limit && utf8.RuneCountInString(v) > rules.MaxNameLen {
		return fmt.Errorf("use at most %d characters: the pasted name has %d, cut to the first %d here", rules.MaxNameLen, pasted, limit)
	}
	return err
}

// Tags are the tags as answered, in order.
func (s *Session) Tags() []api.Tag { return slices.Clone(s.tags) }

// TagsError is why the tags as a whole break a rule (e.g. tags from
// flags), or nil.
func (s *Session) TagsError() error { return rules.ValidateTags(s.tags) }

// AddTag checks one key=value entry against the tags there are and adds
// it, or replaces tag i when i >= 0.
func (s *Session) AddTag(i int, entry string) error {
	t, err := rules.CheckTagEntry(s.tags, i, entry)
	if err != nil {
		return err
	}
	if i >= 0 {
		s.tags[i] = t
	} else {
		s.tags = append(s.tags, t)
	}
	return nil
}

// RemoveTag removes tag i.
func (s *Session) RemoveTag(i int) { s.tags = slices.Delete(s.tags, i, i+1) }

// RemoveTagKey removes the tag with the key k, reporting whether there was one.
func (s *Session) RemoveTagKey(k string) bool {
	i := slices.IndexFunc(s.tags, func(t api.Tag) bool { return t.Key == k })
	if i < 0 {
		return false
	}
	s.RemoveTag(i)
	return true
}

// TagList is the tags as "k=v, k=v".
func TagList(tags []api.Tag) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = t.Key + "=" + t.Value
	}
	return strings.Join(parts, ", ")
}

// Residency is the data residency as answered.
func (s *Session) Residency() Residency { return s.res }

// SetResidency takes the residency; a default geo outside the allowed ones
// is moved to the first allowed one, and the note says so.
func (s *Session) SetResidency(r Residency) (note string) {
	r, note = fixDefault(r)
	s.res = r
	return note
}

// residencyFrom is the residency the flags give, or the defaults; note
// says what was ignored or changed.
func residencyFrom(spec api.Spec) (Residency, string) {
	r := Residency{WorkspaceGeo: rules.DefaultWorkspaceGeo, Allowed: api.Unrestricted, Default: rules.DefaultInferenceGeo}
	var note string
	if spec.WorkspaceGeo != "" {
		if err := rules.ValidateWorkspaceGeo(spec.WorkspaceGeo); err != nil {
			note = "--workspace-geo: " + err.Error()
		} else {
			r.WorkspaceGeo = spec.WorkspaceGeo
		}
	}
	if a := spec.AllowedInferenceGeos; a != "" && a != api.Unrestricted {
		if err := rules.ValidateAllowedGeos(a); err != nil {
			note = "--allowed-inference-geos: " + err.Error()
		} else {
			r.Allowed = rules.AllowedGeosValue(false, api.SplitGeos(a))
		}
	}
	if spec.DefaultInferenceGeo != "" {
		r.Default = spec.DefaultInferenceGeo
	}
	r, fixed := fixDefault(r)
	if fixed != "" {
		note = fixed
	}
	return r, note
}

// fixDefault keeps the default inference geo among the allowed ones.
func fixDefault(r Residency) (Residency, string) {
	choices := rules.DefaultGeoChoices(r.Allowed)
	if len(choices) > 0 && !slices.Contains(choices, r.Default) {
		note := DefaultMovedNote(r.Default, choices[0])
		r.Default = choices[0]
		return r, note
	}
	return r, ""
}

// DefaultMovedNote says the default inference geo was moved from one geo
// to another because the allowed geos changed.
func DefaultMovedNote(from, to string) string {
	return "The default inference geo is now \"" + to + "\": \"" + from + "\" is not among the allowed geos."
}

// UsesKey reports whether the workspace is to have an encryption key.
func (s *Session) UsesKey() bool { return s.useKey }

// KeyID is the key id chosen, even while no key is to be used.
func (s *Session) KeyID() string { return s.keyID }

// NoKey drops the encryption key; a refused key is gone with it.
func (s *Session) NoKey() { s.useKey = false }

// ProfileID is the user profile chosen; "" is none.
func (s *Session) ProfileID() string { return s.profileID }

// SetProfile chooses a user profile; "" is none.
func (s *Session) SetProfile(id string) { s.profileID = id }
