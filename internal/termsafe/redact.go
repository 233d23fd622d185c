package termsafe

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Placeholder is what Redact and RedactJSON write in place of a secret.
const Placeholder = "[redacted]"

// RedactJSON is Redact for raw bytes that are usually JSON, such as an
// answer from the server: every occurrence of a secret is replaced, and so
// is one the JSON spells with escapes ("sk\u002dant…"), which decodes to
// the secret all the same. A string literal that held one is written back
// with its secret replaced, so valid JSON stays valid; bytes that are not
// JSON are replaced where the secret appears as it is.
func RedactJSON(raw []byte, secrets ...string) []byte {
	var keys []string
	for _, k := range secrets {
		if len(k) >= 8 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return raw
	}
	for _, k := range keys {
		raw = bytes.ReplaceAll(raw, []byte(k), []byte(Placeholder))
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	// Escaped spellings: decode each string literal that has an escape.
	var out []byte
	last := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] != '"' {
			continue
		}
		end, escaped := literalEnd(raw, i)
		if end < 0 {
			break
		}
		if escaped {
			var s string
			if json.Unmarshal(raw[i:end], &s) == nil {
				if r := Redact(s, keys...); r != s {
					lit, _ := json.Marshal(r)
					out = append(append(out, raw[last:i]...), lit...)
					last = end
				}
			}
		}
		i = end - 1
	}
	if out == nil {
		return raw
	}
	return append(out, raw[last:]...)
}

// literalEnd finds the end (one past the closing quote) of the JSON string
// literal that opens at raw[i], and whether it has a backslash escape; end
// is -1 when the literal does not close.
func literalEnd(raw []byte, i int) (end int, escaped bool) {
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped
		}
	}
	return -1, escaped
}

// Lines is String for text of several lines, such as an error message and
// its hint: each line is made safe as String makes it, and the line breaks
// stay. It is the net under every error the program prints, for the parts
// of a message that came from the user's arguments or a file.
func Lines(s string) string {
	if !needsWork(strings.ReplaceAll(s, "\n", "")) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = String(l)
	}
	return strings.Join(lines, "\n")
}
