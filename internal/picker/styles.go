package picker

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Styles is every style the picker draws with; the parent passes its own
// so the picker looks like the rest of the program. Only their colours and
// text attributes are used (see paint). Meaning never rests on
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

// paint is a style reduced to the sequences before and after a run of
// text. lipgloss's Render measures, pads and aligns on every call, which
// for each name and email on screen costs more than all the rest of a
// frame; the picker only needs its colours and weight, so each style is
// rendered once, around a marker, and its two halves kept. Layout (width,
// padding, margins, borders) is the picker's own and is taken off.
type paint struct{ open, close string }

func newPaint(s lipgloss.Style) paint {
	const marker = "X"
	s = s.UnsetString().UnsetTransform().UnsetWidth().UnsetHeight().UnsetMaxWidth().UnsetMaxHeight().
		UnsetPadding().UnsetMargins().UnsetBorderStyle().UnsetInline().UnsetAlign()
	r := s.Render(marker)
	i := strings.Index(r, marker)
	if i < 0 {
		return paint{}
	}
	return paint{open: r[:i], close: r[i+len(marker):]}
}

// write writes s in this paint.
func (p paint) write(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	b.WriteString(p.open)
	b.WriteString(s)
	b.WriteString(p.close)
}

// paints are the Styles, each reduced to a paint.
type paints struct {
	text, dim, cursor, selected, member, err, prompt paint
}

func newPaints(s Styles) paints {
	return paints{
		text: newPaint(s.Text), dim: newPaint(s.Dim), cursor: newPaint(s.Cursor),
		selected: newPaint(s.Selected), member: newPaint(s.Member), err: newPaint(s.Error),
		prompt: newPaint(s.Prompt),
	}
}
