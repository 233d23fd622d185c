package plan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so a reader never sees half a file and a failed
// write leaves what was there. Unless overwrite, an existing path is
// refused (fs.ErrExist) and left as it is.
func WriteFileAtomic(path string, data []byte, overwrite bool) error {
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s exists: %w", path, os.ErrExist)
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if !overwrite {
		// Link fails if path appeared meanwhile, where a rename would
		// replace it.
		err := os.Link(tmp.Name(), path)
		if err == nil || errors.Is(err, os.ErrExist) {
			return err
		}
		// A file system without hard links: check again, then rename.
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s exists: %w", path, os.ErrExist)
		}
	}
	return os.Rename(tmp.Name(), path)
}
