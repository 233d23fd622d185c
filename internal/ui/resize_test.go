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

// screens reaches every screen and calls check on each at the current size.
func eachScreen(t *testing.T, w, hgt int, check func(h *harness, name string)) {
	var tags []api.Tag
	for i := range 20 {
		tags = append(tags, api.Tag{Key: "key" + itoa3(i), Value: "a-fairly-long-value-" + itoa3(i)})
	}
	h := newHarness(t, withSpec(api.Spec{Tags: tags}))
	h.send(tea.WindowSizeMsg{Width: w, Height: hgt})
	check(h, "name")
	h.typeText("resized")
	h.press("enter")
	check(h, "tags")
	h.typeText("anthropic=bad")
	check(h, "tags with error")
	h.press("ctrl+u", "enter")
	check(h, "residency")
	h.press("enter", "down")
	check(h, "encryption")
	h.press("enter")
	check(h, "encryption keys")
	h.press("esc", "up", "enter")
	check(h, "review")
	h.fault("429,429,429,429")
	h.press("enter")
	check(h, "failed")
	h.press("r")
	check(h, "result")
	h.press("m")
	check(h, "members")
	h.press("space", "tab", "enter")
	check(h, "members added")
	h.press("enter")
	check(h, "result with members")
}

func TestSmallAndLargeWindows(t *testing.T) {
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
	h := newHarness(t)
	before := h.m.View().Content
	h.send(tea.BackgroundColorMsg{Color: color.White})
	if h.m.isDark {
		t.Fatal("a white background was taken for dark")
	}
	after := h.m.View().Content
	if before == after {
		t.Error("the styles did not change for a light background")
	}
	if ansi.Strip(before) != ansi.Strip(after) {
		t.Error("the text changed with the background")
	}
}
