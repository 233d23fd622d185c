package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Styles is every style the wizard draws with, built once for the
// terminal's background (light or dark). Meaning is never carried by colour
// alone: errors start with ✗, warnings with ⚠, so NO_COLOR loses nothing.
type Styles struct {
	Accent    color.Color
	Brand     lipgloss.Style // the product name in the header
	Org       lipgloss.Style
	Step      lipgloss.Style // "Step 2 of 5 · Tags"
	Title     lipgloss.Style // a field's title
	Desc      lipgloss.Style // dim explanation under a title
	Dim       lipgloss.Style
	Label     lipgloss.Style // review labels
	Value     lipgloss.Style
	Default   lipgloss.Style // "(default)"
	Permanent lipgloss.Style // "PERMANENT"
	Error     lipgloss.Style
	Warn      lipgloss.Style
	OK        lipgloss.Style
	Cursor    lipgloss.Style // the › in lists
	Selected  lipgloss.Style // the highlighted row
	Button    lipgloss.Style
	ButtonOn  lipgloss.Style
	Code      lipgloss.Style // the command line
	Help      help.Styles
	Input     textinput.Styles
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#6B50FF"), lipgloss.Color("#A48CFF"))
	text := ld(lipgloss.Color("#1F1F28"), lipgloss.Color("#E4E4EC"))
	dim := ld(lipgloss.Color("#6E6E80"), lipgloss.Color("#8C8CA0"))
	red := ld(lipgloss.Color("#C8102E"), lipgloss.Color("#FF6B7A"))
	yellow := ld(lipgloss.Color("#9A6700"), lipgloss.Color("#F5C451"))
	green := ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#5FD68A"))
	s := Styles{
		Accent:    accent,
		Brand:     lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(accent).Padding(0, 1),
		Org:       lipgloss.NewStyle().Foreground(text).Bold(true),
		Step:      lipgloss.NewStyle().Foreground(dim),
		Title:     lipgloss.NewStyle().Foreground(accent).Bold(true),
		Desc:      lipgloss.NewStyle().Foreground(dim),
		Dim:       lipgloss.NewStyle().Foreground(dim),
		Label:     lipgloss.NewStyle().Foreground(dim),
		Value:     lipgloss.NewStyle().Foreground(text),
		Default:   lipgloss.NewStyle().Foreground(dim).Italic(true),
		Permanent: lipgloss.NewStyle().Foreground(yellow).Bold(true),
		Error:     lipgloss.NewStyle().Foreground(red),
		Warn:      lipgloss.NewStyle().Foreground(yellow),
		OK:        lipgloss.NewStyle().Foreground(green),
		Cursor:    lipgloss.NewStyle().Foreground(accent).Bold(true),
		Selected:  lipgloss.NewStyle().Foreground(accent),
		Button:    lipgloss.NewStyle().Foreground(dim).Padding(0, 1),
		ButtonOn:  lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(accent).Padding(0, 1),
		Code:      lipgloss.NewStyle().Foreground(text),
		Help:      helpStyles(text, dim),
		Input:     textinput.DefaultStyles(isDark),
	}
	s.Input.Focused.Prompt = lipgloss.NewStyle().Foreground(accent)
	s.Input.Cursor.Color = accent
	return s
}

// helpStyles are the key hints: the keys in the text colour, what they do
// and the separators in dim. bubbles' defaults (#4A4A4A on a dark
// background, #B2B2B2 on a light one) are below 2:1; these are above 4.5:1
// on #1e1e1e and on white (contrast_test.go).
func helpStyles(text, dim color.Color) help.Styles {
	key := lipgloss.NewStyle().Foreground(text)
	desc := lipgloss.NewStyle().Foreground(dim)
	return help.Styles{
		ShortKey: key, ShortDesc: desc, ShortSeparator: desc, Ellipsis: desc,
		FullKey: key, FullDesc: desc, FullSeparator: desc,
	}
}

// swatch is a small block of the workspace's colour.
func (s Styles) swatch(hex string) string {
	if hex == "" {
		return ""
	}
	c := lipgloss.Color(hex)
	return lipgloss.NewStyle().Background(c).Foreground(c).Render("██") + " "
}

// huhStyles dresses the embedded huh forms in the same styles, so a form
// looks like the rest of the wizard on a light or a dark background.
func (s Styles) huhStyles() *huh.Styles {
	t := huh.ThemeBase(true)
	t.FieldSeparator = lipgloss.NewStyle().SetString("\n\n")
	f := &t.Focused
	f.Base = lipgloss.NewStyle().PaddingLeft(1).BorderStyle(lipgloss.ThickBorder()).BorderLeft(true).BorderForeground(s.Accent)
	f.Card = f.Base
	f.Title = s.Title
	f.NoteTitle = s.Title
	f.Description = s.Desc
	f.ErrorIndicator = s.Error.SetString(" ✗")
	f.ErrorMessage = s.Error
	f.SelectSelector = s.Cursor.SetString("› ")
	f.SelectedOption = s.Selected
	f.UnselectedOption = s.Value
	f.Option = s.Value
	f.MultiSelectSelector = s.Cursor.SetString("› ")
	f.SelectedPrefix = s.Selected.SetString("[x] ")
	f.UnselectedPrefix = s.Dim.SetString("[ ] ")
	f.TextInput.Cursor = s.Cursor
	f.TextInput.Prompt = s.Input.Focused.Prompt
	f.TextInput.Placeholder = s.Input.Focused.Placeholder
	f.TextInput.Text = s.Value
	f.NextIndicator = s.Dim.MarginLeft(1).SetString("→")
	f.PrevIndicator = s.Dim.MarginRight(1).SetString("←")
	t.Blurred = *f
	t.Blurred.Base = f.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = s.Label.Bold(true)
	t.Blurred.SelectSelector = s.Dim.SetString("• ") // the answer, while another field has focus
	t.Blurred.MultiSelectSelector = lipgloss.NewStyle().SetString("  ")
	t.Blurred.SelectedOption = s.Value
	t.Blurred.NextIndicator = lipgloss.NewStyle()
	t.Blurred.PrevIndicator = lipgloss.NewStyle()
	t.Group.Title = s.Title
	t.Group.Description = s.Desc
	t.Help = s.Help
	return t
}
