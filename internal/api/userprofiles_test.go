package api_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
	"github.com/anthropic-tools/workspace-wizard/internal/api/fakeapi"
)

func TestListUserProfilesFollowsNextPage(t *testing.T) {
	c, srv := newClient(t, 5*time.Second, "")
	for i := range 150 {
		srv.AddUserProfile(fakeapi.UserProfile{ID: fmt.Sprintf("uprof_01JTest%05d", i), Name: fmt.Sprintf("p%d", i)})
	}
	got, err := c.ListUserProfiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 150 || got[0].ID != "uprof_01JTest00149" || got[149].Name != "p0" {
		t.Fatalf("got %d profiles, first %+v", len(got), got[0].ID)
	}
	var limits []string
	for _, r := range srv.Requests() {
		if r.Path == "/v1/user_profiles" {
			limits = append(limits, r.Query.Encode())
		}
	}
	if len(limits) != 2 || limits[0] != "limit=100" || limits[1] != "limit=100&page=uppage_100" {
		t.Fatalf("requests %q, want two pages of limit=100", limits)
	}
}

// A server whose next_page never ends: the walk stops at its bound and
// says the list is incomplete, keeping what it read.
func TestListUserProfilesBoundIsNotSilent(t *testing.T) {
	var pages atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := pages.Add(1)
		w.Header().Set("content-type", "application/json")
		fmt.Fprintf(w, `{"data":[{"id":"uprof_01JEndless%05d","name":"p","type":"user_profile"}],"next_page":"more%d"}`, n, n)
	}))
	t.Cleanup(srv.Close)
	c := api.New(api.Options{APIKey: fakeapi.DemoKey, BaseURL: srv.URL, Timeout: 5 * time.Second})
	got, err := c.ListUserProfiles(context.Background())
	var inc *api.IncompleteListError
	if !errors.As(err, &inc) {
		t.Fatalf("err = %v, want an incomplete list", err)
	}
	if len(got) == 0 || int32(len(got)) != pages.Load() {
		t.Fatalf("got %d profiles from %d pages", len(got), pages.Load())
	}
}

func TestUserProfileRefusedByCode(t *testing.T) {
	c, _ := newClient(t, 5*time.Second, "")
	_, err := c.CreateWorkspace(context.Background(), api.Spec{Name: "x", UserProfileID: "uprof_01JNobodyHere"}.Params())
	var e *api.Error
	if !errors.As(err, &e) || e.Status != 400 || e.Code != api.CodeUserProfileNotFound || e.Field() != "user_profile_id" {
		t.Fatalf("err = %v; want a 400 user_profile_not_found about user_profile_id", err)
	}
	_, err = c.CreateWorkspace(context.Background(), api.Spec{Name: "x", DisplayColor: "bad"}.Params())
	if !errors.As(err, &e) || e.Field() == "user_profile_id" {
		t.Fatalf("another 400 taken for a profile refusal: %v", err)
	}
}
