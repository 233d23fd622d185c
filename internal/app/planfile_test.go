package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A plan file over 10 MB is refused before it is parsed (or, from stdin,
// read past the limit): exit 2, a message saying why, nothing sent.
func TestPlanFileTooLarge(t *testing.T) {
	srv := newOrgServer(t, "")
	big := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(big, []byte("version: 1\n"+strings.Repeat("# padding\n", 1_100_000)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"plan", "-f", big}, {"apply", "-f", big, "--yes"}} {
		cmd := args[0]
		r := runOrg(t, srv, args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "big.yaml is 10.5 MB: a plan file may be at most 10 MB") {
			t.Errorf("%s: exit %d\n%s", cmd, r.code, r.stderr)
		}
	}
	var out, errb bytes.Buffer
	code := runWith(context.Background(), []string{"plan", "-f", "-", "--base-url", srv.URL()}, &Options{
		Getenv: func(k string) string { return keyEnv()[k] },
		In:     io.MultiReader(strings.NewReader("version: 1\n"), endless{}),
		Out:    &out, ErrOut: &errb, Now: time.Now,
	})
	if code != exitUsage || !strings.Contains(errb.String(), "stdin is more than 10 MB: a plan file may be at most 10 MB") {
		t.Errorf("stdin: exit %d\n%s", code, errb.String())
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for a file too large", n)
	}
}

// endless is a stdin that never ends: comment lines.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "#\n"[i%2]
	}
	return len(p) &^ 1, nil
}
