package plan

import (
	"fmt"
	"regexp"
)

// organizationIDPattern is what an organization id may look like in a
// plan file: the API's ids are UUIDs; letters, digits, '-' and '_' leave
// room for other forms without letting anything odd reach a terminal.
const organizationIDPattern = `^[A-Za-z0-9_-]{1,128}$`

var organizationIDRe = regexp.MustCompile(organizationIDPattern)

func validateOrganizationID(s string) error {
	if !organizationIDRe.MatchString(s) {
		return fmt.Errorf("an organization id is letters, digits, '-' and '_' (a UUID, as GET /v1/organizations/me gives it, or workspace-wizard export writes it); got %q", s)
	}
	return nil
}

// PinError is a plan file pinned (organization_id) to another organization
// than the one the key belongs to.
type PinError struct {
	FileOrgID string
	KeyOrgID  string
	KeyOrg    string // the name of the key's organization
}

func (e *PinError) Error() string {
	return fmt.Sprintf("the plan file is pinned to organization %s, but the key belongs to %q (%s)", e.FileOrgID, e.KeyOrg, e.KeyOrgID)
}

// CheckPin returns a *PinError when f is pinned to another organization
// than id (named name); a file without organization_id fits any.
func (f *File) CheckPin(id, name string) error {
	if f == nil || f.OrganizationID == "" || f.OrganizationID == id {
		return nil
	}
	return &PinError{FileOrgID: f.OrganizationID, KeyOrgID: id, KeyOrg: name}
}
