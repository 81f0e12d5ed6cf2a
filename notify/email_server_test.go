package notify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// testSMTP is a real SMTP server (go-smtp) on 127.0.0.1, started by a
// test, that keeps what it was given.
type testSMTP struct {
	// TLS makes the server offer STARTTLS, or with Implicit speak TLS
	// from the first byte.
	TLS      *tls.Config
	Implicit bool
	// User and Password, when set, are required (AUTH PLAIN) before MAIL.
	User, Password string
	// RcptErr, when set, is the answer to every RCPT TO.
	RcptErr *smtp.SMTPError

	Port  int
	mu    sync.Mutex
	mails []received
}

// received is one message as the server got it.
type received struct {
	From   string
	To     []string
	Data   []byte
	Authed string // the user signed in, if any
}

// mustStartSMTP starts s on 127.0.0.1 and stops it when the test ends.
func mustStartSMTP(tb testing.TB, s *testSMTP) *testSMTP {
	tb.Helper()
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &testSession{s: s}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 30*time.Second, 30*time.Second
	// Not the test's log: a connection may end after the test does.
	srv.ErrorLog = log.New(io.Discard, "", 0)
	var l net.Listener
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	if s.Implicit {
		l = tls.NewListener(l, s.TLS)
	} else {
		srv.TLSConfig = s.TLS
	}
	s.Port = l.Addr().(*net.TCPAddr).Port
	go srv.Serve(l)
	tb.Cleanup(func() { srv.Close() })
	return s
}

// Mails returns what the server has received so far.
func (s *testSMTP) Mails() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.mails...)
}

type testSession struct {
	s      *testSMTP
	authed string
	from   string
	to     []string
}

func (ss *testSession) AuthMechanisms() []string {
	if ss.s.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *testSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != ss.s.User || password != ss.s.Password {
			return smtp.ErrAuthFailed
		}
		ss.authed = user
		return nil
	}), nil
}

func (ss *testSession) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.User != "" && ss.authed == "" {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if ss.s.RcptErr != nil {
		return ss.s.RcptErr
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *testSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	ss.s.mails = append(ss.s.mails, received{From: ss.from, To: ss.to, Data: b, Authed: ss.authed})
	ss.s.mu.Unlock()
	return nil
}

func (ss *testSession) Reset()        { ss.from, ss.to = "", nil }
func (ss *testSession) Logout() error { return nil }

// mustTestCert makes a self-signed certificate for 127.0.0.1 and
// localhost: the server's TLS config, and a client's that trusts it.
func mustTestCert(tb testing.TB) (server, client *tls.Config) {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Tend test mail server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}}}
	return server, &tls.Config{RootCAs: roots}
}

// mustHangingServer accepts connections and never says a word; accepted
// has a value for each connection.
func mustHangingServer(tb testing.TB) (port int, accepted <-chan struct{}) {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
		acc   = make(chan struct{}, 100)
	)
	go func() {
		for {
			c, err := l.Accept()
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if err == nil {
				mu.Lock()
				conns = append(conns, c)
				mu.Unlock()
				select {
				case acc <- struct{}{}:
				default:
				}
			}
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
	return l.Addr().(*net.TCPAddr).Port, acc
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
