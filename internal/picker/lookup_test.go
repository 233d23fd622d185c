package picker

import (
	"errors"
	"strings"
	"testing"
)

func TestEmailLookup(t *testing.T) {
	newcomer := User{ID: "u9", Name: "Katherine Johnson", Email: "KJ@nasa.example"}
	tests := []struct {
		name    string
		typed   string
		answer  LookupResultMsg
		asked   []string
		again   bool // typing it again asks again
		want    []string
		notWant []string
	}{
		{
			name: "found: added to the list", typed: "kj@nasa.example",
			answer: LookupResultMsg{Email: "kj@nasa.example", Users: []User{newcomer}},
			asked:  []string{"kj@nasa.example"},
			want:   []string{"1 of 6 users", "Katherine Johnson", "KJ@nasa.example"}, notWant: []string{"looking up", "invite"},
		},
		{
			name: "not found", typed: "nobody@corp.example",
			asked:   []string{"nobody@corp.example"},
			want:    []string{"0 of 5 users", "no user with that email in the organization — invite them"},
			notWant: []string{"looking up"},
		},
		{
			name: "the API failed", typed: "nobody@corp.example",
			answer: LookupResultMsg{Email: "nobody@corp.example", Err: errors.New("403 permission_error")},
			asked:  []string{"nobody@corp.example"},
			want:   []string{"✗ could not look up nobody@corp.example: 403 permission_error"},
			again:  true,
		},
		{
			name: "an email already loaded is not asked for", typed: "ADA@example.org",
			want: []string{"1 of 5 users", "Ada Lovelace"}, notWant: []string{"looking up", "invite"},
		},
		{
			name: "part of an email is not asked for", typed: "ada@example",
			want: []string{"1 of 5 users"}, notWant: []string{"looking up", "invite"},
		},
		{
			name: "a longer email containing a loaded one is asked for", typed: "bada@example.org",
			asked: []string{"bada@example.org"},
			want:  []string{"0 of 5 users", "invite them"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, 120, 16, Options{})
			d.answer = func(string) LookupResultMsg { return tc.answer }
			if tc.answer.Email == "" {
				d.answer = nil // none found
			}
			d.m.AppendUsers(people(), false)
			d.hold, d.fast = true, true // a typist, and an API that takes a while
			d.typeText(tc.typed)
			d.pause()
			if tc.asked != nil {
				d.wantIn("looking up " + tc.asked[0] + "…")
			}
			d.answerAll()
			if strings.Join(d.asked, ",") != strings.Join(tc.asked, ",") {
				t.Errorf("asked the API for %q, want %q", d.asked, tc.asked)
			}
			d.wantIn(tc.want...)
			d.wantOut(tc.notWant...)

			// Typing it again asks nothing more: the answer is remembered,
			// unless there was none.
			asked := len(d.asked)
			d.keys("ctrl+u")
			d.typeText(tc.typed)
			d.pause()
			d.answerAll()
			if again := len(d.asked) > asked; again != tc.again {
				t.Errorf("typed again, asked again %v, want %v: %q", again, tc.again, d.asked)
			}
		})
	}
}

func TestFoundUserCanBeSelected(t *testing.T) {
	d := newDriver(t, 80, 16, Options{})
	d.answer = func(email string) LookupResultMsg {
		return LookupResultMsg{Email: email, Users: []User{{ID: "u9", Name: "Katherine Johnson", Email: email}}}
	}
	d.m.AppendUsers(people(), true) // more pages to come: she may be on one
	d.fast = true
	d.typeText("kj@nasa.example")
	d.pause()
	d.keys("space", "enter")
	got := d.out[0].(SubmitMsg).Users
	if len(got) != 1 || got[0].ID != "u9" {
		t.Errorf("submitted %+v, want the user looked up", got)
	}
	// Her page arrives later: she is listed once.
	d.m.AppendUsers([]User{{ID: "u9", Name: "Katherine Johnson", Email: "kj@nasa.example"}}, false)
	d.keys("ctrl+u")
	d.wantIn("6 of 6 users", "1 selected")
}

// Typing faster than LookupDelay asks once, for the email the typing
// stopped at, not for every prefix that looked like an email.
func TestLookupWaitsForTypingToPause(t *testing.T) {
	d := newDriver(t, 80, 16, Options{})
	d.m.AppendUsers(people(), false)
	d.fast = true
	d.typeText("bob@corp.io") // "bob@corp.i" looks like an email too
	d.wantIn("looking up bob@corp.io…")
	d.pause()
	if strings.Join(d.asked, ",") != "bob@corp.io" {
		t.Errorf("asked for %q, want bob@corp.io only", d.asked)
	}

	// Typing on past an email before the pause asks nothing.
	d.asked = nil
	d.keys("ctrl+u")
	d.typeText("eve@corp.io")
	d.typeText("x")
	d.keys("ctrl+u")
	d.pause()
	if len(d.asked) != 0 {
		t.Errorf("asked for %q after the email was typed over", d.asked)
	}
	d.wantOut("looking up")
}

func TestNoLookupFunc(t *testing.T) {
	d := &driver{t: t, m: New(Options{})} // no LookupEmail
	d.m.SetSize(80, 16)
	d.m.AppendUsers(people(), true)
	d.typeText("kj@nasa.example")
	d.wantIn("no user loaded has that email; more are loading")
}
