// Package termsafe makes text that came from a server safe to show to a
// person: on a terminal, in the wizard, or in human-readable stdout/stderr.
// A hostile or broken server can put escape sequences (an OSC 52 clipboard
// write, a colour, a screen clear), control characters and invisible
// Unicode into any string it returns; shown raw, those act on the user's
// terminal or disguise what they read.
//
// The choice made here: everything odd is shown visibly rather than
// silently dropped, so the user sees that the server sent something
// strange, and every result is a single line (a server cannot fake lines
// of the program's own output):
//
//   - a whole escape sequence (CSI, OSC incl. its payload, DCS, SOS, PM, APC,
//     and two-byte ESC sequences) becomes one "␛"; an unterminated one shows
//     "␛" for the ESC and the rest as the harmless text it then is;
//   - other C0 controls become their Control Pictures (BEL "␇", CR "␍",
//     LF "␊", NUL "␀", …), except TAB, which becomes a space; DEL becomes "␡";
//   - C1 controls (U+0080–U+009F), Unicode format characters (category Cf:
//     bidi overrides, isolates and marks, zero-width characters, the BOM, …)
//     and the line and paragraph separators become "<U+XXXX>";
//   - invalid UTF-8 becomes U+FFFD "�".
//
// Only text for people is made safe: values used for logic (ids sent back
// to the API, names compared) are kept as received, and --json output keeps
// the server's JSON (see JSON).
package termsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Markers String writes in place of what it will not pass through.
const (
	EscMarker = "␛"      // a whole escape sequence, or a lone ESC
	Invalid   = "\uFFFD" // a byte that is not UTF-8
)

// String returns s as one line that a terminal shows as text and nothing
// else (see the package doc for what replaces what). Text that needs no
// change comes back as it is; String(String(s)) == String(s).
func String(s string) string {
	if !needsWork(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	write(&b, s, false)
	return b.String()
}

// Screen is String for a whole screen the program drew itself: it keeps
// line breaks and SGR sequences (colours, bold: the program's own styling)
// and makes everything else safe as String does. It is a last net under
// String, which server values must still pass through: an SGR sequence a
// server slipped into the screen would survive Screen.
func Screen(s string) string {
	if !needsWork(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	write(&b, s, true)
	return b.String()
}

// Unsafe reports whether String replaces r when it is valid UTF-8: a
// control character (C0, DEL, C1), a format character (category Cf) or a
// line or paragraph separator.
func Unsafe(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || IsFormat(r) || r == '\u2028' || r == '\u2029'
}

// IsFormat reports whether r is an invisible Unicode format character:
// category Cf, which holds the bidi overrides, isolates and marks, the
// zero-width characters and the byte order mark.
func IsFormat(r rune) bool { return unicode.Is(unicode.Cf, r) }

func needsWork(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Unsafe(r) {
			return true
		}
		i += size
	}
	return false
}

func write(b *strings.Builder, s string, screen bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(Invalid)
		case r == 0x1b:
			end, ok := escapeEnd(s, i)
			if !ok {
				b.WriteString(EscMarker) // the rest is plain text now
				break
			}
			if screen && isSGR(s[i:end]) {
				b.WriteString(s[i:end])
			} else {
				b.WriteString(EscMarker)
			}
			size = end - i
		case r == '\n' && screen:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20:
			b.WriteRune(0x2400 + r) // Control Pictures: ␀ … ␟
		case r == 0x7f:
			b.WriteString("␡")
		case Unsafe(r):
			fmt.Fprintf(b, "<U+%04X>", r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
}

// escapeEnd finds the end of the escape sequence that starts with the ESC
// at s[i]. ok is false when the sequence is not complete (or not one at
// all): the caller then replaces the ESC alone.
func escapeEnd(s string, i int) (end int, ok bool) {
	j := i + 1
	if j >= len(s) {
		return 0, false
	}
	switch c := s[j]; {
	case c == '[': // CSI: parameters, intermediates, one final byte
		for j++; j < len(s); j++ {
			switch c := s[j]; {
			case c >= 0x40 && c <= 0x7e:
				return j + 1, true
			case c < 0x20 || c > 0x7e:
				return 0, false
			}
		}
		return 0, false
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		// OSC, DCS, SOS, PM, APC: a string up to BEL, ESC \ or C1 ST.
		for j++; j < len(s); j++ {
			switch {
			case s[j] == 0x07:
				return j + 1, true
			case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
				return j + 2, true
			case s[j] == 0xc2 && j+1 < len(s) && s[j+1] == 0x9c:
				return j + 2, true
			}
		}
		return 0, false
	case c >= 0x20 && c <= 0x2f: // nF: intermediates, then a final byte
		for j++; j < len(s); j++ {
			switch c := s[j]; {
			case c >= 0x30 && c <= 0x7e:
				return j + 1, true
			case c < 0x20 || c > 0x2f:
				return 0, false
			}
		}
		return 0, false
	case c >= 0x30 && c <= 0x7e: // Fp, Fe, Fs: ESC 7, ESC M, ESC c (reset), …
		return j + 1, true
	}
	return 0, false
}

// isSGR reports whether seq (a complete CSI sequence) only sets colours and
// text attributes: ESC [ digits, ';' and ':' only, then 'm'.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for _, c := range []byte(seq[2 : len(seq)-1]) {
		if !(c >= '0' && c <= '9' || c == ';' || c == ':') {
			return false
		}
	}
	return true
}

// Redact replaces every occurrence of each secret in s with "[redacted]".
// Secrets shorter than 8 bytes are ignored: they would match ordinary text.
func Redact(s string, secrets ...string) string {
	for _, k := range secrets {
		if len(k) >= 8 && strings.Contains(s, k) {
			s = strings.ReplaceAll(s, k, Placeholder)
		}
	}
	return s
}
