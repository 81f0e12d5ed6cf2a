package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/textproto"
	"regexp"

	"github.com/wneessen/go-mail"
)

// What a person reads when an email did not go (Failure.Said). Those
// about the mail settings speak of "whoever runs this Tend": the person
// cannot fix them, but can tell the operator.
const (
	saidRefused        = "the mail server refused the address"
	saidRefusedMessage = "the mail server refused the message"
	saidBadAddress     = "this is not an email address Tend can send to"
	saidTryLater       = "the mail server asked to try again later; it will be tried again"
	saidTimeout        = "the mail server did not answer in time; it will be tried again"
	saidUnreachable    = "the mail server could not be reached; it will be tried again"
	saidInterrupted    = "the mail server stopped answering; it will be tried again"
	saidTurnedAway     = "the mail server turned the connection away; it will be tried again"
	saidStopped        = "the delivery was stopped before it finished; it will be tried again"
	saidCertificate    = "the mail server's certificate could not be verified: whoever runs this Tend needs to fix its mail settings (--smtp-url)"
	saidTLS            = "a secure connection to the mail server could not be made: whoever runs this Tend needs to check its mail settings (--smtp-url)"
	saidNotTLS         = "the mail server did not answer in TLS: whoever runs this Tend needs to check --smtp-url (smtps:// needs a TLS port, usually 465; smtp:// uses STARTTLS, usually 587)"
	saidNoSTARTTLS     = "the mail server does not offer STARTTLS, and Tend sends mail only encrypted: whoever runs this Tend needs to fix its mail settings (--smtp-url)"
	saidSignIn         = "the mail server refused Tend's sign-in: whoever runs this Tend needs to check the user in --smtp-url and TEND_SMTP_PASSWORD"
	saidNoSignIn       = "the mail server offers no sign-in Tend can use (PLAIN or LOGIN): whoever runs this Tend needs to check its mail settings (--smtp-url)"
	saidSender         = "the mail server refused Tend's sender address: whoever runs this Tend needs to check --mail-from"
	saidNoMailer       = "email is not set up on this Tend: whoever runs it needs to give --smtp-url and --mail-from"
	saidBroken         = "Tend could not make this email; this is a fault in Tend itself"
)

var (
	errNoSTARTTLS = errors.New("the server does not offer STARTTLS")
	errNoSignIn   = errors.New("the server offers neither AUTH PLAIN nor AUTH LOGIN")
)

// tlsError is a TLS handshake that failed while connecting (smtps://).
type tlsError struct{ err error }

func (e *tlsError) Error() string { return "tls: " + e.err.Error() }
func (e *tlsError) Unwrap() error { return e.err }

// smtpStep is where in the talk with the mail server a send failed.
type smtpStep int

const (
	stepConnect smtpStep = iota
	stepStartTLS
	stepSignIn
	stepSend
)

// failure turns what went wrong at a step into a *Failure. Its Err never
// holds the recipient's address, which servers like to repeat, so that
// it can be logged.
func failure(ctx context.Context, step smtpStep, err error, to string) *Failure {
	f := classify(ctx, step, err)
	f.Err = redact(err, to)
	return f
}

func classify(ctx context.Context, step smtpStep, err error) *Failure {
	if ctx.Err() != nil {
		return &Failure{Said: saidStopped}
	}
	var (
		sendErr *mail.SendError
		tpErr   *textproto.Error
		tlsErr  *tlsError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &sendErr):
		return sendFailure(sendErr)
	case errors.Is(err, errNoSTARTTLS):
		return &Failure{Said: saidNoSTARTTLS}
	case errors.Is(err, errNoSignIn):
		return &Failure{Said: saidNoSignIn}
	case errors.As(err, &netErr) && netErr.Timeout():
		return &Failure{Said: saidTimeout}
	case isCertificateError(err):
		return &Failure{Said: saidCertificate}
	case errors.As(err, &tpErr):
		switch {
		case tpErr.Code/100 == 4:
			return &Failure{Said: saidTryLater}
		case step == stepSignIn:
			return &Failure{Said: saidSignIn}
		}
		return &Failure{Said: saidTurnedAway}
	case errors.As(err, &tlsErr):
		var rh tls.RecordHeaderError
		if errors.As(err, &rh) {
			return &Failure{Said: saidNotTLS}
		}
		return &Failure{Said: saidTLS}
	case step == stepStartTLS:
		// Past the STARTTLS command, what fails is the handshake.
		return &Failure{Said: saidTLS}
	case step == stepSignIn:
		return &Failure{Said: saidSignIn}
	case step == stepConnect:
		return &Failure{Said: saidUnreachable}
	}
	return &Failure{Said: saidInterrupted}
}

// sendFailure reads go-mail's SendError: a 5xx to RCPT TO or to the
// message itself is final; to MAIL FROM it is the operator's to fix.
func sendFailure(e *mail.SendError) *Failure {
	permanent := e.ErrorCode()/100 == 5
	switch {
	case e.IsTemp() || e.ErrorCode()/100 == 4:
		return &Failure{Said: saidTryLater}
	case permanent && e.Reason == mail.ErrSMTPRcptTo:
		return &Failure{Said: saidRefused, Permanent: true}
	case permanent && (e.Reason == mail.ErrSMTPData || e.Reason == mail.ErrSMTPDataClose):
		return &Failure{Said: saidRefusedMessage, Permanent: true}
	case permanent && e.Reason == mail.ErrSMTPMailFrom:
		return &Failure{Said: saidSender}
	case permanent:
		return &Failure{Said: saidTurnedAway}
	}
	return &Failure{Said: saidInterrupted}
}

func isCertificateError(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid)
}

// redacted is an error whose words have the recipient's address taken
// out; Unwrap still gives the cause.
type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }

func redact(err error, to string) error {
	if err == nil || to == "" {
		return err
	}
	re := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(to))
	return &redacted{msg: re.ReplaceAllString(err.Error(), "<recipient>"), err: err}
}
