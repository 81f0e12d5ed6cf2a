package web

import (
	"context"
	"net/http"
	"strings"
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

// maxDeviceSecrets is how many accounts one browser is remembered for
// (people sharing a computer each keep theirs).
const maxDeviceSecrets = 4

// deviceSecrets are the secrets the request's device cookie holds, one
// per account it signed in to, most recent first.
func (s *Server) deviceSecrets(r *http.Request) []string {
	ck, err := r.Cookie(s.deviceCookieName(r))
	if err != nil || ck.Value == "" || len(ck.Value) > maxDeviceSecrets*64 {
		return nil
	}
	parts := strings.Split(ck.Value, ".")
	return parts[:min(len(parts), maxDeviceSecrets)]
}

// signInDevice returns the request's remembered device for the person,
// or nil.
func (s *Server) signInDevice(ctx context.Context, r *http.Request, personID string) *tend.SignInDevice {
	for _, secret := range s.deviceSecrets(r) {
		if dev, err := s.Credentials.FindSignInDevice(ctx, personID, secret); err == nil {
			return dev
		}
	}
	return nil
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
	// Kept beside those of other accounts signed in to from this browser.
	secrets := append([]string{secret}, s.deviceSecrets(r)...)
	secrets = secrets[:min(len(secrets), maxDeviceSecrets)]
	http.SetCookie(w, &http.Cookie{Name: s.deviceCookieName(r), Value: strings.Join(secrets, "."), Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(deviceCookieAge / time.Second)})
}
