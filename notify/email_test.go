package notify

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// A delivery as the lead words it; the test only checks it arrives as is.
var testMessage = Message{
	ID:    "0190f5d2-7a1c-7c3e-8f00-3b2a1c0d4e5f",
	Kind:  KindFollowup,
	Title: "Tend",
	Body:  "A check-in is waiting",
	Link:  "https://tend.example.org/followups/0190f5d2",
}

const (
	testTo          = "person@example.net"
	testUnsubscribe = "https://tend.example.org/email/unsubscribe/tok123"
)

// parsedMail is a received email, read with the standard library.
type parsedMail struct {
	Header netmail.Header
	// Types lists each part's media type, in order.
	Types       []string
	Plain, HTML string
}

func mustParseMail(tb testing.TB, data []byte) parsedMail {
	tb.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	p := parsedMail{Header: m.Header}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		tb.Fatalf("Content-Type %q (%v), want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		pt, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		body, err := io.ReadAll(part) // quoted-printable is decoded by the reader
		if err != nil {
			tb.Fatal(err)
		}
		p.Types = append(p.Types, pt)
		switch pt {
		case "text/plain":
			p.Plain = strings.ReplaceAll(string(body), "\r\n", "\n")
		case "text/html":
			p.HTML = strings.ReplaceAll(string(body), "\r\n", "\n")
		}
	}
	return p
}

func (p parsedMail) subject(tb testing.TB) string {
	tb.Helper()
	s, err := new(mime.WordDecoder).DecodeHeader(p.Header.Get("Subject"))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func (p parsedMail) html(tb testing.TB) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(p.HTML))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// mustFail returns err as the *Failure it must be.
func mustFail(tb testing.TB, err error) *Failure {
	tb.Helper()
	var f *Failure
	if !errors.As(err, &f) {
		tb.Fatalf("got %v, want a *Failure", err)
	}
	return f
}

