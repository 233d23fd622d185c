package picker

import (
	"errors"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestTypingFilters(t *testing.T) {
	tests := []struct {
		name    string
		keys    []string
		typed   string
		want    []string
		notWant []string
	}{
		{name: "nothing typed", want: []string{"5 of 5 users", "Ada Lovelace", "Byron Lovelace", "type a name or email"}},
		{name: "a name", typed: "lovelace", want: []string{"2 of 5 users", "Ada Lovelace", "Byron Lovelace"}, notWant: []string{"Grace"}},
		{name: "case does not matter", typed: "GRACE", want: []string{"1 of 5 users", "Grace Hopper", "filter: GRACE"}},
		{name: "an email", typed: "example.org", want: []string{"2 of 5 users", "Ada", "Alan"}, notWant: []string{"Grace", "Edsger"}},
		{name: "backspace widens", typed: "adax", keys: []string{"backspace"}, want: []string{"1 of 5 users", "Ada Lovelace"}},
		{name: "nothing matches", typed: "zz", want: []string{"0 of 5 users", "no user's name or email contains “zz”"}},
		{name: "ctrl+u clears", typed: "grace", keys: []string{"ctrl+u"}, want: []string{"5 of 5 users"}},
		{name: "esc clears first", typed: "grace", keys: []string{"esc"}, want: []string{"5 of 5 users"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, 80, 16, Options{})
			d.m.AppendUsers(people(), false)
			d.typeText(tc.typed)
			d.keys(tc.keys...)
			d.wantIn(tc.want...)
			d.wantOut(tc.notWant...)
			if len(d.out) != 0 {
				t.Errorf("the picker told its parent %v", d.out)
			}
		})
	}
}

func TestSelectionSurvivesFiltering(t *testing.T) {
	d := newDriver(t, 80, 16, Options{})
	d.m.AppendUsers(people(), false)
	d.typeText("ada")
	d.keys("space")
	d.wantIn("[x] Ada Lovelace", "1 of 5 users · 1 selected")

	d.keys("esc")
	d.typeText("grace")
	d.keys("tab")
	d.wantIn("1 of 5 users · 2 selected", "[x] Grace Hopper")
	d.wantOut("Ada")

	d.keys("ctrl+u")
	d.wantIn("[x] Ada Lovelace", "[x] Grace Hopper", "[ ] Byron Lovelace", "2 selected")

	d.keys("enter")
	if len(d.out) != 1 {
		t.Fatalf("enter sent %v, want one SubmitMsg", d.out)
	}
	got := d.out[0].(SubmitMsg)
	if len(got.Users) != 2 || got.Users[0].ID != "u1" || got.Users[1].ID != "u2" {
		t.Errorf("submitted %+v, want Ada then Grace", got.Users)
	}
	if got.Role != "workspace_developer" {
		t.Errorf("role %q, want the default workspace_developer", got.Role)
	}
}

func TestMembersCannotBeSelected(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want []string
		sel  []string // ids submitted
	}{
		{name: "marked", want: []string{"[-] Alan Turing", "member · admin"}},
		{name: "space says why", keys: []string{"space"}, want: []string{"Alan Turing is already a member (admin)", "1 of 5 users"}},
		{name: "ctrl+a skips them", keys: []string{"ctrl+u", "ctrl+a"}, want: []string{"selected 4 users shown (not 1 member)", "4 selected"},
			sel: []string{"u1", "u2", "u4", "u5"}},
		{name: "ctrl+a twice unselects", keys: []string{"ctrl+u", "ctrl+a", "ctrl+a"}, want: []string{"unselected 4 users shown"}},
		{name: "a member filtered alone", keys: []string{"ctrl+a"}, want: []string{"every user shown is a member already"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, 80, 16, Options{})
			d.m.AppendUsers(people(), false)
			d.typeText("alan")
			d.keys(tc.keys...)
			d.wantIn(tc.want...)
			d.keys("enter")
			if tc.sel == nil {
				if len(d.out) != 0 {
					t.Fatalf("enter with nobody chosen sent %v", d.out)
				}
				d.wantIn("✗ choose at least one user with space")
				return
			}
			got := d.out[0].(SubmitMsg)
			var ids []string
			for _, u := range got.Users {
				ids = append(ids, u.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.sel, ",") {
				t.Errorf("submitted %v, want %v", ids, tc.sel)
			}
		})
	}
}

