package ui

import (
	"errors"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/forms"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

type encPhase int

const (
	encChoose encPhase = iota // no key (default) or a key
	encPick                   // choose from the organization's keys
	encManual                 // type an id: the keys cannot be listed
)

// encStep is the optional customer-managed encryption key. A chosen key is
// validated before the wizard moves on; one that failed validation, or
// does not exist, is never taken (write-once).
type encStep struct {
	phase     encPhase
	want      bool // the choice form's answer: a key or not
	chooseBox formBox
	pickID    string // the key form's answer (forms.TypeKeyID: type one)
	pickBox   formBox
	loading   bool // the organization's keys are being listed
	input     textinput.Model
	inputErr  error
}

type extKeysMsg struct {
	keys []anthropic.ExternalKey
	err  error
}

func (extKeysMsg) to() state { return stateEncryption }

type keyValidatedMsg struct{ c wizard.KeyCheck }

func (keyValidatedMsg) to() state { return stateEncryption }

func newEncStep(e *env) page {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "ekey_… or arn:aws:kms:…"
	in.SetStyles(e.styles.Input)
	in.SetWidth(max(e.width-6, 10))
	st := &encStep{input: in}
	if id := e.s.KeyID(); id != "" {
		st.input.SetValue(id)
		st.inputErr = rules.ValidateExternalKeyID(id)
	}
	return st
}

func (st *encStep) restyle(s Styles) { st.input.SetStyles(s.Input) }

func (st *encStep) resize(e *env, active bool) tea.Cmd {
	st.input.SetWidth(max(e.width-6, 10))
	if fb := st.form(); fb != nil && active {
		return fb.update(e.formSize())
	}
	return nil
}

// form is the form on screen, if the phase shows one.
func (st *encStep) form() *formBox {
	switch {
	case st.phase == encChoose:
		return &st.chooseBox
	case st.phase == encPick && !st.loading:
		return &st.pickBox
	}
	return nil
}

func (st *encStep) checking(e *env) bool {
	c := e.s.KeyCheck()
	return st.phase != encChoose && c.Status == wizard.KeyChecking && c.ID == e.s.KeyID()
}

func (st *encStep) mode(e *env) mode {
	return mode{typing: st.phase == encManual, editing: st.phase != encChoose, inner: st.phase != encChoose,
		waiting: st.loading && st.phase == encPick || st.checking(e)}
}

// open shows the current phase, its form (re)built from the answers so
// far. After the API refused the key, the choice comes first.
func (st *encStep) open(e *env) tea.Cmd {
	if e.s.Refusal(wizard.FieldKey) != "" {
		st.phase = encChoose
	}
	return st.build(e)
}

// build shows the phase: its form (re)built from the answers so far.
func (st *encStep) build(e *env) tea.Cmd {
	var cmd tea.Cmd
	switch st.phase {
	case encChoose:
		// Back at the choice: no key is being checked any more, so the
		// keys work. A late answer is still recorded.
		e.s.StopWaiting()
		st.want = e.s.UsesKey()
		st.chooseBox, cmd = e.embed(forms.EncryptionChoiceForm(&st.want), rules.FieldExternalKeyID)
	case encPick:
		if st.loading {
			return nil
		}
		st.pickID = e.s.KeyID()
		if keys := e.s.Org.Keys; st.pickID == "" && len(keys) > 0 {
			st.pickID = keys[0].ID
		}
		st.pickBox, cmd = e.embed(forms.ExternalKeyForm(e.s.Org.Keys, func(id string) bool { return e.s.KeyRefusal(id) != "" }, &st.pickID), rules.FieldExternalKeyID)
	case encManual:
		cmd = st.input.Focus()
	}
	return cmd
}

func (st *encStep) setPhase(e *env, p encPhase) tea.Cmd {
	st.phase = p
	return st.build(e)
}

func (st *encStep) update(e *env, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case extKeysMsg:
		st.loading = false
		e.s.SetExternalKeys(msg.keys, msg.err)
		// On from the "listing keys" screen only while it shows: the user
		// may have gone back to the choice or left the step.
		if e.active() != stateEncryption || st.phase != encPick {
			return nil
		}
		if msg.err != nil || len(msg.keys) == 0 {
			return st.setPhase(e, encManual)
		}
		return st.setPhase(e, encPick)
	case keyValidatedMsg:
		e.s.SetKeyCheck(msg.c)
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, e.keys.Back) && st.phase != encChoose {
			return st.setPhase(e, encChoose)
		}
		if st.checking(e) {
			return nil
		}
		switch st.phase {
		case encChoose:
			return st.chooseKey(e, msg)
		case encPick:
			return st.pickKey(e, msg)
		case encManual:
			return st.manualKey(e, msg)
		}
	}
	if st.phase == encManual {
		var cmd tea.Cmd
		st.input, cmd = st.input.Update(msg)
		return cmd
	}
	if fb := st.form(); fb != nil {
		return fb.update(msg) // the form's own messages
	}
	return nil
}

