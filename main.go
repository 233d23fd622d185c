// Command workspace-wizard creates an Anthropic workspace through the Admin
// API: an interactive wizard at a terminal, flags in and JSON out without one.
package main

import (
	"os"

	"github.com/anthropic-tools/workspace-wizard/internal/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
