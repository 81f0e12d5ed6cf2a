package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// TestPasskeyCeremonyRefused: a finish without its begin, after five
// minutes, with a changed cookie or with the cookie of the other kind of
// ceremony is refused, saying which.
func TestPasskeyCeremonyRefused(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	b := signedUpClient(t, s)
	key := newSoftKey(t, true)
	mustAddPasskey(t, b, key, "phone")
	tests := []struct {
		name  string
		begin string
		spoil func(c *http.Cookie)
		want  string
	}{
		{"ErrNoCeremony", "", nil, "no passkey request is under way"},
		{"ErrExpired", "/api/v1/signin/passkey/begin", func(*http.Cookie) { clock.t = clock.t.Add(ceremonyTTL) }, "expired"},
		{"ErrTampered", "/api/v1/signin/passkey/begin", func(c *http.Cookie) {
			raw, _ := b64.DecodeString(c.Value)
			raw[len(raw)/2] ^= 1
			c.Value = b64.EncodeToString(raw)
		}, "not valid"},
		{"ErrNotBase64", "/api/v1/signin/passkey/begin", func(c *http.Cookie) { c.Value = "%%%" }, "not valid"},
		{"ErrOtherKind", "/api/v1/passkeys/register/begin", nil, "for something else"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var opts requestOptions
			if tc.begin != "" {
				b.send("POST", tc.begin, nil, &opts)
			}
			if tc.spoil != nil {
				tc.spoil(b.cookies["tend-passkey"])
			}
			opts.PublicKey.RPID = "localhost"
			st, out := b.send("POST", "/api/v1/signin/passkey/finish", key.get(t, opts, localOrigin), nil)
			if code, msg := errorOf(out); st != 400 || code != tend.EINVALID || !strings.Contains(msg, tc.want) || !strings.Contains(msg, "start again") {
				t.Errorf("got %d %v, want 400 saying %q", st, out, tc.want)
			}
			if _, ok := b.cookies["tend-passkey"]; ok {
				t.Errorf("a refused ceremony's cookie was kept")
			}
		})
	}
	// Four minutes and a half is still in time.
	var opts requestOptions
	b.send("POST", "/api/v1/signin/passkey/begin", nil, &opts)
	clock.t = clock.t.Add(ceremonyTTL - 30*time.Second)
	if st, out := b.send("POST", "/api/v1/signin/passkey/finish", key.get(t, opts, localOrigin), nil); st != 200 {
		t.Errorf("in time: %d %v", st, out)
	}
}

func TestPasskeySigninRefused(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := signedUpClient(t, s)
	key := newSoftKey(t, true)
	mustAddPasskey(t, b, key, "phone")
	fresh := func() *apiClient { return newAPIClient(t, s.Handler(), localOrigin) }

	stranger := newSoftKey(t, true)
	stranger.handle = key.handle
	if st, out := signinWith(t, fresh(), stranger); st != 401 || !strings.Contains(errMsg(out), "not known here") {
		t.Errorf("an unknown passkey: %d %v", st, out)
	}
	// The right credential with another person's user handle.
	handle := key.handle
	key.handle = tend.PasskeyUserHandle("0193a6f0-0000-7000-8000-000000000000")
	if st, out := signinWith(t, fresh(), key); st != 401 || !strings.Contains(errMsg(out), "not known here") {
		t.Errorf("another user handle: %d %v", st, out)
	}
	key.handle = handle

	// At another address than the one passkeys are made for.
	var opts requestOptions
	c := fresh()
	c.send("POST", "/api/v1/signin/passkey/begin", nil, &opts)
	if st, out := c.send("POST", "/api/v1/signin/passkey/finish", key.get(t, opts, "http://evil.localhost:8080"), nil); st != 400 || !strings.Contains(errMsg(out), "another address") {
		t.Errorf("another origin: %d %v", st, out)
	}

	sam, _ := s.People.FindPersonByUsername(context.Background(), "sam")
	disabled := true
	if _, err := s.People.UpdatePerson(context.Background(), sam.ID, tend.PersonUpdate{Disabled: &disabled}); err != nil {
		t.Fatal(err)
	}
	c = fresh()
	if st, out := signinWith(t, c, key); st != 403 || !strings.Contains(errMsg(out), "disabled") || c.cookies["tend"] != nil {
		t.Errorf("a disabled account: %d %v", st, out)
	}
}

