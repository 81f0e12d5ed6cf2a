package web

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"
)

func TestAddressLimiterWindow(t *testing.T) {
	l := newAddressLimiter(10)
	start := time.Date(2026, 11, 28, 22, 0, 0, 0, time.UTC)
	// One try every 3 seconds for 61 seconds: 21 tries, of which only
	// 10 may pass in any minute.
	allowed := 0
	for i := 0; i <= 20; i++ {
		if ok, _ := l.allow("203.0.113.9", start.Add(time.Duration(i)*3*time.Second)); ok {
			allowed++
		}
	}
	// 0 to 27 s, then 60 s when the first left the window.
	if allowed != 11 {
		t.Errorf("%d tries allowed in 61 seconds, want 11 (10 in any minute)", allowed)
	}
	// Ten at once, then the eleventh waits until the first leaves the
	// window: a wait that says so.
	l = newAddressLimiter(10)
	for i := 0; i < 10; i++ {
		if ok, _ := l.allow("a", start.Add(time.Duration(i)*time.Second)); !ok {
			t.Fatalf("try %d refused", i+1)
		}
	}
	ok, wait := l.allow("a", start.Add(15*time.Second))
	if ok || wait != 45*time.Second {
		t.Errorf("11th: ok=%v, wait %v; want refused, 45s", ok, wait)
	}
	if ok, _ := l.allow("a", start.Add(60*time.Second)); !ok {
		t.Error("refused once the first try left the window")
	}
	if ok, _ := l.allow("b", start.Add(15*time.Second)); !ok {
		t.Error("another address was refused")
	}
}

// TestAddressLimiterRemembersUnderPressure: a new address never makes the
// limiter forget one that is being limited (alternating two addresses
// must not allow unlimited guesses).
func TestAddressLimiterRemembersUnderPressure(t *testing.T) {
	l := newAddressLimiter(3)
	l.max = 2
	now := time.Date(2026, 11, 28, 22, 0, 0, 0, time.UTC)
	allowedA := 0
	for i := 0; i < 40; i++ {
		at := now.Add(time.Duration(i) * time.Second)
		if ok, _ := l.allow("a", at); ok {
			allowedA++
		}
		l.allow(fmt.Sprintf("other-%d", i%2), at)
	}
	if allowedA > 3 {
		t.Errorf("a got %d tries in 40 seconds, want 3", allowedA)
	}
	// A flood of new addresses, each trying once: the limited one stays
	// limited while it is among the most recent.
	l = newAddressLimiter(3)
	l.max = 3
	for i := 0; i < 3; i++ {
		l.allow("a", now)
	}
	l.allow("x", now.Add(time.Second))
	if ok, _ := l.allow("a", now.Add(2*time.Second)); ok {
		t.Error("a limited address was forgotten when another came")
	}
	if len(l.clients) > l.max {
		t.Errorf("%d clients kept, max %d", len(l.clients), l.max)
	}
}

func TestClientAddress(t *testing.T) {
	tests := []struct{ remote, want string }{
		{"203.0.113.9:5555", "203.0.113.9"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff:ffff:ffff:ffff]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:3::1]:443", "2001:db8:1:3::/64"},
		{"[::ffff:198.51.100.7]:80", "198.51.100.7"},
		{"[::1]:80", "::/64"},
		{"not an address", "not an address"},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if got := clientAddress(r, nil); got != tc.want {
			t.Errorf("clientAddress(%q) = %q, want %q", tc.remote, got, tc.want)
		}
	}
}

func TestClientAddressBehindProxy(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.0/8, ::1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ remote, forwarded, want string }{
		{"10.1.2.3:80", "203.0.113.9", "203.0.113.9"},
		{"10.1.2.3:80", "198.51.100.1, 203.0.113.9", "203.0.113.9"}, // what the client wrote first is not believed
		{"10.1.2.3:80", "203.0.113.9, 10.9.9.9", "203.0.113.9"},     // proxies in a row
		{"[::1]:80", "2001:db8:1:2::5", "2001:db8:1:2::/64"},
		{"192.0.2.1:80", "203.0.113.9", "192.0.2.1"}, // an untrusted peer
		{"10.1.2.3:80", "", "10.1.2.3"},              // no header
		{"10.1.2.3:80", "not an address, 203.0.113.9", "203.0.113.9"},
		{"10.1.2.3:80", "203.0.113.9, garbage", "10.1.2.3"}, // the proxy's own entry is unreadable
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if tc.forwarded != "" {
			r.Header.Set("X-Forwarded-For", tc.forwarded)
		}
		if got := clientAddress(r, trusted); got != tc.want {
			t.Errorf("clientAddress(%q, %q) = %q, want %q", tc.remote, tc.forwarded, got, tc.want)
		}
	}
	for _, bad := range []string{"nonsense", "10.0.0.0/33", "1.2.3"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("ParseTrustedProxies(%q): no error", bad)
		}
	}
}

// TestAddressLimiterFullTable: a full table frees room in bulk, keeping
// the client that is still trying and limited.
func TestAddressLimiterFullTable(t *testing.T) {
	l := newAddressLimiter(3)
	l.max = 80
	now := time.Date(2026, 11, 28, 22, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		l.allow("a", now)
	}
	for i := 0; i < 500; i++ {
		at := now.Add(time.Duration(i) * 10 * time.Millisecond)
		l.allow(fmt.Sprintf("c%d", i), at)
		if ok, _ := l.allow("a", at); ok && at.Before(now.Add(time.Minute)) {
			t.Fatalf("the limited client was let through after %d new clients", i)
		}
	}
	if len(l.clients) > l.max {
		t.Errorf("%d clients kept, max %d", len(l.clients), l.max)
	}
}
