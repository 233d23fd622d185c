package app

import (
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

// demo-server --org new --users N: the new organization, N users, none of
// the demo organization's workspaces or profiles.
func TestDemoServerOrganizations(t *testing.T) {
	for _, tc := range []struct {
		preset                      fakeapi.Preset
		users, wantUsers, wantSpace int
		wantInvites                 int
	}{
		{fakeapi.PresetDemo, 0, 3, 2, 0},
		{fakeapi.PresetDemo, 10000, 10000, 2, 0},
		{fakeapi.PresetNew, 0, fakeapi.NewOrgUsers, 0, 1},
		{fakeapi.PresetNew, 40, 40, 0, 1},
	} {
		srv, _, err := startDemoOrg("", nil, tc.preset, tc.users)
		if err != nil {
			t.Fatal(err)
		}
		if len(srv.Users()) != tc.wantUsers || len(srv.Workspaces()) != tc.wantSpace || len(srv.Invites()) != tc.wantInvites {
			t.Errorf("--org %q --users %d: %d users, %d workspaces, %d invites", tc.preset, tc.users, len(srv.Users()), len(srv.Workspaces()), len(srv.Invites()))
		}
		srv.Close()
	}
}

func TestDemoServerRefusesBadOrgAndUsers(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"demo-server", "--org", "old"}, `--org: unknown organization "old"`},
		{[]string{"demo-server", "--users", "-1"}, "--users: give a number of users from 0 to 100000, not -1"},
		{[]string{"demo-server", "--users", "many"}, "--users"},
	} {
		r := runCLI(t, nil, nil, tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit 2 saying %q", tc.args, r.code, r.stderr, r.stdout, tc.want)
		}
	}
}
