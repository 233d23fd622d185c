package fakeapitest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// recorder is a testing.TB whose cleanups and errors are kept for the
// test to run and read.
type recorder struct {
	testing.TB
	cleanups []func()
	errs     []string
}

func (r *recorder) Helper()          {}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}
func (r *recorder) Skipped() bool                  { return false }
func (r *recorder) Fatalf(format string, a ...any) { r.TB.Fatalf(format, a...) }
func (r *recorder) end() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

func TestUnusedFaultsFailTheTest(t *testing.T) {
	r := &recorder{TB: t}
	s := New(r, fakeapi.Options{})
	faults, err := fakeapi.ParseFaults("429,list:500,500")
	if err != nil {
		t.Fatal(err)
	}
	s.AddFaults(faults...)
	req, _ := http.NewRequest("POST", s.URL()+"/v1/organizations/workspaces", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("x-api-key", fakeapi.DemoKey)
	req.Header.Set("anthropic-version", "2023-06-01")
	req.Header.Set("content-type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	r.end()
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "2 queued fault(s) never used: 500, list:500") {
		t.Errorf("errors %q; want one naming the two unused faults", r.errs)
	}
}

func TestAllowUnusedFaults(t *testing.T) {
	r := &recorder{TB: t}
	s := New(r, fakeapi.Options{})
	s.AddFaults(fakeapi.Fault{Kind: fakeapi.FaultServer})
	AllowUnusedFaults(s)
	r.end()
	if len(r.errs) != 0 {
		t.Errorf("errors %q; want none after AllowUnusedFaults", r.errs)
	}
}
