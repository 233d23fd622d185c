package fakeapi

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/rules"
)

// createWorkspace is POST /v1/organizations/workspaces.
func (s *Server) createWorkspace(c *call) (any, *apiError) {
	in, err := decodeWorkspaceInput(c.body, false)
	if err != nil {
		return nil, err
	}
	if err := checkRules(in, ""); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if in.externalKey != nil {
		if err := s.checkExternalKey(*in.externalKey); err != nil {
			return nil, err
		}
	}
	if in.userProfile != nil {
		if err := s.checkUserProfile(*in.userProfile); err != nil {
			return nil, err
		}
	}
	if s.store.active() >= s.opts.MaxWorkspaces {
		return nil, invalid(fmt.Sprintf("this organization already has %d workspaces, the limit; archive a workspace it no longer needs and try again", s.opts.MaxWorkspaces))
	}
	tags := in.tags
	if c.incomplete {
		tags = nil // a "503-incomplete" fault: the tags do not take effect
	}
	w := s.insertWorkspace(Workspace{
		Name:          *in.name,
		Tags:          tags,
		ExternalKeyID: deref(in.externalKey),
		DisplayColor:  deref(in.displayColor),
		UserProfileID: deref(in.userProfile),
		DataResidency: DataResidency{
			WorkspaceGeo:         deref(in.workspaceGeo),
			AllowedInferenceGeos: deref(in.allowedGeos),
			DefaultInferenceGeo:  deref(in.defaultGeo),
		},
	})
	return w.clone(), nil
}

// checkRules applies the project's shared field rules to the fields sent.
// currentAllowed is the workspace's allowed geos on update ("" on create),
// against which a new default geo is checked when the allowed set is kept.
func checkRules(in workspaceInput, currentAllowed string) *apiError {
	if in.name != nil {
		if err := rules.ValidateName(*in.name); err != nil {
			return invalidField(rules.FieldName, err)
		}
	}
	if err := rules.ValidateTags(api.SortedTags(in.tags)); err != nil {
		return invalidField(rules.FieldTags, err)
	}
	if err := rules.ValidateWorkspaceGeo(deref(in.workspaceGeo)); err != nil {
		return invalidField(rules.FieldWorkspaceGeo, err)
	}
	if err := rules.ValidateAllowedGeos(deref(in.allowedGeos)); err != nil {
		return invalidField(rules.FieldAllowedGeos, err)
	}
	if in.allowedGeos != nil || in.defaultGeo != nil || currentAllowed == "" {
		allowed := cmp.Or(deref(in.allowedGeos), currentAllowed)
		if err := rules.ValidateDefaultGeo(allowed, deref(in.defaultGeo)); err != nil {
			return invalidField(rules.FieldDefaultGeo, err)
		}
	}
	if err := rules.ValidateExternalKeyID(deref(in.externalKey)); err != nil {
		return invalidField(rules.FieldExternalKeyID, err)
	}
	if err := rules.ValidateDisplayColor(deref(in.displayColor)); err != nil {
		return invalidField(rules.FieldDisplayColor, err)
	}
	if err := rules.ValidateUserProfileID(deref(in.userProfile)); err != nil {
		return invalidField(rules.FieldUserProfileID, err)
	}
	return nil
}

// checkExternalKey checks that id names a key this organization may attach;
// the caller holds s.mu.
func (s *Server) checkExternalKey(id string) *apiError {
	switch {
	case s.opts.CMEKDisabled:
		return invalidField(rules.FieldExternalKeyID, errors.New("customer-managed encryption keys are not enabled for this organization; ask your account team"))
	case s.store.key(id) == nil:
		return invalidField(rules.FieldExternalKeyID, fmt.Errorf("no external key with id %s in this organization", id))
	}
	return nil
}

// getWorkspace is GET /v1/organizations/workspaces/{id}.
func (s *Server) getWorkspace(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.store.workspace(c.id)
	if w == nil {
		return nil, workspaceNotFound(c.id)
	}
	return w.clone(), nil
}

