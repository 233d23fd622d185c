// Package orglock keeps two runs of workspace-wizard on one machine from
// changing the same organization at once (two applies of one file would
// otherwise both create every workspace): a file lock per organization in
// the user's state directory, whose file says who holds it.
package orglock

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// EnvDir overrides the directory the lock files are kept in (tests, or a
// machine whose home is not writable).
const EnvDir = "WORKSPACE_WIZARD_STATE_DIR"

// Dir is where the lock files are kept: $WORKSPACE_WIZARD_STATE_DIR, else
// $XDG_STATE_HOME/workspace-wizard, else ~/.local/state/workspace-wizard.
func Dir(getenv func(string) string) (string, error) {
	if d := getenv(EnvDir); d != "" {
		return d, nil
	}
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "workspace-wizard"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no directory for the organization lock: set %s: %w", EnvDir, err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "state", "workspace-wizard"), nil
}

// Holder is who holds a lock, as written in its file.
type Holder struct {
	PID     int
	Command string
	Since   time.Time
}

func (h Holder) String() string {
	if h.PID == 0 {
		return "another workspace-wizard"
	}
	s := fmt.Sprintf("workspace-wizard (pid %d", h.PID)
	if h.Command != "" {
		s += fmt.Sprintf(", %q", h.Command)
	}
	if !h.Since.IsZero() {
		s += ", since " + h.Since.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	return s + ")"
}

// HeldError is a lock another run holds: nothing was sent.
type HeldError struct {
	Org    string // the organization's name, or id
	Holder Holder
	Path   string
	Waited time.Duration // how long this run waited for it
}

func (e *HeldError) Error() string {
	msg := fmt.Sprintf("%s is changing the organization %s on this machine", e.Holder, e.Org)
	if e.Waited > 0 {
		msg += fmt.Sprintf("; waited %s for it", e.Waited.Round(time.Second))
	}
	return msg + "; nothing was sent"
}

// Options are how a lock is taken.
type Options struct {
	Dir     string        // where the lock files are (Dir)
	OrgID   string        // the lock's key
	OrgName string        // for messages; OrgID when empty
	Command string        // written into the file for whoever waits
	Wait    time.Duration // how long to wait for a held lock; 0: not at all
	Now     func() time.Time
	Sleep   func(ctx context.Context, d time.Duration) error // between tries; nil: a timer
}

// Lock is a held organization lock.
type Lock struct{ f *os.File }

// pollEvery is how often a waiting run tries the lock again.
const pollEvery = 200 * time.Millisecond

// Acquire takes the organization's lock, waiting up to o.Wait for it;
// a lock still held then is a *HeldError naming its holder.
func Acquire(ctx context.Context, o Options) (*Lock, error) {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("the organization lock: %w", err)
	}
	path := filepath.Join(o.Dir, "org-"+safeName(o.OrgID)+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("the organization lock: %w", err)
	}
	start := now()
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("the organization lock %s: %w", path, err)
		}
		if ok {
			break
		}
		waited := now().Sub(start)
		if waited >= o.Wait || ctx.Err() != nil {
			h := readHolder(path)
			f.Close()
			org := o.OrgName
			if org == "" {
				org = o.OrgID
			}
			e := &HeldError{Org: strconv.Quote(org), Holder: h, Path: path}
			if o.Wait > 0 {
				e.Waited = waited
			}
			return nil, e
		}
		if err := sleep(ctx, o.Sleep, min(pollEvery, o.Wait-waited)); err != nil {
			continue // the next round reports the holder
		}
	}
	info := fmt.Sprintf("pid %d\ncommand %s\nsince %s\n", os.Getpid(), oneLine(o.Command), now().UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(info), 0)
	}
	return &Lock{f: f}, nil
}

// Release lets the next run have the lock. The file stays: removing it
// would let two runs lock two different files of the same name.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	_ = l.f.Truncate(0)
	_ = unlock(l.f)
	_ = l.f.Close()
	l.f = nil
}

func readHolder(path string) Holder {
	data, err := os.ReadFile(path)
	var h Holder
	if err != nil {
		return h
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "pid":
			h.PID, _ = strconv.Atoi(v)
		case "command":
			h.Command = v
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, v)
		}
	}
	return h
}

func sleep(ctx context.Context, s func(context.Context, time.Duration) error, d time.Duration) error {
	if s != nil {
		return s(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// safeName makes an organization id a file name: letters, digits, - and _.
func safeName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteString("_")
		}
	}
	if b.Len() == 0 {
		return "unknown"
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
