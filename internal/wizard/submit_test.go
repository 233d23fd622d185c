package wizard_test

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/outcome"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
	"github.com/anthropic-tools/workspace-wizard/internal/wizard"
)

// TestRefusedAtField: a 400 that names a field goes back to that answer
// with the API's words; Check keeps sending back there until the answer
// changes, and then the create goes through.
func TestRefusedAtField(t *testing.T) {
	const missingProfile = "uprof_01NoSuchProfileHere"
	tests := []struct {
		name    string
		spec    api.Spec
		faults  string
		field   wizard.Field
		refusal string // its start
		change  func(t *testing.T, s *wizard.Session)
	}{
		{
			name: "name", spec: api.Spec{Name: "ml"}, faults: "400", field: wizard.FieldName,
			refusal: "The API refused this name: a workspace with this name is being archived; choose another name (request-id req_",
			change: func(t *testing.T, s *wizard.Session) {
				if err := s.SetName("ml-2"); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name: "workspace policy on the key", spec: api.Spec{Name: "enc", ExternalKeyID: fakeapi.DemoExternalKeyAWS}, faults: "policy-cmek", field: wizard.FieldKey,
			refusal: "The API refused this encryption key: this organization's Workspace Policy does not allow external key " + fakeapi.DemoExternalKeyAWS +
				"; choose one of the keys the policy allows (an organization admin can see the policy in the Console)" +
				" (request-id req_",
			change: func(t *testing.T, s *wizard.Session) { s.ChooseKey(fakeapi.DemoExternalKeyGCP) },
		},
		{
			name: "the key's KMS policy", spec: api.Spec{Name: "enc", ExternalKeyID: fakeapi.DemoExternalKeyAWS}, faults: "400-key", field: wizard.FieldKey,
			refusal: "The API refused this encryption key: the key's cloud KMS policy does not grant access to this workspace's compartment (request-id req_",
			change:  func(t *testing.T, s *wizard.Session) { s.NoKey() },
		},
		{
			name: "a user profile the organization does not have", spec: api.Spec{Name: "prof", UserProfileID: missingProfile}, field: wizard.FieldProfile,
			refusal: "The API refused this user profile: ",
			change:  func(t *testing.T, s *wizard.Session) { s.SetProfile("") },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{spec: tc.spec, set: []string{rules.FieldName}, faults: tc.faults})
			s := f.s
			ctx := context.Background()
			if _, back, err := s.Check(); back || err != nil {
				t.Fatalf("Check() before the create = back %v, %v", back, err)
			}
			_, err := s.Creator(nil).Create(ctx, s.Spec())
			fail := s.Failed(err)
			if !fail.HasField || fail.Field != tc.field || fail.Retry || fail.Unsure || fail.Reenter {
				t.Fatalf("Failed(%v) = %+v; want field %d only", err, fail, tc.field)
			}
			if fail.Title != "The API refused the workspace; nothing was created" {
				t.Errorf("Title = %q", fail.Title)
			}
			if s.Failure() == nil || s.Failure().Field != tc.field {
				t.Errorf("Failure() = %+v, want the last failure", s.Failure())
			}
			if got := s.Refusal(tc.field); !strings.HasPrefix(got, tc.refusal) {
				t.Errorf("Refusal(%d) = %q\nwant a start %q", tc.field, got, tc.refusal)
			}
			if tc.field == wizard.FieldProfile && !s.Org.ProfilesOffered {
				t.Error("a refused profile's step is not offered")
			}
			if tc.field == wizard.FieldKey && s.KeyCheck() != (wizard.KeyCheck{}) {
				t.Errorf("KeyCheck() = %+v after the API refused the key, want none", s.KeyCheck())
			}
			for range 2 { // the same answer, however often asked
				if fld, back, err := s.Check(); fld != tc.field || !back || err != nil {
					t.Errorf("Check() with the refused answer = %d, back %v, %v; want back to %d", fld, back, err, tc.field)
				}
			}
			tc.change(t, s)
			if got := s.Refusal(tc.field); got != "" {
				t.Errorf("Refusal(%d) after the change = %q", tc.field, got)
			}
			if _, back, err := s.Check(); back || err != nil {
				t.Fatalf("Check() after the change = back %v, %v", back, err)
			}
			if _, err := s.Creator(nil).Create(ctx, s.Spec()); err != nil {
				t.Fatalf("create after the change: %v", err)
			}
			if n := posts(f.srv); n != 2 {
				t.Errorf("%d POSTs, want 2 (the refused one and the changed one)", n)
			}
		})
	}
}

