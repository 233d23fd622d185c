//lint:file-ignore ST1005 the messages are the real API's validation messages, which start with a capital letter

package fakeapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// workspaceInput is a create or update body, decoded field by field so that
// every error names the JSON path of its field. Nil means "not sent".
type workspaceInput struct {
	name         *string
	tags         map[string]string // nil when not sent
	untag        []string          // on update, tag keys sent as null: removed
	workspaceGeo *string
	allowedGeos  *string // flag form: "unrestricted" or "us,global"
	defaultGeo   *string
	externalKey  *string // on update, an explicit null is "" (detach)
	displayColor *string
	userProfile  *string // permanent once set; on update, set only where none is
}

var (
	errWantString = errors.New("Input should be a valid string")
	errWantObject = errors.New("Input should be a valid dictionary or object")
	errExtra      = errors.New("Extra inputs are not permitted")
	errRequired   = errors.New("Field required")
	errEmpty      = errors.New("must not be empty; leave the field out to get the default")
)

// decodeWorkspaceInput reads a create body, or an update body when update.
func decodeWorkspaceInput(body []byte, update bool) (workspaceInput, *apiError) {
	var in workspaceInput
	if update && len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	fields := []string{rules.FieldName, rules.FieldTags, "data_residency", rules.FieldExternalKeyID, rules.FieldDisplayColor, rules.FieldUserProfileID}
	top, err := decodeObject("body", body, fields)
	if err != nil {
		return in, err
	}
	switch raw, ok := top[rules.FieldName]; {
	case ok && !(update && isNull(raw)):
		if in.name, err = decodeString(rules.FieldName, raw, false); err != nil {
			return in, err
		}
	case !update:
		return in, invalidField(rules.FieldName, errRequired)
	}
	if raw, ok := top[rules.FieldTags]; ok && !isNull(raw) {
		if in.tags, in.untag, err = decodeTags(raw, update); err != nil {
			return in, err
		}
	}
	if raw, ok := top["data_residency"]; ok && !isNull(raw) {
		if err := in.decodeResidency(raw, update); err != nil {
			return in, err
		}
	}
	if raw, ok := top[rules.FieldExternalKeyID]; ok {
		if isNull(raw) {
			if update {
				in.externalKey = new(string)
			}
		} else if in.externalKey, err = decodeString(rules.FieldExternalKeyID, raw, true); err != nil {
			return in, err
		}
	}
	if raw, ok := top[rules.FieldDisplayColor]; ok && !isNull(raw) {
		if in.displayColor, err = decodeString(rules.FieldDisplayColor, raw, true); err != nil {
			return in, err
		}
	}
	if raw, ok := top[rules.FieldUserProfileID]; ok && !isNull(raw) {
		if in.userProfile, err = decodeString(rules.FieldUserProfileID, raw, true); err != nil {
			return in, err
		}
	}
	return in, nil
}

func (in *workspaceInput) decodeResidency(raw json.RawMessage, update bool) *apiError {
	fields := []string{"workspace_geo", "allowed_inference_geos", "default_inference_geo"}
	if update {
		fields = fields[1:]
	}
	dr, err := decodeObject("data_residency", raw, fields)
	if err != nil {
		if update && strings.HasPrefix(err.msg, rules.FieldWorkspaceGeo+":") {
			err.msg = rules.FieldWorkspaceGeo + ": the workspace geo cannot be changed after the workspace is created"
		}
		return err
	}
	if raw, ok := dr["workspace_geo"]; ok && !isNull(raw) {
		if in.workspaceGeo, err = decodeString(rules.FieldWorkspaceGeo, raw, true); err != nil {
			return err
		}
	}
	if raw, ok := dr["allowed_inference_geos"]; ok && !isNull(raw) {
		if in.allowedGeos, err = decodeAllowedGeos(raw); err != nil {
			return err
		}
	}
	if raw, ok := dr["default_inference_geo"]; ok && !isNull(raw) {
		if in.defaultGeo, err = decodeString(rules.FieldDefaultGeo, raw, true); err != nil {
			return err
		}
	}
	return nil
}

// decodeAllowedGeos turns the JSON union (the string "unrestricted" or a
// list of geos) into the flag form the shared rules take.
func decodeAllowedGeos(raw json.RawMessage) (*string, *apiError) {
	field := rules.FieldAllowedGeos
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s != api.Unrestricted {
			return nil, invalidField(field, fmt.Errorf("Input should be %q or a list of geos such as [\"us\"] (got %q)", api.Unrestricted, s))
		}
		return &s, nil
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return nil, invalidField(field, fmt.Errorf("Input should be %q or a list of geos such as [\"us\"]", api.Unrestricted))
	}
	if len(list) == 0 {
		// The shared rule's message for a set with no geos in it.
		return nil, invalidField(field, rules.ValidateAllowedGeos(" "))
	}
	geos := make([]string, len(list))
	for i, item := range list {
		g, err := decodeString(fmt.Sprintf("%s[%d]", field, i), item, false)
		if err != nil {
			return nil, err
		}
		switch {
		case *g == api.Unrestricted:
			return nil, invalidField(field, fmt.Errorf("%q stands alone, as a string rather than a list entry; send \"unrestricted\" or a list of geos", api.Unrestricted))
		case !slices.Equal(api.SplitGeos(*g), []string{*g}):
			return nil, invalidField(field, fmt.Errorf("%q is not a single geo; give each geo as its own string, like [\"us\", \"global\"]", *g))
		}
		geos[i] = *g
	}
	joined := strings.Join(geos, ",")
	return &joined, nil
}

// decodeTags reads tags. On update (a partial update) a key whose value is
// null is a tag to remove; it is returned in untag, sorted.
func decodeTags(raw json.RawMessage, update bool) (tags map[string]string, untag []string, _ *apiError) {
	obj, err := decodeObject(rules.FieldTags, raw, nil)
	if err != nil {
		return nil, nil, err
	}
	tags = make(map[string]string, len(obj))
	for k, v := range obj {
		if update && isNull(v) {
			untag = append(untag, k)
			continue
		}
		s, err := decodeString(rules.FieldTags+"."+k, v, false)
		if err != nil {
			return nil, nil, err
		}
		tags[k] = *s
	}
	slices.Sort(untag)
	return tags, untag, nil
}

// decodeObject reads a JSON object. With fields non-nil, a key outside
// fields is refused as an extra input (the alphabetically first one named).
func decodeObject(path string, raw []byte, fields []string) (map[string]json.RawMessage, *apiError) {
	if !json.Valid(raw) {
		return nil, invalid(path + ": the request body is not valid JSON")
	}
	var obj map[string]json.RawMessage
	if isNull(raw) || json.Unmarshal(raw, &obj) != nil {
		return nil, invalidField(path, errWantObject)
	}
	if fields == nil {
		return obj, nil
	}
	var extra []string
	for k := range obj {
		if !slices.Contains(fields, k) {
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		prefix := ""
		if path != "body" {
			prefix = path + "."
		}
		return nil, invalidField(prefix+extra[0], errExtra)
	}
	return obj, nil
}

// decodeString reads a JSON string; with nonEmpty, "" is refused (an
// explicit empty value is not the same as leaving the field out).
func decodeString(path string, raw json.RawMessage, nonEmpty bool) (*string, *apiError) {
	var s string
	if isNull(raw) || json.Unmarshal(raw, &s) != nil {
		return nil, invalidField(path, errWantString)
	}
	if nonEmpty && s == "" {
		return nil, invalidField(path, errEmpty)
	}
	return &s, nil
}

func isNull(raw []byte) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }
