package orglock

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{EnvDir: "/x/locks", "XDG_STATE_HOME": "/s", "HOME": "/h"}, "/x/locks"},
		{map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"}, "/s/workspace-wizard"},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/h"}, "/h/.local/state/workspace-wizard"},
	} {
		if got, err := Dir(env(tc.env)); err != nil || got != tc.want {
			t.Errorf("%v: %q, %v; want %q", tc.env, got, err, tc.want)
		}
	}
}

// A held lock names its holder; released, the next run gets it; a waiting
// run gets it as soon as it is released.
func TestAcquire(t *testing.T) {
	o := Options{Dir: t.TempDir(), OrgID: "org/1", OrgName: "Acme", Command: "workspace-wizard apply -f org.yaml\x1b[31m"}
	first, err := Acquire(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(context.Background(), o)
	var held *HeldError
	if !errors.As(err, &held) || held.Holder.PID != os.Getpid() || strings.ContainsRune(held.Holder.Command, 0x1b) ||
		!strings.Contains(err.Error(), `is changing the organization "Acme" on this machine; nothing was sent`) {
		t.Fatalf("err = %v", err)
	}
	w := o
	w.Wait = time.Minute
	got := make(chan error, 1)
	go func() {
		l, err := Acquire(context.Background(), w)
		l.Release()
		got <- err
	}()
	first.Release()
	if err := <-got; err != nil {
		t.Errorf("waiting for the lock: %v", err)
	}
	again, err := Acquire(context.Background(), o)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
}
