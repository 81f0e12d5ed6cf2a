package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// ceremonyTTL is how long a passkey ceremony may take, from begin to
// finish.
const ceremonyTTL = 5 * time.Minute

// Kinds of ceremony.
const (
	ceremonyRegister = "register"
	ceremonySignin   = "signin"
)

// ceremony is what a passkey ceremony's finish needs from its begin. It
// travels in a cookie, sealed by the server's ceremony box, so that any
// node sharing the server key can finish what another began, and nothing
// needs storing.
type ceremony struct {
	Kind string `json:"kind"`
	// Person is who is adding a passkey (registration only).
	Person  string               `json:"person,omitempty"`
	Expires time.Time            `json:"expires"`
	Session webauthn.SessionData `json:"session"`
}

// ceremonyCookieName follows cookieName: "__Host-" needs TLS.
func (s *Server) ceremonyCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-tend-passkey"
	}
	return "tend-passkey"
}

// setCeremony starts a ceremony: its state in a cookie only this site's
// own requests carry back (SameSite=Strict), unreadable to scripts.
func (s *Server) setCeremony(w http.ResponseWriter, r *http.Request, c ceremony) error {
	if s.Ceremonies == nil {
		return errors.New("passkeys: the server has no ceremony box")
	}
	c.Expires = s.Now().Add(ceremonyTTL).UTC()
	msg, err := json.Marshal(c)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.ceremonyCookieName(r), Value: base64.RawURLEncoding.EncodeToString(s.Ceremonies.Seal(msg, c.Expires)),
		Path: "/", HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(ceremonyTTL / time.Second)})
	return nil
}

func errCeremony(msg string) error {
	return tend.Errorf(tend.EINVALID, "%s; please start again", msg)
}

// takeCeremony reads the request's ceremony of the kind and clears the
// cookie: a ceremony is finished once, whatever the outcome.
func (s *Server) takeCeremony(w http.ResponseWriter, r *http.Request, kind string) (*ceremony, error) {
	ck, err := r.Cookie(s.ceremonyCookieName(r))
	if err != nil || ck.Value == "" {
		return nil, errCeremony("no passkey request is under way in this browser, or it took longer than 5 minutes")
	}
	http.SetCookie(w, &http.Cookie{Name: s.ceremonyCookieName(r), Value: "", Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
	if s.Ceremonies == nil {
		return nil, errors.New("passkeys: the server has no ceremony box")
	}
	sealed, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil {
		return nil, errCeremony("this passkey request is not valid (it was changed)")
	}
	msg, err := s.Ceremonies.Open(sealed, s.Now())
	switch {
	case errors.Is(err, seal.ErrExpired):
		return nil, errCeremony("this passkey request expired: it lasts 5 minutes")
	case err != nil:
		return nil, errCeremony("this passkey request is not valid (it was changed, or made by another server)")
	}
	var c ceremony
	if err := json.Unmarshal(msg, &c); err != nil {
		return nil, errCeremony("this passkey request could not be read")
	}
	if c.Kind != kind {
		return nil, errCeremony("this passkey request was for something else")
	}
	return &c, nil
}
