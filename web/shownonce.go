package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// A link made by a form (a shared card's, an invitation's), or an API
// token, carries a secret whose hash alone is stored, so it can be shown only as it is
// made. The form redirects, so that a reload does not make another; the
// secret goes to the page after the redirect in a cookie sealed by the
// server's Once box, HttpOnly, scoped to that page's path, good for a few
// minutes and cleared as the page shows it. It is never in an address,
// so never in a log, the history or a Referer.

// shownOnceTTL is how long a new link waits for its page.
const shownOnceTTL = 5 * time.Minute

// Kinds of secret shown once.
const (
	onceCard   = "card"
	onceInvite = "invite"
	onceToken  = "token"
)

// shownOnce is a secret on its way to the page that shows it.
type shownOnce struct {
	Kind string `json:"kind"`
	// Person made it, in Session: nobody else signed in on that browser,
	// and no other session of theirs, sees it.
	Person  string `json:"person"`
	Session string `json:"session"`
	// For is what it belongs to (an invitation's circle), or "".
	For   string `json:"for,omitempty"`
	Token string `json:"token"`
	// Ends is when the link stops working, to show with it.
	Ends time.Time `json:"ends"`
}

// onceCookieName: the "__Secure-" prefix needs TLS; "__Host-" would pin
// the path to "/", and this cookie is for one page only.
func (s *Server) onceCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Secure-tend-new"
	}
	return "tend-new"
}

// keepShownOnce hands the secret to the page at path, which the form
// then redirects to.
func (s *Server) keepShownOnce(w http.ResponseWriter, r *http.Request, path string, o shownOnce) error {
	if s.Once == nil {
		return errors.New("shown once: the server has no box for new links")
	}
	if sess := tend.SessionFromContext(r.Context()); sess != nil {
		o.Session = sess.ID
	}
	msg, err := json.Marshal(o)
	if err != nil {
		return err
	}
	expires := s.Now().Add(shownOnceTTL)
	http.SetCookie(w, &http.Cookie{Name: s.onceCookieName(r), Value: base64.RawURLEncoding.EncodeToString(s.Once.Seal(msg, expires)),
		Path: path, HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(shownOnceTTL / time.Second)})
	return nil
}

// takeShownOnce returns the secret of the kind waiting for the page at
// path, made by the signed-in person for the object (or nil), and clears
// the cookie: it is shown once. Anything else in the cookie (changed,
// expired, for another page or person) is dropped without a word: the
// page shows as it would without it.
func (s *Server) takeShownOnce(w http.ResponseWriter, r *http.Request, path, kind, object string) *shownOnce {
	ck, err := r.Cookie(s.onceCookieName(r))
	if err != nil || s.Once == nil {
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: s.onceCookieName(r), Value: "", Path: path, HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
	sealed, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil {
		return nil
	}
	msg, err := s.Once.Open(sealed, s.Now())
	if err != nil {
		return nil
	}
	var o shownOnce
	me := tend.PersonFromContext(r.Context())
	sess := tend.SessionFromContext(r.Context())
	if json.Unmarshal(msg, &o) != nil || me == nil || sess == nil || o.Person != me.ID || o.Session != sess.ID ||
		o.Kind != kind || o.For != object || o.Token == "" {
		return nil
	}
	// The page will show the secret: it goes uncompressed (compress.go).
	noCompression(w)
	return &o
}
