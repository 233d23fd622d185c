package picker_test

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/picker"
)

// usersPage is what a parent's list command answers with: one page of the
// organization's users, or why the listing stopped.
type usersPage struct {
	users []picker.User
	more  bool
	err   error
}

// membersScreen is a parent: it owns the picker, feeds it pages, routes
// messages to it, draws its help, and hears back from it.
type membersScreen struct {
	picker picker.Model
	help   help.Model
	added  []picker.User
}

func newMembersScreen(lookup func(email string) tea.Cmd) membersScreen {
	return membersScreen{
		picker: picker.New(picker.Options{
			Styles:      picker.DefaultStyles(true),
			LookupEmail: lookup, // a command answering with picker.LookupResultMsg
			LookupDelay: picker.DefaultLookupDelay,
		}),
		help: help.New(),
	}
}

func (s membersScreen) Update(msg tea.Msg) (membersScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.picker.SetSize(msg.Width, msg.Height-1) // a line for the help
		return s, nil
	case usersPage:
		if msg.err != nil {
			s.picker.Incomplete(msg.err)
		} else {
			s.picker.AppendUsers(msg.users, msg.more) // and ask for the next page
		}
		return s, nil
	case picker.SubmitMsg:
		s.added = msg.Users // add them with msg.Role, one at a time
		return s, nil
	case picker.CancelMsg:
		return s, nil // back to the previous screen
	}
	var cmd tea.Cmd
	s.picker, cmd = s.picker.Update(msg)
	return s, cmd
}

func (s membersScreen) View() string {
	return s.picker.View() + "\n" + s.help.View(s.picker)
}

func Example() {
	s := newMembersScreen(nil)
	s, _ = s.Update(tea.WindowSizeMsg{Width: 80, Height: 12})
	s, _ = s.Update(usersPage{users: []picker.User{
		{ID: "user_1", Name: "Ada Lovelace", Email: "ada@example.org"},
		{ID: "user_2", Name: "Alan Turing", Email: "alan@example.org", MemberRole: "workspace_admin"},
	}, more: true})
	for _, k := range []tea.KeyPressMsg{
		{Code: 'a', Text: "a"}, {Code: 'd', Text: "d"}, // filter: "ad"
		{Code: tea.KeySpace, Text: " "}, // select Ada
		{Code: tea.KeyEnter},
	} {
		var cmd tea.Cmd
		s, cmd = s.Update(k)
		if cmd != nil {
			s, _ = s.Update(cmd()) // the runtime would deliver it
		}
	}
	fmt.Println(s.added[0].Name, s.picker.Role())
	// Output: Ada Lovelace workspace_developer
}
