package ui

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// Bug 11: the key hints (and the other dim text) are readable on a dark
// and on a light background: WCAG contrast of at least 4.5:1 against a
// typical dark terminal (#1e1e1e) and a white one.
func TestHintsAreReadableOnDarkAndLight(t *testing.T) {
	t.Parallel()
	for _, bg := range []struct {
		name   string
		isDark bool
		color  color.Color
	}{
		{"dark", true, lipgloss.Color("#1e1e1e")},
		{"light", false, lipgloss.Color("#ffffff")},
	} {
		s := NewStyles(bg.isDark)
		for name, st := range map[string]lipgloss.Style{
			"help key": s.Help.ShortKey, "help text": s.Help.ShortDesc, "help separator": s.Help.ShortSeparator,
			"full help key": s.Help.FullKey, "full help text": s.Help.FullDesc,
			"dim": s.Dim, "description": s.Desc, "step": s.Step, "label": s.Label,
		} {
			if r := contrast(st.GetForeground(), bg.color); r < 4.5 {
				t.Errorf("%s on %s: contrast %.2f:1, want at least 4.5:1", name, bg.name, r)
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}
