package notify

import (
	"bufio"
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
	// User and Password, when set, are required before MAIL, signed in
	// with Mechanism ("PLAIN" when empty, or "LOGIN").
	User, Password, Mechanism string
	// InsecureAuth offers sign-in without TLS.
	InsecureAuth bool
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
	srv.AllowInsecureAuth = s.InsecureAuth
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
	switch {
	case ss.s.User == "":
		return nil
	case ss.s.Mechanism == sasl.Login:
		return []string{sasl.Login}
	}
	return []string{sasl.Plain}
}

func (ss *testSession) Auth(mech string) (sasl.Server, error) {
	check := func(_, user, password string) error {
		if user != ss.s.User || password != ss.s.Password {
			return smtp.ErrAuthFailed
		}
		ss.authed = user
		return nil
	}
	if mech == sasl.Login {
		return &loginServer{check: check}, nil
	}
	return sasl.NewPlainServer(check), nil
}

// loginServer is the server side of AUTH LOGIN, which go-sasl no longer
// has: it asks for the user, then the password.
type loginServer struct {
	check func(identity, user, password string) error
	step  int
	user  string
}

func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	l.step++
	switch l.step {
	case 1:
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(response)
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check("", l.user, string(response))
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
