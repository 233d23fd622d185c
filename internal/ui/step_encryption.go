package ui

import (
	"errors"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

type encPhase int

const (
	encChoose encPhase = iota // no key (default) or a key
	encPick                   // choose from the organization's keys
	encManual                 // type an id: the keys cannot be listed
)

// encStep is the optional customer-managed encryption key. A chosen key is
// checked with the validate endpoint before the wizard moves on.
type encStep struct {
	phase     encPhase
	useKey    bool
	want      bool // the choice form's answer: a key or not
	chooseBox formBox
	pickID    string // the key form's answer (forms.TypeKeyID: type one)
	pickBox   formBox
	keys      []anthropic.ExternalKey
	loading   bool
	loaded    bool
	listNote  string // why the keys are not listed
	input     textinput.Model
	inputErr  error
	chosen    string // the key id in use
	checking  bool
	status    string // "", "ok", "failed" (the key failed validation), "unknown" (could not validate)
	statusID  string // the id status is about
	message   string
	apiErr    string
}

func newEncStep(s Styles, id string) encStep {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "ekey_… or arn:aws:kms:…"
	in.SetStyles(s.Input)
	st := encStep{input: in}
	if id != "" {
		st.useKey, st.want, st.chosen = true, true, id
		in.SetValue(id)
		st.input = in
		st.inputErr = rules.ValidateExternalKeyID(id)
	}
	return st
}

func (m *Model) updateEnc(msg tea.Msg) tea.Cmd {
	st := &m.enc
	switch msg := msg.(type) {
	case extKeysMsg:
		return m.gotExtKeys(msg)
	case keyValidatedMsg:
		st.validated(msg)
		return nil
	case tea.KeyPressMsg:
		if st.checking {
			return nil
		}
		switch st.phase {
		case encChoose:
			return m.encChooseKey(msg)
		case encPick:
			return m.encPickKey(msg)
		case encManual:
			return m.encManualKey(msg)
		}
	}
	if st.phase == encManual {
		var cmd tea.Cmd
		st.input, cmd = st.input.Update(msg)
		return cmd
	}
	if fb := m.activeForm(); fb != nil {
		return fb.update(msg) // the form's own messages
	}
	return nil
}

// gotExtKeys takes the organization's keys. It moves on from the "listing
// keys" screen only while that screen shows: the user may have gone back
// to the choice or left the step, and the list waits for the next "Yes".
func (m *Model) gotExtKeys(msg extKeysMsg) tea.Cmd {
	st := &m.enc
	st.loading, st.loaded = false, true
	st.listNote = ""
	var e *api.Error
	switch {
	case errors.As(msg.err, &e) && e.Kind == api.KindAuth:
		st.listNote = "This key may not list the organization's encryption keys (" + e.Message + "); type the key id instead." + e.RequestIDNote()
	case msg.err != nil:
		st.listNote = "Listing encryption keys failed: " + msg.err.Error() + ". Type the key id instead."
	case len(msg.keys) == 0:
		st.listNote = "The organization has no encryption keys yet (CMEK must be enabled by your account team, then keys added with the External Keys API). You can still type a key id."
	}
	st.keys = msg.keys
	if m.state != stateEncryption || st.phase != encPick {
		return nil
	}
	if msg.err != nil || len(msg.keys) == 0 {
		return m.encSetPhase(encManual)
	}
	return m.encSetPhase(encPick)
}

// validated records the validation of the chosen key. An answer about a
// key that is no longer the chosen one is stale and ignored: the check of
// the chosen key, if any, is still under way.
func (st *encStep) validated(msg keyValidatedMsg) {
	if msg.id != st.chosen {
		return
	}
	st.checking = false
	st.statusID = msg.id
	var e *api.Error
	switch {
	case errors.As(msg.err, &e) && e.Status == 404:
		// Write-once: an id the organization does not have is never
		// taken on one more Enter; it must be changed.
		st.status, st.message = "missing", "no external key with that id in this organization ("+e.Message+")."+e.RequestIDNote()+" Check the id and change it, or go back and choose another key or none."
	case msg.err != nil:
		st.status, st.message = "unknown", "could not validate the key: "+msg.err.Error()+". Press Enter again to use it anyway."
	case msg.res.Status == "success":
		st.status, st.message = "ok", "the key validated: Anthropic can use it. Press Enter to continue."
	default:
		st.status, st.message = "failed", "the key failed validation: "+msg.res.Error+". Fix the key's policy in your cloud KMS, or choose another key."
	}
}

// openEnc shows the current phase: the forms are (re)built from the
// answers so far, so returning to the step shows them.
func (m *Model) openEnc() tea.Cmd {
	st := &m.enc
	var cmd tea.Cmd
	switch st.phase {
	case encChoose:
		// Back at the choice (shift+tab while a key was validating, or the
		// step left and opened again): no key is being checked any more, so
		// the keys must work. A late answer is still recorded (validated).
		st.checking = false
		st.want = st.useKey
		st.chooseBox, cmd = m.embed(forms.EncryptionChoiceForm(&st.want), rules.FieldExternalKeyID)
	case encPick:
		if st.loading {
			return nil
		}
		st.pickID = st.chosen
		if st.pickID == "" && len(st.keys) > 0 {
			st.pickID = st.keys[0].ID
		}
		st.pickBox, cmd = m.embed(forms.ExternalKeyForm(st.keys, &st.pickID), rules.FieldExternalKeyID)
	case encManual:
		cmd = st.input.Focus()
	}
	return cmd
}

func (m *Model) encSetPhase(p encPhase) tea.Cmd {
	m.enc.phase = p
	return m.focusCmd()
}

func (m *Model) encChooseKey(k tea.KeyPressMsg) tea.Cmd {
	st := &m.enc
	if !key.Matches(k, m.keys.Next) {
		return st.chooseBox.update(k)
	}
	cmd := st.chooseBox.form.NextGroup()
	if st.chooseBox.form.State != huh.StateCompleted {
		return cmd
	}
	if !st.want {
		st.useKey = false
		st.apiErr = "" // no key: the refused one is gone
		return m.next()
	}
	// A key: a refused one stays refused until a key is chosen again
	// (encUse), and the pick screen still says why.
	st.useKey = true
	if !st.loaded {
		st.phase = encPick
		if st.loading {
			return nil // asked before going back: the list is on its way
		}
		st.loading = true
		return extKeysCmd(m.ctx, m.api)
	}
	if len(st.keys) == 0 {
		return m.encSetPhase(encManual)
	}
	return m.encSetPhase(encPick)
}

func (m *Model) encPickKey(k tea.KeyPressMsg) tea.Cmd {
	st := &m.enc
	switch {
	case k.String() == "esc":
		return m.encSetPhase(encChoose)
	case st.loading:
		return nil
	case key.Matches(k, m.keys.Next):
		if st.pickID == forms.TypeKeyID {
			return m.encSetPhase(encManual)
		}
		return m.encUse(st.pickID)
	}
	return st.pickBox.update(k)
}

func (m *Model) encManualKey(k tea.KeyPressMsg) tea.Cmd {
	st := &m.enc
	switch {
	case k.String() == "esc":
		if len(st.keys) > 0 {
			return m.encSetPhase(encPick)
		}
		return m.encSetPhase(encChoose)
	case key.Matches(k, m.keys.Next):
		v := st.input.Value()
		if v == "" {
			st.inputErr = errors.New("type the key id, or press esc and choose no key")
			return nil
		}
		if st.inputErr = rules.ValidateExternalKeyID(v); st.inputErr != nil {
			return nil
		}
		return m.encUse(v)
	}
	before := st.input.Value()
	var cmd tea.Cmd
	st.input, cmd = st.input.Update(k)
	if v := st.input.Value(); v != before {
		st.inputErr = rules.ValidateExternalKeyID(v)
	}
	return cmd
}

// encUse validates a key the first time it is chosen and moves on the
// second time, unless it failed validation.
func (m *Model) encUse(id string) tea.Cmd {
	st := &m.enc
	if st.statusID == id && (st.status == "ok" || st.status == "unknown") && st.apiErr == "" {
		st.chosen = id
		return m.next()
	}
	st.chosen = id
	st.checking = true
	st.status, st.message = "", ""
	st.apiErr = "" // a key is chosen again: it is validated afresh
	return validateKeyCmd(m.ctx, m.api, id)
}

// keyID is the key the spec will carry.
func (st *encStep) keyID() string {
	if !st.useKey {
		return ""
	}
	return st.chosen
}
