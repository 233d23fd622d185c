package fakeapi

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Error codes the user-profile checks answer with, in error.details.error_code.
const (
	codeUserProfileNotFound = "user_profile_not_found"
)

// The demo organization's user profiles (see DemoUserProfiles).
const (
	DemoUserProfileNorthwind = "uprof_01JDemoNorthwindTrading"
	DemoUserProfileContoso   = "uprof_01JDemoContosoHealth00"
)

// UserProfile is a user profile of the organization: an end user or a
// resold-to company that inference requests name. Its JSON is the API's
// UserProfile object (the fields this project reads, and plausible values
// for the rest).
type UserProfile struct {
	ID         string
	Name       string // "" is served as null: the platform has not named it
	AccessType string // "application" (the API's default) or "passthrough"
	CreatedAt  time.Time
}

// MarshalJSON writes the API's UserProfile object.
func (p UserProfile) MarshalJSON() ([]byte, error) {
	access := p.AccessType
	if access == "" {
		access = "application"
	}
	return json.Marshal(map[string]any{
		"id":                  p.ID,
		"type":                "user_profile",
		"name":                nullable(p.Name),
		"access_type":         access,
		"created_at":          formatTime(p.CreatedAt),
		"updated_at":          formatTime(p.CreatedAt),
		"metadata":            map[string]string{},
		"enforcement_status":  "unrestricted",
		"enforcement_actions": []any{},
		"external_user_details": map[string]any{
			"account_status": nil, "country": nil, "email_hash": nil, "entity_type": nil,
			"name_hash": nil, "onboarded_at": nil, "reference_id": nil,
		},
		"programs": map[string]any{},
	})
}

// DemoUserProfiles are user profiles --demo's organization has, so that the
// wizard's user-profile step can be seen. New servers have none: add them
// with AddUserProfile.
func DemoUserProfiles() []UserProfile {
	day := func(d int) time.Time { return time.Date(2025, 8, d, 10, 0, 0, 0, time.UTC) }
	return []UserProfile{
		{ID: DemoUserProfileNorthwind, Name: "Northwind Trading", AccessType: "passthrough", CreatedAt: day(4)},
		{ID: DemoUserProfileContoso, Name: "Contoso Health", AccessType: "application", CreatedAt: day(12)},
	}
}

// AddUserProfile stores a user profile; an empty ID or CreatedAt is filled
// in. It returns what was stored.
func (s *Server) AddUserProfile(p UserProfile) UserProfile {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.ID == "" {
		p.ID = s.randID("uprof_", 24)
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = s.opts.Now().UTC()
	}
	s.store.profiles = append(s.store.profiles, p)
	return p
}

// UserProfiles returns the organization's user profiles, oldest first.
func (s *Server) UserProfiles() []UserProfile {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]UserProfile(nil), s.store.profiles...)
}

const profilePagePrefix = "uppage_"

// listUserProfiles is GET /v1/user_profiles?limit=&page=, newest first (the
// API's default order), limit 1–100 (default 20), cursor next_page.
func (s *Server) listUserProfiles(c *call) (any, *apiError) {
	q := c.r.URL.Query()
	limit := 20
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			return nil, invalid("limit: Input should be a valid integer")
		case n < 1:
			return nil, invalid("limit: Input should be greater than or equal to 1")
		case n > 100:
			return nil, invalid("limit: Input should be less than or equal to 100")
		}
		limit = n
	}
	offset := 0
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(p, profilePagePrefix))
		if !strings.HasPrefix(p, profilePagePrefix) || err != nil || n < 0 {
			return nil, invalid("page: not a page token this API returned; pass next_page from the previous page")
		}
		offset = n
	}
	s.mu.Lock()
	all := make([]UserProfile, len(s.store.profiles))
	for i, p := range s.store.profiles {
		all[len(all)-1-i] = p // newest first
	}
	s.mu.Unlock()
	offset = min(offset, len(all))
	end := min(offset+limit, len(all))
	page := cursorPage[UserProfile]{Data: append([]UserProfile{}, all[offset:end]...)}
	if end < len(all) {
		next := profilePagePrefix + strconv.Itoa(end)
		page.NextPage = &next
	}
	return page, nil
}

// checkUserProfile checks that id names one of the organization's user
// profiles; the caller holds s.mu.
func (s *Server) checkUserProfile(id string) *apiError {
	for _, p := range s.store.profiles {
		if p.ID == id {
			return nil
		}
	}
	e := invalid(fmt.Sprintf("user_profile_id: no user profile with id %s in this organization", id))
	e.code = codeUserProfileNotFound
	return e
}
