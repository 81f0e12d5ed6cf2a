// Package smtptest is a real SMTP server (go-smtp) on 127.0.0.1 for
// tests, that keeps what it is given.
package smtptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// TB is what Start and TestCert need of a test (testing.TB), or of a
// load tool.
type TB interface {
	Helper()
	Fatal(args ...any)
	Cleanup(func())
}

// Server is a real SMTP server (go-smtp) on 127.0.0.1, started by a
// test, that keeps what it was given.
type Server struct {
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
	mails []Mail
}

// Mail is one message as the server got it.
type Mail struct {
	From   string
	To     []string
	Data   []byte
	Authed string    // the user signed in, if any
	At     time.Time // when it arrived
}

// Start starts s on 127.0.0.1 and stops it when the test ends.
func Start(tb TB, s *Server) *Server {
	tb.Helper()
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{s: s}, nil
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
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

type session struct {
	s      *Server
	authed string
	from   string
	to     []string
}

func (ss *session) AuthMechanisms() []string {
	switch {
	case ss.s.User == "":
		return nil
	case ss.s.Mechanism == sasl.Login:
		return []string{sasl.Login}
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
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

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.User != "" && ss.authed == "" {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if ss.s.RcptErr != nil {
		return ss.s.RcptErr
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	ss.s.mails = append(ss.s.mails, Mail{From: ss.from, To: ss.to, Data: b, Authed: ss.authed, At: time.Now()})
	ss.s.mu.Unlock()
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

// TestCert makes a self-signed certificate for 127.0.0.1 and
// localhost: the server's TLS config, and a client's that trusts it.
func TestCert(tb TB) (server, client *tls.Config) {
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
