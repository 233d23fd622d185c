package ui

import (
	tea "charm.land/bubbletea/v2"
)

// typing reports whether keys go into a text field, where ? is a character.
func (m *Model) typing() bool {
	switch m.state {
	case stateKey, stateName:
		return true
	case stateTags:
		return m.tags.cursor < 0
	case stateEncryption:
		return m.enc.phase == encManual
	case stateFailed:
		return m.failure.confirm != nil
	}
	return false
}

// escIsBack reports whether esc means back (Shift+Tab) here: on every
// numbered step, except while a tag is selected or edited, or an
// encryption key is being picked or typed, where esc cancels that.
func (m *Model) escIsBack(k tea.KeyPressMsg) bool {
	if k.String() != "esc" {
		return false
	}
	switch m.state {
	case stateName, stateResidency, stateProfile, stateReview:
		return true
	case stateTags:
		return m.tags.editing < 0 && m.tags.cursor < 0
	case stateEncryption:
		return m.enc.phase == encChoose
	}
	return false
}

func (m *Model) quit(o Outcome) tea.Cmd {
	m.outcome = o
	m.done = true
	return tea.Quit
}

// stepIndex is the 0-based position of s in the session's steps, or -1.
func (m *Model) stepIndex(s state) int {
	for i, st := range m.steps() {
		if st == s {
			return i
		}
	}
	return -1
}

func (m *Model) prevStep() state {
	i := m.stepIndex(m.state)
	if i <= 0 {
		return -1
	}
	if m.state == stateEncryption && m.enc.phase != encChoose {
		m.enc.phase = encChoose
		return stateEncryption
	}
	return m.steps()[i-1]
}

// next moves on from a finished step: to review when the step was opened
// from there, else to the following step.
func (m *Model) next() tea.Cmd {
	if m.returnReview {
		return m.goTo(stateReview)
	}
	i := m.stepIndex(m.state)
	return m.goTo(m.steps()[i+1])
}

// goTo shows another screen and focuses its field.
func (m *Model) goTo(s state) tea.Cmd {
	if s == stateReview {
		m.returnReview = false
		m.review = rowCreate
	}
	m.state = s
	m.fullHelp = false
	m.scroll = 0
	return m.focusCmd()
}

// jump opens a step from review; Enter on it returns to review.
func (m *Model) jump(s state) tea.Cmd {
	cmd := m.goTo(s)
	m.returnReview = true
	return cmd
}

func (m *Model) focusCmd() tea.Cmd {
	for _, in := range m.inputs() {
		in.Blur()
	}
	switch m.state {
	case stateKey:
		return m.key.input.Focus()
	case stateName:
		return m.name.input.Focus()
	case stateTags:
		if m.tags.cursor < 0 {
			return m.tags.input.Focus()
		}
	case stateResidency:
		return m.openRes()
	case stateEncryption:
		return m.openEnc()
	case stateProfile:
		return m.openProfile()
	case stateMembers:
		return m.openMembers()
	}
	return nil
}

func (m *Model) setWidth(w int) {
	iw := max(w-6, 10)
	for _, in := range m.inputs() {
		in.SetWidth(iw)
	}
	m.help.SetWidth(w)
}
