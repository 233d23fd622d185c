// Package forms builds the wizard's huh forms: one builder per step that is
// a form, and the keymap they share. The rules the fields obey live in
// internal/rules; this package only asks for the values.
package forms

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// The wizard embeds these huh forms in its own Bubble Tea model: the model
// owns each *huh.Form, forwards messages to it, and draws the step's
// header, help and messages around it. Enter belongs to the wizard (it
// accepts the step as shown), so the fields are moved between with tab.

// Residency is what the data-residency form edits.
type Residency struct {
	WorkspaceGeo string
	Allowed      string // api.Unrestricted or geos joined by commas, in rules.InferenceGeos order
	Default      string
}

// ResidencyForm asks where the workspace's data lives (permanent), where
// inference may run, and the default inference geo, which is offered only
// from the allowed geos so an invalid pair cannot be picked.
func ResidencyForm(v *Residency) Form {
	wsGeo := huh.NewSelect[string]().Key(rules.FieldWorkspaceGeo).
		Title("Workspace geo").
		Description("Where its data is stored. PERMANENT: cannot be changed later.").
		Value(&v.WorkspaceGeo).Options(huh.NewOptions(rules.WorkspaceGeos...)...)
	allowed := huh.NewSelect[string]().Key(rules.FieldAllowedGeos).
		Title("Allowed inference geos").
		Description("Where requests may run; can be changed later.").
		Value(&v.Allowed).Options(allowedOptions()...)
	def := huh.NewSelect[string]().Key(rules.FieldDefaultGeo).
		Title("Default inference geo").
		Description("Used when a request names none.").
		Value(&v.Default).
		OptionsFunc(func() []huh.Option[string] { return geoOptions(rules.DefaultGeoChoices(v.Allowed)) }, &v.Allowed).
		Height(2 + len(rules.InferenceGeos))
	return newForm(huh.NewForm(huh.NewGroup(wsGeo, allowed, def)).WithKeyMap(KeyMap()),
		labelsOf(rules.FieldWorkspaceGeo, huh.NewOptions(rules.WorkspaceGeos...)),
		labelsOf(rules.FieldAllowedGeos, allowedOptions()),
		labelsOf(rules.FieldDefaultGeo, geoOptions(rules.InferenceGeos)))
}

// AllowedChoices are the allowed-inference-geos answers: unrestricted, then
// every non-empty set of rules.InferenceGeos. Each is one pick, so no set can be
// left empty or mixed with "unrestricted".
func AllowedChoices() []string {
	out := []string{api.Unrestricted}
	n := len(rules.InferenceGeos)
	for size := 1; size <= n; size++ {
		for mask := 1; mask < 1<<n; mask++ {
			var geos []string
			for i, g := range rules.InferenceGeos {
				if mask&(1<<i) != 0 {
					geos = append(geos, g)
				}
			}
			if len(geos) == size {
				out = append(out, strings.Join(geos, ","))
			}
		}
	}
	return out
}

// AllowedLabel describes an allowed-inference-geos answer.
func AllowedLabel(v string) string {
	switch v {
	case api.Unrestricted:
		return "Unrestricted: every geo, now and later (default)"
	case "us":
		return "Only us (US only, priced at " + rules.USInferencePremium + ")"
	}
	geos := api.SplitGeos(v)
	if len(geos) == 1 {
		return "Only " + geos[0]
	}
	return "Only " + strings.Join(geos[:len(geos)-1], ", ") + " and " + geos[len(geos)-1]
}

func allowedOptions() []huh.Option[string] {
	var out []huh.Option[string]
	for _, v := range AllowedChoices() {
		out = append(out, huh.NewOption(AllowedLabel(v), v))
	}
	return out
}

func geoOptions(geos []string) []huh.Option[string] {
	var out []huh.Option[string]
	for _, g := range geos {
		label := g
		switch g {
		case rules.DefaultInferenceGeo:
			label += " (default)"
		case "us":
			label += " (US only, priced at " + rules.USInferencePremium + ")"
		}
		out = append(out, huh.NewOption(label, g))
	}
	return out
}

// EncryptionChoiceForm asks whether the workspace gets a customer-managed
// encryption key; no is the default.
func EncryptionChoiceForm(useKey *bool) Form {
	opts := []huh.Option[bool]{
		huh.NewOption("No, Anthropic manages encryption (default)", false),
		huh.NewOption("Yes, use a key from our cloud KMS (CMEK)", true),
	}
	return newForm(huh.NewForm(huh.NewGroup(
		huh.NewSelect[bool]().Key(rules.FieldExternalKeyID).
			Title("Customer-managed encryption key").
			Description("Optional. Most workspaces need no key of their own.").
			Value(useKey).Options(opts...),
	)).WithKeyMap(KeyMap()), labelsOf(rules.FieldExternalKeyID, opts))
}

// TypeKeyID is the key form's answer for "type a key id instead".
const TypeKeyID = ""

// ExternalKeyForm lists the organization's keys (name · provider · geo,
// then the id) and a last choice to type an id instead (TypeKeyID). The
// labels are the server's words, made safe to show (termsafe); the values
// are the ids as received.
func ExternalKeyForm(keys []anthropic.ExternalKey, refused func(id string) bool, id *string) Form {
	var opts []huh.Option[string]
	for _, k := range keys {
		var parts []string
		for _, p := range []string{k.DisplayName, k.ProviderConfig.Type, k.Geo} {
			if p != "" {
				parts = append(parts, termsafe.String(p))
			}
		}
		label := strings.Join(parts, " · ") + "\n  " + termsafe.String(k.ID)
		if refused != nil && refused(k.ID) {
			label += "  ✗ refused by the API: choose another"
		}
		opts = append(opts, huh.NewOption(label, k.ID))
	}
	opts = append(opts, huh.NewOption("Type a key id instead", TypeKeyID))
	return newForm(huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Key(rules.FieldExternalKeyID).
			Title("Choose the encryption key").
			Value(id).Options(opts...),
	)).WithKeyMap(KeyMap()), labelsOf(rules.FieldExternalKeyID, opts))
}

// KeyMap is huh's keymap for forms inside the wizard: ↑/↓ choose, tab and
// shift+tab move between fields, and Enter is left to the wizard, which
// accepts the whole step with it. ctrl+c is the wizard's too.
func KeyMap() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	none := key.NewBinding(key.WithDisabled())
	k.Quit = none
	k.Select.Next = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next question"))
	k.Select.Prev = key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous question"))
	k.Select.Submit = none
	k.Select.Filter = none
	k.Select.SetFilter = none
	k.Select.ClearFilter = none
	k.Select.GotoTop = key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first"))
	k.Select.GotoBottom = key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last"))
	k.Select.HalfPageUp = none
	k.Select.HalfPageDown = none
	k.MultiSelect.Next = k.Select.Next
	k.MultiSelect.Prev = k.Select.Prev
	k.MultiSelect.Submit = none
	k.MultiSelect.Filter = none
	k.MultiSelect.SetFilter = none
	k.MultiSelect.ClearFilter = none
	k.MultiSelect.GotoTop = k.Select.GotoTop
	k.MultiSelect.GotoBottom = k.Select.GotoBottom
	k.MultiSelect.HalfPageUp = none
	k.MultiSelect.HalfPageDown = none
	return k
}
