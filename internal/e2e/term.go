// Package e2e drives the real workspace-wizard binary in a pseudo-terminal,
// as a user would, and reads the screen through a terminal emulator: the
// assertions are about what a person sees, the exit code and stdout.
package e2e

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Term is one run of the binary: the pty is its stdin and stderr (where the
// wizard draws), a pipe is its stdout (where the id goes), as in
// `id=$(workspace-wizard)`.
type Term struct {
	t      testing.TB
	cmd    *exec.Cmd
	pty    *os.File
	stdout lockedBuffer

	mu  sync.Mutex // guards emu and raw
	emu *vt.Emulator
	raw bytes.Buffer // every byte the program drew, for failure messages

	changed  chan struct{} // a token after each write to the screen
	readDone chan struct{} // the pty reader saw the end of output
	exited   chan struct{} // cmd.Wait returned
	waitErr  error
	closing  sync.Once
}

// DefaultTimeout is how long WaitFor waits unless told otherwise: generous,
// for a loaded 2-core machine running the race detector.
const DefaultTimeout = 15 * time.Second

// Start runs bin with args in a cols×rows pseudo-terminal. env is the whole
// environment (see CleanEnv). The process is killed when the test ends.
func Start(t testing.TB, bin string, args, env []string, cols, rows int) *Term {
	t.Helper()
	return StartIn(t, "", bin, args, env, cols, rows)
}

// StartIn is Start with dir as the working directory ("" for the test's).
func StartIn(t testing.TB, dir, bin string, args, env []string, cols, rows int) *Term {
	t.Helper()
	return startIn(t, dir, bin, args, env, cols, rows, false)
}

// StartAllOnTerminal is Start with stdout on the terminal too, as a person
// runs the program with nothing redirected: stdin, stdout and stderr are
// the pty (Stdout then stays empty; what is printed is on the screen).
func StartAllOnTerminal(t testing.TB, bin string, args, env []string, cols, rows int) *Term {
	t.Helper()
	return startIn(t, "", bin, args, env, cols, rows, true)
}

func startIn(t testing.TB, dir, bin string, args, env []string, cols, rows int, stdoutTTY bool) *Term {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("open pty: %v", err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		t.Fatalf("size pty: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Dir = dir
	cmd.Stdin = tty
	cmd.Stderr = tty
	tm := &Term{t: t, cmd: cmd, pty: ptmx, emu: vt.NewEmulator(cols, rows),
		changed: make(chan struct{}, 1), readDone: make(chan struct{}), exited: make(chan struct{})}
	cmd.Stdout = &tm.stdout
	if stdoutTTY {
		cmd.Stdout = tty
	}
	// A session of its own with the pty as controlling terminal, so the
	// program gets SIGWINCH and its own ctrl+c handling, like in a shell.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	tty.Close()
	go tm.readLoop()
	go tm.answerLoop()
	go func() {
		tm.waitErr = cmd.Wait()
		close(tm.exited)
	}()
	t.Cleanup(tm.Close)
	return tm
}

// CleanEnv is a minimal environment: no ANTHROPIC_* or other inherited
// variables, a colour terminal, plus extra ("K=V").
func CleanEnv(home string, extra ...string) []string {
	env := []string{"TERM=xterm-256color", "HOME=" + home, "PATH=/usr/bin:/bin", "LANG=C.UTF-8"}
	if v := os.Getenv("GORACE"); v != "" {
		// GORACE=log_path=… keeps the race detector's reports of the
		// program, which otherwise scroll off its terminal.
		env = append(env, "GORACE="+v)
	}
	return append(env, extra...)
}

// readLoop feeds everything the program draws into the emulator.
func (tm *Term) readLoop() {
	defer close(tm.readDone)
	buf := make([]byte, 32*1024)
	for {
		n, err := tm.pty.Read(buf)
		if n > 0 {
			tm.mu.Lock()
			tm.raw.Write(buf[:n])
			_, _ = tm.emu.Write(buf[:n])
			tm.mu.Unlock()
			select {
			case tm.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return // EIO once the program and its children closed the tty
		}
	}
}

// answerLoop sends the emulator's replies to terminal queries (cursor
// position, background colour, modes) back to the program, as a terminal would.
func (tm *Term) answerLoop() {
	_, _ = io.Copy(tm.pty, tm.emu)
}

// Close stops the program and releases the terminal; Start arranges for it
// to run when the test ends.
func (tm *Term) Close() {
	tm.closing.Do(func() {
		tm.Stop()
		tm.pty.Close()
		// Ends answerLoop without touching the emulator's unsynchronised state.
		if c, ok := tm.emu.InputPipe().(io.Closer); ok {
			c.Close()
		}
	})
}

// Type types text as keystrokes.
func (tm *Term) Type(s string) {
	tm.t.Helper()
	if _, err := tm.pty.WriteString(s); err != nil {
		tm.t.Fatalf("type %q: %v", s, err)
	}
}

// keys are the bytes an xterm sends for each key.
var keys = map[string]string{
	"enter": "\r", "tab": "\t", "shift+tab": "\x1b[Z", "esc": "\x1b", "ctrl+c": "\x03",
	"up": "\x1b[A", "down": "\x1b[B", "left": "\x1b[D", "right": "\x1b[C",
	"space": " ", "backspace": "\x7f",
}

// Press presses one named key, e.g. "enter", "shift+tab", "ctrl+c".
func (tm *Term) Press(key string) {
	tm.t.Helper()
	seq, ok := keys[key]
	if !ok {
		tm.t.Fatalf("Press: unknown key %q", key)
	}
	tm.Type(seq)
}

// Screen is the emulated screen as plain text, one line per row, trailing
// blanks trimmed.
func (tm *Term) Screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return strings.ReplaceAll(tm.emu.String(), "\r", "")
}

func (tm *Term) size() (w, h int) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.Width(), tm.emu.Height()
}

// Resize changes the terminal's size; the kernel sends SIGWINCH.
func (tm *Term) Resize(cols, rows int) {
	tm.t.Helper()
	tm.mu.Lock()
	tm.emu.Resize(cols, rows)
	tm.mu.Unlock()
	if err := pty.Setsize(tm.pty, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		tm.t.Fatalf("resize: %v", err)
	}
}

// Raw is every byte the program wrote to the terminal so far.
func (tm *Term) Raw() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.String()
}

// Wait waits for the program to exit and returns its exit code (-1 when a
// signal killed it). Everything it drew is on the screen when Wait returns.
func (tm *Term) Wait(t testing.TB, timeout time.Duration) int {
	t.Helper()
	select {
	case <-tm.exited:
	case <-time.After(timeout):
		t.Fatalf("the program did not exit within %s\n%s", timeout, tm.Dump())
	}
	select {
	case <-tm.readDone:
	case <-time.After(5 * time.Second):
		t.Fatalf("the terminal did not close after the program exited\n%s", tm.Dump())
	}
	return tm.cmd.ProcessState.ExitCode()
}

func (tm *Term) exitText() string {
	if st := tm.cmd.ProcessState; st != nil {
		return st.String()
	}
	return fmt.Sprint(tm.waitErr)
}

// Stop ends the program (SIGKILL) if it still runs and waits for it.
func (tm *Term) Stop() {
	select {
	case <-tm.exited:
	default:
		_ = tm.cmd.Process.Kill()
		<-tm.exited
	}
}

// Stdout is everything the program wrote to stdout so far.
func (tm *Term) Stdout() string { return tm.stdout.String() }

// Pid is the program's process id.
func (tm *Term) Pid() int { return tm.cmd.Process.Pid }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
