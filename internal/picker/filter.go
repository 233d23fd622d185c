package picker

import (
	"strings"
	"unicode"

	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// maxQuery bounds the filter: no name or email is longer, and a huge paste
// should not make every keystroke search for it.
const maxQuery = 320

func toLower(s string) string { return strings.ToLower(s) }

// keeps reports whether the filter keeps e: its name or its email contains
// the filter, ignoring case.
func (m *Model) keeps(e *entry) bool {
	return m.lq == "" || strings.Contains(e.hay, m.lq)
}

// setQuery changes the filter and the rows it keeps. A filter that only
// grew (one that contains the previous one) can keep only rows the
// previous one kept, so it narrows them; any other change searches every
// user again. Either way the result slice is reused.
func (m *Model) setQuery(q string) {
	lq := toLower(strings.TrimSpace(q))
	m.query = q
	if lq == m.lq {
		return
	}
	narrow := strings.Contains(lq, m.lq)
	m.lq = lq
	if narrow {
		kept := m.matches[:0]
		for _, i := range m.matches {
			if strings.Contains(m.users[i].hay, lq) {
				kept = append(kept, i)
			}
		}
		m.matches = kept
	} else {
		m.filterAll()
	}
	m.cursor, m.offset = 0, 0
}

// filterAll searches every user for the filter.
func (m *Model) filterAll() {
	if cap(m.matches) < len(m.users) {
		m.matches = make([]int32, 0, len(m.users)+len(m.users)/4)
	}
	kept := m.matches[:0]
	if m.lq == "" {
		for i := range m.users {
			kept = append(kept, int32(i))
		}
	} else {
		for i := range m.users {
			if strings.Contains(m.users[i].hay, m.lq) {
				kept = append(kept, int32(i))
			}
		}
	}
	m.matches = kept
}

// refilterKeepingCursor searches again after users changed, with the
// cursor on the same user if the filter still keeps them.
func (m *Model) refilterKeepingCursor() {
	at := int32(-1)
	if m.cursor < len(m.matches) {
		at = m.matches[m.cursor]
	}
	m.filterAll()
	m.cursor = min(m.cursor, max(len(m.matches)-1, 0))
	for j, i := range m.matches {
		if i == at {
			m.cursor = j
			break
		}
	}
}

// cleanInput is typed or pasted text as the filter takes it: one line,
// with no control or invisible characters.
func cleanInput(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case termsafe.Unsafe(r) || r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, s)
}

// emailQuery is the filter as an email to look up, or "" when it is not
// one: text@domain.tld with nothing else, in lower case.
func (m *Model) emailQuery() string {
	q := m.lq
	at := strings.IndexByte(q, '@')
	if at <= 0 || len(q) > 254 || strings.ContainsAny(q, " ,;<>") || strings.Count(q, "@") != 1 {
		return ""
	}
	domain := q[at+1:]
	dot := strings.LastIndexByte(domain, '.')
	if dot <= 0 || dot == len(domain)-1 || strings.Contains(domain, "..") {
		return ""
	}
	return q
}

// hasEmail reports whether a loaded user has exactly this email (lower
// case). Only the rows the filter keeps can, so only they are searched.
func (m *Model) hasEmail(email string) bool {
	for _, i := range m.matches {
		e := &m.users[i]
		if e.hay[e.emailAt:] == email {
			return true
		}
	}
	return false
}

// trimRole shortens a workspace role for the member mark.
func trimRole(r string) string { return strings.TrimPrefix(r, "workspace_") }
