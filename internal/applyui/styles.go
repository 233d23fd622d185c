package applyui

import (
	"charm.land/lipgloss/v2"
)

// Styles is every style the apply screens draw with. The zero value draws
// plain text; DefaultStyles has the wizard's colours, so a parent that
// embeds the model looks the same around it. Meaning never rests on colour
// alone: every row starts with a mark (✓ done, ✗ failed or an error, ⚠
// unknown or a conflict, ⊘ skipped, + create, ~ update), so NO_COLOR loses
// nothing.
type Styles struct {
	Brand lipgloss.Style // "workspace-wizard" in the header
	Org   lipgloss.Style // the organization's name
	Title lipgloss.Style // what the screen is
	Text  lipgloss.Style
	Dim   lipgloss.Style // headings, counts, help, "more lines"
	OK    lipgloss.Style // ✓ and + create
	Warn  lipgloss.Style // ⚠, ~ update, waiting
	Error lipgloss.Style // ✗
	Busy  lipgloss.Style // the spinner of an item in flight
	Key   lipgloss.Style // a key in the help line
}

// DefaultStyles are the wizard's colours for a dark or a light background.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#6B50FF"), lipgloss.Color("#A48CFF"))
	text := ld(lipgloss.Color("#1F1F28"), lipgloss.Color("#E4E4EC"))
	dim := ld(lipgloss.Color("#6E6E80"), lipgloss.Color("#8C8CA0"))
	red := ld(lipgloss.Color("#C8102E"), lipgloss.Color("#FF6B7A"))
	yellow := ld(lipgloss.Color("#9A6700"), lipgloss.Color("#F5C451"))
	green := ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#5FD68A"))
	return Styles{
		Brand: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(accent).Padding(0, 1),
		Org:   lipgloss.NewStyle().Foreground(text).Bold(true),
		Title: lipgloss.NewStyle().Foreground(accent).Bold(true),
		Text:  lipgloss.NewStyle().Foreground(text),
		Dim:   lipgloss.NewStyle().Foreground(dim),
		OK:    lipgloss.NewStyle().Foreground(green),
		Warn:  lipgloss.NewStyle().Foreground(yellow),
		Error: lipgloss.NewStyle().Foreground(red),
		Busy:  lipgloss.NewStyle().Foreground(accent).Bold(true),
		Key:   lipgloss.NewStyle().Foreground(text),
	}
}