func (st *encStep) chooseKey(e *env, k tea.KeyPressMsg) tea.Cmd {
	if !key.Matches(k, e.keys.Next) {
		return st.chooseBox.update(k)
	}
	cmd := st.chooseBox.form.NextGroup()
	if st.chooseBox.form.State != huh.StateCompleted {
		return cmd
	}
	if !st.want {
		e.s.NoKey()
		e.next()
		return nil
	}
	e.s.WantKey()
	switch {
	case st.loading:
		st.phase = encPick // asked before going back: the list is on its way
		return nil
	case !e.s.Org.KeysListed:
		st.phase, st.loading = encPick, true
		ctx, a := e.ctx, e.s.Admin()
		return func() tea.Msg {
			keys, err := wizard.ExternalKeys(ctx, a)
			return extKeysMsg{keys, err}
		}
	case len(e.s.Org.Keys) == 0:
		return st.setPhase(e, encManual)
	}
	return st.setPhase(e, encPick)
}

func (st *encStep) pickKey(e *env, k tea.KeyPressMsg) tea.Cmd {
	switch {
	case k.String() == "esc":
		return st.setPhase(e, encChoose)
	case st.loading:
		return nil
	case key.Matches(k, e.keys.Next):
		if st.pickID == forms.TypeKeyID {
			return st.setPhase(e, encManual)
		}
		return st.use(e, st.pickID)
	}
	return st.pickBox.update(k)
}

func (st *encStep) manualKey(e *env, k tea.KeyPressMsg) tea.Cmd {
	switch {
	case k.String() == "esc":
		if len(e.s.Org.Keys) > 0 {
			return st.setPhase(e, encPick)
		}
		return st.setPhase(e, encChoose)
	case key.Matches(k, e.keys.Next):
		v := st.input.Value()
		if v == "" {
			st.inputErr = errors.New("type the key id, or press esc and choose no key")
			return nil
		}
		if st.inputErr = rules.ValidateExternalKeyID(v); st.inputErr != nil {
			return nil
		}
		return st.use(e, v)
	}
	before := st.input.Value()
	var cmd tea.Cmd
	st.input, cmd = st.input.Update(k)
	if v := st.input.Value(); v != before {
		st.inputErr = rules.ValidateExternalKeyID(v)
	}
	return cmd
}

// use validates a key the first time it is chosen and moves on the second
// time, unless it failed validation.
func (st *encStep) use(e *env, id string) tea.Cmd {
	if e.s.ChooseKey(id) {
		e.next()
		return nil
	}
	if e.s.KeyRefusal(id) != "" {
		return nil // refused by the API: its refusal shows, and it is not sent again
	}
	ctx, a := e.ctx, e.s.Admin()
	return func() tea.Msg { return keyValidatedMsg{wizard.ValidateKey(ctx, a, id)} }
}

func (st *encStep) help(e *env) (short, more []key.Binding) {
	k := e.keys
	switch st.phase {
	case encChoose:
		return []key.Binding{with(k.Up, "↑/↓", "choose"), k.Next, k.Back, k.Help}, nil
	case encPick:
		return []key.Binding{with(k.Up, "↑/↓", "choose"), with(k.Next, "enter", "use this key"), k.Back, k.Help},
			[]key.Binding{with(k.Cancel, "esc", "back to yes/no")}
	}
	return []key.Binding{with(k.Next, "enter", "check the key"), with(k.Cancel, "esc", "back"), k.Quit}, nil
}

func (st *encStep) view(e *env, b *block) {
	s := e.styles
	switch st.phase {
	case encChoose:
		b.form(st.chooseBox)
		if r := e.s.Refusal(wizard.FieldKey); r != "" {
			b.wrap(s.Error, "✗ "+r)
		}
		if st.want {
			b.wrap(s.Warn, "⚠ "+wizard.WriteOnceWarning)
		}
		return
	case encPick:
		if st.loading {
			b.line(s.Title.Render("Choose the encryption key"))
			b.line(s.Dim.Render(e.spinner() + " listing the organization's keys…"))
			break
		}
		b.form(st.pickBox)
		st.status(e, b, st.pickID)
	case encManual:
		b.line(s.Title.Render("Encryption key id"))
		b.mark()
		b.line(st.input.View())
		if st.inputErr != nil {
			b.wrap(s.Error, "✗ "+st.inputErr.Error())
		} else {
			st.status(e, b, st.input.Value()) // about the id as typed, not one typed before
		}
		if n := e.s.Org.KeysNote; n != "" {
			b.wrap(s.Desc, n)
		}
	}
	b.wrap(s.Warn, "⚠ "+wizard.WriteOnceWarning)
}

// status shows the validation of the key id on screen, if it was checked.
func (st *encStep) status(e *env, b *block, id string) {
	s := e.styles
	c := e.s.KeyCheck()
	if r := e.s.Refusal(wizard.FieldKey); r != "" && e.s.KeyID() == id {
		b.wrap(s.Error, "✗ "+r)
		return
	}
	if c.ID != id || e.s.KeyID() != id {
		return
	}
	switch {
	case c.Status == wizard.KeyChecking:
		b.line(s.Dim.Render(e.spinner() + " validating " + e.text(id) + "…"))
	case c.Status == wizard.KeyOK:
		b.wrap(s.OK, "✓ "+c.Message+" Press Enter to continue.")
	case c.Status == wizard.KeyFailed || c.Status == wizard.KeyMissing:
		b.wrap(s.Error, "✗ "+c.Message)
	case c.Status == wizard.KeyUnknown:
		b.wrap(s.Warn, "⚠ "+c.Message+" Press Enter again to use it anyway.")
	}
}
