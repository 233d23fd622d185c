package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

func (p *prompter) askEncryption() error {
	m, st := p.m, &p.m.enc
	p.header(stateEncryption)
	if st.apiErr != "" {
		p.say("Error: %s", st.apiErr)
	}
	def := "n"
	if st.useKey {
		def = "y"
	}
	p.say("A customer-managed encryption key is optional. %s", writeOnce)
	for {
		v, err := p.ask("Use a customer-managed key? (y/n)", def)
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "n", "no":
			st.useKey = false
			return nil
		case "y", "yes":
		default:
			p.say("Error: answer y or n")
			continue
		}
		break
	}
	st.useKey = true
	if !st.loaded {
		m.updateEnc(extKeysCmd(m.ctx, m.api)().(extKeysMsg))
	}
	if st.listNote != "" {
		p.say("%s", st.listNote)
	}
	for i, k := range st.keys {
		p.say("  %d) %s  %s", i+1, strings.Join(nonEmpty(k.DisplayName, k.ProviderConfig.Type, k.Geo), " · "), k.ID)
	}
	for {
		prompt := "Key id"
		if len(st.keys) > 0 {
			prompt = "Key number, or a key id"
		}
		v, err := p.ask(prompt, st.chosen)
		if err != nil {
			return err
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= len(st.keys) {
			v = st.keys[n-1].ID
		}
		if err := rules.ValidateExternalKeyID(v); err != nil || v == "" {
			p.say("Error: %s", cmpErr(err, "type a key id"))
			continue
		}
		st.chosen = v
		m.updateEnc(validateKeyCmd(m.ctx, m.api, v)().(keyValidatedMsg))
		switch st.status {
		case "ok":
			p.say("OK: %s", st.message)
		case "failed", "missing": // write-once: never taken as it is
			p.say("Error: %s", st.message)
			continue
		default:
			p.say("Warning: %s", strings.TrimSuffix(st.message, " Press Enter again to use it anyway."))
		}
		st.apiErr = ""
		return nil
	}
}

func cmpErr(err error, msg string) string {
	if err != nil {
		return err.Error()
	}
	return msg
}

func (p *prompter) askReview() (state, error) {
	m := p.m
	m.state = stateReview
	m.returnReview = false
	b := m.newBlock(78)
	m.review = -1
	m.viewReview(b)
	// One write, so a screen reader (or a test) gets the review whole.
	n := len(m.steps())
	last := strconv.Itoa(n - 1)
	text := fmt.Sprintf("\nStep %d of %d: Review\n", n, n)
	for _, l := range b.lines {
		text += ansi.Strip(l) + "\n"
	}
	fmt.Fprint(p.out, text)
	for {
		v, err := p.ask("Create this workspace? y to create, 1-"+last+" to change a step, q to quit", "y")
		if err != nil {
			return 0, err
		}
		switch strings.ToLower(v) {
		case "y", "yes":
			return stateSubmitting, nil
		case "q", "n", "no":
			return 0, errEOF
		}
		if k, err := strconv.Atoi(v); err == nil && k >= 1 && k < n {
			m.returnReview = true
			return m.steps()[k-1], nil
		}
		p.say("Error: answer y, a step number from 1 to %s, or q", last)
	}
}