// TestEmailSend: over STARTTLS with AUTH PLAIN, the message arrives from
// "Tend" with its headers, a plain-text and an HTML part and nothing
// else; a second try of the same delivery has the same Message-ID, another
// delivery another.
func TestEmailSend(t *testing.T) {
	serverTLS, clientTLS := mustTestCert(t)
	s := mustStartSMTP(t, &testSMTP{TLS: serverTLS, User: "tend-mail", Password: "s3cret pass"})
	ch := Email{Mailer: testMailer("smtp", s.Port, "tend-mail", "s3cret pass", clientTLS), To: testTo, Unsubscribe: testUnsubscribe}

	other := testMessage
	other.ID = "0190f5d2-0000-7000-8000-000000000002"
	for _, m := range []Message{testMessage, testMessage, other} {
		if err := ch.Send(context.Background(), m); err != nil {
			t.Fatalf("Send: %v", err)
		}
	}
	mails := s.Mails()
	if len(mails) != 3 {
		t.Fatalf("the server got %d mails, want 3", len(mails))
	}
	var ids []string
	for _, got := range mails {
		if got.From != "tend@example.org" || !slices.Equal(got.To, []string{testTo}) || got.Authed != "tend-mail" {
			t.Errorf("envelope: from %q to %q signed in as %q", got.From, got.To, got.Authed)
		}
		p := mustParseMail(t, got.Data)
		ids = append(ids, p.Header.Get("Message-ID"))

		var keys []string
		for k := range p.Header {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		wantKeys := []string{"Auto-Submitted", "Content-Type", "Date", "From", "List-Unsubscribe", "List-Unsubscribe-Post", "Message-Id", "Mime-Version", "Subject", "To"}
		if !slices.Equal(keys, wantKeys) {
			t.Errorf("headers %q, want only %q", keys, wantKeys)
		}
		from, err := netmail.ParseAddress(p.Header.Get("From"))
		if err != nil || from.Name != "Tend" || from.Address != "tend@example.org" {
			t.Errorf("From %q, want \"Tend\" <tend@example.org>", p.Header.Get("From"))
		}
		for _, h := range []struct{ name, want string }{
			{"To", "<" + testTo + ">"},
			{"Auto-Submitted", "auto-generated"},
			{"List-Unsubscribe", "<" + testUnsubscribe + ">"},
			{"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"},
		} {
			if got := p.Header.Get(h.name); got != h.want {
				t.Errorf("%s: got %q, want %q", h.name, got, h.want)
			}
		}
		if got, want := p.subject(t), "Tend: A check-in is waiting"; got != want {
			t.Errorf("Subject: got %q, want %q", got, want)
		}
		if !slices.Equal(p.Types, []string{"text/plain", "text/html"}) {
			t.Errorf("parts %q, want text/plain and text/html only", p.Types)
		}
		wantPlain := "A check-in is waiting\n\nOpen in Tend: " + testMessage.Link + "\n\n-- \nStop these emails: " + testUnsubscribe + "\n"
		if p.Plain != wantPlain {
			t.Errorf("plain text:\n%q\nwant:\n%q", p.Plain, wantPlain)
		}
		doc := p.html(t)
		if got := doc.Find("body > p").First().Text(); got != "A check-in is waiting" {
			t.Errorf("the HTML's first paragraph: got %q", got)
		}
		var hrefs []string
		doc.Find("a").Each(func(_ int, a *goquery.Selection) { hrefs = append(hrefs, a.AttrOr("href", "")) })
		if !slices.Equal(hrefs, []string{testMessage.Link, testUnsubscribe}) {
			t.Errorf("the HTML's links: got %q, want the message's then the unsubscribe link", hrefs)
		}
		if n := doc.Find("script, style, img, [style]").Length(); n != 0 {
			t.Errorf("the HTML has %d scripts, styles or images", n)
		}
	}
	if want := "<" + testMessage.ID + "@example.org>"; ids[0] != want || ids[1] != want {
		t.Errorf("Message-ID of two tries: %q, %q; want %q for both", ids[0], ids[1], want)
	}
	if ids[2] == ids[0] {
		t.Errorf("another delivery has the same Message-ID %q", ids[2])
	}
}

// TestEmailImplicitTLS: smtps:// speaks TLS from the start, and signs in
// over it.
func TestEmailImplicitTLS(t *testing.T) {
	serverTLS, clientTLS := mustTestCert(t)
	s := mustStartSMTP(t, &testSMTP{TLS: serverTLS, Implicit: true, User: "u", Password: "p"})
	ch := Email{Mailer: testMailer("smtps", s.Port, "u", "p", clientTLS), To: testTo, Unsubscribe: testUnsubscribe}
	if err := ch.Send(context.Background(), testMessage); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if mails := s.Mails(); len(mails) != 1 || mails[0].Authed != "u" {
		t.Fatalf("the server got %+v", mails)
	}
}

// TestEmailSignIn: PLAIN or, when the server offers only that, LOGIN;
// over TLS, or in plain text with ?tls=none to this machine.
func TestEmailSignIn(t *testing.T) {
	serverTLS, clientTLS := mustTestCert(t)
	tests := []struct {
		name   string
		server *testSMTP
		scheme string
	}{
		{"PlainSTARTTLS", &testSMTP{TLS: serverTLS, User: "u", Password: "p w"}, "smtp"},
		{"LoginSTARTTLS", &testSMTP{TLS: serverTLS, User: "u", Password: "p w", Mechanism: "LOGIN"}, "smtp"},
		{"LoginSMTPS", &testSMTP{TLS: serverTLS, Implicit: true, User: "u", Password: "p w", Mechanism: "LOGIN"}, "smtps"},
		{"PlainLocal", &testSMTP{User: "u", Password: "p w", InsecureAuth: true}, "plain"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustStartSMTP(t, tc.server)
			ch := Email{Mailer: testMailer(tc.scheme, s.Port, "u", "p w", clientTLS), To: testTo}
			if err := ch.Send(context.Background(), testMessage); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if mails := s.Mails(); len(mails) != 1 || mails[0].Authed != "u" {
				t.Fatalf("the server got %+v", mails)
			}
		})
	}
}

// TestEmailPlainLocal: ?tls=none sends to a server on this machine
// without TLS (a local relay, a test inbox).
func TestEmailPlainLocal(t *testing.T) {
	s := mustStartSMTP(t, &testSMTP{})
	ch := Email{Mailer: testMailer("plain", s.Port, "", "", nil), To: testTo}
	if err := ch.Send(context.Background(), testMessage); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if mails := s.Mails(); len(mails) != 1 {
		t.Fatalf("the server got %d mails, want 1", len(mails))
	}
}

