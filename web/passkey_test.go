package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// apiClient sends requests to the handler as one browser at an address
// would, keeping the cookies it is given.
type apiClient struct {
	t       *testing.T
	h       http.Handler
	origin  string // "http://localhost:8080"
	cookies map[string]*http.Cookie
}

func newAPIClient(t *testing.T, h http.Handler, origin string) *apiClient {
	return &apiClient{t: t, h: h, origin: origin, cookies: map[string]*http.Cookie{}}
}

// send returns the status and the JSON answer, decoded into out when not
// nil, and the whole answer as a map.
func (b *apiClient) send(method, path string, body any, out any) (int, map[string]any) {
	b.t.Helper()
	var text string
	switch v := body.(type) {
	case nil:
	case string:
		text = v
	case json.RawMessage:
		text = string(v)
	default:
		raw, _ := json.Marshal(v)
		text = string(raw)
	}
	req := httptest.NewRequest(method, b.origin+path, strings.NewReader(text))
	req.Header.Set("Content-Type", "application/json")
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	var m map[string]any
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
			b.t.Fatalf("%s %s: not JSON: %q", method, path, rec.Body.String())
		}
		if out != nil {
			json.Unmarshal(rec.Body.Bytes(), out)
		}
	}
	return rec.Code, m
}

const localOrigin = "http://localhost:8080"

// mustAddPasskey registers the soft key for the signed-in browser.
func mustAddPasskey(t *testing.T, b *apiClient, k *softKey, name string) map[string]any {
	t.Helper()
	var opts creationOptions
	if st, out := b.send("POST", "/api/v1/passkeys/register/begin", nil, &opts); st != 200 {
		t.Fatalf("register begin: %d %v", st, out)
	}
	st, out := b.send("POST", "/api/v1/passkeys/register/finish", map[string]any{"name": name, "credential": k.create(t, opts, b.origin)}, nil)
	if st != http.StatusCreated {
		t.Fatalf("register finish: %d %v", st, out)
	}
	return out["passkey"].(map[string]any)
}

// signinWith runs a passkey sign-in and returns the answer.
func signinWith(t *testing.T, b *apiClient, k *softKey) (int, map[string]any) {
	t.Helper()
	var opts requestOptions
	if st, out := b.send("POST", "/api/v1/signin/passkey/begin", nil, &opts); st != 200 {
		t.Fatalf("sign-in begin: %d %v", st, out)
	}
	return b.send("POST", "/api/v1/signin/passkey/finish", k.get(t, opts, b.origin), nil)
}

func signedUpClient(t *testing.T, s *Server) *apiClient {
	t.Helper()
	b := newAPIClient(t, s.Handler(), localOrigin)
	if st, out := b.send("POST", "/api/v1/signup", samSignup, nil); st != http.StatusCreated {
		t.Fatalf("signup: %d %v", st, out)
	}
	return b
}