// TestCheckRules: Check applies the rules to the draft as a whole: a
// broken answer sends back to its step with the rule's words; a broken
// flag no step asks for stops with the flag to fix. Nothing is sent.
func TestCheckRules(t *testing.T) {
	dup := []api.Tag{{Key: "a", Value: "b"}, {Key: "a", Value: "c"}}
	tests := []struct {
		name    string
		spec    api.Spec
		back    bool
		field   wizard.Field
		refusal string
		err     string
		change  func(s *wizard.Session) error
	}{
		{name: "duplicate tags from flags", spec: api.Spec{Name: "x", Tags: dup}, back: true, field: wizard.FieldTags,
			refusal: `tag key "a" is used twice; each key may appear once`,
			change:  func(s *wizard.Session) error { s.RemoveTag(1); return nil }},
		{name: "tags changed to ones that print alike", spec: api.Spec{Name: "x", Tags: dup}, back: true, field: wizard.FieldTags,
			refusal: `tag key "a" is used twice; each key may appear once`,
			change:  func(s *wizard.Session) error { s.RemoveTag(1); return s.AddTag(0, "a=b} {a c") }},
		{name: "no name yet", spec: api.Spec{}, back: true, field: wizard.FieldName,
			refusal: "enter a name for the workspace",
			change:  func(s *wizard.Session) error { return s.SetName("named") }},
		{name: "a display colour no step asks for", spec: api.Spec{Name: "x", DisplayColor: "red"},
			err: `--display-color: "red" is not a colour; write it as # and six hex digits, like #6C5BB9; run again with it corrected`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{spec: tc.spec})
			s := f.s
			fld, back, err := s.Check()
			if back != tc.back || fld != tc.field || errText(err) != tc.err {
				t.Fatalf("Check() = %d, back %v, %q; want %d, back %v, %q", fld, back, errText(err), tc.field, tc.back, tc.err)
			}
			if tc.back && s.Refusal(tc.field) != tc.refusal {
				t.Errorf("Refusal(%d) = %q, want %q", tc.field, s.Refusal(tc.field), tc.refusal)
			}
			if tc.change != nil {
				if err := tc.change(s); err != nil {
					t.Fatal(err)
				}
				if fld, back, err := s.Check(); back || err != nil {
					t.Errorf("Check() after the change = %d, back %v, %v; want it to pass (tags %q)", fld, back, err, s.Tags())
				}
			}
			if n := len(f.srv.Requests()); n != 0 {
				t.Errorf("Check sent %d requests", n)
			}
		})
	}
}