// updateWorkspace is POST /v1/organizations/workspaces/{id}, a partial
// update: fields not sent are unchanged. Tags merge: a key sent with a
// string is set, a key sent as null is removed, keys not sent stay. Name,
// display_color, inference geos, a first external key and a first user
// profile (sending the same one again changes nothing).
func (s *Server) updateWorkspace(c *call) (any, *apiError) {
	in, err := decodeWorkspaceInput(c.body, true)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.liveWorkspace(c.id, "is archived; an archived workspace cannot be changed")
	if err != nil {
		return nil, err
	}
	dr := w.DataResidency
	if in.defaultGeo == nil && in.allowedGeos != nil {
		in.defaultGeo = &dr.DefaultInferenceGeo // the kept default must fit the new set
	}
	if err := checkRules(in, dr.AllowedInferenceGeos); err != nil {
		return nil, err
	}
	tags := w.Tags
	if in.tags != nil {
		tags = maps.Clone(w.Tags)
		if tags == nil {
			tags = map[string]string{}
		}
		maps.Copy(tags, in.tags)
		for _, k := range in.untag {
			delete(tags, k)
		}
		if err := rules.ValidateTags(api.SortedTags(tags)); err != nil {
			return nil, invalidField(rules.FieldTags, err)
		}
	}
	newProfile := in.userProfile != nil && *in.userProfile != w.UserProfileID
	if newProfile {
		if w.UserProfileID != "" {
			return nil, invalidField(rules.FieldUserProfileID, fmt.Errorf("workspace %s already names user profile %s; a user profile cannot be replaced or removed", w.ID, w.UserProfileID))
		}
		if err := s.checkUserProfile(*in.userProfile); err != nil {
			return nil, err
		}
	}
	newKey := in.externalKey != nil && *in.externalKey != w.ExternalKeyID
	if newKey {
		if w.ExternalKeyID != "" {
			return nil, invalidField(rules.FieldExternalKeyID, fmt.Errorf("workspace %s already uses external key %s; a key is attached for good and cannot be replaced or detached", w.ID, w.ExternalKeyID))
		}
		if err := s.checkExternalKey(*in.externalKey); err != nil {
			return nil, err
		}
	}
	w.Tags = tags
	if c.partial {
		return w.clone(), nil // a "503-change-unknown" fault: only the tags were saved
	}
	if newKey {
		w.ExternalKeyID = *in.externalKey
		s.store.key(w.ExternalKeyID).Attached = true
	}
	if newProfile {
		w.UserProfileID = *in.userProfile
	}
	w.Name = cmp.Or(deref(in.name), w.Name)
	w.DisplayColor = cmp.Or(deref(in.displayColor), w.DisplayColor)
	w.DataResidency.AllowedInferenceGeos = cmp.Or(deref(in.allowedGeos), dr.AllowedInferenceGeos)
	w.DataResidency.DefaultInferenceGeo = cmp.Or(deref(in.defaultGeo), dr.DefaultInferenceGeo)
	return w.clone(), nil
}

// archiveWorkspace is POST /v1/organizations/workspaces/{id}/archive.
func (s *Server) archiveWorkspace(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.liveWorkspace(c.id, "is already archived")
	if err != nil {
		return nil, err
	}
	w.ArchivedAt = s.opts.Now().UTC()
	return w.clone(), nil
}

// listWorkspaces is GET /v1/organizations/workspaces, oldest first. The
// Default Workspace has no id and is never listed, so include_default is
// checked and otherwise ignored. ids[] (as the SDK sends it; plain ids is
// read too) keeps only the workspaces named, at most maxListIDs of them;
// include_archived still applies.
func (s *Server) listWorkspaces(c *call) (any, *apiError) {
	q := c.r.URL.Query()
	includeArchived, err := boolParam(q.Get("include_archived"), "include_archived")
	if err != nil {
		return nil, err
	}
	if _, err := boolParam(q.Get("include_default"), "include_default"); err != nil {
		return nil, err
	}
	only := append(q["ids[]"], q["ids"]...)
	if len(only) > maxListIDs {
		return nil, invalid(fmt.Sprintf("ids: List should have at most %d items after validation, not %d", maxListIDs, len(only)))
	}
	s.mu.Lock()
	all := make([]Workspace, len(s.store.workspaces))
	for i, w := range s.store.workspaces {
		all[i] = w.clone()
	}
	s.mu.Unlock()
	keep := func(w Workspace) bool {
		return (includeArchived || !w.Archived()) && (len(only) == 0 || slices.Contains(only, w.ID))
	}
	return paginate(all, keep, func(w Workspace) string { return w.ID }, q)
}

// maxListIDs is the most ids one workspace list may filter on.
const maxListIDs = 100

func workspaceNotFound(id string) *apiError {
	return notFound(fmt.Sprintf("workspace %s not found", id))
}

func boolParam(v, name string) (bool, *apiError) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, invalid(name + ": Input should be a valid boolean")
	}
	return b, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
