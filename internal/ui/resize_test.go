package ui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/charmbracelet/x/ansi"
)

// eachScreen reaches every screen and calls check on each at the current
// size. Before each check it asserts the screen is the one named, by text
// the user sees there at every size the tests use (down to 20×5), so a walk
// that silently stays on one screen fails.
func eachScreen(t *testing.T, w, hgt int, check func(h *harness, name string)) {
	var tags []api.Tag
	for i := range 20 {
		tags = append(tags, api.Tag{Key: "key" + itoa3(i), Value: "a-fairly-long-value-" + itoa3(i)})
	}
	h := newHarness(t, withSpec(api.Spec{Tags: tags}))
	h.send(tea.WindowSizeMsg{Width: w, Height: hgt})
	at := func(name string, shows ...string) {
		t.Helper()
		h.see(shows...)
		check(h, name)
	}
	at("name", "Step 1 of 5 · Name", "Workspace name")
	h.typeText("resized")
	h.press("enter")
	at("tags", "Step 2 of 5 · Tags")
	h.notSee("✗")
	h.typeText("anthropic=bad")
	at("tags with error", "Step 2 of 5 · Tags", "✗ tag key")
	h.press("ctrl+u", "enter")
	at("residency", "Step 3 of 5 · Data residency")
	h.press("enter", "down")
	at("encryption", "Step 4 of 5 · Encryption key", "from our cloud")
	h.press("enter")
	at("encryption keys", "Step 4 of 5 · Encryption key", "· aws")
	h.notSee("from our cloud")
	h.press("esc", "up", "enter")
	at("review", "Step 5 of 5 · Review")
	h.fault("429,429,429,429")
	h.press("enter")
	at("failed", "✗ Not created")
	h.press("r")
	at("result", "Created", "✓ Workspace")
	h.notSee("Not created")
	h.press("m")
	at("members", "Add members to “resized”", "Ada Admin")
	h.press("space", "enter")
	at("members added", "Add members to “resized”", "Added 1 of 1")
	h.press("enter")
	at("result with members", "Created", "✓ Workspace")
	h.notSee("Add members to")
}

func TestSmallAndLargeWindows(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{40, 12}, {120, 40}, {20, 5}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			eachScreen(t, size[0], size[1], func(h *harness, name string) {
				s := h.screen()
				lines := strings.Split(s, "\n")
				if len(lines) > size[1] {
					t.Errorf("%s: %d lines in a %d-line window:\n%s", name, len(lines), size[1], s)
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("%s: line %q is %d wide in a %d-column window", name, l, w, size[0])
					}
				}
				if size[1] >= 12 && (name == "name" || strings.HasPrefix(name, "tags")) && !strings.Contains(s, "> ") {
					t.Errorf("%s: the input line is not visible:\n%s", name, s)
				}
				if size[1] >= 12 && name == "tags with error" && !strings.Contains(s, "✗") {
					t.Errorf("%s: the error is not visible:\n%s", name, s)
				}
				if size[1] >= 12 && name == "members" && !strings.Contains(s, "› [ ] Ada Admin") {
					t.Errorf("%s: the cursor is not visible:\n%s", name, s)
				}
				if size[1] >= 12 && name == "members added" && !strings.Contains(s, "✓ Ada Admin: added") {
					t.Errorf("%s: the add is not visible:\n%s", name, s)
				}
				if size[1] >= 12 && name == "review" && !strings.Contains(s, "Create workspace") {
					t.Errorf("%s: the Create button is not visible:\n%s", name, s)
				}
			})
		})
	}
}

func TestTagsAt40x12(t *testing.T) {
	t.Parallel()
	var tags []api.Tag
	for i := range 20 {
		tags = append(tags, api.Tag{Key: "key" + itoa3(i), Value: "v"})
	}
	h := newHarness(t, withSpec(api.Spec{Name: "small", Tags: tags}))
	h.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	h.press("enter")
	h.golden("tags_40x12")
	h.press("up", "up", "up", "up", "up", "up", "up", "up")
	h.see("› key" + itoa3(12))
}

func TestLightBackgroundRestyles(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	before := h.m.View().Content
	h.send(tea.BackgroundColorMsg{Color: color.White})
	after := h.m.View().Content
	if before == after {
		t.Error("the styles did not change for a light background")
	}
	if ansi.Strip(before) != ansi.Strip(after) {
		t.Error("the text changed with the background")
	}
}
