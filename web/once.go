package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// A form that makes a secret (a new API token) answers with a redirect,
// like every form, so that a reload does not make another: the secret
// then travels to the page it is shown on in a cookie, sealed by the
// server's box (any node sharing the server key can open it), bound to
// the session and the page, for two minutes at most. The page takes it
// and clears the cookie, so the secret is shown once.

const onceTTL = 2 * time.Minute

// onceKind tells a sealed note apart from a passkey ceremony, which the
// same box seals.
const onceKind = "show-once"

type onceNote struct {
	Kind    string    `json:"kind"`
	Session string    `json:"session"`
	Path    string    `json:"path"`
	Value   string    `json:"value"`
	Expires time.Time `json:"expires"`
}

// onceCookieName follows cookieName: "__Host-" needs TLS.
func (s *Server) onceCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-tend-once"
	}
	return "tend-once"
}

// showOnce keeps value for the page at path to show once.
func (s *Server) showOnce(w http.ResponseWriter, r *http.Request, path, value string) error {
	if s.Ceremonies == nil {
		return errors.New("show once: the server has no box to seal with")
	}
	n := onceNote{Kind: onceKind, Session: tend.SessionFromContext(r.Context()).ID, Path: path, Value: value, Expires: s.Now().Add(onceTTL).UTC()}
	msg, err := json.Marshal(n)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.onceCookieName(r), Value: base64.RawURLEncoding.EncodeToString(s.Ceremonies.Seal(msg, n.Expires)),
		Path: "/", HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(onceTTL / time.Second)})
	return nil
}

// takeOnce returns the value kept for this page and this session, and
// clears it; "" when there is none (or it expired, or is not this
// page's or this session's).
func (s *Server) takeOnce(w http.ResponseWriter, r *http.Request) string {
	ck, err := r.Cookie(s.onceCookieName(r))
	if err != nil || ck.Value == "" || s.Ceremonies == nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: s.onceCookieName(r), Value: "", Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
	sealed, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil {
		return ""
	}
	msg, err := s.Ceremonies.Open(sealed, s.Now())
	if err != nil {
		return ""
	}
	var n onceNote
	sess := tend.SessionFromContext(r.Context())
	if json.Unmarshal(msg, &n) != nil || n.Kind != onceKind || sess == nil || n.Session != sess.ID || n.Path != r.URL.Path {
		return ""
	}
	return n.Value
}
