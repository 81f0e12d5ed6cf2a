package web

import (
	"net/http"
	"time"
)

// A shared card counts how often its page was opened: once per browser
// within the link's life, not per reload, and not for its downloads, the
// plan or the QR code. A browser that opened the page keeps a cookie
// saying so, for that link's path only, holding nothing but "1": nothing
// that tells who opened it, and nothing kept on the server but the count.

// seenCookieName names the cookie that says this browser has opened a
// shared card's page. It holds nothing but "1", for that link's path
// only, until the link ends: "__Host-" would pin the path to "/".
func (s *Server) seenCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Secure-tend-seen"
	}
	return "tend-seen"
}

// firstVisit reports whether this browser has not opened the card's page
// before (within the link's life), so that the opening counts.
func (s *Server) firstVisit(r *http.Request) bool {
	_, err := r.Cookie(s.seenCookieName(r))
	return err != nil
}

// markSeen tells the browser to say, for the rest of the link's life,
// that it has opened the card's page.
func (s *Server) markSeen(w http.ResponseWriter, r *http.Request, ends time.Time) {
	age := int(ends.Sub(s.Now()) / time.Second)
	if age <= 0 {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: s.seenCookieName(r), Value: "1", Path: "/c/" + r.PathValue("token"), HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: age})
}
