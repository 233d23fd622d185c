package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/config"
	"github.com/anthropic-tools/workspace-wizard/internal/plan"
	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// checkPin refuses, before anything is planned or sent, a plan file pinned
// (organization_id) to another organization than the key's: exit 2,
// naming both. A file without organization_id fits any organization and
// costs no request.
func (o *Options) checkPin(ctx context.Context, admin api.Admin, f *plan.File) error {
	if f == nil || f.OrganizationID == "" {
		return nil
	}
	org, err := admin.Organization(ctx)
	if err != nil {
		return err
	}
	var pin *plan.PinError
	if err := f.CheckPin(org.ID, org.Name); errors.As(err, &pin) {
		msg := fmt.Sprintf("The plan file is for organization %s, but the key belongs to organization %q (%s). Nothing was sent.\n"+
			"Use an admin key of organization %s, or, to use the file with %q, change its organization_id to %s.",
			termsafe.String(pin.FileOrgID), termsafe.String(pin.KeyOrg), termsafe.String(pin.KeyOrgID),
			termsafe.String(pin.FileOrgID), termsafe.String(pin.KeyOrg), termsafe.String(pin.KeyOrgID))
		fmt.Fprintln(o.ErrOut, msg)
		return &shownError{&config.UsageError{Msg: msg}}
	}
	return nil
}