func TestSetMembersUnselects(t *testing.T) {
	d := newDriver(t, 80, 16, Options{})
	d.m.AppendUsers(people(), false)
	d.typeText("grace")
	d.keys("space")
	d.wantIn("1 selected")
	d.m.SetMembers(map[string]string{"u2": "workspace_user"})
	d.wantIn("[-] Grace Hopper", "member · user")
	d.wantOut("selected")
}

func TestSetMembersBeforeTheirPage(t *testing.T) {
	d := newDriver(t, 80, 16, Options{})
	d.m.SetMembers(map[string]string{"u4": "workspace_developer"})
	d.m.AppendUsers(people(), false)
	d.typeText("edsger")
	d.keys("space")
	d.wantIn("[-] Edsger Dijkstra", "member · developer", "already a member (developer)")
	d.wantOut("selected")
}

func TestIncompleteThenResumed(t *testing.T) {
	d := newDriver(t, 80, 16, Options{})
	all := people()
	d.m.AppendUsers(all[:2], true)
	d.m.Incomplete(errors.New("timeout"))
	d.wantIn("list stopped at 2 users: timeout")
	d.m.AppendUsers(all[2:4], true) // the parent asked again
	d.wantOut("stopped")
	d.wantIn("loading… 4 so far")
	d.m.AppendUsers(all[4:], false)
	d.wantOut("stopped", "loading")
	d.wantIn("5 of 5 users")
}

func TestPagesArriveWhileFiltered(t *testing.T) {
	all := generated(3000)
	d := newDriver(t, 100, 20, Options{})
	d.wantIn("0 of 0 users", "listing the organization's users…")

	d.m.AppendUsers(all[:1000], true)
	d.wantIn("loading… 1,000 so far")
	d.typeText("hopper")
	d.keys("down", "down")
	before := d.cursorRow()
	if before == "" {
		t.Fatalf("no cursor row:\n%s", d.view())
	}
	count1 := d.view()

	d.m.AppendUsers(all[1000:2000], true)
	d.wantIn("loading… 2,000 so far", "of 2,000 users")
	if got := d.cursorRow(); got != before {
		t.Errorf("after a page the cursor is on\n%q, was on\n%q", got, before)
	}
	if d.view() == count1 {
		t.Errorf("the count did not change with a page of more hoppers")
	}

	d.keys("end")
	last := d.cursorRow()
	d.m.AppendUsers(all[2000:], false)
	d.wantOut("loading…")
	d.wantIn("of 3,000 users")
	if got := d.cursorRow(); got != last {
		t.Errorf("after the last page the cursor is on\n%q, was on\n%q", got, last)
	}
	var lastHopper User
	for _, u := range all {
		if strings.Contains(strings.ToLower(u.Name+"\n"+u.Email), "hopper") {
			lastHopper = u
		}
	}
	d.keys("end")
	if got := d.cursorRow(); !strings.Contains(got, lastHopper.Name+" ") {
		t.Errorf("end after the last page is on %q, want %q", got, lastHopper.Name)
	}
}

func TestPageUpdatesAUserAlreadyListed(t *testing.T) {
	d := newDriver(t, 80, 16, Options{})
	d.m.AppendUsers(people(), true)
	d.typeText("byron")
	d.m.AppendUsers([]User{{ID: "u5", Name: "Byron Lovelace", Email: "byron@example.com", MemberRole: "workspace_developer"}}, false)
	d.wantIn("1 of 5 users", "[-] Byron Lovelace", "member · developer")
}

