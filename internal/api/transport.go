package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// MaxResponseBytes caps what is read of any one answer. The Admin API's
// largest (a page of 1,000 workspaces) is well under it; a server that sends
// more is not the API.
const MaxResponseBytes = 8 << 20

var errBodyTooLarge = fmt.Errorf("the API's answer is larger than %d MiB; the rest was not read", MaxResponseBytes>>20)

// redirectError is a 3xx answer. Redirects are never followed: the API does
// not redirect, and following one would send the admin key and the request
// to wherever a server pointed.
type redirectError struct {
	status   int
	location string
}

func (e *redirectError) Error() string {
	return fmt.Sprintf("redirect (%d) to %s not followed", e.status, e.location)
}

// hardened returns a copy of hc (or a new client) that follows no redirect,
// caps every response body at MaxResponseBytes and removes the admin key
// from every answer (see redactResponse).
func hardened(hc *http.Client, key string) *http.Client {
	c := &http.Client{}
	if hc != nil {
		*c = *hc
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		status := 0
		if req.Response != nil {
			status = req.Response.StatusCode
		}
		return &redirectError{status: status, location: req.URL.Redacted()}
	}
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = cappedTransport{base, key}
	return c
}

// cappedTransport makes a response body that goes past MaxResponseBytes
// fail with errBodyTooLarge instead of being read to the end, and redacts
// key from every answer.
type cappedTransport struct {
	base http.RoundTripper
	key  string
}

func (t cappedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	if err != nil {
		// A transport error may quote what the server sent (a malformed
		// header line, say), the key included.
		return res, redactErr(err, t.key)
	}
	if res.Body == nil {
		return res, nil
	}
	redactHeaders(res.Header, t.key)
	noteRequestID(req, res)
	if res.StatusCode >= 300 && res.StatusCode < 400 {
		// Stopped here rather than in CheckRedirect alone, so that no
		// client setting can make a redirect be followed.
		res.Body.Close()
		loc := res.Header.Get("Location")
		if u, err := req.URL.Parse(loc); err == nil {
			loc = u.Redacted()
		}
		return nil, &redirectError{status: res.StatusCode, location: loc}
	}
	if res.ContentLength > MaxResponseBytes {
		res.Body.Close()
		return nil, errBodyTooLarge
	}
	res.Body = &cappedBody{rc: res.Body, left: MaxResponseBytes}
	redactBody(res, t.key)
	return res, nil
}

type cappedBody struct {
	rc   io.ReadCloser
	left int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more says whether the body really goes on.
		var one [1]byte
		if n, _ := b.rc.Read(one[:]); n > 0 {
			return 0, errBodyTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *cappedBody) Close() error { return b.rc.Close() }

// CheckBaseURL accepts https:// anywhere and http:// only on loopback, so an
// admin key is never sent in clear text across a network. Loopback is an
// address in 127.0.0.0/8, ::1, or exactly "localhost": a name that merely
// starts with "127." is a name, resolved by whoever controls it.
func CheckBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not a URL; use for example https://api.anthropic.com", raw)
	}
	if u.User != nil {
		return errors.New("the base URL must not carry a user name or password; the admin key is sent on its own")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if IsLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("%q would send the admin key unencrypted; use https:// (http:// is allowed only for localhost, 127.0.0.0/8 and ::1)", u.Redacted())
	}
	return fmt.Errorf("%q: the base URL must start with https://", u.Redacted())
}

// IsLoopback reports whether host is exactly "localhost" or a loopback IP.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.Zone() == "" && addr.Unmap().IsLoopback()
}
