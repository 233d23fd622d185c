package app

import (
	"io"
	"os"
	"sync"

	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// redact wraps w in a redactor. A terminal stays recognisable as one (Fd),
// so that fang's help and errors can still tell that they may use colour.
func redact(w io.Writer, keys *keyring) io.Writer {
	r := redactor{w, keys}
	if f, ok := w.(*os.File); ok {
		return fileRedactor{r, f}
	}
	return r
}

// fileRedactor is a redactor over a file: it writes only through the
// redactor, and answers Fd (and Read, Close) for terminal detection.
type fileRedactor struct {
	redactor
	f *os.File
}

func (r fileRedactor) Read(p []byte) (int, error) { return r.f.Read(p) }
func (r fileRedactor) Close() error               { return nil }
func (r fileRedactor) Fd() uintptr                { return r.f.Fd() }

// redactor replaces every admin key of the run with a placeholder in
// everything written.
type redactor struct {
	w    io.Writer
	keys *keyring
}

func (r redactor) Write(p []byte) (int, error) {
	keys := r.keys.list()
	if out := termsafe.Redact(string(p), keys...); out != string(p) {
		if _, err := io.WriteString(r.w, out); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return r.w.Write(p)
}

// keyring is every admin key used in this run: the environment's and each
// one typed in the wizard, which a server may echo in an error that main
// prints after the wizard ends.
type keyring struct {
	mu   sync.Mutex
	keys []string
}

func (k *keyring) add(key string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.keys = append(k.keys, key)
}

func (k *keyring) list() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.keys...)
}
