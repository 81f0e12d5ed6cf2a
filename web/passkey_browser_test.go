package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
)

// TestBrowserPasskeys adds a passkey with Chromium's virtual
// authenticator, signs in with it without a password, and uses it to
// confirm a deletion.
func TestBrowserPasskeys(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := newBrowser(t, s.Handler())
	b.run(webauthn.Enable(), chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := webauthn.AddVirtualAuthenticator(&webauthn.VirtualAuthenticatorOptions{
			Protocol: webauthn.AuthenticatorProtocolCtap2, Ctap2version: webauthn.Ctap2versionCtap21,
			Transport: webauthn.AuthenticatorTransportInternal, HasResidentKey: true, HasUserVerification: true,
			IsUserVerified: true, AutomaticPresenceSimulation: true,
		}).Do(ctx)
		return err
	}))

	b.open("/signup")
	b.fill(map[string]string{"#display_name": "Robin", "#username": "robin", "#password": "correct horse battery", "#password_again": "correct horse battery"})
	b.submit(`main form button[type=submit]`)

	b.open("/settings/passkeys")
	b.fill(map[string]string{"#name": "my phone"})
	b.submit(`[data-passkey="register"]`)
	if got := b.text("tbody"); !strings.Contains(got, "my phone") {
		t.Fatalf("after adding: %q (status %q)", got, b.text("[data-passkey-status]"))
	}
	b.check("20-passkeys")

	b.open("/")
	b.submit(`footer button`)
	b.open("/signin?next=/profile")
	b.check("21-signin-passkey")
	b.submit(`[data-passkey="signin"]`)
	if p := b.path(); p != "/profile" {
		t.Fatalf("after a passkey sign-in: at %s (status %q)", p, b.text("[data-passkey-status]"))
	}

	// Ten minutes on, the passkey stands in for the password once more.
	b.open("/settings/account")
	b.submit(`[data-passkey="signin"]`)
	if got := b.text(".flash"); !strings.Contains(got, "ten minutes") {
		t.Errorf("after confirming with a passkey: flash %q, status %q", got, b.text("[data-passkey-status]"))
	}
	b.run(chromedp.Click(`form[action="/settings/delete"] input[name="understood"]`, chromedp.ByQuery))
	b.submit(`form[action="/settings/delete"] button`)
	// The address drops ?done=goodbye once the message is shown.
	if p := b.path(); p != "/signin" || !strings.Contains(b.text(".flash"), "deleted") {
		t.Errorf("deleting after a passkey confirmation: at %s, problem %q", p, b.text("main"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := s.Credentials.FindCredentials(ctx, "robin"); err == nil {
		t.Errorf("Robin is still there")
	}
}
