package wizard

import (
	"context"
	"errors"
	"strings"

	"github.com/anthropics/anthropic-sdk-go/v2"

	"github.com/anthropic-tools/workspace-wizard/internal/api"
)

// WriteOnceWarning is the warning every encryption-key choice carries.
const WriteOnceWarning = "Write-once: a key attached to a workspace can never be detached or replaced. It also turns off Workbench and Managed Agents for the workspace, is US only, and protects only data written afterwards."

// KeyStatus is what the validate call said of a key.
type KeyStatus int

const (
	KeyUnchecked KeyStatus = iota
	KeyChecking            // the validate call is under way
	KeyOK                  // Anthropic can use the key
	KeyFailed              // the key failed validation: its KMS policy must be fixed
	KeyMissing             // no such key in the organization
	KeyUnknown             // the validate call failed: the key may be used anyway
)

// KeyCheck is the validation of one key id.
type KeyCheck struct {
	ID      string
	Status  KeyStatus
	Message string
}

// Usable reports whether the key may be taken: it validated, or could not
// be checked. Write-once: a failed or missing key never is.
func (c KeyCheck) Usable() bool { return c.Status == KeyOK || c.Status == KeyUnknown }

// ExternalKeys lists the organization's encryption keys.
func ExternalKeys(ctx context.Context, a api.Admin) ([]anthropic.ExternalKey, error) {
	return a.ListExternalKeys(ctx)
}

// SetExternalKeys takes the key list; KeysNote says why there is none to
// choose from.
func (s *Session) SetExternalKeys(keys []anthropic.ExternalKey, err error) {
	o := &s.Org
	o.KeysListed = true
	o.KeysNote = ""
	var e *api.Error
	switch {
	case errors.As(err, &e) && e.Kind == api.KindAuth:
		o.KeysNote = "This key may not list the organization's encryption keys (" + e.Message + "); type the key id instead." + e.RequestIDNote()
	case err != nil:
		o.KeysNote = "Listing encryption keys failed: " + err.Error() + ". Type the key id instead."
	case len(keys) == 0:
		o.KeysNote = "The organization has no encryption keys yet (CMEK must be enabled by your account team, then keys added with the External Keys API). You can still type a key id."
	}
	o.Keys = keys
}

// KeyLabel is one listed key in words: its name, provider and geo.
func KeyLabel(k anthropic.ExternalKey) string {
	var parts []string
	for _, p := range []string{k.DisplayName, k.ProviderConfig.Type, k.Geo} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// ValidateKey runs the key's validate call.
func ValidateKey(ctx context.Context, a api.Admin, id string) KeyCheck {
	res, err := a.ValidateExternalKey(ctx, id)
	var e *api.Error
	switch {
	case errors.As(err, &e) && e.Status == 404:
		return KeyCheck{id, KeyMissing, "no external key with that id in this organization (" + e.Message + ")." + e.RequestIDNote() + " Check the id and change it, or go back and choose another key or none."}
	case err != nil:
		return KeyCheck{id, KeyUnknown, "could not validate the key: " + err.Error() + "."}
	case res.Status == "success":
		return KeyCheck{id, KeyOK, "the key validated: Anthropic can use it."}
	}
	return KeyCheck{id, KeyFailed, "the key failed validation: " + res.Error + ". Fix the key's policy in your cloud KMS, or choose another key."}
}

// KeyCheck is the validation of the chosen key, or of the one under way.
func (s *Session) KeyCheck() KeyCheck { return s.keyCheck }

// ChooseKey picks key id to be checked: true when it was already checked
// and may be used as it is, false when the validate call must run (and the
// check is now KeyChecking), or when the API refused this very key
// (KeyRefusal): it stays refused, and is not validated or sent again,
// until another key (or none) is chosen.
func (s *Session) ChooseKey(id string) (ready bool) {
	s.useKey = true
	if s.KeyRefusal(id) != "" {
		s.keyID = id
		return false
	}
	if s.keyCheck.ID == id && s.keyCheck.Usable() && s.Refusal(FieldKey) == "" {
		s.keyID = id
		return true
	}
	s.keyID = id
	delete(s.refusals, FieldKey)
	s.keyCheck = KeyCheck{ID: id, Status: KeyChecking}
	return false
}

// SetKeyCheck records a validation. One about a key no longer chosen is
// stale and ignored; one that comes after
// the user went back from the key is kept for when it is chosen again.
func (s *Session) SetKeyCheck(c KeyCheck) {
	if c.ID != s.keyID || s.keyCheck.ID != c.ID {
		return
	}
	s.keyCheck = c
}

// WantKey records that a key is to be used, before one is chosen.
func (s *Session) WantKey() { s.useKey = true }

// StopWaiting stops waiting for a validation under way (the user went
// back): its answer is still recorded when it comes, for the same key.
func (s *Session) StopWaiting() {
	if s.keyCheck.Status == KeyChecking {
		s.keyCheck.Status = KeyUnchecked
	}
}

// KeyRefusal is the API's refusal of key id, when the last create sent
// exactly that key and the API refused it; "" otherwise. A front end marks
// the key refused in its list and does not take it.
func (s *Session) KeyRefusal(id string) string {
	if r, ok := s.refusals[FieldKey]; ok && r.of == "key:"+id {
		return r.text
	}
	return ""
}
