package fakeapi

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// handler does one endpoint's work: it validates, applies the change (the
// "commit") and returns the value to answer with, or the API error.
type handler func(c *call) (any, *apiError)

type endpoint struct {
	target string
	handle handler
}

// route finds the handler for c's method and path and sets c.id and
// c.target. Unknown paths are 404 and known paths with the wrong method 405.
func (s *Server) route(c *call) (handler, *apiError) {
	method, path := c.r.Method, c.r.URL.Path
	methods := s.endpoints(path, &c.id)
	if methods == nil {
		return nil, notFound(fmt.Sprintf("Not found: %s %s is not an Admin API endpoint", method, path))
	}
	ep, ok := methods[method]
	if !ok {
		allowed := make([]string, 0, len(methods))
		for m := range methods {
			allowed = append(allowed, m)
		}
		slices.Sort(allowed)
		c.w.Header().Set("Allow", strings.Join(allowed, ", "))
		return nil, &apiError{status: http.StatusMethodNotAllowed, typ: typeInvalidRequest,
			msg: fmt.Sprintf("method %s is not allowed on %s; use %s", method, path, strings.Join(allowed, " or "))}
	}
	c.target = ep.target
	return ep.handle, nil
}

// endpoints returns the methods served at path, setting *id from the path's
// {id} segment; nil when nothing is served there.
func (s *Server) endpoints(path string, id *string) map[string]endpoint {
	if path == "/v1/user_profiles" {
		return map[string]endpoint{http.MethodGet: {TargetProfiles, s.listUserProfiles}}
	}
	rest, ok := strings.CutPrefix(path, "/v1/organizations/")
	if !ok {
		return nil
	}
	seg := strings.Split(rest, "/")
	if len(seg) >= 2 {
		if seg[1] == "" {
			return nil
		}
		*id = seg[1]
	}
	switch len(seg) {
	case 1:
		switch seg[0] {
		case "me":
			return map[string]endpoint{http.MethodGet: {TargetMe, s.getOrganization}}
		case "workspaces":
			return map[string]endpoint{
				http.MethodGet:  {TargetList, s.listWorkspaces},
				http.MethodPost: {TargetCreate, s.createWorkspace},
			}
		case "external_keys":
			return map[string]endpoint{http.MethodGet: {TargetKeys, s.listExternalKeys}}
		case "users":
			return map[string]endpoint{http.MethodGet: {TargetUsers, s.listUsers}}
		}
	case 2:
		switch seg[0] {
		case "workspaces":
			return map[string]endpoint{
				http.MethodGet:  {TargetGet, s.getWorkspace},
				http.MethodPost: {TargetUpdate, s.updateWorkspace},
			}
		case "external_keys":
			return map[string]endpoint{http.MethodGet: {TargetKey, s.getExternalKey}}
		}
	case 3:
		switch seg[0] + "/" + seg[2] {
		case "workspaces/archive":
			return map[string]endpoint{http.MethodPost: {TargetArchive, s.archiveWorkspace}}
		case "workspaces/members":
			return map[string]endpoint{http.MethodPost: {TargetMembers, s.addMember}}
		case "external_keys/validate":
			return map[string]endpoint{http.MethodPost: {TargetValidate, s.validateExternalKey}}
		}
	}
	return nil
}
