package termsafe

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// JSON returns raw JSON with every character String would replace written
// as a \u escape instead: valid JSON stays valid and decodes to the same
// values (a byte that is not UTF-8, which a decoder reads as U+FFFD, is
// written as \ufffd), yet no raw DEL, C1 control, format character or
// stray byte reaches the terminal. JSON from the server is otherwise kept
// byte for byte: escapes it already has stay as they are.
func JSON(raw []byte) []byte {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		if c == '\\' && i+1 < len(raw) && raw[i+1] >= 0x20 && raw[i+1] < 0x7f {
			out = append(out, c, raw[i+1]) // an escape: kept whole
			i += 2
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case (r == '\n' || r == '\t' || r == '\r') || !Unsafe(r):
			out = append(out, raw[i:i+size]...)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		i += size
	}
	return out
}
