package plan

// The parser's view of YAML nodes: positions, kinds, plain values, keys
// checked against the keys a mapping may have, and YAML's own errors.

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

type parser struct {
	name string
	data []byte
	errs Errors
}

func (p *parser) errorf(n *yaml.Node, path, format string, args ...any) {
	e := &Error{File: p.name, Path: path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	p.errs = append(p.errs, e)
}

// check records a rule's error, if any, at n.
func (p *parser) check(n *yaml.Node, path string, err error) bool {
	if err != nil {
		p.errorf(n, path, "%s", err.Error())
		return false
	}
	return true
}

func (p *parser) yamlError(err error) {
	var le *yaml.LoadError
	var les *yaml.LoadErrors
	switch {
	case errors.As(err, &les):
		for _, e := range les.Errors {
			p.loadError(e)
		}
	case errors.As(err, &le):
		p.loadError(le)
	default:
		p.errs = append(p.errs, &Error{File: p.name, Msg: "cannot read the file as YAML or JSON: " + err.Error()})
	}
}

func (p *parser) loadError(le *yaml.LoadError) {
	msg := le.Message
	switch {
	case strings.Contains(msg, "no documents"):
		msg = "the file is empty; start it with version: 1"
	case strings.Contains(msg, "multiple"):
		msg = "the file holds more than one YAML document (a second ---); put everything in one"
	default:
		if le.ContextMsg != "" {
			where := ""
			if c := le.ContextMark; c.Line > 0 && c != le.Mark {
				where = fmt.Sprintf(" (from line %d, column %d)", c.Line, c.Column)
			}
			msg = le.ContextMsg + where + ": " + msg
		}
		msg = "not valid YAML (or JSON): " + msg
		if p.tabAt(le.Mark.Line) {
			msg += "; YAML indents with spaces, not tabs"
		} else {
			msg += "; check the indentation, quotes and brackets here"
		}
	}
	p.errs = append(p.errs, &Error{File: p.name, Line: le.Mark.Line, Column: le.Mark.Column, Msg: msg})
}

// tabAt reports whether line (1-based) starts with a tab.
func (p *parser) tabAt(line int) bool {
	lines := strings.Split(string(p.data), "\n")
	return line >= 1 && line <= len(lines) && strings.HasPrefix(strings.TrimLeft(lines[line-1], " "), "\t")
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "something else"
}

// is checks n's kind; an alias is refused wherever it appears.
func (p *parser) is(n *yaml.Node, path string, want yaml.Kind) bool {
	if n.Kind == yaml.AliasNode {
		p.errorf(n, path, "aliases (*%s) are not supported in a plan file; write the value out", n.Value)
		return false
	}
	if n.Kind == want {
		return true
	}
	what := map[yaml.Kind]string{yaml.MappingNode: "a mapping (key: value)", yaml.SequenceNode: "a list (- item, or [a, b])", yaml.ScalarNode: "a single value"}[want]
	p.errorf(n, path, "expected %s here, found %s", what, describe(n))
	return false
}

// list returns a list's items; nothing (key: with no value) is an empty list.
func (p *parser) list(n *yaml.Node, path string) []*yaml.Node {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nil
	}
	if !p.is(n, path, yaml.SequenceNode) {
		return nil
	}
	return n.Content
}

type entry struct{ key, val *yaml.Node }

// pairs returns a mapping's entries in order, refusing repeated keys and
// keys that are not plain values.
func (p *parser) pairs(n *yaml.Node, path string) []entry {
	if !p.is(n, path, yaml.MappingNode) {
		return nil
	}
	var out []entry
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!null" || k.ShortTag() == "!!merge" {
			p.errorf(k, path, "keys must be plain words; %s is not one", describe(k))
			continue
		}
		if line, dup := seen[k.Value]; dup {
			p.errorf(k, field(path, k.Value), "%q appears twice here (also on line %d); keep one", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		out = append(out, entry{k, v})
	}
	return out
}

// mapping returns a mapping's entries by key, refusing unknown keys with a
// "did you mean".
func (p *parser) mapping(n *yaml.Node, path string, known []string) map[string]entry {
	es := p.pairs(n, path)
	if es == nil && n.Kind != yaml.MappingNode {
		return nil
	}
	out := map[string]entry{}
	for _, e := range es {
		if !slices.Contains(known, e.key.Value) {
			msg := fmt.Sprintf("unknown key %q", e.key.Value)
			if s := suggest(e.key.Value, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; the keys here are " + strings.Join(known, ", ")
			}
			p.errorf(e.key, field(path, e.key.Value), "%s", msg)
			continue
		}
		out[e.key.Value] = e
	}
	return out
}

// str reads a plain value as text. Numbers and booleans are taken as
// written; nothing (a key with no value) is refused.
func (p *parser) str(n *yaml.Node, path string) (string, bool) {
	if !p.is(n, path, yaml.ScalarNode) {
		return "", false
	}
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!bool":
		return n.Value, true
	case "!!null":
		msg := "needs a value"
		if strings.HasSuffix(path, "display_color") {
			msg += `; quote the colour, as in display_color: "#2E7D6B" (an unquoted # starts a comment)`
		} else {
			msg += `; write "" for an empty text`
		}
		p.errorf(n, path, "%s", msg)
	default:
		p.errorf(n, path, "write a plain value without the %s tag", n.ShortTag())
	}
	return "", false
}

// integer reads a whole number written in decimal.
func (p *parser) integer(n *yaml.Node, path string) (int64, bool) {
	if !p.is(n, path, yaml.ScalarNode) {
		return 0, false
	}
	var v int64
	if _, err := fmt.Sscan(n.Value, &v); err != nil || n.ShortTag() != "!!int" || fmt.Sprint(v) != strings.TrimPrefix(n.Value, "+") {
		p.errorf(n, path, "write a whole number in digits, like 500 (found %s)", describe(n))
		return 0, false
	}
	return v, true
}

// boolean reads true or false.
func (p *parser) boolean(n *yaml.Node, path string) bool {
	if !p.is(n, path, yaml.ScalarNode) {
		return false
	}
	if n.ShortTag() != "!!bool" || n.Value != "true" && n.Value != "false" {
		p.errorf(n, path, "write true or false (found %s)", describe(n))
		return false
	}
	return n.Value == "true"
}

// field joins a path and a key: a.b, or a["odd key"] when the key is not a
// plain word.
func field(path, key string) string {
	plain := key != "" && strings.IndexFunc(key, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) < 0
	switch {
	case !plain:
		return fmt.Sprintf("%s[%q]", path, key)
	case path == "":
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