func TestPasskeyRegisterAndSignIn(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	b := signedUpClient(t, s)
	key := newSoftKey(t, true)

	var opts creationOptions
	b.send("POST", "/api/v1/passkeys/register/begin", nil, &opts)
	sel := opts.PublicKey.AuthenticatorSelection
	if opts.PublicKey.RP.ID != "localhost" || opts.PublicKey.User.Name != "sam" || sel.ResidentKey != "required" || sel.UserVerification != "preferred" {
		t.Errorf("creation options: %+v", opts.PublicKey)
	}
	c := b.cookies["tend-passkey"]
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.MaxAge != 300 {
		t.Fatalf("ceremony cookie: %+v", c)
	}
	made := mustAddPasskey(t, b, key, " my phone ")
	if made["name"] != "my phone" || made["id"] == "" || made["created_at"] == nil || len(made) != 4 {
		t.Errorf("added: %v", made)
	}
	if _, ok := b.cookies["tend-passkey"]; ok {
		t.Errorf("the ceremony cookie outlived its ceremony")
	}
	var list struct{ Passkeys []passkeyJSON }
	if st, out := b.send("GET", "/api/v1/passkeys", nil, &list); st != 200 || len(list.Passkeys) != 1 || list.Passkeys[0].Name != "my phone" {
		t.Fatalf("list: %d %v", st, out)
	}
	stored, err := s.Passkeys.FindPasskeyByCredentialID(context.Background(), key.credID)
	if err != nil || stored.SignCount != 1 || strings.Join(stored.Transports, ",") != "internal,hybrid" || !stored.BackupEligible {
		t.Fatalf("stored: %+v %v", stored, err)
	}
	// The same authenticator is not offered twice.
	b.send("POST", "/api/v1/passkeys/register/begin", nil, &opts)
	if ex := opts.PublicKey.ExcludeCredentials; len(ex) != 1 || ex[0].ID != b64.EncodeToString(key.credID) {
		t.Errorf("exclude list: %+v", ex)
	}

	// Another browser signs in with it: no username, a new session.
	other := newAPIClient(t, s.Handler(), localOrigin)
	var ropts requestOptions
	other.send("POST", "/api/v1/signin/passkey/begin", nil, &ropts)
	if ropts.PublicKey.RPID != "localhost" || len(ropts.PublicKey.AllowCredentials) != 0 || ropts.PublicKey.Challenge == "" {
		t.Errorf("request options: %+v", ropts.PublicKey)
	}
	ceremonyCookie := other.cookies["tend-passkey"]
	assertion := key.get(t, ropts, localOrigin)
	st, out := other.send("POST", "/api/v1/signin/passkey/finish", assertion, nil)
	if st != 200 || out["token"] == nil || out["person"].(map[string]any)["username"] != "sam" {
		t.Fatalf("sign in: %d %v", st, out)
	}
	if st, out := other.send("GET", "/api/v1/me", nil, nil); st != 200 || out["person"].(map[string]any)["username"] != "sam" {
		t.Fatalf("me with the new session cookie: %d %v", st, out)
	}
	if k, _ := s.Passkeys.FindPasskeyByCredentialID(context.Background(), key.credID); k.SignCount != 2 {
		t.Errorf("sign count after sign-in: %d, want 2", k.SignCount)
	}

	// Replayed with its ceremony cookie: the counter did not go up.
	replay := newAPIClient(t, s.Handler(), localOrigin)
	replay.cookies["tend-passkey"] = ceremonyCookie
	if st, out := replay.send("POST", "/api/v1/signin/passkey/finish", assertion, nil); st != 401 || !strings.Contains(errMsg(out), "cloned") {
		t.Errorf("replayed: %d %v, want 401 naming a clone", st, out)
	}
	// Tampered: one bit of the signature.
	var ropts2 requestOptions
	replay.send("POST", "/api/v1/signin/passkey/begin", nil, &ropts2)
	var a map[string]any
	json.Unmarshal(key.get(t, ropts2, localOrigin), &a)
	resp := a["response"].(map[string]any)
	sig, _ := b64.DecodeString(resp["signature"].(string))
	sig[len(sig)-1] ^= 1
	resp["signature"] = b64.EncodeToString(sig)
	if st, out := replay.send("POST", "/api/v1/signin/passkey/finish", a, nil); st != 401 || !strings.Contains(errMsg(out), "could not be verified") {
		t.Errorf("tampered: %d %v, want 401", st, out)
	}

	// Signed in as Sam, a passkey confirms this session (for export).
	clock.t = clock.t.Add(tend.RecentAuth + time.Minute)
	if st, _ := b.send("GET", "/api/v1/export", nil, nil); st != 403 {
		t.Fatalf("export long after sign-in: %d, want 403", st)
	}
	sessionBefore := b.cookies["tend"].Value
	if st, out := signinWith(t, b, key); st != 200 || out["confirmed"] != true || out["token"] != nil {
		t.Fatalf("confirm with a passkey: %d %v", st, out)
	}
	if b.cookies["tend"].Value != sessionBefore {
		t.Errorf("confirming started another session")
	}
	st, out = b.send("GET", "/api/v1/export", nil, nil)
	keys, _ := out["passkeys"].([]any)
	if st != 200 || len(keys) != 1 || keys[0].(map[string]any)["name"] != "my phone" || len(keys[0].(map[string]any)) != 4 {
		t.Errorf("export after a passkey: %d %v", st, out["passkeys"])
	}
}

func errMsg(out map[string]any) string { _, m := errorOf(out); return m }

// TestPasskeyReplayWithoutCounter: synced passkeys send 0 every time, so
// only the once-only challenge stops a replay.
func TestPasskeyReplayWithoutCounter(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := signedUpClient(t, s)
	key := newSoftKey(t, false)
	mustAddPasskey(t, b, key, "synced")
	other := newAPIClient(t, s.Handler(), localOrigin)
	var opts requestOptions
	other.send("POST", "/api/v1/signin/passkey/begin", nil, &opts)
	cookie, assertion := other.cookies["tend-passkey"], key.get(t, opts, localOrigin)
	if st, out := other.send("POST", "/api/v1/signin/passkey/finish", assertion, nil); st != 200 {
		t.Fatalf("sign in: %d %v", st, out)
	}
	replay := newAPIClient(t, s.Handler(), localOrigin)
	replay.cookies["tend-passkey"] = cookie
	if st, out := replay.send("POST", "/api/v1/signin/passkey/finish", assertion, nil); st != 401 || !strings.Contains(errMsg(out), "used already") || replay.cookies["tend"] != nil {
		t.Errorf("replayed: %d %v, want 401 and no session", st, out)
	}
}

// TestPasskeyOverTLS: over TLS the ceremony cookie is __Host- and Secure,
// and the ceremonies work at the https origin.
func TestPasskeyOverTLS(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	b := newAPIClient(t, s.Handler(), "https://localhost:8443")
	if st, out := b.send("POST", "/api/v1/signup", samSignup, nil); st != http.StatusCreated {
		t.Fatalf("signup: %d %v", st, out)
	}
	b.send("POST", "/api/v1/passkeys/register/begin", nil, nil)
	if c := b.cookies["__Host-tend-passkey"]; c == nil || !c.Secure || c.Path != "/" || c.Domain != "" {
		t.Fatalf("ceremony cookie over TLS: %+v", c)
	}
	key := newSoftKey(t, false)
	mustAddPasskey(t, b, key, "phone")
	other := newAPIClient(t, s.Handler(), "https://localhost:8443")
	if st, out := signinWith(t, other, key); st != 200 || other.cookies["__Host-tend"] == nil {
		t.Errorf("sign in over TLS: %d %v", st, out)
	}
}
