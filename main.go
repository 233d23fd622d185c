// Command workspace-wizard creates an Anthropic workspace through the Admin
// API: an interactive wizard at a terminal, flags in and JSON out without one.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
