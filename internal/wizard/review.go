package wizard

import (
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// Locks: what a review row says of a value that can never change.
const (
	Permanent = "PERMANENT"
	WriteOnce = "WRITE-ONCE"
)

// Row is one line of the review: the step that sets it (Field), its label
// and value in words (Value made safe to show), and what to say of it.
type Row struct {
	Field   Field
	First   bool // the first row of its step: it carries the step's number
	Label   string
	Value   string
	Default bool   // the server's default: nothing was chosen
	Lock    string // Permanent, WriteOnce or ""
	Note    string // e.g. "priced at 1.1×"
	Warn    string // e.g. "name already in use"
	Refused bool   // the API refused it as it stands: it must change
}

// Review is the draft as the review shows it, one row per value; the user
// profile only when the step is offered.
func (s *Session) Review() []Row {
	spec := s.Spec()
	orDef := func(v, def string) (string, bool) {
		if v == "" {
			return def, true
		}
		return v, false
	}
	var rows []Row
	name := Row{Field: FieldName, First: true, Label: "Name", Value: s.Text(spec.Name), Refused: s.Refusal(FieldName) != ""}
	if s.Duplicate(spec.Name) != "" {
		name.Warn = "name already in use"
	}
	rows = append(rows, name)
	tags := Row{Field: FieldTags, First: true, Label: "Tags", Value: "none", Default: true, Refused: s.Refusal(FieldTags) != ""}
	if len(spec.Tags) > 0 {
		tags.Value, tags.Default = s.Text(TagList(spec.Tags)), false
	}
	rows = append(rows, tags)
	geo, m := orDef(spec.WorkspaceGeo, rules.DefaultWorkspaceGeo)
	refusedRes := s.Refusal(FieldResidency) != ""
	rows = append(rows, Row{Field: FieldResidency, First: true, Label: "Workspace geo", Value: geo, Default: m, Lock: Permanent, Refused: refusedRes})
	allowed, m := orDef(spec.AllowedInferenceGeos, rules.DefaultAllowedGeos)
	rows = append(rows, Row{Field: FieldResidency, Label: "Allowed inference", Value: allowed, Default: m})
	def, m := orDef(spec.DefaultInferenceGeo, rules.DefaultInferenceGeo)
	row := Row{Field: FieldResidency, Label: "Default inference", Value: def, Default: m}
	if spec.DefaultInferenceGeo == "us" {
		row.Note = "priced at " + rules.USInferencePremium
	}
	rows = append(rows, row)
	key := Row{Field: FieldKey, First: true, Label: "Encryption key", Value: "none", Default: true}
	if spec.ExternalKeyID != "" {
		key = Row{Field: FieldKey, First: true, Label: "Encryption key", Value: s.Text(spec.ExternalKeyID), Lock: WriteOnce, Refused: s.Refusal(FieldKey) != ""}
	}
	rows = append(rows, key)
	if s.Org.ProfilesOffered {
		prof := Row{Field: FieldProfile, First: true, Label: "User profile", Value: "none", Default: true}
		if spec.UserProfileID != "" {
			prof = Row{Field: FieldProfile, First: true, Label: "User profile", Value: s.Text(s.ProfileLabel(spec.UserProfileID)), Lock: Permanent, Refused: s.Refusal(FieldProfile) != ""}
		}
		rows = append(rows, prof)
	}
	return rows
}
