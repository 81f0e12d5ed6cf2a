package notify

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

const (
	// sendTimeout bounds a whole delivery: resolving, connecting, TLS,
	// sending and reading the answer. A slower receiver counts as down,
	// so that a job never waits on one for long.
	sendTimeout = 5 * time.Second
	// maxAnswer is the most of a receiver's answer that is ever read:
	// Tend only needs its status, and a receiver must not be able to
	// make it read (or hold) more.
	maxAnswer = 64 << 10
	// maxAnswerHeader bounds the answer's header the same way.
	maxAnswerHeader = 16 << 10
)

// NewGuardedClient returns the HTTP client for every request to an
// address a person gave (an ntfy topic, a webhook). Its requests never
// reach this machine, private networks, link-local or cloud metadata
// addresses, or anything that is not a single public host: the check is
// made on the address actually connected to, after the name is
// resolved, so a name that resolves (or rebinds) to 127.0.0.1 is refused
// like the literal address. Refusals wrap ErrAddressRefused.
//
// It follows no redirect (a 3xx is returned as the answer, for the
// channel to report), gives up after 5 seconds, reads at most 64 KiB of
// an answer, speaks only http and https, and ignores the proxy
// settings of the environment.
//
// allowPrivate is the operator's --allow-private-webhooks: private
// networks and this machine are let through (a self-hoster's own ntfy),
// link-local and metadata addresses still never are.
func NewGuardedClient(allowPrivate bool) *http.Client {
	return newGuardedClient(func(a netip.Addr) error { return checkAddr(a, allowPrivate) }, sendTimeout)
}

// newGuardedClient is NewGuardedClient with the address check and the
// timeout given: tests let their own 127.0.0.1 server through while
// refusing another, and wait milliseconds, not seconds, for a timeout.
func newGuardedClient(check func(netip.Addr) error, timeout time.Duration) *http.Client {
	dialer := &net.Dialer{
		Timeout: timeout,
		// Control runs for each address tried, after resolution and
		// before connecting: what it sees is what would be dialled.
		ControlContext: func(_ context.Context, network, address string, _ syscall.RawConn) error {
			return checkDial(network, address, check)
		},
	}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would make the dialled address the proxy's
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    timeout,
		ResponseHeaderTimeout:  timeout,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: maxAnswerHeader,
		MaxIdleConns:           16,
		IdleConnTimeout:        90 * time.Second,
	}
	return &http.Client{
		Transport: cappedTransport{transport},
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// checkDial checks the address about to be connected to.
func checkDial(network, address string, check func(netip.Addr) error) error {
	if network != "tcp4" && network != "tcp6" {
		return fmt.Errorf("%w: network %s", ErrAddressRefused, network)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: unreadable address", ErrAddressRefused)
	}
	return check(ap.Addr())
}

// cappedTransport reads at most maxAnswer bytes of any answer's body.
type cappedTransport struct {
	*http.Transport
}

func (t cappedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.Transport.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = cappedBody{Reader: io.LimitReader(resp.Body, maxAnswer), Closer: resp.Body}
	return resp, nil
}

type cappedBody struct {
	io.Reader
	io.Closer
}
