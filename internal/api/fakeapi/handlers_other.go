package fakeapi

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// getOrganization is GET /v1/organizations/me.
func (s *Server) getOrganization(*call) (any, *apiError) {
	return organization{ID: s.orgID, Name: s.opts.OrgName, Type: "organization"}, nil
}

// cursorPage is the API's PageCursor: {data, next_page}.
type cursorPage[T any] struct {
	Data     []T     `json:"data"`
	NextPage *string `json:"next_page"`
}

const pageTokenPrefix = "ekpage_"

// listExternalKeys is GET /v1/organizations/external_keys?limit=&page=.
func (s *Server) listExternalKeys(c *call) (any, *apiError) {
	q := c.r.URL.Query()
	limit, err := limitParam(q.Get("limit"))
	if err != nil {
		return nil, err
	}
	offset := 0
	if p := q.Get("page"); p != "" {
		n, convErr := strconv.Atoi(strings.TrimPrefix(p, pageTokenPrefix))
		if !strings.HasPrefix(p, pageTokenPrefix) || convErr != nil || n < 0 {
			return nil, invalid("page: not a page token this API returned; pass next_page from the previous page")
		}
		offset = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := s.store.keys
	offset = min(offset, len(keys))
	end := min(offset+limit, len(keys))
	page := cursorPage[ExternalKey]{Data: []ExternalKey{}}
	for _, k := range keys[offset:end] {
		page.Data = append(page.Data, *k)
	}
	if end < len(keys) {
		next := pageTokenPrefix + strconv.Itoa(end)
		page.NextPage = &next
	}
	return page, nil
}

// getExternalKey is GET /v1/organizations/external_keys/{id}.
func (s *Server) getExternalKey(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.store.key(c.id)
	if k == nil {
		return nil, notFound(fmt.Sprintf("external key %s not found", c.id))
	}
	return *k, nil
}

// keyValidation is the API's external key validation result.
type keyValidation struct {
	Type   string  `json:"type"`
	Status string  `json:"status"`
	Error  *string `json:"error"`
}

// validateExternalKey is POST /v1/organizations/external_keys/{id}/validate.
func (s *Server) validateExternalKey(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.store.key(c.id)
	if k == nil {
		return nil, notFound(fmt.Sprintf("external key %s not found", c.id))
	}
	if k.ValidationError != "" {
		return keyValidation{Type: "external_key_validation", Status: "failure", Error: &k.ValidationError}, nil
	}
	return keyValidation{Type: "external_key_validation", Status: "success"}, nil
}

// listUsers is GET /v1/organizations/users?limit=&after_id=&before_id=&email=&roles[]=.
func (s *Server) listUsers(c *call) (any, *apiError) {
	q := c.r.URL.Query()
	email := q.Get("email")
	roles := append(q["roles[]"], q["roles"]...)
	keep := func(u User) bool {
		return (email == "" || strings.EqualFold(u.Email, email)) && (len(roles) == 0 || slices.Contains(roles, u.Role))
	}
	s.mu.Lock()
	users := slices.Clone(s.store.users)
	s.mu.Unlock()
	return paginate(users, keep, func(u User) string { return u.ID }, q)
}
