package rules

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Workspace names need not be unique, but two that look alike are easy to
// confuse in a list: "Prod" and "prod", "ｐｒｏｄ" (fullwidth) and "prod",
// or "prоd" with a Cyrillic о. NameKey is what such names have in common,
// and LookAlike compares by it; the wizard, setup and plan all warn with it.

// confusables maps common Cyrillic and Greek letters to the Latin letter
// they look like (after case folding). A small table, not Unicode's full
// confusables list: the letters a pasted or hostile name is likely to use.
var confusables = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'с': 'c', 'е': 'e', 'һ': 'h', 'і': 'i', 'ј': 'j', 'к': 'k',
	'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'т': 't', 'у': 'y',
	'х': 'x', 'ԝ': 'w', 'ӏ': 'l', 'ё': 'e', 'ї': 'i',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o',
	'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'γ': 'y', 'ζ': 'z', 'μ': 'u',
	// Latin and digits that read as other letters
	'ı': 'i', 'ɑ': 'a', 'ℓ': 'l', '0': 'o', '1': 'l',
}

// NameKey is name as far as a reader tells names apart: NFKC-normalised
// (fullwidth and compatibility forms, composed accents), case-folded,
// confusable letters mapped to Latin, invisible format characters dropped,
// and surrounding space trimmed.
func NameKey(name string) string {
	s := strings.ToLower(norm.NFKC.String(strings.TrimSpace(name)))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cf, r):
			continue
		case confusables[r] != 0:
			r = confusables[r]
		}
		b.WriteRune(r)
	}
	return b.String()
}

// LookAlike reports whether two names differ but look alike (NameKey).
func LookAlike(a, b string) bool { return a != b && NameKey(a) == NameKey(b) }

// LookAlikeWarning is the warning for a name that looks like other, an
// existing workspace's; both are shown quoted (Go syntax), so that what
// tells them apart is visible.
func LookAlikeWarning(name, other string) string {
	return "the name " + quote(name) + " looks like the existing workspace " + quote(other) +
		"; names need not be unique, but two alike are easy to confuse"
}

// quote shows a name with every non-ASCII letter escaped, so that a Cyrillic
// о does not pass for an o.
func quote(s string) string { return strconv.QuoteToASCII(s) }
