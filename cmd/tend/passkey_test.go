package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestServePasskeys: the server is wired for passkeys: the public URL is
// the relying party, and the ceremony cookie is set.
func TestServePasskeys(t *testing.T) {
	m := mustStartMain(t, Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Migrate: true, Signup: "open",
		PublicURL: "https://tend.example.org", LogFormat: "text", LogLevel: "info"})
	res, err := http.Post("http://"+m.Server.Addr().String()+"/api/v1/signin/passkey/begin", "application/json", strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		PublicKey struct {
			RPID      string `json:"rpId"`
			Challenge string `json:"challenge"`
		} `json:"publicKey"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != 200 || out.PublicKey.RPID != "tend.example.org" || out.PublicKey.Challenge == "" {
		t.Fatalf("begin: %d %+v %v", res.StatusCode, out, err)
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		// The public URL is https (TLS ended at a proxy): a __Host- cookie.
		if c.Name == "__Host-tend-passkey" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || !cookie.Secure || cookie.SameSite != http.SameSiteStrictMode {
		t.Errorf("ceremony cookie: %+v", cookie)
	}
}
