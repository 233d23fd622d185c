package termsafe_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

func TestString(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "ml-research ✨ 研究", "ml-research ✨ 研究"},
		{"empty", "", ""},
		{"OSC 52 clipboard write (BEL)", "a\x1b]52;c;cm0gLXJmIH4=\x07b", "a␛b"},
		{"OSC 8 link (ST)", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "␛click␛"},
		{"CSI colour", "\x1b[31;1mred\x1b[0m", "␛red␛"},
		{"CSI clear screen", "x\x1b[2Jy", "x␛y"},
		{"CSI private mode", "\x1b[?1049h", "␛"},
		{"DCS", "\x1bPq#0;2;0;0;0\x1b\\after", "␛after"},
		{"APC", "\x1b_Gf=100;AAAA\x1b\\", "␛"},
		{"reset ESC c", "a\x1bcb", "a␛b"},
		{"charset ESC ( 0", "\x1b(0lqk", "␛lqk"},
		{"lone ESC at end", "a\x1b", "a␛"},
		{"unterminated OSC shows its text harmlessly", "a\x1b]52;c;Zm9v", "a␛]52;c;Zm9v"},
		{"unterminated CSI", "a\x1b[31", "a␛[31"},
		{"CSI cut by a control", "\x1b[3\x07m", "␛[3␇m"},
		{"ESC ESC", "\x1b\x1b[0m", "␛␛"},
		{"BEL", "ding\x07", "ding␇"},
		{"CR", "fake\rreal", "fake␍real"},
		{"LF", "line1\nline2", "line1␊line2"},
		{"CRLF", "a\r\nb", "a␍␊b"},
		{"TAB", "a\tb", "a b"},
		{"NUL", "a\x00b", "a␀b"},
		{"DEL", "a\x7fb", "a␡b"},
		{"C1 CSI rune", "a\u009b31mb", "a<U+009B>31mb"},
		{"C1 NEL", "a\u0085b", "a<U+0085>b"},
		{"raw 8-bit CSI byte", "a\x9b31mb", "a\uFFFD31mb"},
		{"invalid UTF-8", "bad\xff\xfeutf8", "bad\uFFFD\uFFFDutf8"},
		{"RLO", "abc\u202Etxt.exe", "abc<U+202E>txt.exe"},
		{"bidi isolates", "\u2066x\u2069", "<U+2066>x<U+2069>"},
		{"LRM RLM ALM", "\u200E\u200F\u061C", "<U+200E><U+200F><U+061C>"},
		{"zero width", "a\u200Bb\u200Cc\u200Dd\u2060e\uFEFF", "a<U+200B>b<U+200C>c<U+200D>d<U+2060>e<U+FEFF>"},
		{"soft hyphen (Cf)", "a\u00ADb", "a<U+00AD>b"},
		{"tag character (Cf, astral)", "a\U000E0041", "a<U+E0041>"},
		{"line separator", "a\u2028b\u2029c", "a<U+2028>b<U+2029>c"},
		{"markers pass through", "␛ ␇ <U+202E> �", "␛ ␇ <U+202E> �"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := termsafe.String(tc.in); got != tc.want {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestScreenKeepsStylingAndLines(t *testing.T) {
	in := "\x1b[1;38;2;1;2;3mTitle\x1b[0m\n\x1b[38:5:9mok\x1b[m \x1b]52;c;eA==\x07\x1b[2J\u202E\x07"
	want := "\x1b[1;38;2;1;2;3mTitle\x1b[0m\n\x1b[38:5:9mok\x1b[m ␛␛<U+202E>␇"
	if got := termsafe.Screen(in); got != want {
		t.Errorf("Screen = %q, want %q", got, want)
	}
}

func TestRedact(t *testing.T) {
	key := "sk-ant-admin01-abcdefgh"
	cases := []struct{ in, want string }{
		{"invalid x-api-key " + key + ".", "invalid x-api-key [redacted]."},
		{key + key, "[redacted][redacted]"},
		{"no key here", "no key here"},
	}
	for _, tc := range cases {
		if got := termsafe.Redact(tc.in, "", "short", key); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	for r, want := range map[rune]string{
		0x202E:  "U+202E RIGHT-TO-LEFT OVERRIDE",
		0x200B:  "U+200B ZERO WIDTH SPACE",
		0xE0041: "U+E0041",
	} {
		if got := termsafe.Describe(r); got != want {
			t.Errorf("Describe(%U) = %q, want %q", r, got, want)
		}
	}
}

func TestJSONKeepsValuesEscapesUnsafeRunes(t *testing.T) {
	raw := "{\"name\":\"a\u009bb\u202Ec\x7fd\\u001b[31m\",\"x\\\"y\":\"\U000E0041\",\"n\":[1, 2]}"
	got := termsafe.JSON([]byte(raw))
	want := `{"name":"a\u009bb\u202ec\u007fd\u001b[31m","x\"y":"\udb40\udc41","n":[1, 2]}`
	if string(got) != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
	assertSameJSON(t, []byte(raw), got)
}

func assertSameJSON(t testing.TB, a, b []byte) {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		return // not JSON to begin with: nothing to keep
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatalf("JSON made %q invalid: %v (%q)", a, err, b)
	}
	if !reflect.DeepEqual(va, vb) {
		t.Fatalf("JSON changed the values of %q: %#v, want %#v", a, vb, va)
	}
}

// assertSafe fails when s holds anything a terminal would act on or hide.
func assertSafe(t testing.TB, in, s string, screen bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%q -> %q: not valid UTF-8", in, s)
	}
	for i, r := range s {
		bad := r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
		if screen && (r == '\n' || r == 0x1b) {
			bad = false
		}
		if bad {
			t.Fatalf("%q -> %q: %U at byte %d", in, s, r, i)
		}
	}
	if screen {
		// Every ESC left must start an SGR sequence.
		for rest := s; ; {
			i := strings.IndexByte(rest, 0x1b)
			if i < 0 {
				break
			}
			rest = rest[i:]
			j := strings.IndexByte(rest, 'm')
			if j < 2 || rest[1] != '[' || strings.Trim(rest[2:j], "0123456789;:") != "" {
				t.Fatalf("%q -> %q: an ESC that does not start an SGR sequence: %q", in, s, rest)
			}
			rest = rest[j:]
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]52;c;Zm9v\x07", "\x1b[31m", "\x1b", "\x1b]", "\x1bP\x1b\\", "\u009b", "\u202E\u200B", "\xff", "a\tb\nc\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := termsafe.String(in)
		assertSafe(t, in, out, false)
		if strings.ContainsAny(out, "\n\r") {
			t.Fatalf("%q -> %q: more than one line", in, out)
		}
		if again := termsafe.String(out); again != out {
			t.Fatalf("String is not idempotent: %q -> %q -> %q", in, out, again)
		}
		assertSafe(t, in, termsafe.Screen(in), true)
		js := termsafe.JSON([]byte(in))
		assertSafe(t, in, strings.NewReplacer("\n", "", "\t", "", "\r", "").Replace(string(js)), false)
		assertSameJSON(t, []byte(in), js)
	})
}

func TestRedactJSON(t *testing.T) {
	key := "sk-ant-admin01-abc_def-ghi"
	cases := []struct{ in, want string }{
		{`{"m":"bad key ` + key + `","n":1}`, `{"m":"bad key [redacted]","n":1}`},
		{`{"m":"sk\u002dant-admin01-abc_def-ghi\u001b[2J"}`, `{"m":"[redacted]\u001b[2J"}`},
		{`{"m":"a\"b","k":"x"}`, `{"m":"a\"b","k":"x"}`},
		{"not json " + key, "not json [redacted]"},
		{`{"m":"unterminated \u0073k-ant`, `{"m":"unterminated \u0073k-ant`},
	}
	for _, tc := range cases {
		if got := string(termsafe.RedactJSON([]byte(tc.in), key)); got != tc.want {
			t.Errorf("RedactJSON(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLinesKeepsLineBreaks(t *testing.T) {
	in := "Error: unknown flag --\x1b]0;T\x07x\nRun --help\u202E"
	want := "Error: unknown flag --␛x\nRun --help<U+202E>"
	if got := termsafe.Lines(in); got != want {
		t.Errorf("Lines = %q, want %q", got, want)
	}
}
