package notify

import (
	"context"
	"crypto/tls"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Mailer sends Tend's mail through the operator's mail server, one
// connection per message: deliveries are few, and each is its own job,
// so a pool would only hold connections a server may drop anyway.
type Mailer struct {
	Config SMTPConfig
	// TLS, when set, is used instead of the system's defaults (tests
	// give their own RootCAs); ServerName defaults to Config.Host, the
	// minimum version to TLS 1.2. Certificates are always verified.
	TLS *tls.Config
}

// Email is one confirmed address of a person: a Channel.
type Email struct {
	Mailer *Mailer
	To     string
	// Unsubscribe is the absolute URL that stops these emails: given
	// in the List-Unsubscribe header and linked at the bottom. With
	// https it is also the RFC 8058 one-click address, which mail
	// providers POST to ("List-Unsubscribe=One-Click"); a GET of it must
	// only show a page, never unsubscribe, because mail scanners follow
	// links.
	Unsubscribe string
}

// Send delivers m to the address: the Subject is m.Title and m.Body, the
// text is m.Body and m.Link, and nothing of the person is added. The
// Message-ID is made from m.ID, the same on every try. Errors are
// *Failure: Permanent when the server refused the address or the
// message for good, else worth trying again.
func (e Email) Send(ctx context.Context, m Message) error {
	if e.Mailer == nil {
		return &Failure{Said: saidNoMailer}
	}
	to, err := parseRecipient(e.To)
	if err != nil {
		return err
	}
	msg, err := e.Mailer.compose(m, to, e.Unsubscribe)
	if err != nil {
		return err
	}
	return e.Mailer.send(ctx, msg, to)
}

// SendConfirm sends the one email that asks a person to confirm an
// address before Tend sends anything else to it: link (absolute,
// expiring after validFor; zero leaves the time unsaid) and nothing
// else about the person, not even their name. It is a method of the
// Mailer, not a Message through Email, because it has words of its own,
// no unsubscribe (the address is not subscribed yet) and no retries to
// recognise: a person who does not get it asks again. Errors are
// *Failure, as from Email.Send.
func (mr *Mailer) SendConfirm(ctx context.Context, to, link string, validFor time.Duration) error {
	to, err := parseRecipient(to)
	if err != nil {
		return err
	}
	msg, err := mr.composeConfirm(to, link, validFor)
	if err != nil {
		return err
	}
	return mr.send(ctx, msg, to)
}

func (mr *Mailer) timeout() time.Duration {
	if mr.Config.Timeout > 0 {
		return mr.Config.Timeout
	}
	return DefaultSMTPTimeout
}

func (mr *Mailer) tlsConfig() *tls.Config {
	c := &tls.Config{}
	if mr.TLS != nil {
		c = mr.TLS.Clone()
	}
	if c.ServerName == "" {
		c.ServerName = mr.Config.Host
	}
	if c.MinVersion == 0 {
		c.MinVersion = tls.VersionTLS12
	}
	return c
}

// send talks to the mail server step by step (connect, STARTTLS, sign
// in, send) rather than through go-mail's DialAndSend, so that each
// failure says which step failed without reading error text, and so
// that STARTTLS is never skipped.
func (mr *Mailer) send(ctx context.Context, msg *mail.Msg, to string) error {
	if ctx.Err() != nil {
		return failure(ctx, stepConnect, ctx.Err(), to)
	}
	var stop func() bool
	defer func() {
		if stop != nil {
			stop()
		}
	}()
	client, err := mail.NewClient(mr.Config.Host,
		mail.WithPort(mr.Config.Port),
		mail.WithTimeout(mr.timeout()),
		// TLS and sign-in are done below, by secure and signIn.
		mail.WithTLSPolicy(mail.NoTLS),
		mail.WithDialContextFunc(mr.dial(ctx, &stop)),
	)
	if err != nil {
		return failure(ctx, stepConnect, err, to)
	}
	sc, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return failure(ctx, stepConnect, err, to)
	}
	defer sc.Close()
	if err := mr.secure(sc); err != nil {
		return failure(ctx, stepStartTLS, err, to)
	}
	if err := mr.signIn(sc); err != nil {
		return failure(ctx, stepSignIn, err, to)
	}
	if err := client.SendWithSMTPClient(sc, msg); err != nil {
		return failure(ctx, stepSend, err, to)
	}
	// QUIT; the message is accepted already, so an error here is no
	// failed delivery.
	_ = client.CloseWithSMTPClient(sc)
	return nil
}

// dial connects (with TLS from the start for smtps://) and closes the
// connection when ctx ends, so that a job stopped at shutdown does not
// wait out the server's timeouts. go-mail's own TLS dialling is not
// used, because a custom dialler replaces it.
func (mr *Mailer) dial(ctx context.Context, stop *func() bool) mail.DialContextFunc {
	return func(dctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		conn, err := d.DialContext(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		if mr.Config.ImplicitTLS {
			tc := tls.Client(conn, mr.tlsConfig())
			if err := tc.HandshakeContext(dctx); err != nil {
				conn.Close()
				return nil, &tlsError{err}
			}
			conn = tc
		}
		*stop = context.AfterFunc(ctx, func() { conn.Close() })
		return conn, nil
	}
}

// secure starts TLS on a smtp:// connection; a server that does not
// offer STARTTLS is refused, never used in plain text (unless the
// operator chose ?tls=none for a server on this machine).
func (mr *Mailer) secure(sc *smtp.Client) error {
	if mr.Config.ImplicitTLS || mr.Config.PlainLocal {
		return nil
	}
	if ok, _ := sc.Extension("STARTTLS"); !ok {
		return errNoSTARTTLS
	}
	return sc.StartTLS(mr.tlsConfig())
}

// signIn signs in with PLAIN, or LOGIN when the server offers only
// that (some large providers do); the connection is encrypted by now.
func (mr *Mailer) signIn(sc *smtp.Client) error {
	c := mr.Config
	if c.Username == "" {
		return nil
	}
	_, offered := sc.Extension("AUTH")
	mechs := strings.Fields(strings.ToUpper(offered))
	switch {
	case slices.Contains(mechs, "PLAIN"):
		return sc.Auth(smtp.PlainAuth("", c.Username, c.Password, c.Host, c.PlainLocal))
	case slices.Contains(mechs, "LOGIN"):
		return sc.Auth(smtp.LoginAuth(c.Username, c.Password, c.Host, c.PlainLocal))
	}
	return errNoSignIn
}