// TestFailed: a create that made nothing (or may have), explained from
// the one error table, with what may be done next.
func TestFailed(t *testing.T) {
	tests := []struct {
		name    string
		faults  string
		connect bool
		title   string
		line    string // one of the lines, in full or its start
		retry   bool
		reenter bool
		unsure  bool
		posts   int
		waits   []time.Duration
	}{
		{name: "overloaded: the outcome is unknown", faults: "529", title: "The workspace may or may not have been created",
			line: "Check first", unsure: true, posts: 1, waits: []time.Duration{3 * time.Second}},
		{name: "a 500: the outcome is unknown", faults: "500", title: "The workspace may or may not have been created",
			line: "Check first", unsure: true, posts: 1, waits: []time.Duration{3 * time.Second}},
		{name: "rate limited to the end", faults: "429,429,429,429", title: "Not created",
			line: "Nothing was created. Wait a minute, then try again.", retry: true, posts: 4,
			waits: []time.Duration{time.Second, time.Second, time.Second}},
		{name: "401 with no way to type a key", faults: "401", title: "The API refused the key; nothing was created",
			line: "The key was not accepted.", posts: 1},
		{name: "401, another key may be typed", faults: "401", connect: true, title: "The API refused the key; nothing was created",
			line: "The key was not accepted.", reenter: true, posts: 1},
		{name: "403, another key may be typed", faults: "403", connect: true, title: "The API refused the key; nothing was created",
			line: "The key is valid but may not do this.", reenter: true, posts: 1},
		{name: "403 with no way to type a key", faults: "403", title: "The API refused the key; nothing was created",
			line: "The key is valid but may not do this.", posts: 1},
		{name: "sandbox egress: no other key helps", faults: "403-egress", connect: true,
			title: "The key's network access is restricted; nothing was created", line: "The key's network access is restricted (sandbox egress)", posts: 1},
		{name: "a 400 no answer can fix", faults: "unknown-code", title: "The API refused the workspace; nothing was created",
			line: "Nothing was created.", posts: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{spec: api.Spec{Name: "ml"}, faults: tc.faults, connect: tc.connect})
			s := f.s
			_, err := s.Creator(nil).Create(context.Background(), s.Spec())
			fail := s.Failed(err)
			if fail.Title != tc.title {
				t.Errorf("Title = %q, want %q", fail.Title, tc.title)
			}
			if !hasLine(fail.Lines, tc.line) {
				t.Errorf("Lines = %q\nwant one starting %q", fail.Lines, tc.line)
			}
			if fail.HasField || fail.Retry != tc.retry || fail.Reenter != tc.reenter || fail.Unsure != tc.unsure {
				t.Errorf("Failed = field %v, retry %v, reenter %v, unsure %v; want false, %v, %v, %v",
					fail.HasField, fail.Retry, fail.Reenter, fail.Unsure, tc.retry, tc.reenter, tc.unsure)
			}
			if !errors.Is(fail.Err, err) {
				t.Errorf("Failure.Err = %v, want the create's error", fail.Err)
			}
			if n := posts(f.srv); n != tc.posts {
				t.Errorf("%d POSTs, want %d", n, tc.posts)
			}
			if got := f.sleep.Waits(); !reflect.DeepEqual(got, tc.waits) {
				t.Errorf("waits = %v, want %v", got, tc.waits)
			}
			// A quit afterwards says what was sent: answered and refused, or
			// sent and never answered (the outcome stays unknown: exit 5).
			want := error(outcome.ErrCancelledAfterRefusal)
			if tc.unsure {
				want = fail.Err
			}
			if got := s.Cancelled(); got != want {
				t.Errorf("Cancelled() after a sent create = %v, want %v", got, want)
			}
		})
	}
}

// hasLine reports whether one of lines starts with want.
func hasLine(lines []string, want string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, want) {
			return true
		}
	}
	return false
}

