package fakeapi

import (
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
)

// handler does one endpoint's work: it validates, applies the change (the
// "commit") and returns the value to answer with, or the API error.
type handler func(c *call) (any, *apiError)

// endpoint is what the router hands the pipeline: the fault target and the
// handler.
type endpoint struct {
	target string
	handle handler
}

// route is one Admin API endpoint, its path an http.ServeMux pattern whose
// {id} and {sub} the pipeline reads, unescaped, into call.id and call.sub.
type route struct {
	method, pattern, target string
	handle                  handler
}

func (s *Server) routes() []route {
	const org = "/v1/organizations"
	return []route{
		{http.MethodGet, org + "/me", TargetMe, s.getOrganization},
		{http.MethodGet, org + "/workspaces", TargetList, s.listWorkspaces},
		{http.MethodPost, org + "/workspaces", TargetCreate, s.createWorkspace},
		{http.MethodGet, org + "/workspaces/{id}", TargetGet, s.getWorkspace},
		{http.MethodPost, org + "/workspaces/{id}", TargetUpdate, s.updateWorkspace},
		{http.MethodPost, org + "/workspaces/{id}/archive", TargetArchive, s.archiveWorkspace},
		{http.MethodPost, org + "/workspaces/{id}/members", TargetMembers, s.addMember},
		{http.MethodGet, org + "/workspaces/{id}/members", TargetMemberList, s.listMembers},
		{http.MethodGet, org + "/workspaces/{id}/members/{sub}", TargetMember, s.getMember},
		{http.MethodPost, org + "/workspaces/{id}/members/{sub}", TargetMemberUpdate, s.updateMember},
		{http.MethodDelete, org + "/workspaces/{id}/members/{sub}", TargetMemberDelete, s.deleteMember},
		{http.MethodGet, org + "/workspaces/{id}/rate_limits", TargetWorkspaceRateLimits, s.listWorkspaceRateLimits},
		{http.MethodPost, org + "/workspaces/{id}/rate_limits/{sub}", TargetWorkspaceRateLimitUpdate, s.updateWorkspaceRateLimit},
		{http.MethodGet, org + "/rate_limits", TargetRateLimits, s.listRateLimits},
		{http.MethodPost, org + "/invites", TargetInviteCreate, s.createInvite},
		{http.MethodGet, org + "/invites", TargetInvites, s.listInvites},
		{http.MethodGet, org + "/invites/{id}", TargetInvite, s.getInvite},
		{http.MethodDelete, org + "/invites/{id}", TargetInviteDelete, s.deleteInvite},
		{http.MethodGet, org + "/external_keys", TargetKeys, s.listExternalKeys},
		{http.MethodGet, org + "/external_keys/{id}", TargetKey, s.getExternalKey},
		{http.MethodPost, org + "/external_keys/{id}/validate", TargetValidate, s.validateExternalKey},
		{http.MethodGet, org + "/users", TargetUsers, s.listUsers},
		{http.MethodGet, "/v1/user_profiles", TargetProfiles, s.listUserProfiles},
	}
}

// newMux sends each route's method and path through the pipeline. Another
// method on a served path is 405 and any other path 404, both answered by
// the pipeline with the API's error body. http.ServeMux matches the escaped
// path segment by segment, so an id with an escaped "/" (an ARN) stays one
// segment.
func (s *Server) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	allowed := map[string][]string{}
	for _, rt := range s.routes() {
		ep := endpoint{target: rt.target, handle: rt.handle}
		mux.HandleFunc(rt.method+" "+rt.pattern, func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, ep) })
		allowed[rt.pattern] = append(allowed[rt.pattern], rt.method)
	}
	for pattern, methods := range allowed {
		slices.Sort(methods)
		ep := endpoint{handle: methodNotAllowed(methods)}
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, ep) })
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, endpoint{handle: pathNotFound}) })
	return mux
}

// ServeHTTP answers one Admin API request. A path that is not clean (a
// trailing or doubled "/", a "." or ".." segment) is 404 here, where
// http.ServeMux would answer with a redirect.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p := r.URL.EscapedPath(); !strings.HasPrefix(p, "/") || path.Clean(p) != p {
		s.serve(w, r, endpoint{handle: pathNotFound})
		return
	}
	s.mux.ServeHTTP(w, r)
}

func pathNotFound(c *call) (any, *apiError) {
	return nil, notFound(fmt.Sprintf("Not found: %s %s is not an Admin API endpoint", c.r.Method, c.r.URL.Path))
}

func methodNotAllowed(allowed []string) handler {
	return func(c *call) (any, *apiError) {
		c.w.Header().Set("Allow", strings.Join(allowed, ", "))
		return nil, &apiError{status: http.StatusMethodNotAllowed, typ: typeInvalidRequest,
			msg: fmt.Sprintf("method %s is not allowed on %s; use %s", c.r.Method, c.r.URL.Path, strings.Join(allowed, " or "))}
	}
}
