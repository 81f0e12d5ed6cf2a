package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// TestEmailFailures: what a person is told when a delivery does not go
// through, and whether trying again can help.
func TestEmailFailures(t *testing.T) {
	serverTLS, clientTLS := mustTestCert(t)
	refused := &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no mailbox " + testTo + " here"}
	busy := &smtp.SMTPError{Code: 450, EnhancedCode: smtp.EnhancedCode{4, 2, 1}, Message: "mailbox busy"}
	hang, _ := mustHangingServer(t, "")
	tests := []struct {
		name      string
		server    *testSMTP // nil: the hanging server
		mailer    func(port int) *Mailer
		said      string
		permanent bool
	}{
		{"RefusedAddress", &testSMTP{TLS: serverTLS, RcptErr: refused},
			func(port int) *Mailer { return testMailer("smtp", port, "", "", clientTLS) }, saidRefused, true},
		{"BusyMailbox", &testSMTP{TLS: serverTLS, RcptErr: busy},
			func(port int) *Mailer { return testMailer("smtp", port, "", "", clientTLS) }, saidTryLater, false},
		{"WrongPassword", &testSMTP{TLS: serverTLS, User: "u", Password: "right"},
			func(port int) *Mailer { return testMailer("smtp", port, "u", "wrong", clientTLS) }, saidSignIn, false},
		{"NoSTARTTLS", &testSMTP{},
			func(port int) *Mailer { return testMailer("smtp", port, "", "", clientTLS) }, saidNoSTARTTLS, false},
		{"UntrustedCertificateSTARTTLS", &testSMTP{TLS: serverTLS},
			func(port int) *Mailer { return testMailer("smtp", port, "", "", nil) }, saidCertificate, false},
		{"UntrustedCertificateSMTPS", &testSMTP{TLS: serverTLS, Implicit: true},
			func(port int) *Mailer { return testMailer("smtps", port, "", "", nil) }, saidCertificate, false},
		{"SMTPSToPlainPort", &testSMTP{TLS: serverTLS},
			func(port int) *Mailer { return testMailer("smtps", port, "", "", clientTLS) }, saidNotTLS, false},
		{"Hangs", nil, func(int) *Mailer {
			mr := testMailer("smtp", hang, "", "", clientTLS)
			mr.Config.Timeout = 100 * time.Millisecond
			return mr
		}, saidTimeout, false},
		{"Unreachable", nil, func(int) *Mailer { return testMailer("smtp", mustClosedPort(t), "", "", clientTLS) }, saidUnreachable, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			port := 0
			if tc.server != nil {
				port = mustStartSMTP(t, tc.server).Port
			}
			err := Email{Mailer: tc.mailer(port), To: testTo}.Send(context.Background(), testMessage)
			f := mustFail(t, err)
			if f.Said != tc.said || f.Permanent != tc.permanent || f.Gone {
				t.Errorf("got %q (permanent %v, gone %v), want %q (permanent %v)\n(%v)", f.Said, f.Permanent, f.Gone, tc.said, tc.permanent, err)
			}
			if strings.Contains(err.Error(), testTo) {
				t.Errorf("the error names the address: %v", err)
			}
			if tc.server != nil && len(tc.server.Mails()) != 0 {
				t.Errorf("the server got a mail")
			}
		})
	}
}

// TestEmailStopped: a send stops when its context does (a job stopped
// at shutdown), not when the server's timeouts run out.
func TestEmailStopped(t *testing.T) {
	// The server greets and never answers EHLO: the client is past
	// connecting, where only closing the connection can stop it.
	port, heard := mustHangingServer(t, "220 localhost ESMTP\r\n")
	mr := testMailer("smtp", port, "", "", nil)
	mr.Config.Timeout = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-heard
		cancel()
	}()
	f := mustFail(t, Email{Mailer: mr, To: testTo}.Send(ctx, testMessage))
	if f.Said != saidStopped || f.Permanent {
		t.Errorf("got %q (permanent %v), want %q", f.Said, f.Permanent, saidStopped)
	}
}

// TestEmailBadInput: what cannot be sent fails at once, for good.
func TestEmailBadInput(t *testing.T) {
	port, accepted := mustHangingServer(t, "")
	mr := testMailer("smtp", port, "", "", nil)
	noID, noBody, badLink := testMessage, testMessage, testMessage
	noID.ID = ""
	noBody.Body = " \n"
	badLink.Link = "javascript:alert(1)"
	tests := []struct {
		name      string
		ch        Email
		m         Message
		said      string
		permanent bool
	}{
		{"BadAddress", Email{Mailer: mr, To: "not an address"}, testMessage, saidBadAddress, true},
		{"NoID", Email{Mailer: mr, To: testTo}, noID, saidBroken, true},
		{"NoBody", Email{Mailer: mr, To: testTo}, noBody, saidBroken, true},
		{"BadLink", Email{Mailer: mr, To: testTo}, badLink, saidBroken, true},
		{"BadUnsubscribe", Email{Mailer: mr, To: testTo, Unsubscribe: "/relative"}, testMessage, saidBroken, true},
		{"NoMailer", Email{To: testTo}, testMessage, saidNoMailer, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := mustFail(t, tc.ch.Send(context.Background(), tc.m))
			if f.Said != tc.said || f.Permanent != tc.permanent {
				t.Errorf("got %q (permanent %v), want %q (permanent %v)", f.Said, f.Permanent, tc.said, tc.permanent)
			}
		})
	}
	select {
	case <-accepted:
		t.Error("the mail server was contacted")
	default:
	}
}
