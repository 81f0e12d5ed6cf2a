package web

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/password"
	"github.com/tendcare/tend/plan"
	"github.com/tendcare/tend/seal"
	"github.com/tendcare/tend/sqlstore"
	"github.com/tendcare/tend/sqlstore/storetest"
)

// testClock is a clock tests move by hand.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

// newAccountServer is a Server on a real SQLite store.
func newAccountServer(t *testing.T, signup string) (*Server, *testClock) {
	t.Helper()
	return newCountedServer(t, signup, nil)
}

// newCountedServer is newAccountServer with the counter, when not nil,
// seeing every statement the store runs.
func newCountedServer(t *testing.T, signup string, counter *storetest.QueryCounter) (*Server, *testClock) {
	t.Helper()
	k, _ := seal.NewKey()
	sealer, _ := seal.New(k)
	ctx := context.Background()
	var wrap func(driver.Connector) driver.Connector
	if counter != nil {
		wrap = counter.Wrap
	}
	db, err := sqlstore.OpenWith(ctx, filepath.Join(t.TempDir(), "tend.db"), sealer, wrap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	clock := &testClock{t: time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)}
	db.Now = clock.now
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	// As tend serve does: the aftercare's beginning schedules follow-ups.
	db.SetPlanner(func(cards []*tend.Card, kind tend.Kind) (*tend.Plan, error) { return plan.Make(cat, cards, kind) })
	box, err := sealer.Box("passkey ceremony")
	if err != nil {
		t.Fatal(err)
	}
	once, err := sealer.Box("shown once")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db, People: db, Sessions: db, Credentials: db,
		Profiles: db, Tokens: db, Passkeys: db, Circles: db, CardShares: db, Encounters: db, Followups: db, Drops: db, Exports: db, Channels: db, Insights: db, Ceremonies: box, Once: once, Catalog: cat, Passwords: password.New(2), Signup: signup, Now: clock.now}
	db.SetPublisher(s.Publisher())
	return s, clock
}

type call struct {
	method, path, body string
	token, addr, site  string
}

// do sends a request to the handler and decodes a JSON answer.
func do(t *testing.T, h http.Handler, c call) (int, map[string]any, *http.Response) {
	t.Helper()
	req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
	// As a JSON client, it says what it sends, an empty body included.
	if c.body != "" || c.method == "POST" || c.method == "PUT" || c.method == "PATCH" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.addr != "" {
		req.RemoteAddr = c.addr + ":5555"
	}
	if c.site != "" {
		req.Header.Set("Sec-Fetch-Site", c.site)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %s: not JSON: %q", c.method, c.path, rec.Body.String())
		}
	}
	return rec.Code, out, rec.Result()
}

func errorOf(out map[string]any) (string, string) {
	e, _ := out["error"].(map[string]any)
	code, _ := e["code"].(string)
	msg, _ := e["message"].(string)
	return code, msg
}

const samSignup = `{"display_name": "Sam", "username": "sam", "password": "correct horse battery"}`

func TestSignupSigninSignout(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	code, out, res := do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	if code != http.StatusCreated {
		t.Fatalf("signup: %d %v", code, out)
	}
	person := out["person"].(map[string]any)
	if person["username"] != "sam" || person["admin"] != true || person["display_name"] != "Sam" {
		t.Errorf("signup: person %v; want the first account to be the administrator", person)
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "tend" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" {
		t.Errorf("session cookie: %+v", cookie)
	}
	token := out["token"].(string)
	if code, out, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: token}); code != 200 || out["person"].(map[string]any)["username"] != "sam" {
		t.Errorf("me: %d %v", code, out)
	}
	// Sign in again, from another device.
	code, out, _ = do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "SAM", "password": "correct horse battery"}`})
	if code != 200 || out["token"] == token {
		t.Fatalf("signin: %d %v", code, out)
	}
	second := out["token"].(string)
	if code, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signout", token: token}); code != http.StatusNoContent {
		t.Fatalf("signout: %d", code)
	}
	// The signed-out token, replayed, is refused; the other still works.
	if code, out, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: token}); code != 401 {
		t.Errorf("replayed token: %d %v, want 401", code, out)
	}
	if code, _, _ := do(t, h, call{method: "GET", path: "/api/v1/me", token: second}); code != 200 {
		t.Errorf("the other session ended too: %d", code)
	}
	// A second account is not an administrator.
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Alex", "username": "alex", "password": "another good password"}`})
	if out["person"].(map[string]any)["admin"] != false {
		t.Errorf("the second account is an administrator")
	}
}

func TestSignupWrongInput(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	tests := []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"ShortPassword", `{"display_name": "Kim", "username": "kim", "password": "short"}`, 400, "invalid", "at least 10 characters"},
		{"BadUsername", `{"display_name": "Kim", "username": "k m", "password": "long enough password"}`, 400, "invalid", "username: 3 to 32"},
		{"NoName", `{"username": "kim", "password": "long enough password"}`, 400, "invalid", "display_name: what partners call you; it is required"},
		{"Taken", `{"display_name": "Sam 2", "username": "Sam", "password": "long enough password"}`, 409, "conflict", "that username is taken"},
		{"UnknownField", `{"display_name": "Kim", "username": "kim", "password": "long enough password", "admin": true}`, 400, "invalid", `"admin" is not a field here`},
		{"NotJSON", `display_name=Kim`, 400, "invalid", "not valid JSON"},
		{"Empty", ``, 400, "invalid", "the body is empty"},
		{"WrongType", `{"display_name": 7, "username": "kim", "password": "long enough password"}`, 400, "invalid", "display_name: must be text in quotes, not number"},
		{"TwoObjects", `{"display_name": "Kim", "username": "kim", "password": "long enough password"} {}`, 400, "invalid", "nothing after it"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: tc.body})
			code, msg := errorOf(out)
			if status != tc.status || code != tc.code || !strings.Contains(msg, tc.msg) {
				t.Errorf("got %d %s %q, want %d %s containing %q", status, code, msg, tc.status, tc.code, tc.msg)
			}
		})
	}
	// Nothing of the refused sign-ups was saved.
	if _, err := s.Credentials.FindCredentials(context.Background(), "kim"); err == nil {
		t.Errorf("a refused sign-up left an account behind")
	}
}

