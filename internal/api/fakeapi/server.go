package fakeapi

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"
)

// DemoKey is the admin key --demo uses. It only ever unlocks this server.
const DemoKey = "sk-ant-admin01-demo-0000000000000000000000000000000000000000000000000000000000000000-DEMO"

// DefaultOrgName is the organization's name unless Options.OrgName is set.
const DefaultOrgName = "Demo organization"

// Options configure a Server. The zero value is a demo organization that
// accepts any admin key, with three external keys and three users.
type Options struct {
	// AdminKey, when set, is the only key accepted; otherwise any key that
	// starts with "sk-ant-admin" is.
	AdminKey string
	OrgName  string // DefaultOrgName when empty
	// CMEKDisabled makes the organization one without customer-managed keys:
	// any external_key_id is refused.
	CMEKDisabled bool
	// MaxWorkspaces is the limit on non-archived workspaces; 0 means 100.
	MaxWorkspaces int
	// Latency is added to every response (see SetLatency).
	Latency time.Duration
	// Now is the clock for created_at and archived_at; time.Now when nil.
	Now func() time.Time
	// Rand draws every id; seeded from crypto/rand when nil. Pass a seeded
	// one (with Now) for stable ids in golden tests.
	Rand *mrand.Rand
	// Addr is where Start listens; "127.0.0.1:0" (a free loopback port) when empty.
	Addr string
	// MaxRequests, when > 0, is how many of the latest requests Requests and
	// CountRequests remember, so that a long run (a fuzz run) does not grow
	// without bound; 0 remembers every request.
	MaxRequests int
	// Preset is the organization the server starts as: PresetDemo (the zero
	// value) or PresetNew.
	Preset Preset
	// Hostile makes every answer a hostile server's: HostileText and the
	// admin key the request came with appended to every string but ids,
	// types and timestamps (error messages, types, details and request ids
	// included), and to the request-id header as a header can carry it; for
	// tests that nothing from a server paints the terminal or shows the key.
	Hostile bool
	// Users, when > 0, is how many users the organization has: the preset's
	// own users first (DemoUserAdmin, …), then GenerateUsers to make up the
	// number, so 10000 is an organization of 10,000 people.
	Users int
}

// Server is the simulated Admin API. It is safe for concurrent use.
type Server struct {
	opts Options

	mu       sync.Mutex // guards everything below
	rand     *mrand.Rand
	orgID    string
	store    store
	faults   faultQueue
	latency  time.Duration
	hostile  bool
	requests []Request
	mux      *http.ServeMux // set by New, then only read
	httpSrv  *http.Server
	url      string
	closed   bool
	inflight sync.WaitGroup
	done     chan struct{} // closed by Close: releases stalled requests
}

// New returns a server that is not yet listening; call Start, or use the
// Server as an http.Handler.
func New(opts Options) *Server {
	if opts.OrgName == "" {
		opts.OrgName = DefaultOrgName
		if opts.Preset == PresetNew {
			opts.OrgName = NewOrgName
		}
	}
	if opts.MaxWorkspaces <= 0 {
		opts.MaxWorkspaces = 100
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	r := opts.Rand
	if r == nil {
		var seed [32]byte
		_, _ = rand.Read(seed[:])
		r = mrand.New(mrand.NewChaCha8(seed))
	}
	s := &Server{opts: opts, rand: r, faults: faultQueue{}, latency: opts.Latency, hostile: opts.Hostile, done: make(chan struct{})}
	s.orgID = s.uuid4()
	s.store = seedStore(opts.Preset, opts.Users, opts.Now)
	s.mux = s.newMux()
	return s
}

// Start listens on a loopback port and serves in the background. It returns
// the base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) Start() (string, error) {
	addr := s.opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return "", errors.New("fakeapi: server already closed")
	case s.httpSrv != nil:
		return "", errors.New("fakeapi: server already started")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("fakeapi: listen on %s: %w", addr, err)
	}
	s.httpSrv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Never write to the terminal: --demo runs under a full-screen UI.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	s.url = "http://" + ln.Addr().String()
	go func(hs *http.Server) { _ = hs.Serve(ln) }(s.httpSrv)
	return s.url, nil
}

// URL is the base URL Start returned; "" before Start.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Close stops the server, releases stalled requests and waits for every
// handler to return. It may be called more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	hs := s.httpSrv
	s.mu.Unlock()
	if hs != nil {
		_ = hs.Close()
	}
	s.inflight.Wait()
}

// AddFaults queues faults; each is used up by the next request to its
// target, in order. A latency fault (from "latency=…") sets the latency
// instead, and "hostile" makes the server hostile (Options.Hostile).
func (s *Server) AddFaults(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range faults {
		switch f.Kind {
		case "":
			s.latency = f.Latency
			continue
		case FaultHostile:
			s.hostile = true
			continue
		}
		s.faults.push(f)
	}
}

// PendingFaults returns the faults not yet used, per target in order.
func (s *Server) PendingFaults() []Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Fault
	for _, t := range faultTargets {
		out = append(out, s.faults[t]...)
	}
	return out
}

// SetLatency sets the delay added to every response from now on.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Workspaces returns a snapshot of every stored workspace, archived ones
// included, oldest first.
func (s *Server) Workspaces() []Workspace {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Workspace, len(s.store.workspaces))
	for i, w := range s.store.workspaces {
		out[i] = w.clone()
	}
	return out
}

// AddWorkspace stores a workspace as if it had been created earlier, e.g.
// one with the same name as the one a test is about to create. Empty fields
// get the same defaults a create applies. It returns what was stored.
func (s *Server) AddWorkspace(w Workspace) Workspace {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.insertWorkspace(w).clone()
}

// ExternalKeys returns a snapshot of the organization's external keys.
func (s *Server) ExternalKeys() []ExternalKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ExternalKey, len(s.store.keys))
	for i, k := range s.store.keys {
		out[i] = *k
	}
	return out
}

// AddExternalKey gives the organization another external key, e.g.
// ARNExternalKey(); a zero CreatedAt or UpdatedAt is the server's now. It
// returns what was stored.
func (s *Server) AddExternalKey(k ExternalKey) ExternalKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k.CreatedAt.IsZero() {
		k.CreatedAt = s.opts.Now().UTC()
	}
	if k.UpdatedAt.IsZero() {
		k.UpdatedAt = k.CreatedAt
	}
	s.store.keys = append(s.store.keys, &k)
	return k
}

// Users returns the organization's users.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]User(nil), s.store.users...)
}

// AddMember stores a workspace member as if it had been added earlier,
// e.g. for a test of a long member list.
func (s *Server) AddMember(m Member) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store.members = append(s.store.members, m)
}

// Members returns the members added to a workspace, in the order added.
func (s *Server) Members(workspaceID string) []Member {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Member
	for _, m := range s.store.members {
		if m.WorkspaceID == workspaceID {
			out = append(out, m)
		}
	}
	return out
}
