package web

import (
	"context"
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// A browser or app that has signed in to an account carries a cookie
// with a secret proving it (only the secret's hash is stored). Password
// tries from it are counted for it alone: a stranger's guesses, which
// slow down every other device, never keep the owner out of a device
// they have used before. See tend.SignInDevice.

// deviceCookieAge is how long a browser is remembered without signing in
// again.
const deviceCookieAge = 400 * 24 * time.Hour

func (s *Server) deviceCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-tend-device"
	}
	return "tend-device"
}

// signInDevice returns the request's remembered device for the person,
// or nil.
func (s *Server) signInDevice(ctx context.Context, r *http.Request, personID string) *tend.SignInDevice {
	ck, err := r.Cookie(s.deviceCookieName(r))
	if err != nil || ck.Value == "" || len(ck.Value) > 128 {
		return nil
	}
	dev, err := s.Credentials.FindSignInDevice(ctx, personID, ck.Value)
	if err != nil {
		return nil
	}
	return dev
}

// rememberDevice makes sure the browser is remembered for the person
// who just signed in: a new device and its cookie, unless it already
// carries one of theirs. It is not worth failing a sign-in over.
func (s *Server) rememberDevice(w http.ResponseWriter, r *http.Request, personID string) {
	ctx := r.Context()
	if s.signInDevice(ctx, r, personID) != nil {
		return
	}
	secret, _, err := s.Credentials.CreateSignInDevice(ctx, personID)
	if err != nil {
		s.Logger.Warn("could not remember the device", "err", err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: s.deviceCookieName(r), Value: secret, Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(deviceCookieAge / time.Second)})
}
