package plan_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

const oldPlan = "version: 1\nworkspaces:\n  - name: a\n  - name: b\n"

// A write that fails half-way (the disk full, ulimit -f) leaves the old
// file whole, and no temporary file behind.
func TestWriteFileAtomicFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "org.yaml")
	if err := os.WriteFile(path, []byte(oldPlan), 0o600); err != nil {
		t.Fatal(err)
	}
	newPlan := []byte("version: 1\nworkspaces:\n  - name: c\n  - name: d\n  - name: e\n")
	err := plan.WriteFileAtomicWith(path, newPlan, true, func(f *os.File, data []byte) error {
		if _, err := f.Write(data[:len(data)/2]); err != nil { // a cut at a line boundary or not
			return err
		}
		return syscall.EFBIG
	})
	if err == nil || !errors.Is(err, syscall.EFBIG) || !strings.Contains(err.Error(), "the file is unchanged") {
		t.Fatalf("err = %v, want EFBIG saying the file is unchanged", err)
	}
	if got, _ := os.ReadFile(path); string(got) != oldPlan {
		t.Errorf("the old file was changed:\n%s", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	t.Run("new file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "org.yaml")
		if err := plan.WriteFileAtomic(path, []byte(oldPlan), false); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if got, _ := os.ReadFile(path); err != nil || string(got) != oldPlan || st.Mode().Perm() != 0o644 {
			t.Errorf("%v %v %q", err, st.Mode(), got)
		}
	})
	t.Run("mode kept", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "org.yaml")
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, 0o640); err != nil {
			t.Fatal(err)
		}
		if err := plan.WriteFileAtomic(path, []byte(oldPlan), true); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(path)
		if got, _ := os.ReadFile(path); string(got) != oldPlan || st.Mode().Perm() != 0o640 {
			t.Errorf("mode %v, content %q", st.Mode(), got)
		}
	})
	t.Run("existing file without overwrite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "org.yaml")
		os.WriteFile(path, []byte("old"), 0o644)
		if err := plan.WriteFileAtomic(path, []byte(oldPlan), false); !errors.Is(err, fs.ErrExist) {
			t.Errorf("err = %v, want ErrExist", err)
		}
		if got, _ := os.ReadFile(path); string(got) != "old" {
			t.Errorf("overwritten: %q", got)
		}
	})
	t.Run("symlink refused", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "elsewhere.yaml")
		os.WriteFile(target, []byte("someone else's file"), 0o644)
		link := filepath.Join(dir, "org.yaml")
		if err := os.Symlink(target, link); err != nil {
			t.Skip(err)
		}
		err := plan.WriteFileAtomic(link, []byte(oldPlan), true)
		if !errors.Is(err, plan.ErrSymlink) || !strings.Contains(err.Error(), "org.yaml is a symbolic link") {
			t.Errorf("err = %v, want ErrSymlink", err)
		}
		if got, _ := os.ReadFile(target); string(got) != "someone else's file" {
			t.Errorf("the link's target was overwritten: %q", got)
		}
	})
	t.Run("dangling symlink refused", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "nowhere.yaml")
		link := filepath.Join(dir, "org.yaml")
		if err := os.Symlink(target, link); err != nil {
			t.Skip(err)
		}
		if err := plan.WriteFileAtomic(link, []byte(oldPlan), true); !errors.Is(err, plan.ErrSymlink) {
			t.Errorf("err = %v, want ErrSymlink", err)
		}
		if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a file was created where the dangling link points: %v", err)
		}
	})
}

func TestReadFileSizeCap(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(strings.Repeat("#\n", plan.MaxFileSize/2+1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := plan.ReadFile(big, nil)
	var tooLarge *plan.TooLargeError
	if !errors.As(err, &tooLarge) || !strings.Contains(err.Error(), "a plan file may be at most 10 MB") {
		t.Errorf("err = %v, want TooLargeError", err)
	}
	// stdin is read no further than the limit.
	r := &countingReader{}
	_, shown, err := plan.ReadFile("-", r)
	if !errors.As(err, &tooLarge) || shown != "stdin" || !strings.Contains(err.Error(), "stdin is more than 10 MB") {
		t.Errorf("err = %v (%s), want TooLargeError for stdin", err, shown)
	}
	if r.n > plan.MaxFileSize+64<<10 {
		t.Errorf("read %d bytes of stdin, past the limit", r.n)
	}
	// At the limit it is read.
	ok := filepath.Join(dir, "ok.yaml")
	os.WriteFile(ok, []byte(strings.Repeat("#", plan.MaxFileSize)), 0o644)
	if data, _, err := plan.ReadFile(ok, nil); err != nil || len(data) != plan.MaxFileSize {
		t.Errorf("a file of exactly 10 MB: %v, %d bytes", err, len(data))
	}
}

// countingReader is an endless stdin of comment lines, counting what was read.
type countingReader struct{ n int }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	r.n += len(p)
	return len(p), nil
}
