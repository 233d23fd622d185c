package plan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// MaxFileSize is the largest plan file read: 10 MB. A plan for the
// API's 100 workspaces, each with a thousand members, is far smaller; a
// larger file is a mistake (the wrong file, a generated one gone wrong),
// and parsing it would take gigabytes of memory first.
const MaxFileSize = 10 << 20

// TooLargeError is a plan file over MaxFileSize, refused before parsing.
type TooLargeError struct {
	Name string // the file's name as given, or "stdin"
	Size int64  // its size, when known (a file); else 0: more than MaxFileSize was read
}

func (e *TooLargeError) Error() string {
	size := "more than 10 MB"
	if e.Size > 0 {
		size = fmt.Sprintf("%.1f MB", float64(e.Size)/(1<<20))
	}
	return fmt.Sprintf("%s is %s: a plan file may be at most 10 MB; check that -f names the plan file, or split the plan into several files", e.Name, size)
}

// ReadFile reads the plan file name ("-": stdin) for Parse, refusing one
// over MaxFileSize before reading it (a file's size is checked first; stdin
// is read no further than the limit). The returned name is the one for
// messages ("stdin" for "-").
func ReadFile(name string, stdin io.Reader) (data []byte, shown string, err error) {
	r := stdin
	shown = name
	if name == "-" {
		shown = "stdin"
	} else {
		fh, err := os.Open(name)
		if err != nil {
			return nil, shown, err
		}
		defer fh.Close()
		if st, err := fh.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxFileSize {
			return nil, shown, &TooLargeError{Name: shown, Size: st.Size()}
		}
		r = fh
	}
	data, err = io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, shown, err
	}
	if len(data) > MaxFileSize {
		return nil, shown, &TooLargeError{Name: shown}
	}
	return data, shown, nil
}

// ErrSymlink is returned by WriteFileAtomic for a symbolic link at the
// path: writing through it would change another file (or create one where
// a dangling link points) without asking.
var ErrSymlink = errors.New("is a symbolic link; the plan is not written through links: save it under the link's target's own name, or another name")

// WriteFileAtomic writes data to path so that path holds either its old
// content or all of data, never a part: a temporary file in the same
// directory is written, synced and renamed over path, and the directory is
// synced. An existing file's mode is kept (a new file is 0644); a symbolic
// link at path is refused (ErrSymlink), and so is an existing file unless
// overwrite (fs.ErrExist).
func WriteFileAtomic(path string, data []byte, overwrite bool) error {
	return writeFileAtomic(path, data, overwrite, func(f *os.File, data []byte) error {
		_, err := f.Write(data)
		return err
	})
}

func writeFileAtomic(path string, data []byte, overwrite bool, write func(*os.File, []byte) error) error {
	mode := fs.FileMode(0o644)
	switch st, err := os.Lstat(path); {
	case err == nil && st.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s %w", path, ErrSymlink)
	case err == nil && !st.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file; choose another name", path)
	case err == nil && !overwrite:
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	case err == nil:
		mode = st.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp, data); err != nil {
		return fmt.Errorf("write %s: %w; the file is unchanged", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w; the file is unchanged", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w; the file is unchanged", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Systems that cannot sync a
// directory (EINVAL, or one that cannot be opened, as on Windows) are
// left as they are: the rename has happened.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}
