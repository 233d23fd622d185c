package ui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

func (m *Model) viewMembers(b *block) {
	s := m.styles
	st := &m.mem
	switch st.phase() {
	case memLoading:
		b.line(s.Title.Render("Members to add"))
		b.wrapAfter(s.Dim, m.spinner()+" ", "listing the organization's users…")
	case memListFailed:
		var e *api.Error
		switch {
		case errors.As(st.listErr, &e) && e.Kind == api.KindAuth:
			b.wrap(s.Error, "✗ This key may not list the organization's users: "+e.Message+e.RequestIDNote()+".")
		case st.listErr != nil:
			b.wrap(s.Error, "✗ Listing the organization's users failed: "+st.listErr.Error()+".")
		default:
			b.wrap(s.Warn, "⚠ The organization has no users to add.")
		}
		b.gap()
		b.wrap(s.Value, "The workspace is created. Members can be added in the Console: "+api.ConsoleURL)
	case memChoose:
		if st.err != "" {
			// Above the form, so it shows whichever question has focus.
			b.wrap(s.Error, "✗ "+st.err)
		}
		b.form(st.box)
	case memAdding, memDone:
		m.viewMemberRound(b)
	}
}

// viewMemberRound shows each add of the round: done (✓ or ✗ with the
// API's message), in flight, or waiting.
func (m *Model) viewMemberRound(b *block) {
	s := m.styles
	st := &m.mem
	n := len(st.round) + len(st.queue)
	if st.current != nil {
		n++
		b.wrap(s.Title, "Adding "+plural(n, "member")+" as "+string(st.v.Role))
	} else {
		ok := 0
		for _, r := range st.round {
			if r.err == nil {
				ok++
			}
		}
		b.wrap(s.Title, "Added "+strconv.Itoa(ok)+" of "+plural(n, "member")+" as "+string(st.v.Role))
	}
	for _, r := range st.round {
		if r.err == nil {
			b.wrap(s.OK, "✓ "+userName(r.user)+": added")
		} else {
			b.wrap(s.Error, "✗ "+userName(r.user)+": not added: "+addFailure(r.err))
		}
	}
	if st.current != nil {
		b.mark()
		b.wrapAfter(s.Value, m.spinner()+" ", userName(*st.current)+": adding…")
	}
	for _, u := range st.queue {
		b.wrap(s.Dim, "  "+userName(u)+": waiting")
	}
}

// viewResultMembers adds the members added so far to the result, and who
// could not be added.
func (m *Model) viewResultMembers(b *block, row func(label, value string)) {
	s := m.styles
	st := &m.mem
	added, notAdded := st.memberSummary()
	if len(added) > 0 {
		row("Members", m.text(strings.Join(added, ", ")))
	}
	for _, n := range notAdded {
		row("Not added", s.Error.Render("✗ ")+m.text(n))
	}
	if st.current != nil {
		done := len(st.round)
		total := done + 1 + len(st.queue)
		if m.done {
			text := "⚠ Stopped while adding " + userName(*st.current) + ", who may or may not have been added"
			if len(st.queue) > 0 {
				verb := " were not"
				if len(st.queue) == 1 {
					verb = " was not"
				}
				text += "; " + plural(len(st.queue), "other") + " waiting" + verb
			}
			b.wrap(s.Warn, text+". Check the workspace's members in the Console.")
		} else {
			b.wrap(s.Dim, "  Adding members: "+strconv.Itoa(done)+" of "+strconv.Itoa(total)+" done…")
		}
	}
}

// spinner is the spinner's frame, or a still dot where nothing animates.
func (m *Model) spinner() string {
	if !m.animate {
		return "•"
	}
	return m.spin.View()
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
