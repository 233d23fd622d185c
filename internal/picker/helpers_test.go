package picker

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// keyMsg is the key press a terminal sends for a key named as bubbles
// names it ("down", "ctrl+a", "space") or for one printable character.
func keyMsg(t testing.TB, name string) tea.KeyPressMsg {
	t.Helper()
	special := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	}
	if c, ok := special[name]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if name == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok && utf8.RuneCountInString(rest) == 1 {
		r, _ := utf8.DecodeRuneInString(rest)
		return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}
	}
	if utf8.RuneCountInString(name) == 1 {
		r, _ := utf8.DecodeRuneInString(name)
		return tea.KeyPressMsg{Code: r, Text: name}
	}
	t.Fatalf("no key called %q", name)
	return tea.KeyPressMsg{}
}

// driver drives a picker as the parent would: every message goes through
// Update, the commands it returns are run and their messages fed back,
// except the ones the picker sends its parent, which are kept. Look-ups
// reach a fake API that answers with answer (none found by default), at
// once or, while hold is set, when answerAll is called.
type driver struct {
	t       testing.TB
	m       Model
	asked   []string // emails LookupEmail was called with
	answer  func(email string) LookupResultMsg
	hold    bool
	pending []string // look-ups asked and not answered yet
	fast    bool     // typing faster than LookupDelay: the pauses wait for pause
	timers  []tea.Msg
	out     []tea.Msg // SubmitMsg and CancelMsg, in order
}

// apiCall is what the fake API's command returns: the driver answers it.
type apiCall struct{ email string }

func newDriver(t testing.TB, w, h int, o Options) *driver {
	t.Helper()
	d := &driver{t: t}
	if o.LookupEmail == nil {
		o.LookupEmail = func(email string) tea.Cmd {
			d.asked = append(d.asked, email)
			return func() tea.Msg { return apiCall{email} }
		}
	}
	d.m = New(o)
	d.m.SetSize(w, h)
	return d
}

func (d *driver) reply(email string) LookupResultMsg {
	if d.answer == nil {
		return LookupResultMsg{Email: email}
	}
	return d.answer(email)
}

// send delivers msg and whatever follows from it.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		var cmd tea.Cmd
		d.m, cmd = d.m.Update(queue[0])
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		switch got := cmd().(type) {
		case SubmitMsg, CancelMsg:
			d.out = append(d.out, got)
		case apiCall:
			if d.hold {
				d.pending = append(d.pending, got.email)
			} else {
				queue = append(queue, d.reply(got.email))
			}
		case lookupDueMsg:
			if d.fast {
				d.timers = append(d.timers, got)
			} else {
				queue = append(queue, got)
			}
		case nil:
		default:
			queue = append(queue, got)
		}
	}
}

// pause lets every LookupDelay typed through run out, in order.
func (d *driver) pause() {
	d.t.Helper()
	ts := d.timers
	d.timers = nil
	for _, m := range ts {
		d.send(m)
	}
}

// answerAll delivers the answers to the look-ups held so far.
func (d *driver) answerAll() {
	d.t.Helper()
	p := d.pending
	d.pending = nil
	for _, email := range p {
		d.send(d.reply(email))
	}
}

// keys presses each key in turn.
func (d *driver) keys(names ...string) {
	d.t.Helper()
	for _, n := range names {
		d.send(keyMsg(d.t, n))
	}
}

// typeText types s one character at a time.
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(keyMsg(d.t, string(r)))
	}
}

// view is the screen as text, colours stripped.
func (d *driver) view() string {
	d.t.Helper()
	return ansi.Strip(d.m.View())
}

// wantIn fails unless every want is on screen.
func (d *driver) wantIn(wants ...string) {
	d.t.Helper()
	v := d.view()
	for _, w := range wants {
		if !strings.Contains(v, w) {
			d.t.Errorf("screen lacks %q:\n%s", w, v)
		}
	}
}

// wantOut fails if any of these is on screen.
func (d *driver) wantOut(nots ...string) {
	d.t.Helper()
	v := d.view()
	for _, n := range nots {
		if strings.Contains(v, n) {
			d.t.Errorf("screen shows %q:\n%s", n, v)
		}
	}
}

// cursorRow is the line the › is on, its runs of spaces made one (the
// name column widens as longer names arrive).
func (d *driver) cursorRow() string {
	d.t.Helper()
	for _, l := range strings.Split(d.view(), "\n") {
		if strings.HasPrefix(l, "›") {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	return ""
}

// people are a small organization: two share a surname, one is a member.
func people() []User {
	return []User{
		{ID: "u1", Name: "Ada Lovelace", Email: "ada@example.org"},
		{ID: "u2", Name: "Grace Hopper", Email: "grace@navy.example"},
		{ID: "u3", Name: "Alan Turing", Email: "alan@example.org", MemberRole: "workspace_admin"},
		{ID: "u4", Name: "Edsger Dijkstra", Email: "ewd@example.nl"},
		{ID: "u5", Name: "Byron Lovelace", Email: "byron@example.com"},
	}
}

// generated is n users named and mailed after their number.
func generated(n int) []User {
	us := make([]User, n)
	for i := range us {
		us[i] = User{
			ID:    fmt.Sprintf("user_%06d", i),
			Name:  fmt.Sprintf("%s %s %d", first[i%len(first)], last[i%len(last)], i),
			Email: fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(first[i%len(first)]), strings.ToLower(last[(i/3)%len(last)]), i),
		}
	}
	return us
}

var (
	first = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Ken"}
	last  = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Hamilton", "Thompson", "Ritchie"}
)