// TestEmailEscapesHTML: the message's words are text in the HTML part,
// never markup.
func TestEmailEscapesHTML(t *testing.T) {
	s := mustStartSMTP(t, &testSMTP{})
	ch := Email{Mailer: testMailer("plain", s.Port, "", "", nil), To: testTo, Unsubscribe: testUnsubscribe}
	m := testMessage
	m.Title = `<b>Tend</b>`
	m.Body = `<script>alert("hi")</script> & <img src=x onerror=alert(1)>`
	if err := ch.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	mails := s.Mails()
	if len(mails) != 1 {
		t.Fatalf("the server got %d mails, want 1", len(mails))
	}
	p := mustParseMail(t, mails[0].Data)
	doc := p.html(t)
	if n := doc.Find("script, img, b").Length(); n != 0 {
		t.Errorf("the HTML part has %d elements from the message's words:\n%s", n, p.HTML)
	}
	if got := doc.Find("body > p").First().Text(); got != m.Body {
		t.Errorf("the HTML's first paragraph: got %q, want the body as text", got)
	}
	if got := doc.Find("title").Text(); got != m.Title+": "+m.Body {
		t.Errorf("the HTML's title: got %q", got)
	}
	if !strings.Contains(p.HTML, "&lt;script&gt;") {
		t.Errorf("the HTML part does not escape <script>:\n%s", p.HTML)
	}
}

// TestSendConfirm: the confirmation says what it is for, links to the
// confirmation and says how long the link works, and nothing else.
func TestSendConfirm(t *testing.T) {
	serverTLS, clientTLS := mustTestCert(t)
	s := mustStartSMTP(t, &testSMTP{TLS: serverTLS})
	mr := testMailer("smtp", s.Port, "", "", clientTLS)
	link := "https://tend.example.org/email/confirm/tok456"
	if err := mr.SendConfirm(context.Background(), testTo, link, 24*time.Hour); err != nil {
		t.Fatalf("SendConfirm: %v", err)
	}
	mails := s.Mails()
	if len(mails) != 1 {
		t.Fatalf("the server got %d mails, want 1", len(mails))
	}
	p := mustParseMail(t, mails[0].Data)
	if got := p.subject(t); got != "Confirm this address for Tend" {
		t.Errorf("Subject %q", got)
	}
	if p.Header.Get("List-Unsubscribe") != "" || p.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("headers %v", p.Header)
	}
	wantPlain := "Open this link to confirm that Tend may send messages to this address:\n\n" +
		"Confirm this address: " + link + "\n\n" +
		"The link works for 24 hours. If this was not you, ignore this email: nothing more will be sent.\n"
	if p.Plain != wantPlain {
		t.Errorf("plain text:\n%q\nwant:\n%q", p.Plain, wantPlain)
	}
	if got := p.html(t).Find(`a`).AttrOr("href", ""); got != link {
		t.Errorf("the HTML links to %q, want %q", got, link)
	}
}

// TestMessageIDPart: an id that may stand before the @ of a Message-ID
// does; another is hashed, the same way every time.
func TestMessageIDPart(t *testing.T) {
	tests := []struct {
		id   string
		kept bool
	}{
		{"0190f5d2-7a1c-7c3e-8f00-3b2a1c0d4e5f", true},
		{"job.42", true},
		{"a b", false},
		{"<x>", false},
		{"..", false},
		{"", false},
		{strings.Repeat("a", 65), false},
	}
	seen := map[string]string{}
	for _, tc := range tests {
		got := messageIDPart(tc.id)
		if got != messageIDPart(tc.id) || !isDotAtom(got) || tc.kept != (got == tc.id) || (!tc.kept && len(got) != 32) {
			t.Errorf("messageIDPart(%q) = %q", tc.id, got)
		}
		if other, ok := seen[got]; ok {
			t.Errorf("%q and %q both give %q", tc.id, other, got)
		}
		seen[got] = tc.id
	}
}