// TestPasskeyRegisterRefused: a key that cannot sign in without a
// username, one from another address, and the same key twice.
func TestPasskeyRegisterRefused(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := signedUpClient(t, s)
	finish := func(k *softKey, origin, name string) (int, map[string]any) {
		var opts creationOptions
		b.send("POST", "/api/v1/passkeys/register/begin", nil, &opts)
		return b.send("POST", "/api/v1/passkeys/register/finish", map[string]any{"name": name, "credential": k.create(t, opts, origin)}, nil)
	}
	plain := newSoftKey(t, true)
	plain.notResident = true
	if st, out := finish(plain, localOrigin, "key"); st != 400 || !strings.Contains(errMsg(out), "without a username") {
		t.Errorf("not discoverable: %d %v", st, out)
	}
	if st, out := finish(newSoftKey(t, true), "http://localhost:9999", "key"); st != 400 || !strings.Contains(errMsg(out), "another address") {
		t.Errorf("another origin: %d %v", st, out)
	}
	if st, out := finish(newSoftKey(t, true), localOrigin, " "); st != 400 || !strings.Contains(errMsg(out), "name:") {
		t.Errorf("no name: %d %v", st, out)
	}
	key := newSoftKey(t, true)
	mustAddPasskey(t, b, key, "phone")
	if st, out := finish(key, localOrigin, "phone again"); st != 409 {
		t.Errorf("the same key twice: %d %v", st, out)
	}
	if st, out := b.send("POST", "/api/v1/passkeys/register/finish", `{"name": "x", "credential": {}}`, nil); st != 400 {
		t.Errorf("without a ceremony: %d %v", st, out)
	}
	var list struct{ Passkeys []passkeyJSON }
	if b.send("GET", "/api/v1/passkeys", nil, &list); len(list.Passkeys) != 1 {
		t.Errorf("refused passkeys were kept: %+v", list)
	}
}

// TestPasskeySigninLimited: passkey sign-ins have a limit of their own
// per address (30 a minute): password guesses from the same address never
// hold them back, and a flood of them is held back too.
func TestPasskeySigninLimited(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := signedUpClient(t, s)
	for range 11 {
		b.send("POST", "/api/v1/signin", `{"username": "sam", "password": "not the password"}`, nil)
	}
	stranger := newSoftKey(t, true)
	for i := range 30 {
		if st, out := signinWith(t, b, stranger); st == 429 {
			t.Fatalf("passkey sign-in %d after password guesses: %d %v", i+1, st, out)
		}
	}
	if st, out := signinWith(t, b, stranger); st != 429 {
		t.Errorf("the 31st passkey sign-in in a minute: %d %v, want 429", st, out)
	}
}

// TestPasskeyAddress: passkeys need a host name; an IP address gets told
// what to do instead, and a public URL wins over the Host header.
func TestPasskeyAddress(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	for origin, want := range map[string]string{
		"http://127.0.0.1:8080": "open Tend at http://localhost:8080 or set TEND_PUBLIC_URL",
		"http://[::1]:9000":     "open Tend at http://localhost:9000 or set TEND_PUBLIC_URL",
	} {
		st, out := newAPIClient(t, h, origin).send("POST", "/api/v1/signin/passkey/begin", nil, nil)
		if code, msg := errorOf(out); st != 400 || code != tend.EINVALID || !strings.Contains(msg, "passkeys need a name, not an address") || !strings.Contains(msg, want) {
			t.Errorf("%s: %d %v", origin, st, out)
		}
	}
	s.PublicURL = "https://tend.example.org"
	var opts requestOptions
	if st, out := newAPIClient(t, h, localOrigin).send("POST", "/api/v1/signin/passkey/begin", nil, &opts); st != 200 || opts.PublicKey.RPID != "tend.example.org" {
		t.Errorf("with a public URL: %d %v", st, out)
	}
}

func TestValidatePublicURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://tend.example.org": true, "http://localhost:8080": true, "https://tend.example.org/": true,
		"tend.example.org": false, "ftp://tend.example.org": false, "https://tend.example.org/tend": false,
		"https://192.168.1.5:8080": false, "https://user@tend.example.org": false, "https://tend.example.org?x=1": false, "": false,
	} {
		if err := ValidatePublicURL(raw); (err == nil) != ok {
			t.Errorf("%q: got %v, want ok %v", raw, err, ok)
		}
	}
}

// TestPasskeyOtherPersons: another person's passkey id answers exactly
// like a missing one, and is left alone.
func TestPasskeyOtherPersons(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := signedUpClient(t, s)
	id := mustAddPasskey(t, b, newSoftKey(t, true), "phone")["id"].(string)
	alex := newAPIClient(t, s.Handler(), localOrigin)
	alex.send("POST", "/api/v1/signup", `{"display_name": "Alex", "username": "alex", "password": "another good password"}`, nil)
	h := s.Handler()
	for _, method := range []string{"DELETE", "PATCH"} {
		s1, b1 := raw(t, h, call{method: method, path: "/api/v1/passkeys/" + id, body: `{"name": "mine"}`, token: alex.cookies["tend"].Value})
		s2, b2 := raw(t, h, call{method: method, path: "/api/v1/passkeys/0193a6f0-0000-7000-8000-00000000dead", body: `{"name": "mine"}`, token: alex.cookies["tend"].Value})
		if s1 != 404 || s1 != s2 || b1 != b2 {
			t.Errorf("%s as Alex: %d %q; a missing id: %d %q", method, s1, b1, s2, b2)
		}
	}
	var list struct{ Passkeys []passkeyJSON }
	if b.send("GET", "/api/v1/passkeys", nil, &list); len(list.Passkeys) != 1 || list.Passkeys[0].Name != "phone" {
		t.Errorf("Sam's passkey was touched: %+v", list)
	}
	if st, out := b.send("PATCH", "/api/v1/passkeys/"+id, `{"name": "old phone"}`, nil); st != 200 || out["passkey"].(map[string]any)["name"] != "old phone" {
		t.Errorf("rename: %d %v", st, out)
	}
	if st, _ := b.send("DELETE", "/api/v1/passkeys/"+id, nil, nil); st != 204 {
		t.Errorf("delete: %d", st)
	}
}
