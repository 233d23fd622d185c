package ui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// keyStep asks for the admin key when none is in the environment. The key
// stays in the masked field and in the client; it is never drawn.
type keyStep struct {
	input    textinput.Model
	err      string
	reason   string // why a key is asked for although one was set: it was refused
	back     state  // where to return once a key is accepted
	checking bool
}

func newKeyStep(s Styles) keyStep {
	in := textinput.New()
	in.Prompt = "> "
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.Placeholder = "sk-ant-admin…"
	in.SetStyles(s.Input)
	return keyStep{input: in}
}

func (m *Model) updateKey(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case keyCheckedMsg:
		m.key.checking = false
		if msg.err != nil {
			m.key.err = keyRefusal(msg.err)
			var e *api.Error
			if errors.As(msg.err, &e) && e.Kind == api.KindAuth {
				m.key.input.Reset()
			}
			return nil
		}
		m.api = msg.api
		if msg.org != nil && !m.opts.Demo {
			m.org = msg.org.Name
		}
		m.key.err, m.key.reason = "", ""
		m.orgErr = ""
		// A key for another organization (or the first key): list its user
		// profiles, as when the organization is first learned.
		m.prof.asked = false
		listed := m.listProfiles()
		if m.reentering {
			m.reentering = false
			return tea.Batch(listed, m.goTo(stateReview))
		}
		if m.key.back > stateKey {
			return tea.Batch(listed, m.goTo(m.key.back))
		}
		return tea.Batch(listed, m.goTo(stateName))
	case tea.KeyPressMsg:
		if m.key.checking {
			return nil
		}
		if key.Matches(msg, m.keys.Next) {
			k := config.Secret(strings.TrimSpace(m.key.input.Value()))
			switch {
			case k == "":
				m.key.err = "paste an admin key (it starts with sk-ant-admin), or quit and run with --demo, which needs none"
				return nil
			case k.LooksLikeRegularAPIKey():
				m.key.err = "this is a regular API key (sk-ant-api…); creating workspaces needs an admin key (sk-ant-admin…), which an organization admin makes in the Console under Settings → Admin keys"
				return nil
			case k.Check() != nil:
				m.key.err = k.Check().Error()
				return nil
			}
			m.key.checking = true
			m.key.err = ""
			m.remember(k) // before it is sent: a refusal may echo it
			return checkKeyCmd(m.ctx, m.opts.Connect, k)
		}
	}
	var cmd tea.Cmd
	m.key.input, cmd = m.key.input.Update(msg)
	if _, ok := msg.(tea.KeyPressMsg); ok {
		m.key.err = ""
	}
	return cmd
}

// keyRefusal explains why a key was not accepted.
func keyRefusal(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		switch e.Kind {
		case api.KindAuth:
			return "the API refused this key (" + e.Message + "). Creating workspaces needs an admin key (sk-ant-admin…) of an organization admin; a regular sk-ant-api key cannot. Paste another key." + e.RequestIDNote()
		case api.KindNetwork, api.KindTimeout:
			return "could not reach the API to check the key: " + e.Message + ". Press Enter to try again."
		}
		return "checking the key failed: " + e.Error()
	}
	return "checking the key failed: " + err.Error()
}

// handleOrg names the organization in the header. A key refused at start
// is explained and asked for again, on the masked key step; the answers
// typed meanwhile are kept.
func (m *Model) handleOrg(msg orgMsg) tea.Cmd {
	if msg.err != nil {
		var e *api.Error
		if errors.As(msg.err, &e) && e.Kind == api.KindAuth && m.opts.Connect != nil && m.state <= stateReview {
			m.key.reason = startRefusal(e, m.opts.Demo)
			m.key.back = m.state
			m.key.err = ""
			m.key.input.Reset()
			m.api = nil
			return m.goTo(stateKey)
		}
		if errors.As(msg.err, &e) && e.Kind == api.KindAuth {
			m.orgErr = "the API refused the admin key (" + e.Message + "); creating will fail. Quit (ctrl+c) and set ANTHROPIC_ADMIN_API_KEY to an organization admin's key (sk-ant-admin…)." + e.RequestIDNote()
		}
		return nil
	}
	if msg.org != nil && !m.opts.Demo {
		m.org = msg.org.Name
	}
	return m.listProfiles()
}

// startRefusal explains why the key the wizard started with will not do.
func startRefusal(e *api.Error, demo bool) string {
	src := "The admin key in ANTHROPIC_ADMIN_API_KEY"
	if demo {
		src = "The demo key"
	}
	if e.Status == 403 {
		return src + " is not allowed to manage workspaces (403 " + e.Type + ": " + e.Message + ")." +
			" Creating a workspace needs the admin key (sk-ant-admin…) of an organization admin. Paste such a key to go on." + e.RequestIDNote()
	}
	return src + " was refused (" + strconv.Itoa(e.Status) + " " + e.Type + ": " + e.Message + ")." +
		" Creating a workspace needs an admin key (sk-ant-admin…), made by an organization admin in the Console under Settings → Admin keys; a regular sk-ant-api key will not do. Paste an admin key to go on." + e.RequestIDNote()
}

func (m *Model) viewKey(b *block) {
	s := m.styles
	b.line(s.Title.Render("Admin API key"))
	b.line(m.key.input.View())
	switch {
	case m.key.checking:
		b.line(s.Dim.Render(m.spinner() + " checking the key…"))
	case m.key.err != "":
		b.wrap(s.Error, "✗ "+m.key.err)
	}
	b.gap()
	if m.key.reason != "" {
		b.wrap(s.Warn, "⚠ "+m.key.reason)
		b.wrap(s.Desc, "The key is kept in memory only and never shown. Your answers so far are kept.")
		return
	}
	b.wrap(s.Desc, "No ANTHROPIC_ADMIN_API_KEY is set. Paste an admin key (sk-ant-admin…); it is kept in memory only and never shown.")
	b.wrap(s.Desc, "Just trying it out? Quit and run workspace-wizard --demo, which needs no key.")
}
