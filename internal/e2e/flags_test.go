package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Flag mode needs no terminal: stdin is /dev/null, stdout and stderr are
// pipes, as in a script or CI job.
func TestFlagModeWithoutTerminal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   []string // each must appear
		stderr   []string
		noStdout bool
	}{
		{
			name:   "yes creates and prints a summary",
			args:   []string{"--demo", "--name", "x", "--yes"},
			code:   0,
			stdout: []string{`Created workspace "x"`, "id ", "wrkspc_", "workspace geo", "Next:"},
		},
		{
			name:     "no terminal and no --yes is a usage error",
			args:     []string{"--demo", "--name", "x"},
			code:     2,
			stderr:   []string{"no terminal to run the wizard in", "--yes"},
			noStdout: true,
		},
		{
			name:     "a broken tag is refused before sending",
			args:     []string{"--demo", "--name", "x", "--tag", "anthropic-env=1", "--yes"},
			code:     2,
			stderr:   []string{`may not start with "anthropic"`},
			noStdout: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			devnull, err := os.Open(os.DevNull)
			if err != nil {
				t.Fatal(err)
			}
			defer devnull.Close()
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(binary(t), tc.args...)
			cmd.Env = CleanEnv(t.TempDir())
			cmd.Stdin, cmd.Stdout, cmd.Stderr = devnull, &stdout, &stderr
			err = cmd.Run()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, &stdout)
				}
			}
			for _, want := range tc.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, &stderr)
				}
			}
			if tc.noStdout && stdout.Len() > 0 {
				t.Errorf("stdout = %q, want nothing", &stdout)
			}
			if strings.Contains(stdout.String()+stderr.String(), "\x1b[") {
				t.Errorf("escape sequences written without a terminal:\nstdout: %q\nstderr: %q", &stdout, &stderr)
			}
		})
	}
}
