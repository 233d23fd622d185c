package fakeapi

import (
	"bytes"
	"encoding/json"
	"strings"
)

// FaultHostile is not queued: "hostile" in a fault list makes the server
// hostile from then on, as Options.Hostile does.
const FaultHostile FaultKind = "hostile"

// HostileText is what a hostile server (Options.Hostile) appends to the
// strings it sends: an OSC 52 clipboard write, a screen clear (CSI 2J), BEL,
// a C1 CSI, a right-to-left override and a zero-width space. The admin key
// the request came with follows it.
const HostileText = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x07\u009b31m\u202E\u200B"

// hostileHeader is HostileText as a header can carry it: HTTP clients
// refuse ASCII controls in a header line, so only the C1, bidi and
// zero-width characters.
const hostileHeader = "\u009b\u202E\u200B"

// hostileKeep are the fields a hostile server leaves as they are, so that
// a client can still follow what it is told: ids and cursors it sends back,
// the object's type (not an error's), and timestamps.
func hostileKeep(parent, field string) bool {
	return field == "id" || field == "type" && parent != "error" || strings.HasSuffix(field, "_id") && field != "request_id" ||
		strings.HasSuffix(field, "_at") || field == "next_page"
}

// hostile rewrites an answer's JSON: every other string value, and every
// tag key, gets HostileText and the key. It returns raw unchanged when it is
// not JSON.
func hostile(raw []byte, key string) []byte {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return raw
	}
	evil := func(s string) string { return s + HostileText + " " + key }
	var walk func(parent, field string, v any) any
	walk = func(parent, field string, v any) any {
		switch x := v.(type) {
		case string:
			if hostileKeep(parent, field) {
				return x
			}
			return evil(x)
		case []any:
			for i := range x {
				x[i] = walk(parent, field, x[i])
			}
		case map[string]any:
			out := make(map[string]any, len(x))
			for k, e := range x {
				if field == "tags" {
					out[evil(k)] = walk(field, k, e)
					continue
				}
				out[k] = walk(field, k, e)
			}
			return out
		}
		return v
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(walk("", "", v)) != nil {
		return raw
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