func TestSignupClosed(t *testing.T) {
	for _, mode := range []string{"invite", "closed"} {
		s, _ := newAccountServer(t, mode)
		status, out, _ := do(t, s.Handler(), call{method: "POST", path: "/api/v1/signup", body: samSignup})
		if code, _ := errorOf(out); status != 403 || code != "forbidden" {
			t.Errorf("%s: got %d %v, want 403", mode, status, out)
		}
	}
}

func TestCrossSiteRefused(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	for _, path := range []string{"/api/v1/signup", "/api/v1/signin", "/api/v1/signout"} {
		status, out, _ := do(t, s.Handler(), call{method: "POST", path: path, body: samSignup, site: "cross-site"})
		if code, _ := errorOf(out); status != 403 || code != "forbidden" {
			t.Errorf("%s cross-site: got %d %v, want 403", path, status, out)
		}
	}
	if _, err := s.Credentials.FindCredentials(context.Background(), "sam"); err == nil {
		t.Errorf("a cross-site sign-up made an account")
	}
}

// TestSigninThrottledPerAddress: the 11th attempt within a minute from one
// address gets 429 with a clear wait.
func TestSigninThrottledPerAddress(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	wrong := `{"username": "nobody", "password": "wrong password here"}`
	for i := 1; i <= 10; i++ {
		// Each at another username: one username's failures make it wait.
		body := fmt.Sprintf(`{"username": "nobody%d", "password": "wrong password here"}`, i)
		if status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: body, addr: "192.0.2.7"}); status != 401 {
			t.Fatalf("attempt %d: got %d %v, want 401", i, status, out)
		}
	}
	status, out, res := do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: "192.0.2.7"})
	code, msg := errorOf(out)
	if status != 429 || code != "too_many_requests" || msg != "Too many tries. Please try again in a minute." || res.Header.Get("Retry-After") == "" {
		t.Fatalf("11th attempt: got %d %s %q (Retry-After %q)", status, code, msg, res.Header.Get("Retry-After"))
	}
	// Another address is not held back.
	if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: "192.0.2.8"}); status != 401 {
		t.Errorf("another address: got %d, want 401", status)
	}
	clock.t = clock.t.Add(time.Minute)
	if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: "192.0.2.7"}); status != 401 {
		t.Errorf("a minute later: got %d, want 401", status)
	}
}

// TestSigninBackoffPerAccount: failures from many addresses slow down one
// account, with a clear wait and no hard lockout.
func TestSigninBackoffPerAccount(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	wrong := `{"username": "sam", "password": "not the password"}`
	right := `{"username": "sam", "password": "correct horse battery"}`
	for i := 1; i <= 5; i++ {
		if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: fmt.Sprintf("198.51.100.%d", i)}); status != 401 {
			t.Fatalf("failure %d: got %d", i, status)
		}
	}
	// Now even the right password waits, from any address.
	status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: right, addr: "203.0.113.9"})
	if _, msg := errorOf(out); status != 429 || msg != tend.AccountWaitMessage(time.Minute) {
		t.Fatalf("after 5 failures: got %d %q", status, msg)
	}
	clock.t = clock.t.Add(time.Minute)
	if status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: "203.0.113.9"}); status != 401 {
		t.Fatalf("6th failure: %d %v", status, out)
	}
	status, out, _ = do(t, h, call{method: "POST", path: "/api/v1/signin", body: right, addr: "203.0.113.10"})
	if _, msg := errorOf(out); status != 429 || msg != tend.AccountWaitMessage(2*time.Minute) {
		t.Fatalf("after 6 failures: got %d %q, want a 2-minute wait", status, msg)
	}
	// No hard lockout: after the wait, the right password works and
	// clears the count.
	clock.t = clock.t.Add(2 * time.Minute)
	if status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: right, addr: "203.0.113.10"}); status != 200 {
		t.Fatalf("after the wait: %d %v", status, out)
	}
	if c, _ := s.Credentials.FindCredentials(context.Background(), "sam"); c.Failures != 0 {
		t.Errorf("failures not cleared: %d", c.Failures)
	}
}

func TestSigninSameAnswerForUnknownUser(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	_, a, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "sam", "password": "not the password"}`, addr: "192.0.2.1"})
	_, b, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "nobody", "password": "not the password"}`, addr: "192.0.2.2"})
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("wrong password and unknown user answer differently: %v / %v", a, b)
	}
}

func TestMeSignedOut(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	for _, tok := range []string{"", "made-up-token"} {
		status, out, _ := do(t, s.Handler(), call{method: "GET", path: "/api/v1/me", token: tok})
		if code, _ := errorOf(out); status != 401 || code != "unauthorized" {
			t.Errorf("token %q: got %d %v, want 401", tok, status, out)
		}
	}
}
