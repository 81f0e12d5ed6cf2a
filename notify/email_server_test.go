package notify

import (
	"bufio"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/tendcare/tend/internal/smtptest"
)

// The test SMTP server lives in internal/smtptest (the server's own
// end-to-end tests use it too).
type (
	testSMTP = smtptest.Server
	received = smtptest.Mail
)

func mustStartSMTP(tb testing.TB, s *testSMTP) *testSMTP { return smtptest.Start(tb, s) }

func mustTestCert(tb testing.TB) (server, client *tls.Config) { return smtptest.TestCert(tb) }

// mustHangingServer accepts connections and then hangs: with no
// greeting, it never says a word; with one, it greets and never answers
// what the client says next. heard has a value for each connection
// once it hangs (for a greeting server: once the client spoke, so that
// the client is surely past connecting, waiting for an answer).
func mustHangingServer(tb testing.TB, greeting string) (port int, heard <-chan struct{}) {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
		ch    = make(chan struct{}, 100)
	)
	go func() {
		for {
			c, err := l.Accept()
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if err != nil {
				continue
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			go func() {
				if greeting != "" {
					io.WriteString(c, greeting)
					bufio.NewReader(c).ReadString('\n')
				}
				select {
				case ch <- struct{}{}:
				default:
				}
			}()
		}
	}()
	tb.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().(*net.TCPAddr).Port, ch
}

// testMailer is a Mailer for a test server on 127.0.0.1.
func testMailer(scheme string, port int, user, password string, tlsConf *tls.Config) *Mailer {
	return &Mailer{
		Config: SMTPConfig{
			Host: "127.0.0.1", Port: port, ImplicitTLS: scheme == "smtps", PlainLocal: scheme == "plain",
			Username: user, Password: password, From: "tend@example.org",
			Timeout: 5 * time.Second,
		},
		TLS: tlsConf,
	}
}

// mustClosedPort is a port on 127.0.0.1 that nothing listens on.
func mustClosedPort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}
