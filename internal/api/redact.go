package api

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"github.com/anthropic-tools/workspace-wizard/internal/termsafe"
)

// A server may echo the admin key in anything it answers: a message, a
// request-id, a workspace's name. The key is removed where answers enter
// the program, here in the client's transport, before any string is parsed,
// compared, wrapped or laid out in a table: a key split over two lines of a
// table can no longer be recognised by the redaction of printed text. What
// --json prints is the server's JSON with the key replaced.

// redactHeaders replaces key in every header value.
func redactHeaders(h http.Header, key string) {
	if len(key) < 8 {
		return
	}
	for name, values := range h {
		for i, v := range values {
			values[i] = termsafe.Redact(v, key)
		}
		h[name] = values
	}
}

// redactBody reads res's body (already capped) and gives the SDK the same
// bytes with key replaced, also where the JSON spells it with escapes. A
// body that fails part way still yields what was read, then the error.
func redactBody(res *http.Response, key string) {
	if len(key) < 8 {
		return
	}
	raw, err := io.ReadAll(res.Body)
	_ = res.Body.Close()
	clean := termsafe.RedactJSON(raw, key)
	res.Body = &readBody{r: bytes.NewReader(clean), err: err}
	if len(clean) != len(raw) || res.ContentLength >= 0 {
		res.ContentLength = int64(len(clean))
		res.Header.Set("Content-Length", strconv.Itoa(len(clean)))
	}
}

// readBody is a body already read: its bytes, then the error the read
// ended with (io.EOF when it ended well).
type readBody struct {
	r   *bytes.Reader
	err error
}

func (b *readBody) Read(p []byte) (int, error) {
	n, _ := b.r.Read(p)
	if n > 0 || b.r.Len() > 0 {
		return n, nil
	}
	if b.err != nil {
		return 0, b.err
	}
	return 0, io.EOF
}

func (b *readBody) Close() error { return nil }

// redactedError is a transport error whose text may quote the key: its
// Error, and transportMessage's reading of the error inside it, are
// redacted. Unwrap keeps errors.Is and errors.As working (a dial error, a
// timeout, a cancel).
type redactedError struct {
	err error
	key string
}

func redactErr(err error, key string) error {
	if err == nil || len(key) < 8 {
		return err
	}
	return &redactedError{err, key}
}

func (e *redactedError) Error() string { return termsafe.Redact(e.err.Error(), e.key) }
func (e *redactedError) Unwrap() error { return e.err }
