package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// signinWith posts a sign-in from the address with the cookies, and
// returns the status, the Retry-After header and the device cookie set.
func passwordSigninFrom(t *testing.T, h http.Handler, body, addr string, cookies ...*http.Cookie) (int, string, *http.Cookie) {
	t.Helper()
	req := httptest.NewRequest("POST", "/api/v1/signin", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr + ":5555"
	for _, c := range cookies {
		if c != nil {
			req.AddCookie(c)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var device *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == "tend-device" {
			device = c
		}
	}
	return rec.Code, rec.Header().Get("Retry-After"), device
}

// TestSigninStrangerCannotLockOut: a stranger sending one wrong password
// a minute, for hours, from their own address, never stops the owner
// signing in from a device they have used before. The stranger is held
// back; a device nobody has signed in from is too; the owner is not.
func TestSigninStrangerCannotLockOut(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	wrong := `{"username": "sam", "password": "a guess, again"}`
	right := `{"username": "sam", "password": "correct horse battery"}`
	st, _, device := passwordSigninFrom(t, h, right, "192.0.2.10")
	if st != http.StatusOK || device == nil || device.Value == "" || !device.HttpOnly {
		t.Fatalf("first sign-in: %d, device cookie %+v", st, device)
	}
	start := clock.t
	strangerHeldBack, ownerIn, newDeviceHeldBack := 0, 0, 0
	for minute := 1; minute <= 4*60; minute++ {
		clock.t = start.Add(time.Duration(minute) * time.Minute)
		if st, _, _ := passwordSigninFrom(t, h, wrong, "203.0.113.66"); st == http.StatusTooManyRequests {
			strangerHeldBack++
		}
		if minute%20 != 0 {
			continue
		}
		// The owner, every twenty minutes, from their phone.
		st, retry, again := passwordSigninFrom(t, h, right, "192.0.2.10", device)
		if st != http.StatusOK {
			t.Fatalf("minute %d: the owner's device got %d (Retry-After %s)", minute, st, retry)
		}
		if again != nil {
			t.Errorf("minute %d: a known device was given a new cookie", minute)
		}
		ownerIn++
		// A browser that has never signed in is held back by the
		// stranger's failures (the owner can use a passkey, or a device
		// they know).
		if st, _, _ := passwordSigninFrom(t, h, right, "192.0.2.11"); st == http.StatusTooManyRequests {
			newDeviceHeldBack++
		}
	}
	if strangerHeldBack < 200 {
		t.Errorf("the stranger was held back %d times in 240 tries", strangerHeldBack)
	}
	if ownerIn != 12 {
		t.Errorf("the owner got in %d times of 12", ownerIn)
	}
	if newDeviceHeldBack == 0 {
		t.Error("an unknown device was never held back: the account's wait does nothing")
	}
	// Another account's device cookie does not count for Sam.
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Alex", "username": "alex", "password": "another good password"}`, addr: "192.0.2.12"})
	_, _, alexDevice := passwordSigninFrom(t, h, `{"username": "alex", "password": "another good password"}`, "192.0.2.12")
	if st, _, _ := passwordSigninFrom(t, h, right, "192.0.2.12", alexDevice); st != http.StatusTooManyRequests {
		t.Errorf("with Alex's device cookie: got %d, want Sam's account wait", st)
	}
}

// TestSigninDeviceBackoff: wrong passwords from a known device slow that
// device down (it could be in someone else's hands), and do not slow the
// account for other devices.
func TestSigninDeviceBackoff(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	wrong := `{"username": "sam", "password": "a guess, again"}`
	right := `{"username": "sam", "password": "correct horse battery"}`
	_, _, device := passwordSigninFrom(t, h, right, "192.0.2.10")
	for i := 1; i <= 5; i++ {
		if st, _, _ := passwordSigninFrom(t, h, wrong, "192.0.2.10", device); st != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, st)
		}
	}
	st, retry, _ := passwordSigninFrom(t, h, right, "192.0.2.10", device)
	if n, _ := strconv.Atoi(retry); st != http.StatusTooManyRequests || n != 60 {
		t.Errorf("after 5 failures from the device: %d, Retry-After %q; want 429, 60", st, retry)
	}
	if st, _, _ := passwordSigninFrom(t, h, right, "192.0.2.20"); st != http.StatusOK {
		t.Errorf("another device was held back by this one's failures: %d", st)
	}
	if c, _ := s.Credentials.FindCredentials(context.Background(), "sam"); c.Failures != 0 {
		t.Errorf("the device's failures counted against the account: %d", c.Failures)
	}
	clock.t = clock.t.Add(time.Minute)
	if st, _, _ := passwordSigninFrom(t, h, right, "192.0.2.10", device); st != http.StatusOK {
		t.Errorf("after the wait: %d", st)
	}
}

// TestSigninRetryAfterAgrees: the per-address wait's Retry-After and its
// words say the same time.
func TestSigninRetryAfterAgrees(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	wrong := `{"username": "nobody", "password": "wrong password here"}`
	for i := 0; i < 10; i++ {
		clock.t = clock.t.Add(time.Second)
		do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: "192.0.2.7"})
	}
	clock.t = clock.t.Add(20 * time.Second)
	status, out, res := do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: "192.0.2.7"})
	_, msg := errorOf(out)
	if status != 429 || res.Header.Get("Retry-After") != "31" || msg != "Too many tries. Please try again in 31 seconds." {
		t.Errorf("got %d, Retry-After %q, %q; want 31 seconds both", status, res.Header.Get("Retry-After"), msg)
	}
}

