package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// prompter is the accessible wizard: one question per line. It fills the
// same Model fields as the full-screen wizard, so the spec, the review text
// and the error handling are the full-screen wizard's own.
type prompter struct {
	m     *Model
	in    *bufio.Reader // one reader for every prompt, so no typed-ahead line is lost
	out   io.Writer
	lines chan readResult // lines read in the background, so ctrl+c (ctx) ends a prompt
	eof   bool
}

type readResult struct {
	line string
	err  error
}

// readLine returns the next line, or errEOF when the input ends or the
// context is cancelled (ctrl+c at a prompt).
func (p *prompter) readLine() (string, error) {
	if p.eof {
		return "", errEOF
	}
	if p.lines == nil {
		p.lines = make(chan readResult, 1)
		go func() {
			for {
				s, err := p.in.ReadString('\n')
				p.lines <- readResult{s, err}
				if err != nil {
					return
				}
			}
		}()
	}
	select {
	case r := <-p.lines:
		if r.err != nil {
			p.eof = true
			if r.line == "" {
				return "", errEOF
			}
		}
		return r.line, nil
	case <-p.m.ctx.Done():
		p.eof = true
		return "", errEOF
	}
}

var errEOF = errors.New("input ended")

func newPrompter(ctx context.Context, o Options) *prompter {
	if o.Output == nil {
		o.Output = io.Discard
	}
	if o.Input == nil {
		o.Input = strings.NewReader("")
	}
	m := newModel(ctx, o)
	m.animate = false
	m.plain = true
	m.width = 80
	return &prompter{m: m, in: bufio.NewReader(o.Input), out: o.Output}
}

// say prints one line. Every string or error in args is made safe to show
// first (Model.text): accessible mode's messages quote the server.
func (p *prompter) say(format string, args ...any) {
	for i, a := range args {
		switch v := a.(type) {
		case string:
			args[i] = p.m.text(v)
		case error:
			args[i] = p.m.text(v.Error())
		}
	}
	fmt.Fprintf(p.out, format+"\n", args...)
}

// ask prints a prompt and reads one line; def is taken on an empty line.
func (p *prompter) ask(prompt, def string) (string, error) {
	if def != "" {
		prompt += " [" + def + "]"
	}
	fmt.Fprint(p.out, prompt+": ")
	line, err := p.readLine()
	if err != nil {
		fmt.Fprintln(p.out)
		return "", errEOF
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return def, nil
	}
	return line, nil
}

// askSecret reads a line without echoing it when the input is a terminal.
func (p *prompter) askSecret(prompt string) (string, error) {
	if f, ok := p.m.opts.Input.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) && p.lines == nil {
		// ReadPassword turns echo off and back on when it returns; on ctrl+c
		// (ctx) it is left blocked in its goroutine and the program exits,
		// so the terminal's state is saved here and put back on every return.
		saved, err := term.GetState(f.Fd())
		restore := func() {
			if err == nil {
				_ = term.Restore(f.Fd(), saved)
			}
		}
		defer restore()
		fmt.Fprint(p.out, prompt+" (not shown): ")
		done := make(chan readResult, 1)
		go func() {
			b, err := term.ReadPassword(f.Fd())
			done <- readResult{string(b), err}
		}()
		select {
		case r := <-done:
			fmt.Fprintln(p.out)
			if r.err != nil {
				return "", errEOF
			}
			return r.line, nil
		case <-p.m.ctx.Done():
			restore()
			fmt.Fprintln(p.out)
			return "", errEOF
		}
	}
	return p.ask(prompt, "")
}

func (p *prompter) run() Outcome {
	m := p.m
	if m.api == nil {
		if err := p.askKey(); err != nil {
			return Outcome{Err: m.cancelled()}
		}
	} else if org, err := m.api.Organization(m.ctx); err == nil && !m.opts.Demo {
		m.org = org.Name
	} else if err != nil {
		m.handleOrg(orgMsg{err: err})
		if m.api == nil { // the key was refused: ask for another
			if err := p.askKey(); err != nil {
				return Outcome{Err: m.cancelled()}
			}
		}
	}
	if m.api != nil && !m.prof.asked {
		// The user-profile step is offered when the organization has profiles.
		m.prof.asked = true
		m.gotProfiles(profilesCmd(m.ctx, m.api)().(profilesMsg))
	}
	p.say("workspace-wizard: create a workspace in %s", m.org)
	if m.orgErr != "" {
		p.say("Error: %s", m.orgErr)
	}
	next := stateName
	for {
		m.state = next
		var err error
		switch next {
		case stateName:
			err = p.askName()
		case stateTags:
			err = p.askTags()
		case stateResidency:
			err = p.askResidency()
		case stateEncryption:
			err = p.askEncryption()
		case stateProfile:
			err = p.askProfile()
		case stateReview:
			next, err = p.askReview()
			if err == nil && next == stateSubmitting {
				if out, done := p.create(); done {
					return out
				}
				next = m.state
			}
			if err != nil {
				return Outcome{Err: m.cancelled()}
			}
			continue
		}
		if err != nil {
			return Outcome{Err: m.cancelled()}
		}
		next = m.steps()[m.stepIndex(next)+1]
		if m.returnReview {
			next = stateReview
		}
	}
}

func (p *prompter) header(s state) {
	p.say("\nStep %d of %d: %s", p.m.stepIndex(s)+1, len(p.m.steps()), stepNames[s])
}

func (p *prompter) askKey() error {
	m := p.m
	if m.key.reason != "" {
		p.say("Error: %s", m.key.reason)
	} else {
		p.say("No ANTHROPIC_ADMIN_API_KEY is set. Paste an admin key (sk-ant-admin...); it is not shown or stored. Run with --demo to try without one.")
	}
	for {
		k, err := p.askSecret("Admin key")
		if err != nil {
			return err
		}
		m.key.input.SetValue(k)
		key := config.Secret(strings.TrimSpace(k))
		if key == "" || key.LooksLikeRegularAPIKey() || key.Check() != nil {
			m.updateKey(keyEnter())
			p.say("Error: %s", m.key.err)
			continue
		}
		m.remember(key)
		msg := checkKeyCmd(m.ctx, m.opts.Connect, key)().(keyCheckedMsg)
		m.updateKey(msg)
		if m.api != nil {
			return nil
		}
		p.say("Error: %s", m.key.err)
	}
}
