package notify

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

func mustRefuse(t *testing.T, c *http.Client, target string) {
	t.Helper()
	resp, err := c.Get(target)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("GET %s: answered %d, want refused", target, resp.StatusCode)
	}
	if !errors.Is(err, ErrAddressRefused) {
		t.Fatalf("GET %s: %v, want ErrAddressRefused", target, err)
	}
}

// mustServer starts a test server listening on addr ("127.0.0.1:0") and
// counts its requests.
func mustServer(tb testing.TB, addr string, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	tb.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		tb.Fatal(err)
	}
	var hits atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h(w, r)
	}))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	tb.Cleanup(srv.Close)
	return srv, &hits
}

func ok(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }

// TestGuardDialledAddress: a server on this machine, reached by its
// address, its IPv4-mapped form or a name resolving to it, is refused
// unless private addresses are allowed, and then works.
func TestGuardDialledAddress(t *testing.T) {
	v4, v4hits := mustServer(t, "127.0.0.1:0", ok)
	v6, v6hits := mustServer(t, "[::1]:0", ok)
	port := v4.Listener.Addr().(*net.TCPAddr).Port
	cases := []struct {
		name   string
		target string
		hits   *atomic.Int32
	}{
		{"IPv4 loopback", v4.URL, v4hits},
		{"IPv6 loopback", v6.URL, v6hits},
		{"IPv4-mapped loopback", "http://[::ffff:127.0.0.1]:" + strconv.Itoa(port) + "/", v4hits},
		{"name resolving to loopback", "http://localhost:" + strconv.Itoa(port) + "/", v4hits},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.hits.Load()
			mustRefuse(t, NewGuardedClient(false), tc.target)
			if tc.hits.Load() != before {
				t.Fatal("the refused request reached the server")
			}
			resp, err := NewGuardedClient(true).Get(tc.target)
			if err != nil {
				t.Fatalf("private allowed: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNoContent || tc.hits.Load() != before+1 {
				t.Fatalf("private allowed: status %d, hits %d, want 204 and one hit", resp.StatusCode, tc.hits.Load()-before)
			}
		})
	}
}

// TestGuardNoRedirect: a redirect is the answer, not followed, even to
// an address the guard would let through.
func TestGuardNoRedirect(t *testing.T) {
	second, secondHits := mustServer(t, "127.0.0.1:0", ok)
	cases := []struct {
		name   string
		to     string
		client *http.Client
	}{
		{"to an allowed server", second.URL, NewGuardedClient(true)},
		// The first hop's 127.0.0.1 is let through by the test's
		// check, the metadata address never.
		{"to a refused address", "http://169.254.169.254/latest/meta-data/", newGuardedClient(func(a netip.Addr) error {
			if a == netip.MustParseAddr("127.0.0.1") {
				return nil
			}
			return checkAddr(a, false)
		}, sendTimeout)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			first, _ := mustServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, tc.to, http.StatusFound)
			})
			resp, err := tc.client.Get(first.URL)
			if err != nil {
				t.Fatalf("GET: %v, want the redirect as the answer", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusFound {
				t.Errorf("status %d, want 302", resp.StatusCode)
			}
			if n := secondHits.Load(); n != 0 {
				t.Errorf("the redirect's target was asked %d times", n)
			}
		})
	}
}

// TestGuardAnswerCap: at most maxAnswer bytes of an answer are read.
func TestGuardAnswerCap(t *testing.T) {
	big := make([]byte, 1<<20)
	srv, _ := mustServer(t, "127.0.0.1:0", func(w http.ResponseWriter, _ *http.Request) { w.Write(big) })
	resp, err := NewGuardedClient(true).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != maxAnswer {
		t.Errorf("read %d bytes, want %d", len(got), maxAnswer)
	}
}

// TestGuardTimeout: a receiver that never answers, or never finishes
// its answer, is given up on, as a timeout, transient. The client's
// timeout is shortened for the test; how long it took is not checked.
func TestGuardTimeout(t *testing.T) {
	cases := []struct {
		name    string
		handler func(release <-chan struct{}) http.HandlerFunc
	}{
		{"NoAnswer", func(release <-chan struct{}) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-release:
				}
			}
		}},
		// The header comes at once, so only the client's overall
		// timeout (not the transport's wait for a header) stops it.
		{"EndlessAnswer", func(release <-chan struct{}) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusOK)
				w.Write([]byte("a"))
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
				case <-release:
				}
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			srv, _ := mustServer(t, "127.0.0.1:0", tc.handler(release))
			t.Cleanup(func() { close(release) }) // before srv.Close, which waits for the handler
			c := newGuardedClient(func(netip.Addr) error { return nil }, 50*time.Millisecond)
			done := make(chan error, 1)
			go func() {
				resp, err := c.Get(srv.URL)
				if err == nil {
					_, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				// Not a measure of the timeout: only so that a client
				// without one fails here instead of hanging the run.
				t.Fatal("the client never gave up")
			}
			var ne net.Error
			if !errors.As(err, &ne) || !ne.Timeout() {
				t.Fatalf("GET: %v, want a timeout", err)
			}
			if f := httpSendFailure("the receiver", err); f.Permanent || f.Gone {
				t.Errorf("a timeout is transient: %+v", f)
			}
		})
	}
}

// TestGuardTransport: no proxy from the environment (a proxy would be
// the address dialled, not the receiver), and only http and https.
func TestGuardTransport(t *testing.T) {
	c := NewGuardedClient(false)
	tr, isCapped := c.Transport.(cappedTransport)
	if !isCapped || tr.Proxy != nil {
		t.Fatalf("transport %T, proxy set %t: want the capped transport and no proxy", c.Transport, isCapped && tr.Proxy != nil)
	}
	for _, target := range []string{"file:///etc/passwd", "ftp://example.com/", "gopher://example.com/"} {
		if resp, err := c.Get(target); err == nil {
			resp.Body.Close()
			t.Errorf("GET %s was sent", target)
		}
	}
}
