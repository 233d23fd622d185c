package picker

import "charm.land/lipgloss/v2"

// Styles is every style the picker draws with; the parent passes its own
// so the picker looks like the rest of the program. Meaning never rests on
// colour alone: the cursor is "›", a chosen user "[x]", a member "[-]" and
// "member", an error starts with "✗".
type Styles struct {
	Text     lipgloss.Style // names, the filter as typed
	Dim      lipgloss.Style // emails, counts, the placeholder, "looking up…"
	Cursor   lipgloss.Style // the › and the row under it
	Selected lipgloss.Style // a chosen user's [x] and name
	Member   lipgloss.Style // the mark of a user who is a member already
	Error    lipgloss.Style // the list stopped, a look-up failed, nothing chosen
	Prompt   lipgloss.Style // "filter:" and the role's label
}

// DefaultStyles are the wizard's colours, for a dark or light background.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#6B50FF"), lipgloss.Color("#A48CFF"))
	text := ld(lipgloss.Color("#1F1F28"), lipgloss.Color("#E4E4EC"))
	dim := ld(lipgloss.Color("#6E6E80"), lipgloss.Color("#8C8CA0"))
	red := ld(lipgloss.Color("#C8102E"), lipgloss.Color("#FF6B7A"))
	green := ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#5FD68A"))
	return Styles{
		Text:     lipgloss.NewStyle().Foreground(text),
		Dim:      lipgloss.NewStyle().Foreground(dim),
		Cursor:   lipgloss.NewStyle().Foreground(accent).Bold(true),
		Selected: lipgloss.NewStyle().Foreground(accent),
		Member:   lipgloss.NewStyle().Foreground(green),
		Error:    lipgloss.NewStyle().Foreground(red),
		Prompt:   lipgloss.NewStyle().Foreground(accent).Bold(true),
	}
}