// TestSigninIPv6PerNetwork: addresses of one IPv6 /64 share a limit.
func TestSigninIPv6PerNetwork(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	wrong := `{"username": "nobody", "password": "wrong password here"}`
	for i := 1; i <= 10; i++ {
		// Each at another username: one username's failures make it wait.
		do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "nobody` + strconv.Itoa(i) + `", "password": "wrong password here"}`,
			addr: "[2001:db8:5:6::" + strconv.Itoa(i) + "]"})
	}
	if st, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: "[2001:db8:5:6::abcd]"}); st != 429 {
		t.Errorf("an 11th address of the same /64: got %d, want 429", st)
	}
	if st, _, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: wrong, addr: "[2001:db8:5:7::1]"}); st != 401 {
		t.Errorf("another /64: got %d, want 401", st)
	}
}

// TestSigninSharedAddress: others sharing the owner's address (a
// household, a proxy, a stranger on the same network) using up its
// password tries neither stop the owner's known device nor passkeys.
func TestSigninSharedAddress(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	right := `{"username": "sam", "password": "correct horse battery"}`
	_, _, device := passwordSigninFrom(t, h, right, "192.0.2.10")
	for i := 0; i < 10; i++ {
		passwordSigninFrom(t, h, `{"username": "nobody`+strconv.Itoa(i)+`", "password": "a guess, again"}`, "192.0.2.10")
	}
	if st, _, _ := passwordSigninFrom(t, h, right, "192.0.2.10"); st != http.StatusTooManyRequests {
		t.Fatalf("a browser never signed in from, on the spent address: %d, want 429", st)
	}
	if st, retry, _ := passwordSigninFrom(t, h, right, "192.0.2.10", device); st != http.StatusOK {
		t.Errorf("the owner's known device on the spent address: %d (Retry-After %s)", st, retry)
	}
	req := httptest.NewRequest("POST", "/api/v1/signin/passkey/finish", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = "192.0.2.10:5555"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code == http.StatusTooManyRequests {
		t.Errorf("a passkey sign-in from the spent address was held back: %s", rec.Body.String())
	}
}

// TestSigninBehindProxy: behind a trusted reverse proxy each client has
// its own limit; an untrusted peer's X-Forwarded-For is not believed.
func TestSigninBehindProxy(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	proxies, err := ParseTrustedProxies("127.0.0.1, ::1")
	if err != nil {
		t.Fatal(err)
	}
	s.TrustedProxies = proxies
	h := s.Handler()
	tries := 0
	try := func(peer, forwarded string) int {
		// A username for each try: its own failures would make it wait.
		tries++
		req := httptest.NewRequest("POST", "/api/v1/signin", strings.NewReader(`{"username": "nobody`+strconv.Itoa(tries)+`", "password": "a guess, again"}`))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = peer + ":5555"
		if forwarded != "" {
			req.Header.Set("X-Forwarded-For", forwarded)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	for i := 0; i < 10; i++ {
		try("127.0.0.1", "203.0.113.5")
	}
	if st := try("127.0.0.1", "203.0.113.5"); st != http.StatusTooManyRequests {
		t.Errorf("the 11th from one client behind the proxy: %d", st)
	}
	if st := try("127.0.0.1", "203.0.113.6"); st != http.StatusUnauthorized {
		t.Errorf("another client behind the proxy: %d, want its own limit", st)
	}
	// A client cannot pick its address by writing the header itself.
	for i := 0; i < 10; i++ {
		try("198.51.100.9", "203.0.113."+strconv.Itoa(100+i))
	}
	if st := try("198.51.100.9", "203.0.113.200"); st != http.StatusTooManyRequests {
		t.Errorf("an untrusted peer's X-Forwarded-For was believed: %d", st)
	}
}

// TestSigninUnknownLooksTheSame: failures at a username nobody has are
// answered as at a real one, 401 then the same wait, so that a 429 does
// not tell which usernames exist.
func TestSigninUnknownLooksTheSame(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	answers := func(username string) []int {
		var out []int
		for i := 0; i < 7; i++ {
			st, _, _ := passwordSigninFrom(t, h, `{"username": "`+username+`", "password": "a guess, again"}`, "198.51.100."+strconv.Itoa(i+1))
			out = append(out, st)
		}
		return out
	}
	real, ghost := answers("sam"), answers("nosuchuser")
	if !slices.Equal(real, ghost) {
		t.Errorf("a real account answers %v, a username nobody has %v", real, ghost)
	}
	if real[6] != http.StatusTooManyRequests {
		t.Errorf("no wait after failures in a row: %v", real)
	}
}

// TestSigninSharedBrowser: two people signing in from one browser are
// each remembered; the second does not take the first one's place.
func TestSigninSharedBrowser(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Alex", "username": "alex", "password": "another good password"}`})
	sam := `{"username": "sam", "password": "correct horse battery"}`
	_, _, first := passwordSigninFrom(t, h, sam, "192.0.2.10")
	_, _, both := passwordSigninFrom(t, h, `{"username": "alex", "password": "another good password"}`, "192.0.2.10", first)
	if both == nil || !strings.Contains(both.Value, first.Value) {
		t.Fatalf("the second account's cookie dropped the first's: %v", both)
	}
	for i := 0; i < 6; i++ {
		passwordSigninFrom(t, h, `{"username": "sam", "password": "a stranger's guess"}`, "203.0.113."+strconv.Itoa(i+1))
	}
	if st, _, _ := passwordSigninFrom(t, h, sam, "192.0.2.10", both); st != http.StatusOK {
		t.Errorf("Sam on the shared browser, after Alex signed in on it: %d", st)
	}
}
