package wizard

import (
	"strings"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

// Field2 is one labelled value of the created workspace, made safe to
// show. Colour carries the display colour, for a front end that draws it.
type Field2 struct {
	Label  string
	Value  string
	Colour string
	Failed bool // a member who was not added
}

// Summary is the created workspace in words: a headline and what to say
// under it, the fields, and what to do next.
type Summary struct {
	Incomplete bool     // created, but not all of the request took effect
	Notes      []string // under the headline
	Fields     []Field2
	Recovered  bool // found by listing after the create's answer was lost
	Next       []string
}

// Summary describes the created workspace; times are shown in loc.
func (s *Session) Summary(loc *time.Location) Summary {
	res := s.result
	ws := res.Workspace
	var out Summary
	if inc := res.Incomplete; inc != nil {
		out.Incomplete = true
		out.Notes = append(out.Notes, s.Text(inc.Message+inc.RequestIDNote()),
			"Do not create it again: fix what the message names on this workspace, in the Console or with the Update Workspace API.")
		if res.FetchErr != nil {
			out.Notes = append(out.Notes, "Reading the workspace back failed ("+s.Text(res.FetchErr.Error())+"); only its id is shown.")
		}
	}
	add := func(label, value string) { out.Fields = append(out.Fields, Field2{Label: label, Value: s.Text(value)}) }
	add("ID", ws.ID)
	add("Name", ws.Name)
	add("Created", ws.CreatedAt.In(loc).Format("2006-01-02 15:04:05 MST"))
	if ws.DisplayColor != "" {
		out.Fields = append(out.Fields, Field2{Label: "Colour", Value: s.Text(ws.DisplayColor), Colour: ws.DisplayColor})
	}
	add("Tags", api.TagList(ws.Tags))
	dr := ws.DataResidency
	add("Workspace geo", string(dr.WorkspaceGeo))
	add("Inference", "allowed "+api.AllowedGeos(dr)+" · default "+string(dr.DefaultInferenceGeo))
	if ws.ExternalKeyID != "" {
		add("Encryption key", ws.ExternalKeyID)
		add("Compartment", ws.CompartmentID)
	}
	if ws.UserProfileID != "" {
		add("User profile", s.ProfileLabel(ws.UserProfileID))
	}
	added, notAdded := s.Members.Summary()
	if len(added) > 0 {
		add("Members", strings.Join(added, ", "))
	}
	for _, n := range notAdded {
		out.Fields = append(out.Fields, Field2{Label: "Not added", Value: s.Text(n), Failed: true})
	}
	out.Recovered = res.Recovered
	if len(added) > 0 {
		out.Next = append(out.Next, "Create an API key for the workspace, and manage its members, in the Console: "+api.ConsoleURL)
	} else {
		out.Next = append(out.Next, "Add members and create an API key for the workspace in the Console: "+api.ConsoleURL)
	}
	if ws.ExternalKeyID != "" {
		out.Next = append(out.Next, "Scope your KMS key to compartment "+s.Text(ws.CompartmentID)+".")
	}
	if ws.UserProfileID != "" {
		out.Next = append(out.Next, "Every inference request through this workspace must name user profile "+s.Text(ws.UserProfileID)+".")
	}
	return out
}

// RecoveredNote is what a workspace found by listing carries.
const RecoveredNote = "⚠ The create's answer was lost; the wizard found the workspace by listing. It was created once."
