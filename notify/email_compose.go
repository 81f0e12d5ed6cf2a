package notify

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	netmail "net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// The few fixed words of Tend's emails; what a Message says comes
// worded (see Words).
const (
	senderName      = "Tend"
	linkText        = "Open in Tend"
	unsubscribeText = "Stop these emails"
	confirmSubject  = "Confirm this address for Tend"
	confirmLead     = "Open this link to confirm that Tend may send messages to this address:"
	confirmLinkText = "Confirm this address"
	confirmIgnore   = "If this was not you, ignore this email: nothing more will be sent."
)

// RFC 3834: mail sent by a program, so that auto-responders (out of
// office) stay quiet.
const headerAutoSubmitted mail.Header = "Auto-Submitted"

// emailView is what both parts of an email show: a plain-text part and
// an HTML alternative, made from the same words.
type emailView struct {
	Subject     string
	Lead        string
	Link        string
	LinkText    string
	Note        string
	Unsubscribe string
}

// emailHTML has no style, image or script: mail readers show it in their
// own (often dark) theme, and nothing is fetched when it is opened.
var emailHTML = template.Must(template.New("email").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Subject}}</title>
</head>
<body>
<p>{{.Lead}}</p>
{{- if .Link}}
<p><a href="{{.Link}}">{{.LinkText}}</a></p>
{{- end}}
{{- if .Note}}
<p>{{.Note}}</p>
{{- end}}
{{- if .Unsubscribe}}
<hr>
<p><small><a href="{{.Unsubscribe}}">` + unsubscribeText + `</a></small></p>
{{- end}}
</body>
</html>
`))

func (v emailView) text() string {
	var b strings.Builder
	b.WriteString(v.Lead + "\n")
	if v.Link != "" {
		fmt.Fprintf(&b, "\n%s: %s\n", v.LinkText, v.Link)
	}
	if v.Note != "" {
		b.WriteString("\n" + v.Note + "\n")
	}
	if v.Unsubscribe != "" {
		fmt.Fprintf(&b, "\n-- \n%s: %s\n", unsubscribeText, v.Unsubscribe)
	}
	return b.String()
}

func (v emailView) html() (string, error) {
	var b strings.Builder
	err := emailHTML.Execute(&b, v)
	return b.String(), err
}

// compose makes the email of a Message.
func (mr *Mailer) compose(m Message, to, unsubscribe string) (*mail.Msg, error) {
	switch {
	case m.ID == "":
		return nil, broken(errors.New("the message has no id"))
	case oneLine(m.Body) == "":
		return nil, broken(errors.New("the message has no words"))
	}
	v := emailView{Subject: oneLine(m.Body), Lead: oneLine(m.Body), Link: m.Link, LinkText: linkText, Unsubscribe: unsubscribe}
	if t := oneLine(m.Title); t != "" {
		v.Subject = t + ": " + v.Subject
	}
	if err := checkWebURL(v.Link, "link"); err != nil {
		return nil, err
	}
	if err := checkWebURL(v.Unsubscribe, "unsubscribe link"); err != nil {
		return nil, err
	}
	msg, err := mr.newMsg(to, v, messageIDPart(m.ID))
	if err != nil {
		return nil, err
	}
	switch {
	case strings.HasPrefix(v.Unsubscribe, "https://"):
		if err := msg.SetListUnsubscribeOneClick(v.Unsubscribe); err != nil {
			return nil, broken(err)
		}
	case v.Unsubscribe != "":
		// RFC 8058 one-click needs https; plain http (a test set-up)
		// gets the RFC 2369 header only.
		msg.SetListUnsubscribe(v.Unsubscribe)
	}
	return msg, nil
}

// composeConfirm makes the email that asks to confirm an address.
func (mr *Mailer) composeConfirm(to, link string, validFor time.Duration) (*mail.Msg, error) {
	if link == "" {
		return nil, broken(errors.New("the confirmation has no link"))
	}
	if err := checkWebURL(link, "confirmation link"); err != nil {
		return nil, err
	}
	v := emailView{Subject: confirmSubject, Lead: confirmLead, Link: link, LinkText: confirmLinkText, Note: confirmIgnore}
	if d := validForText(validFor); d != "" {
		v.Note = "The link works for " + d + ". " + confirmIgnore
	}
	return mr.newMsg(to, v, rand.Text())
}

// newMsg makes an email from "Tend" to one address, with the view as
// its plain text and HTML, and idPart before the @ of its Message-ID.
func (mr *Mailer) newMsg(to string, v emailView, idPart string) (*mail.Msg, error) {
	// No User-Agent: the mail says nothing about the software it came
	// from beyond "Tend".
	msg := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(senderName, mr.Config.From); err != nil {
		return nil, broken(fmt.Errorf("the sender address: %w", err))
	}
	if err := msg.To(to); err != nil {
		return nil, &Failure{Said: saidBadAddress, Permanent: true}
	}
	msg.Subject(v.Subject)
	msg.SetDateWithValue(time.Now().UTC())
	msg.SetMessageIDWithValue(idPart + "@" + mr.Config.From[strings.LastIndexByte(mr.Config.From, '@')+1:])
	msg.SetGenHeader(headerAutoSubmitted, "auto-generated")
	html, err := v.html()
	if err != nil {
		return nil, broken(err)
	}
	msg.SetBodyString(mail.TypeTextPlain, v.text())
	msg.AddAlternativeString(mail.TypeTextHTML, html)
	return msg, nil
}

// messageIDPart is the part of the Message-ID before the @: the
// delivery's id itself when RFC 5322 allows it there (a UUID does),
// else a hash of it, so that every try of one delivery has the same
// Message-ID and a mail reader shows a retry once.
func messageIDPart(id string) string {
	if isDotAtom(id) && len(id) <= 64 {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:16])
}

// isDotAtom is RFC 5322's dot-atom-text.
func isDotAtom(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", r)) {
				return false
			}
		}
	}
	return true
}

// parseRecipient returns the bare address of to.
func parseRecipient(to string) (string, error) {
	a, err := netmail.ParseAddress(strings.TrimSpace(to))
	if err != nil {
		return "", &Failure{Said: saidBadAddress, Permanent: true}
	}
	return a.Address, nil
}

// checkWebURL accepts "" or an absolute http(s) URL: anything else in a
// link is a fault in Tend, not something to send.
func checkWebURL(s, what string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return broken(fmt.Errorf("the %s is not an absolute http(s) URL", what))
	}
	return nil
}

// oneLine folds s onto one line: a Subject is one header line, and the
// body's one line stays one.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// validForText says how long a link works: "24 hours", "30 minutes".
func validForText(d time.Duration) string {
	plural := func(n int64, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d < time.Minute:
		return ""
	case d%time.Hour == 0:
		return plural(int64(d/time.Hour), "hour")
	}
	return plural(int64(d/time.Minute), "minute")
}

// broken is a fault in Tend, not in the mail server: trying again
// cannot help.
func broken(err error) *Failure {
	return &Failure{Said: saidBroken, Permanent: true, Err: err}
}