func TestIncomplete(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{name: "a reason", err: errors.New("429 rate_limit_error (request-id req_1)"), want: "✗ list stopped at 5 users: 429 rate_limit_error (request-id req_1)"},
		{name: "no reason", err: nil, want: "✗ list stopped at 5 users: no reason given"},
		{name: "a hostile reason", err: errors.New("boom\x1b]52;c;aGk=\x07\nfake line"), want: "list stopped at 5 users: boom␛␊fake line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, 120, 16, Options{})
			d.m.AppendUsers(people(), true)
			d.m.Incomplete(tc.err)
			d.wantIn(tc.want, "5 of 5 users")
			d.wantOut("loading…")
			d.typeText("ada")
			d.keys("space", "enter")
			if len(d.out) != 1 {
				t.Errorf("the users listed are not usable after the list stopped: %v", d.out)
			}
		})
	}
}

func TestRole(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		{nil, "workspace_developer"},
		{[]string{"right"}, "workspace_restricted_developer"},
		{[]string{"ctrl+r", "ctrl+r"}, "workspace_user"},
		{[]string{"left"}, "workspace_admin"},
		{[]string{"left", "left"}, "workspace_user"},
	}
	for _, tc := range tests {
		t.Run(tc.want+strings.Join(tc.keys, ","), func(t *testing.T) {
			d := newDriver(t, 120, 16, Options{})
			d.m.AppendUsers(people(), false)
			d.keys(tc.keys...)
			d.wantIn("role: " + tc.want + " · ")
			d.keys("space", "enter")
			if got := d.out[0].(SubmitMsg).Role; string(got) != tc.want {
				t.Errorf("submitted role %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEscLeavesOnlyWithAnEmptyFilter(t *testing.T) {
	d := newDriver(t, 80, 16, Options{})
	d.m.AppendUsers(people(), false)
	d.typeText("ada")
	if got := ansi.Strip(help.New().View(d.m)); !strings.Contains(got, "esc clear filter") {
		t.Errorf("help with a filter: %q", got)
	}
	d.keys("esc")
	if len(d.out) != 0 {
		t.Fatalf("esc with a filter sent %v", d.out)
	}
	d.wantIn("5 of 5 users")
	if got := ansi.Strip(help.New().View(d.m)); !strings.Contains(got, "esc back") {
		t.Errorf("help without a filter: %q", got)
	}
	d.keys("esc")
	if len(d.out) != 1 {
		t.Fatalf("esc with no filter sent %v, want CancelMsg", d.out)
	}
	if _, ok := d.out[0].(CancelMsg); !ok {
		t.Errorf("esc sent %T", d.out[0])
	}
}

func TestMoving(t *testing.T) {
	tests := []struct {
		keys []string
		want string // on the cursor row
	}{
		{nil, "User 0 "},
		{[]string{"down", "down"}, "User 2 "},
		{[]string{"ctrl+n", "ctrl+n", "ctrl+p"}, "User 1 "},
		{[]string{"up"}, "User 0 "},
		{[]string{"pgdown"}, "User 9 "}, // 9 rows at 60x12
		{[]string{"pgdown", "pgdown", "pgup"}, "User 9 "},
		{[]string{"end"}, "User 99 "},
		{[]string{"end", "down"}, "User 99 "},
		{[]string{"end", "home"}, "User 0 "},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			var us []User
			for i := range 100 {
				us = append(us, User{ID: string(rune('a'+i%26)) + strings.Repeat("x", i/26), Name: "User " + itoa(i) + " ", Email: "u" + itoa(i) + "@x.io"})
			}
			d := newDriver(t, 60, 12, Options{})
			d.m.AppendUsers(us, false)
			d.keys(tc.keys...)
			if got := d.cursorRow(); !strings.Contains(got, tc.want) {
				t.Errorf("cursor row %q, want %q in it:\n%s", got, tc.want, d.view())
			}
		})
	}
}

func TestSizes(t *testing.T) {
	long := User{ID: "x", Name: strings.Repeat("Wolfeschlegelsteinhausenbergerdorff ", 3), Email: strings.Repeat("very.long.address", 4) + "@example.com", MemberRole: "workspace_restricted_developer"}
	wide := User{ID: "w", Name: "山田太郎さんのとても長い名前です", Email: "yamada@例え.jp"}
	for _, size := range [][2]int{{40, 12}, {120, 40}, {20, 6}, {80, 24}} {
		w, h := size[0], size[1]
		t.Run(itoa(w)+"x"+itoa(h), func(t *testing.T) {
			d := newDriver(t, w, h, Options{Styles: DefaultStyles(true)})
			d.m.AppendUsers(append(people(), long, wide), true)
			d.m.Incomplete(errors.New("the connection was reset by the server after 3 pages of users"))
			d.keys("down", "down", "space") // a member: a note under the list
			d.typeText("nobody@nowhere.example")
			d.answerAll()
			lines := strings.Split(d.m.View(), "\n")
			if len(lines) != h {
				t.Errorf("%d lines, want %d:\n%s", len(lines), h, d.view())
			}
			for _, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Errorf("line %d columns wide, more than %d: %q", lw, w, ansi.Strip(l))
				}
			}
			d.keys("ctrl+u")
			for _, l := range strings.Split(d.m.View(), "\n") {
				if lw := ansi.StringWidth(l); lw > w {
					t.Errorf("line %d columns wide, more than %d: %q", lw, w, ansi.Strip(l))
				}
			}
			if w >= 40 {
				d.wantIn("…", "[-] ", "member")
			}
		})
	}
}

