package plan_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// WriteFileAtomic never replaces a file unless asked, and leaves no
// temporary file behind.
func TestWriteFileAtomicNeverReplacesUnasked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "org.yaml")
	if err := plan.WriteFileAtomic(path, []byte("one\n"), false); err != nil {
		t.Fatal(err)
	}
	if err := plan.WriteFileAtomic(path, []byte("two\n"), false); !errors.Is(err, os.ErrExist) {
		t.Errorf("a second write without overwrite: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "one\n" {
		t.Errorf("the file was changed: %q", got)
	}
	if err := plan.WriteFileAtomic(path, []byte("three\n"), true); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "three\n" {
		t.Errorf("overwrite: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want 1", len(entries))
	}
	if err := plan.WriteFileAtomic(filepath.Join(dir, "no", "such", "dir.yaml"), []byte("x"), false); err == nil {
		t.Error("a write into a missing directory succeeded")
	}
}