// TestCancelled: a quit says truly whether a create was sent.
func TestCancelled(t *testing.T) {
	t.Run("before anything was sent", func(t *testing.T) {
		f := start(t, setup{spec: api.Spec{Name: "ml"}})
		s := f.s
		if got := s.Cancelled(); got != outcome.ErrCancelled {
			t.Fatalf("Cancelled() = %v, want ErrCancelled", got)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := s.Creator(nil).Create(ctx, s.Spec())
		fail := s.Failed(err)
		if fail.Err != outcome.ErrCancelled || fail.Title != "Cancelled; nothing was created" || !hasLine(fail.Lines, "Cancelled. Nothing was sent.") {
			t.Errorf("Failed(cancelled) = %+v", fail)
		}
		if got := s.Cancelled(); got != outcome.ErrCancelled {
			t.Errorf("Cancelled() after a create cancelled unsent = %v, want ErrCancelled", got)
		}
		if n := posts(f.srv); n != 0 {
			t.Errorf("%d POSTs, want none", n)
		}
	})
	t.Run("after a refused create", func(t *testing.T) {
		f := start(t, setup{spec: api.Spec{Name: "ml"}, faults: "400"})
		s := f.s
		s.Failed(f.mustFail(context.Background()))
		if got := s.Cancelled(); got != outcome.ErrCancelledAfterRefusal {
			t.Fatalf("Cancelled() after a refused create = %v, want ErrCancelledAfterRefusal", got)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := s.Creator(nil).Create(ctx, s.Spec())
		fail := s.Failed(err)
		want := "Cancelled. The API refused the earlier create, so nothing was created."
		if fail.Err != outcome.ErrCancelledAfterRefusal || fail.Title != "Cancelled; nothing was created" || !reflect.DeepEqual(fail.Lines, []string{want}) {
			t.Errorf("Failed(cancelled) = %+v", fail)
		}
		if n := posts(f.srv); n != 1 {
			t.Errorf("%d POSTs, want 1", n)
		}
	})
	t.Run("while waiting after a 429", func(t *testing.T) {
		f := start(t, setup{spec: api.Spec{Name: "ml"}, faults: "429:7"})
		s := f.s
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := s.Creator(func(ev api.Event) {
			if ev.Kind != api.EventSending || ev.Attempt > 1 {
				s.Sent() // as both front ends do: a POST reached the API
			}
			if ev.Kind == api.EventWaiting {
				cancel() // the user presses esc during the wait
			}
		}).Create(ctx, s.Spec())
		fail := s.Failed(err)
		if fail.Err != outcome.ErrCancelledAfterRefusal || fail.Unsure {
			t.Errorf("Failed(cancelled in the wait) = %+v", fail)
		}
		if got := f.sleep.Waits(); !reflect.DeepEqual(got, []time.Duration{7 * time.Second}) {
			t.Errorf("waits = %v, want the 7s retry-after", got)
		}
		if n := posts(f.srv); n != 1 {
			t.Errorf("%d POSTs, want 1", n)
		}
	})
}

// mustFail creates and returns the error the create must end with.
func (f fixture) mustFail(ctx context.Context) error {
	_, err := f.create(ctx)
	if err == nil {
		panic("the create was meant to fail")
	}
	return err
}

// TestCreateEvents: what a create says it is doing, step by step, and
// the requests it sends.
func TestCreateEvents(t *testing.T) {
	tests := []struct {
		name   string
		spec   api.Spec
		faults string
		want   []string
		posts  int
	}{
		{"at once", api.Spec{Name: "ml"}, "", []string{"Sending the request…"}, 1},
		{"rate limited, then sent", api.Spec{Name: "ml"}, "429:2,429ms:1500", []string{
			"Sending the request…",
			"The API is rate limiting requests (429) (request-id req_…); nothing was created; retrying in 2s…",
			"Sending the request again (attempt 2)…",
			"The API is rate limiting requests (429) (request-id req_…); nothing was created; retrying in 2s…", // 1.5s, rounded
			"Sending the request again (attempt 3)…",
		}, 3},
		{"overloaded after it was made", api.Spec{Name: "ml"}, "529-after-commit", []string{
			"Sending the request…",
			"The API is overloaded (529) (request-id req_…); the request may have landed, so it is not sent again: looking for the workspace…",
		}, 1},
		{"overloaded, not made", api.Spec{Name: "ml"}, "529", []string{
			"Sending the request…",
			"The API is overloaded (529) (request-id req_…); the request may have landed, so it is not sent again: looking for the workspace…",
			"Not found yet; looking again (look 2)…",
		}, 1},
		{"the key changed while checked", api.Spec{Name: "enc", ExternalKeyID: fakeapi.DemoExternalKeyAWS}, "409-key-changed", []string{
			"Sending the request…",
			"The encryption key changed while the API checked it; nothing was created. Validating the key again before sending once more…",
			"Sending the request again (attempt 2)…",
		}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, setup{spec: tc.spec, faults: tc.faults})
			s := f.s
			var got []string
			_, _ = s.Creator(func(ev api.Event) {
				got = append(got, requestID.ReplaceAllString(wizard.EventText(ev), "req_…"))
			}).Create(context.Background(), s.Spec())
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("events:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if n := posts(f.srv); n != tc.posts {
				t.Errorf("%d POSTs, want %d", n, tc.posts)
			}
		})
	}
}

// requestID matches the server's request ids, which differ run to run.
var requestID = regexp.MustCompile(`req_[A-Za-z0-9]+`)
