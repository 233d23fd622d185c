package app

import (
	"fmt"
	"net"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
)

// demoServerCommand runs the simulated Admin API on its own, seeded as
// --demo's, so that curl, a second terminal or any Admin API client can be
// pointed at it. It serves until the context ends (SIGINT, SIGTERM).
func (o *Options) demoServerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "demo-server [--addr 127.0.0.1:PORT] [--faults LIST] [--org demo|new] [--users N]",
		Short: "Serve the simulated Admin API on a loopback port until Ctrl+C",
		Long: `Serve the simulated Admin API (the one --demo uses) on a loopback address until
Ctrl+C, for curl, a second terminal or any Admin API client. It accepts any key
that starts with sk-ant-admin; it prints one to use.`,
		Example: `workspace-wizard demo-server --addr 127.0.0.1:8080
workspace-wizard demo-server --faults 529-after-commit
workspace-wizard demo-server --org new --users 10000`,
		Args: cobra.ArbitraryArgs,
	}
	addr := cmd.Flags().String("addr", "127.0.0.1:0", "loopback address to listen on (port 0: a free port)")
	faultList := cmd.Flags().String("faults", o.Getenv(config.EnvDemoFaults),
		"make the simulated API fail, as --demo-faults does, e.g. 529,500-after-commit [$"+config.EnvDemoFaults+"]")
	cmd.Flags().Lookup("faults").DefValue = ""
	org := cmd.Flags().String("org", "demo", "the organization: demo (as --demo's) or new (no workspaces yet, a dozen users, a pending invite)")
	users := cmd.Flags().Int("users", 0, "make the organization this many users, its own first, then generated ones (e.g. 10000); 0 keeps its own")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &config.UsageError{Msg: config.FlagErrorMessage(err)}
	})
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var msgs []string
		if len(args) > 0 {
			msgs = append(msgs, fmt.Sprintf("unexpected argument %q: demo-server takes only --addr, --faults, --org and --users", args[0]))
		}
		if err := checkLoopback(*addr); err != nil {
			msgs = append(msgs, "--addr: "+err.Error())
		}
		faults, err := fakeapi.ParseFaults(*faultList)
		if err != nil {
			msgs = append(msgs, "--faults: "+err.Error())
		}
		preset, err := fakeapi.ParsePreset(*org)
		if err != nil {
			msgs = append(msgs, "--org: "+err.Error())
		}
		if *users < 0 || *users > maxDemoUsers {
			msgs = append(msgs, fmt.Sprintf("--users: give a number of users from 0 to %d, not %d", maxDemoUsers, *users))
		}
		if len(msgs) > 0 {
			return &config.UsageError{Msg: strings.Join(msgs, "\n")}
		}
		srv, url, err := startDemoOrg(*addr, faults, preset, *users)
		if err != nil {
			return err
		}
		defer srv.Close()
		out := o.Out
		fmt.Fprintf(out, "The simulated Admin API is listening on %s (Ctrl+C stops it).\n", url)
		fmt.Fprintf(out, "Admin key to use (any sk-ant-admin… key is accepted): %s\n\n", fakeapi.DemoKey)
		fmt.Fprintf(out, "  curl -s %s/v1/organizations/me -H 'x-api-key: %s' -H 'anthropic-version: 2026-10-21'\n", url, fakeapi.DemoKey)
		fmt.Fprintf(out, "  %s=%s workspace-wizard --base-url %s\n", config.EnvAdminKey, fakeapi.DemoKey, url)
		<-cmd.Context().Done()
		srv.Close()
		fmt.Fprintln(o.ErrOut, "Stopped the simulated Admin API.")
		return nil
	}
	return cmd
}

// checkLoopback refuses any address but a loopback one: the simulated API
// accepts any admin key, so it must not be reachable from elsewhere.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not HOST:PORT; use for example 127.0.0.1:8080", addr)
	}
	if !api.IsLoopback(host) {
		return fmt.Errorf("%q is not a loopback address; the simulated API accepts any key, so it listens only on 127.0.0.1, ::1 or localhost", host)
	}
	return nil
}

// maxDemoUsers bounds demo-server --users: enough for any demo, small
// enough to stay quick.
const maxDemoUsers = 100_000

// startDemoOrg starts the simulated Admin API on addr ("" for a free
// loopback port) as a preset organization with users users (0:
// the preset's own). Only the demo organization gets the demo workspaces
// and user profiles.
func startDemoOrg(addr string, faults []fakeapi.Fault, preset fakeapi.Preset, users int) (*fakeapi.Server, string, error) {
	srv := fakeapi.New(fakeapi.Options{Addr: addr, Preset: preset, Users: users})
	url, err := srv.Start()
	if err != nil {
		return nil, "", fmt.Errorf("start the simulated Admin API: %w", err)
	}
	if preset == fakeapi.PresetDemo {
		for _, w := range fakeapi.DemoWorkspaces() {
			srv.AddWorkspace(w)
		}
		for _, p := range fakeapi.DemoUserProfiles() {
			srv.AddUserProfile(p)
		}
	}
	srv.AddFaults(faults...)
	return srv, url, nil
}
