package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tendcare/tend"
)

// Who a request is: the session cookie or an API token, checked on every
// request, and the wrappers the route table puts around its handlers
// (register) to let in only whom each route admits.

// secure reports whether the browser reached Tend over HTTPS: directly,
// or through a reverse proxy that ends TLS, which the public URL says.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.PublicURL, "https://")
}

// Session cookies: "__Host-" pins the cookie to this host and path "/" and
// requires Secure, which plain-HTTP localhost cannot have; there the
// cookie goes without the prefix and without Secure.
func (s *Server) cookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-tend"
	}
	return "tend"
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: token, Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(tend.SessionAbsoluteTimeout / time.Second)})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: "", Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// sessionToken is the request's session token: the cookie, or for API
// clients "Authorization: Bearer TOKEN".
func (s *Server) sessionToken(r *http.Request) string {
	if c, err := r.Cookie(s.cookieName(r)); err == nil {
		return c.Value
	}
	if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return strings.TrimSpace(auth)
	}
	return ""
}

// signedIn returns the person and session of the request, or
// EUNAUTHORIZED. A request with a personal API token has a person and no
// session.
func (s *Server) signedIn(ctx context.Context, r *http.Request) (*tend.Person, *tend.Session, error) {
	p, sess, _, err := s.signedInWith(ctx, r)
	return p, sess, err
}

// signedInWith is signedIn that also returns the API token the request
// came with (nil for a session).
func (s *Server) signedInWith(ctx context.Context, r *http.Request) (*tend.Person, *tend.Session, *tend.APIToken, error) {
	token := s.sessionToken(r)
	var (
		p    *tend.Person
		sess *tend.Session
		tok  *tend.APIToken
		err  error
	)
	if strings.HasPrefix(token, tend.APITokenPrefix) {
		if tok, err = s.Tokens.FindAPITokenByToken(ctx, token); err != nil {
			return nil, nil, nil, err
		}
		p, err = s.People.FindPersonByID(ctx, tok.PersonID)
		if tend.ErrorCode(err) == tend.ENOTFOUND {
			return nil, nil, nil, tend.Errorf(tend.EUNAUTHORIZED, "you are signed out; please sign in again")
		}
		if err != nil {
			return nil, nil, nil, err
		}
	} else if sess, p, err = s.Sessions.FindSignedIn(ctx, token); err != nil {
		return nil, nil, nil, err
	}
	if p.Disabled {
		return nil, nil, nil, tend.Errorf(tend.EUNAUTHORIZED, "this account is disabled; ask the person who runs this server")
	}
	return p, sess, tok, nil
}

// startSession signs the person in on this device: a new session, its
// cookie, and the token in the answer for API clients.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, p *tend.Person, status int) {
	token, err := s.newSession(w, r, p)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, status, map[string]any{"person": toPersonJSON(p), "token": token})
}

// newSession starts a session for the person and sets its cookie, and
// remembers the browser as one they sign in from.
func (s *Server) newSession(w http.ResponseWriter, r *http.Request, p *tend.Person) (string, error) {
	token, _, err := s.Sessions.CreateSession(r.Context(), p.ID, device(r))
	if err != nil {
		return "", err
	}
	s.setSessionCookie(w, r, token)
	s.rememberDevice(w, r, p.ID)
	return token, nil
}

// device describes the client for the list of sessions, from its
// User-Agent, in a few words.
func device(r *http.Request) string {
	ua := r.UserAgent()
	browser, system := "A browser", ""
	for _, b := range []string{"Firefox", "Edg", "Chrome", "Safari"} {
		if strings.Contains(ua, b+"/") {
			browser = map[string]string{"Edg": "Edge"}[b]
			if browser == "" {
				browser = b
			}
			break
		}
	}
	for _, o := range []string{"Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"} {
		if strings.Contains(ua, o) {
			system = " on " + strings.Replace(o, "Mac OS", "a Mac", 1)
			break
		}
	}
	if ua != "" && browser == "A browser" && system == "" {
		return "An app or script"
	}
	return browser + system
}

// requireSession answers 401 unless the request is signed in, 403 for an
// API token where a session is needed or where its scopes do not permit
// the route's, and otherwise puts the person, session and token in the
// request's context.
func (s *Server) requireSession(next http.HandlerFunc, sessionNeeded bool, scope tend.Scope) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, sess, tok, err := s.signedInWith(r.Context(), r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if tok != nil {
			if sessionNeeded || scope == "" {
				s.apiError(w, r, tend.Errorf(tend.EFORBIDDEN, "an API token cannot do this; sign in to do it"))
				return
			}
			if !tend.Permits(tok.Scopes, scope) {
				s.apiError(w, r, tend.Errorf(tend.EFORBIDDEN, "this API token may not do this: it needs the scope %s; make a token with it in Settings", scope))
				return
			}
		}
		ctx := tend.NewContextWithPerson(r.Context(), p, sess)
		if tok != nil {
			ctx = tend.NewContextWithAPIToken(ctx, tok)
		}
		next(w, r.WithContext(ctx))
	}
}

// requirePageSession sends a signed-out browser to the sign-in page,
// coming back here afterwards; pages need a session, not an API token.
func (s *Server) requirePageSession(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, sess, err := s.signedIn(r.Context(), r)
		if err != nil || sess == nil {
			if err != nil && tend.ErrorCode(err) != tend.EUNAUTHORIZED {
				s.pageError(w, r, err)
				return
			}
			if _, e := r.Cookie(s.cookieName(r)); e == nil {
				s.clearSessionCookie(w, r)
			}
			to := "/signin"
			if r.Method == http.MethodGet && r.URL.Path != "/" {
				to += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		next(w, r.WithContext(tend.NewContextWithPerson(r.Context(), p, sess)))
	}
}

// maybeSignedIn puts the person in the context when the request is
// signed in by session, for public pages that greet them.
func (s *Server) maybeSignedIn(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie(s.cookieName(r)); err == nil {
			if p, sess, err := s.signedIn(r.Context(), r); err == nil && sess != nil {
				r = r.WithContext(tend.NewContextWithPerson(r.Context(), p, sess))
			}
		}
		next(w, r)
	}
}
