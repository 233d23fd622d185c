package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi/fakeapitest"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
)

// A file pinned to another organization: plan and apply exit 2 naming
// both, and the server receives no write.
func TestPinnedToAnotherOrganization(t *testing.T) {
	srv := newOrgServer(t, "")
	id := orgID(t, srv)
	other := "0f0f0f0f-1111-2222-3333-444444444444"
	file := writeFile(t, "org.yaml", "version: 1\norganization_id: "+other+"\n"+strings.TrimPrefix(fakeapitest.NewOrgPlan, "version: 1\n"))
	for _, args := range [][]string{{"plan", "-f", file}, {"apply", "-f", file, "--yes"}, {"plan", "-f", file, "--detailed-exitcode"}} {
		r := runOrg(t, srv, args...)
		if r.code != exitUsage {
			t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
		for _, s := range []string{"The plan file is for organization " + other, `the key belongs to organization "New organization" (` + id + ")", "Nothing was sent"} {
			if !strings.Contains(r.stderr, s) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, s, r.stderr)
			}
		}
	}
	// setup checks the pin before it starts.
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	code := runWith(ctx, []string{"setup", "-f", file, "--base-url", srv.URL()}, &Options{
		Getenv: func(k string) string { return keyEnv()[k] }, In: strings.NewReader(""), Out: &out, ErrOut: &errb,
		Interactive: true, Now: time.Now, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if code != exitUsage || !strings.Contains(errb.String(), "The plan file is for organization "+other) {
		t.Errorf("setup: exit %d\n%s", code, errb.String())
	}
	if w := nonGET(srv); len(w) != 0 {
		t.Errorf("writes were sent: %v", w)
	}
	// Pinned to this organization, the file applies.
	file = writeFile(t, "mine.yaml", "version: 1\norganization_id: "+id+"\n"+strings.TrimPrefix(fakeapitest.NewOrgPlan, "version: 1\n"))
	if r := runOrg(t, srv, "apply", "-f", file, "--yes"); r.code != exitOK || len(nonGET(srv)) != 10 {
		t.Errorf("pinned here: exit %d, %d writes\n%s", r.code, len(nonGET(srv)), r.stderr)
	}
}

// plan --detailed-exitcode: 6 while changes are pending, 0 once applied,
// 6 for a conflict, and the usual codes for errors.
func TestPlanDetailedExitCode(t *testing.T) {
	srv := newOrgServer(t, "")
	file := writeFile(t, "org.yaml", fakeapitest.NewOrgPlan)
	if r := runOrg(t, srv, "plan", "-f", file, "--detailed-exitcode"); r.code != outcome.ExitPending || !strings.Contains(r.stdout, "create") {
		t.Errorf("pending: exit %d\n%s", r.code, r.stderr)
	}
	if r := runOrg(t, srv, "plan", "-f", file); r.code != exitOK {
		t.Errorf("without the flag: exit %d", r.code)
	}
	runOrg(t, srv, "apply", "-f", file, "--yes")
	if r := runOrg(t, srv, "plan", "-f", file, "--detailed-exitcode"); r.code != exitOK {
		t.Errorf("applied: exit %d\n%s", r.code, r.stdout)
	}
	conflict := writeFile(t, "conflict.yaml", "version: 1\nworkspaces:\n  - name: prod\n    external_key_id: ekey_01SDCCSbTxrXDpWc1phhtcfK\n")
	if r := runOrg(t, srv, "plan", "-f", conflict, "--detailed-exitcode"); r.code != outcome.ExitPending || !strings.Contains(r.stdout, "conflict") {
		t.Errorf("conflict: exit %d\n%s", r.code, r.stdout)
	}
	bad := writeFile(t, "bad.yaml", "version: 1\nworkspaces: 3\n")
	if r := runOrg(t, srv, "plan", "-f", bad, "--detailed-exitcode"); r.code != exitUsage {
		t.Errorf("bad file: exit %d", r.code)
	}
	refused := newOrgServer(t, "me:401,list:401")
	fakeapitest.AllowUnusedFaults(refused) // only the first request is needed
	if r := runOrg(t, refused, "plan", "-f", file, "--detailed-exitcode"); r.code != outcome.ExitAuth {
		t.Errorf("refused key: exit %d\n%s", r.code, r.stderr)
	}
}
