package plan_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/anthropic-tools/workspace-wizard/internal/plan"
)

// organization_id is read, written back after version, checked, and
// listed by the schema.
func TestOrganizationID(t *testing.T) {
	f := mustParse(t, "version: 1\norganization_id: 6f2b8a1e-0c4d-4e5f-9a7b-3c2d1e0f9a8b\n")
	if f.OrganizationID != "6f2b8a1e-0c4d-4e5f-9a7b-3c2d1e0f9a8b" {
		t.Fatalf("OrganizationID = %q", f.OrganizationID)
	}
	out, err := plan.Marshal(f)
	if err != nil || string(out) != "version: 1\norganization_id: 6f2b8a1e-0c4d-4e5f-9a7b-3c2d1e0f9a8b\n" {
		t.Errorf("Marshal: %v\n%s", err, out)
	}
	if back := mustParse(t, string(out)); !reflect.DeepEqual(back, f) {
		t.Errorf("round trip: %+v", back)
	}
	_, err = plan.Parse("org.yaml", []byte("version: 1\norganization_id: \"a b\\e[31m\"\n"))
	var errs plan.Errors
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Line != 2 || errs[0].Path != "organization_id" {
		t.Errorf("a bad id: %v", err)
	}
	if !strings.Contains(string(plan.Schema()), `"organization_id"`) {
		t.Error("the schema does not list organization_id")
	}
	var pin *plan.PinError
	if err := f.CheckPin("other", "Other org"); !errors.As(err, &pin) || pin.KeyOrg != "Other org" {
		t.Errorf("CheckPin(other) = %v", err)
	}
	if err := f.CheckPin(f.OrganizationID, "x"); err != nil {
		t.Errorf("CheckPin(same) = %v", err)
	}
	if err := (&plan.File{}).CheckPin("any", "x"); err != nil {
		t.Errorf("an unpinned file: %v", err)
	}
}
