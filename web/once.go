package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"time"
)

// A secret made by a form (an API token) is shown once, on the page the
// form sends the browser to: after post/redirect/get, a reload shows the
// page again without making another. Between the two requests the secret
// travels in a cookie sealed by the server's ceremony box (so any node
// can open it, and nobody else can read it), HttpOnly, SameSite=Strict,
// for two minutes, and the page that shows it clears it. It never goes
// into an address, where logs and history would keep it.

// onceTTL is how long a secret waits for its page.
const onceTTL = 2 * time.Minute

type onceMessage struct {
	Kind  string `json:"kind"` // "once:" and what it is, so a ceremony never opens as one
	Value string `json:"value"`
}

func (s *Server) onceCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-tend-once"
	}
	return "tend-once"
}

// keepOnce keeps value for the next page that takes what.
func (s *Server) keepOnce(w http.ResponseWriter, r *http.Request, what, value string) {
	if s.Ceremonies == nil {
		return
	}
	msg, _ := json.Marshal(onceMessage{Kind: "once:" + what, Value: value})
	http.SetCookie(w, &http.Cookie{Name: s.onceCookieName(r), Value: base64.RawURLEncoding.EncodeToString(s.Ceremonies.Seal(msg, s.Now().Add(onceTTL))),
		Path: "/", HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(onceTTL / time.Second)})
}

// takeOnce returns the value kept for what, once, and clears it; "" when
// there is none, it expired, or it was kept for something else.
func (s *Server) takeOnce(w http.ResponseWriter, r *http.Request, what string) string {
	ck, err := r.Cookie(s.onceCookieName(r))
	if err != nil || ck.Value == "" || s.Ceremonies == nil {
		return ""
	}
	sealed, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil {
		return ""
	}
	plain, err := s.Ceremonies.Open(sealed, s.Now())
	if err != nil {
		return ""
	}
	var m onceMessage
	if json.Unmarshal(plain, &m) != nil || m.Kind != "once:"+what {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: s.onceCookieName(r), Value: "", Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
	return m.Value
}
