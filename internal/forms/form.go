package forms

import (
	"charm.land/huh/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"
)

// Form is a huh form with its options' labels, so that a front end can
// tell which option the focused field hovers, and find it on screen, with
// huh's own API (Hovered) instead of reading huh's drawing.
type Form struct {
	*huh.Form
	labels map[string]map[any]string // field key → option value → label
}

// fieldLabels is one field's option labels.
type fieldLabels struct {
	key    string
	labels map[any]string
}

func newForm(f *huh.Form, fields ...fieldLabels) Form {
	out := Form{Form: f, labels: map[string]map[any]string{}}
	for _, fl := range fields {
		out.labels[fl.key] = fl.labels
	}
	return out
}

func labelsOf[T comparable](key string, opts []huh.Option[T]) fieldLabels {
	m := make(map[any]string, len(opts))
	for _, o := range opts {
		m[o.Value] = o.Key
	}
	return fieldLabels{key, m}
}

// Hovered is the label of the option under the focused field's cursor, or
// false when the focused field has no options.
func (f Form) Hovered() (string, bool) {
	field := f.GetFocusedField()
	var v any
	ok := false
	switch h := field.(type) {
	case *huh.Select[string]:
		v, ok = h.Hovered()
	case *huh.Select[bool]:
		v, ok = h.Hovered()
	case *huh.Select[anthropic.NoBillingWorkspaceRole]:
		v, ok = h.Hovered()
	}
	if !ok {
		return "", false
	}
	label, ok := f.labels[field.GetKey()][v]
	return label, ok
}
