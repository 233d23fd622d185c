// Command bare is the smallest Bubble Tea v2 program: the baseline the
// wizard's start-up time and binary size are measured against
// (BenchmarkStartToFirstFrame/bare, and the README).
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

type model struct{}

func (model) Init() tea.Cmd { return nil }
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return m, tea.Quit
	}
	return m, nil
}
func (model) View() tea.View { return tea.NewView("  bare Bubble Tea\n\n  q quits") }

// main starts the program as the wizard does: a fallback size, drawing on
// stderr (stdout is kept for results).
func main() {
	if _, err := tea.NewProgram(model{}, tea.WithWindowSize(80, 24), tea.WithOutput(os.Stderr)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