func TestServerStringsAreMadeSafe(t *testing.T) {
	d := newDriver(t, 120, 16, Options{Styles: DefaultStyles(false)})
	d.m.AppendUsers([]User{
		{ID: "h1", Name: "Mallory\x1b]52;c;cm0gLXJmIH4=\x07", Email: "m\u202eallory@evil.example", MemberRole: "workspace_admin\x1b[2J"},
		{ID: "h2", Name: "Eve\r\nfake: line", Email: "eve@evil.example"},
	}, false)
	v := d.m.View()
	stripped := ansi.Strip(v)
	if strings.ContainsAny(stripped, "\x1b\x07\r\u202e") {
		t.Errorf("an escape or control reached the screen: %q", stripped)
	}
	if n := strings.Count(v, "\n") + 1; n != 16 {
		t.Errorf("a server string added lines: %d, want 16", n)
	}
	d.wantIn("Mallory␛", "m<U+202E>allory@evil.example", "Eve␍␊fake: line", "member · admin␛")
}

func TestTenThousandUsers(t *testing.T) {
	users := generated(10000)
	lastU := users[len(users)-1]
	d := newDriver(t, 120, 40, Options{})
	for i := 0; i < len(users); i += 1000 {
		d.m.AppendUsers(users[i:i+1000], i+1000 < len(users))
	}
	d.wantIn("10,000 of 10,000 users")
	part := lastU.Email[strings.Index(lastU.Email, "9999"):] // "9999@example.com"
	d.typeText(part)
	d.wantIn("1 of 10,000 users", lastU.Name, lastU.Email)
	d.keys("space")
	d.wantIn("[x] "+lastU.Name, "1 selected")
	d.keys("esc", "enter")
	if len(d.out) != 1 {
		t.Fatalf("enter sent %v", d.out)
	}
	if got := d.out[0].(SubmitMsg).Users; len(got) != 1 || got[0] != lastU {
		t.Errorf("submitted %+v, want %+v", got, lastU)
	}
}

func itoa(i int) string { return thousands(i) }

// Styles lend their colours and weight; their layout (padding, width,
// borders) is the picker's own, so a parent's boxed style cannot push a
// row past the width.
func TestStylesLendOnlyTheirLook(t *testing.T) {
	boxed := lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FF0000")).
		Padding(0, 3).Width(30).Border(lipgloss.RoundedBorder()).SetString("»")
	d := newDriver(t, 40, 12, Options{Styles: Styles{Cursor: boxed, Text: boxed, Dim: boxed}})
	d.m.AppendUsers(people(), false)
	v := d.m.View()
	if !strings.Contains(v, "\x1b[1;38;2;255;0;0m›") {
		t.Errorf("the cursor is not bold red: %q", v)
	}
	lines := strings.Split(v, "\n")
	if len(lines) != 12 {
		t.Errorf("%d lines, want 12", len(lines))
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line wider than 40: %q", ansi.Strip(l))
		}
	}
	d.wantIn("› [ ] Ada Lovelace")
	d.wantOut("»", "╭")
}
