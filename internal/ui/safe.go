package ui

import (
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// Every string from the server reaches the screen as text only: the
// wizard's messages are made safe where they are drawn (block.wrap, and
// say in accessible mode), server values shown as fields where they are
// turned into display text (text), and the whole view once more before it
// is drawn (View). Values used for logic (ids sent back, names compared)
// are kept as received.

// remember adds a key to those the wizard redacts: the environment's, and
// each one typed, before it is sent (a server may echo it in a refusal).
func (m *Model) remember(key config.Secret) {
	if k := key.Reveal(); k != "" {
		m.secrets = append(m.secrets, k)
	}
}

// text makes a string from the server fit to show: every admin key of the
// session redacted, escape sequences, controls and invisible formatting
// characters shown visibly (termsafe.String), on one line.
func (m *Model) text(s string) string {
	return termsafe.String(termsafe.Redact(s, m.secrets...))
}

// screen is the last net over a whole drawn view: keys redacted, and
// anything but the program's own styling and line breaks made visible.
func (m *Model) screen(s string) string {
	return termsafe.Screen(termsafe.Redact(s, m.secrets...))
}

// newBlock is a block whose messages (wrap) are made safe with m.text.
func (m *Model) newBlock(width int) *block {
	return &block{width: width, clean: m.text}
}
