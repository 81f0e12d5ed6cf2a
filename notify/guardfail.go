package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
)

// post sends body as JSON to target through the guarded client, with
// header, and returns nil for a 2xx answer, else a *Failure in words
// about who ("the ntfy server"). Only the answer's status is used; its
// body is read (at most maxAnswer) and dropped, so that the connection
// can be used again.
func post(ctx context.Context, client *http.Client, who, target string, header http.Header, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return &Failure{Said: "that address cannot be sent to; check it", Permanent: true, Err: hidden("bad request", err)}
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return httpSendFailure(who, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return httpAnswerFailure(who, resp.StatusCode)
}

// httpAnswerFailure returns nil for a 2xx status, else a *Failure: permanent
// for a redirect and for a 4xx other than 408 and 429 (trying again
// cannot help), Gone as well for 410 (the receiver asks not to be sent
// to again), transient for the rest.
func httpAnswerFailure(who string, status int) error {
	code := fmt.Errorf("status %d", status)
	switch {
	case status >= 200 && status < 300:
		return nil
	case status >= 300 && status < 400:
		return &Failure{Said: who + " answered with a redirect to another address; Tend does not follow redirects, so save the address it leads to instead", Permanent: true, Err: code}
	case status == http.StatusRequestTimeout || status == http.StatusTooManyRequests:
		return &Failure{Said: who + " is busy; the delivery will be tried again later", Err: code}
	case status == http.StatusGone:
		return &Failure{Said: who + " said this address is gone; it will not be used again", Permanent: true, Gone: true, Err: code}
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return &Failure{Said: who + " refused the message as not allowed; check the address and any token", Permanent: true, Err: code}
	case status == http.StatusNotFound:
		return &Failure{Said: who + " has nothing at that address; check the address", Permanent: true, Err: code}
	case status >= 400 && status < 500:
		return &Failure{Said: fmt.Sprintf("%s refused the message (status %d)", who, status), Permanent: true, Err: code}
	}
	return &Failure{Said: fmt.Sprintf("%s had a problem (status %d); the delivery will be tried again later", who, status), Err: code}
}

// httpSendFailure turns an error from the guarded client into a *Failure.
// Its Err says what kind of error it was and never the address, the
// name or the port (the url.Error and net.OpError it wraps name them),
// so that it can be logged: the address is something a person wrote.
func httpSendFailure(who string, err error) *Failure {
	var (
		refused *refusedError
		dnsErr  *net.DNSError
		netErr  net.Error
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		badHost x509.HostnameError
		badCert x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &refused):
		return &Failure{Said: refused.Error(), Permanent: true, Err: hidden("address refused", err)}
	case errors.Is(err, ErrAddressRefused):
		return &Failure{Said: "that address is not one Tend can send to; use the receiver's public address", Permanent: true, Err: hidden("address refused", err)}
	case errors.Is(err, context.Canceled):
		return &Failure{Said: "the delivery was stopped; it will be tried again", Err: hidden("canceled", err)}
	case errors.As(err, &dnsErr) && !dnsErr.IsTimeout:
		return &Failure{Said: "no server could be found for that address's name; check the address", Err: hidden("name not resolved", err)}
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return &Failure{Said: fmt.Sprintf("%s did not answer within %d seconds; the delivery will be tried again later", who, int(sendTimeout.Seconds())), Err: hidden("timeout", err)}
	case errors.As(err, &certErr) || errors.As(err, &unknown) || errors.As(err, &badHost) || errors.As(err, &badCert):
		return &Failure{Said: who + "'s certificate could not be verified; the delivery will be tried again later", Err: hidden("certificate not verified", err)}
	}
	return &Failure{Said: who + " could not be reached; the delivery will be tried again later", Err: hidden("connection failed", err)}
}

// hiddenError says only what kind of error err is; errors.Is and As
// still see err itself.
type hiddenError struct {
	what string
	err  error
}

func hidden(what string, err error) error { return &hiddenError{what: what, err: err} }

func (e *hiddenError) Error() string { return e.what }
func (e *hiddenError) Unwrap() error { return e.err }
