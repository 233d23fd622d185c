// Package fakeapi is a simulated Anthropic Admin API: a real net/http server
// with the documented paths, headers, JSON, validation, error bodies,
// request ids and pagination, plus switchable faults. --demo runs it
// in-process on a loopback port; the tests run the real SDK client against it.
//
// Contract (other packages rely on exactly these names):
//
//	srv := fakeapi.New(fakeapi.Options{...})   // not yet listening
//	url, err := srv.Start()                     // listens on 127.0.0.1:0, returns "http://127.0.0.1:PORT"
//	defer srv.Close()
//	fakeapi.NewTest(t, opts) *Server            // Start + t.Cleanup(Close); fails t on error
//	srv.URL() string
//	srv.AddFaults(faults ...Fault)              // queued; each applies once, in order
//	srv.SetLatency(d time.Duration)             // added to every response
//	srv.Workspaces() []Workspace                // snapshot of stored workspaces (incl. archived)
//	srv.Requests() []Request                    // every request received, in order
//	srv.CountRequests(method, path string) int  // e.g. ("POST", "/v1/organizations/workspaces")
//	fakeapi.ParseFaults("529,500-after-commit") ([]Fault, error)
//
// Every request is checked in this order: x-api-key (401), anthropic-version
// (400), body size (413), path and method (404, 405); then the next queued
// fault for the endpoint, if any, strikes. Faults without "-after-commit"
// strike before the request is validated or applied; "-after-commit" faults
// strike after it was applied (a request the server refuses still uses the
// fault up). Fault names: 429[:SECONDS], 529, 500, 500-after-commit, 504,
// 504-after-commit, drop, drop-after-commit, stall, stall-after-commit, 400,
// 400-key, 401, 403; a "list:", "get:", "update:", "archive:", "members:",
// "me:", "keys:", "key:", "validate:" or "users:" prefix aims one at another
// endpoint than create; "latency=DURATION" sets the latency.
//
// DemoKey is the admin key --demo uses; by default the server accepts any
// key that starts with "sk-ant-admin" (Options.AdminKey narrows it to one).
package fakeapi
