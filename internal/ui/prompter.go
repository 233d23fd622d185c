package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/term"
)

// Prompter asks one question at a time, as plain lines: accessible mode's
// way of asking (as gh's prompter). Every answer comes back checked for
// form only; what it means is the caller's to check. ErrInputEnded is
// returned when the input ends or ctrl+c stops the run.
type Prompter interface {
	// Say writes one message.
	Say(text string)
	// Input reads a line; def is taken on an empty line.
	Input(prompt, def string) (string, error)
	// Password reads a line without echoing it on a terminal.
	Password(prompt string) (string, error)
	// Select lists the options, numbered, and reads one by number or by
	// its text; def (an index, or -1) is taken on an empty line.
	Select(prompt string, options []string, def int) (int, error)
	// MultiSelect lists the options, numbered, and reads numbers
	// separated by commas; an empty line chooses none.
	MultiSelect(prompt string, options []string) ([]int, error)
	// Confirm reads y or n; def is taken on an empty line.
	Confirm(prompt string, def bool) (bool, error)
}

// ErrInputEnded is a prompt that got no answer: the input ended, or the
// run was stopped.
var ErrInputEnded = errors.New("input ended")

// linePrompter is the Prompter over a reader and a writer, one line per
// answer. Lines are read in the background, so a stopped run (ctx) ends a
// prompt; one reader serves every prompt, so no typed-ahead line is lost.
type linePrompter struct {
	ctx   context.Context
	in    io.Reader
	r     *bufio.Reader
	out   io.Writer
	clean func(string) string // makes a message safe to show
	lines chan lineRead
	eof   bool
}

type lineRead struct {
	line string
	err  error
}

// NewLinePrompter is the Prompter over in and out, one line per answer, as
// the wizard's accessible mode asks: clean makes each message safe to show
// (keys redacted, escape sequences made visible). A stopped ctx ends the
// prompt under way with ErrInputEnded. Other front ends (the guided setup)
// ask through it too.
func NewLinePrompter(ctx context.Context, in io.Reader, out io.Writer, clean func(string) string) Prompter {
	return newLinePrompter(ctx, in, out, clean)
}

func newLinePrompter(ctx context.Context, in io.Reader, out io.Writer, clean func(string) string) *linePrompter {
	return &linePrompter{ctx: ctx, in: in, r: bufio.NewReader(in), out: out, clean: clean}
}

func (p *linePrompter) Say(text string) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = p.clean(l)
	}
	fmt.Fprintln(p.out, strings.Join(lines, "\n"))
}

func (p *linePrompter) readLine() (string, error) {
	if p.eof {
		return "", ErrInputEnded
	}
	if p.lines == nil {
		p.lines = make(chan lineRead, 1)
		go func() {
			for {
				s, err := p.r.ReadString('\n')
				p.lines <- lineRead{s, err}
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
				return "", ErrInputEnded
			}
		}
		return strings.TrimRight(r.line, "\r\n"), nil
	case <-p.ctx.Done():
		p.eof = true
		return "", ErrInputEnded
	}
}

func (p *linePrompter) Input(prompt, def string) (string, error) {
	if def != "" {
		prompt += " [" + p.clean(def) + "]"
	}
	fmt.Fprint(p.out, prompt+": ")
	line, err := p.readLine()
	if err != nil {
		fmt.Fprintln(p.out)
		return "", err
	}
	if line == "" {
		return def, nil
	}
	return line, nil
}

func (p *linePrompter) Password(prompt string) (string, error) {
	f, ok := p.in.(interface{ Fd() uintptr })
	if !ok || !term.IsTerminal(f.Fd()) || p.lines != nil {
		return p.Input(prompt, "")
	}
	// ReadPassword turns echo off and back on when it returns; on ctrl+c
	// (ctx) it is left blocked in its goroutine and the program exits, so
	// the terminal's state is saved here and put back on every return.
	saved, err := term.GetState(f.Fd())
	restore := func() {
		if err == nil {
			_ = term.Restore(f.Fd(), saved)
		}
	}
	defer restore()
	fmt.Fprint(p.out, prompt+" (not shown): ")
	done := make(chan lineRead, 1)
	go func() {
		b, err := term.ReadPassword(f.Fd())
		done <- lineRead{string(b), err}
	}()
	select {
	case r := <-done:
		fmt.Fprintln(p.out)
		if r.err != nil {
			return "", ErrInputEnded
		}
		return r.line, nil
	case <-p.ctx.Done():
		restore()
		fmt.Fprintln(p.out)
		return "", ErrInputEnded
	}
}

func (p *linePrompter) Select(prompt string, options []string, def int) (int, error) {
	for i, o := range options {
		p.Say(fmt.Sprintf("  %d. %s", i+1, o))
	}
	d := "" // a short option is shown as itself (a number says less read out), a long one by number
	switch {
	case def < 0 || def >= len(options):
	case len(options[def]) <= 24:
		d = options[def]
	default:
		d = strconv.Itoa(def + 1)
	}
	for {
		v, err := p.Input(prompt, d)
		if err != nil {
			return 0, err
		}
		v = strings.TrimSpace(v)
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		for i, o := range options {
			if strings.EqualFold(v, o) || strings.HasPrefix(strings.ToLower(o), strings.ToLower(v)+":") {
				return i, nil
			}
		}
		p.Say(fmt.Sprintf("Error: choose a number from 1 to %d", len(options)))
	}
}

func (p *linePrompter) MultiSelect(prompt string, options []string) ([]int, error) {
	for i, o := range options {
		p.Say(fmt.Sprintf("  %d. %s", i+1, o))
	}
	for {
		v, err := p.Input(prompt, "")
		if err != nil {
			return nil, err
		}
		var picked []int
		bad := ""
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 || n > len(options) {
				bad = f
				break
			}
			if !slices.Contains(picked, n-1) {
				picked = append(picked, n-1)
			}
		}
		if bad != "" {
			p.Say(fmt.Sprintf("Error: %q is not a number from 1 to %d", bad, len(options)))
			continue
		}
		return picked, nil
	}
}

func (p *linePrompter) Confirm(prompt string, def bool) (bool, error) {
	d := "n"
	if def {
		d = "y"
	}
	for {
		v, err := p.Input(prompt+" (y/n)", d)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		p.Say("Error: answer y or n")
	}
}
