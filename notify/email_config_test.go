package notify

import (
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tendcare/tend"
)

func TestParseSMTP(t *testing.T) {
	tests := []struct {
		name, url, password string
		want                SMTPConfig
	}{
		{"STARTTLS", "smtp://mail.example.org", "", SMTPConfig{Host: "mail.example.org", Port: 587}},
		{"ImplicitTLS", "smtps://mail.example.org", "", SMTPConfig{Host: "mail.example.org", Port: 465, ImplicitTLS: true}},
		{"UserAndPort", "smtp://tend@mail.example.org:2525", "pw", SMTPConfig{Host: "mail.example.org", Port: 2525, Username: "tend", Password: "pw"}},
		{"EscapedAddressAsUser", "smtps://tend%40example.org@mail.example.org", "pw", SMTPConfig{Host: "mail.example.org", Port: 465, ImplicitTLS: true, Username: "tend@example.org", Password: "pw"}},
		{"SchemeInCapitals", " SMTP://mail.example.org:25/ ", "", SMTPConfig{Host: "mail.example.org", Port: 25}},
		{"IPv6", "smtp://[2001:db8::1]:587", "", SMTPConfig{Host: "2001:db8::1", Port: 587}},
		{"PlainLocalhost", "smtp://localhost:1025?tls=none", "", SMTPConfig{Host: "localhost", Port: 1025, PlainLocal: true}},
		{"PlainLoopbackIPv6", "smtp://u@[::1]:1025?tls=none", "pw", SMTPConfig{Host: "::1", Port: 1025, PlainLocal: true, Username: "u", Password: "pw"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseSMTP(tc.url, tc.password, " tend@example.org ")
			tc.want.From = "tend@example.org"
			if err != nil || got != tc.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// TestParseSMTPRefuses: every wrong setting is refused, with words that
// name it and say what to give instead.
func TestParseSMTPRefuses(t *testing.T) {
	tests := []struct {
		name, url, password, from string
		want                      string // the message starts so
	}{
		{"Empty", "", "", "", "--smtp-url is empty: give smtp://"},
		{"NotURL", "mail.example.org", "", "", "--smtp-url is not a URL"},
		{"Scheme", "http://mail.example.org", "", "", "--smtp-url must start with smtp:// (STARTTLS) or smtps:// (TLS)"},
		{"Password", "smtp://tend:hunter2@mail.example.org", "", "", "--smtp-url must not hold the password: give only the user (smtp://user@host) and the password in TEND_SMTP_PASSWORD"},
		{"PasswordOnly", "smtps://:hunter2@mail.example.org", "", "", "--smtp-url must not hold the password"},
		{"PasswordBadPort", "smtp://tend:hunter2@mail.example.org:x", "", "", "--smtp-url must not hold the password"},
		{"NoHost", "smtp://", "", "", "--smtp-url has no host"},
		{"NoHostAfterUser", "smtp://tend@:25", "", "", "--smtp-url has no host"},
		{"PortNotNumber", "smtp://mail.example.org:smtp", "", "", "--smtp-url has a bad port"},
		{"PortZero", "smtp://mail.example.org:0", "", "", "--smtp-url has a bad port"},
		{"PortTooBig", "smtp://mail.example.org:65536", "", "", "--smtp-url has a bad port"},
		{"PortEmpty", "smtp://mail.example.org:", "", "", "--smtp-url has a bad port"},
		{"PortSigned", "smtp://mail.example.org:+25", "", "", "--smtp-url has a bad port"},
		{"IPv6Unclosed", "smtp://[::1:25", "", "", "--smtp-url has an IPv6 address without its closing ]"},
		{"IPv6Trailing", "smtp://[::1]x", "", "", "--smtp-url has text after the IPv6 address"},
		{"IPv6NotAddress", "smtp://[mail.example.org]:25", "", "", "--smtp-url has something other than an IPv6 address"},
		{"HostSpace", "smtp://mail example.org", "", "", "--smtp-url has a host that is not a host name or IP address"},
		{"HostPercent", "smtp://mail%2eexample.org", "", "", "--smtp-url has a host that is not a host name or IP address"},
		{"EmptyUser", "smtp://@mail.example.org", "", "", "--smtp-url has an empty user before @"},
		{"BadEscape", "smtp://us%zzer@mail.example.org", "pw", "", "--smtp-url is not a valid URL"},
		{"Path", "smtp://mail.example.org/inbox", "", "", "--smtp-url takes only a user, host and port"},
		{"Fragment", "smtp://mail.example.org#x", "", "", "--smtp-url takes only a user, host and port"},
		{"UnknownOption", "smtp://mail.example.org?starttls=optional", "", "", "--smtp-url takes one option, ?tls=none, for a mail server on this machine only"},
		{"TwoOptions", "smtp://localhost?tls=none&tls=none", "", "", "--smtp-url takes one option"},
		{"PlainOverNetwork", "smtp://mail.example.org?tls=none", "", "", "--smtp-url: ?tls=none is only for a mail server on this machine"},
		{"PlainNotLoopback", "smtp://192.0.2.1?tls=none", "", "", "--smtp-url: ?tls=none is only for a mail server on this machine"},
		{"PlainSMTPS", "smtps://localhost?tls=none", "", "", "--smtp-url: smtps:// is TLS; ?tls=none goes only with smtp://"},
		{"UserNoPassword", "smtp://tend@mail.example.org", "", "tend@example.org", "--smtp-url names a user but no password is set: give it in TEND_SMTP_PASSWORD or TEND_SMTP_PASSWORD_FILE"},
		{"PasswordNoUser", "smtp://mail.example.org", "pw", "tend@example.org", "TEND_SMTP_PASSWORD is set but --smtp-url names no user"},
		{"NoFrom", "smtp://mail.example.org", "", " ", "--mail-from is needed with --smtp-url"},
		{"FromNotAddress", "smtp://mail.example.org", "", "tend", "--mail-from is not an email address"},
		{"FromWithName", "smtp://mail.example.org", "", `"Care Team" <tend@example.org>`, "--mail-from takes only the address"},
		{"FromTwo", "smtp://mail.example.org", "", "a@example.org, b@example.org", "--mail-from is not an email address"},
		{"FromBadDomain", "smtp://mail.example.org", "", "tend@-example-.org", "--mail-from has no usable domain after @"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSMTP(tc.url, tc.password, tc.from)
			msg := tend.ErrorMessage(err)
			if tend.ErrorCode(err) != tend.EINVALID || !strings.HasPrefix(msg, tc.want) {
				t.Errorf("got %q (%s), want EINVALID %q…", msg, tend.ErrorCode(err), tc.want)
			}
			if strings.Contains(msg, "hunter2") {
				t.Errorf("the message repeats the password: %q", msg)
			}
		})
	}
}

// FuzzParseSMTP: whatever the settings, ParseSMTP never panics, never
// accepts a URL holding a password, refuses with a short printable
// message (none repeats its input: see TestParseSMTPRefuses), and what
// it accepts is usable.
func FuzzParseSMTP(f *testing.F) {
	for _, s := range [][3]string{
		{"smtp://mail.example.org", "", "tend@example.org"},
		{"smtps://u@mail.example.org:465", "pw", "tend@example.org"},
		{"smtp://u:secretsecretsecret@mail.example.org", "", "tend@example.org"},
		{"smtp://u%3Ap@[::1]:25?tls=none", "pw", "<tend@[192.0.2.1]>"},
		{"smtp://a@b@c:1/?tls=none#", "x", `"" <a@b>`},
		{"smtp://[fe80::1%25eth0]:25", "", "a@b"},
		{"smtps://xn--bcher-kva.example:0587", "", "a@b.c"},
		{"smtp://\x00@\xff:9", "\n", "a@\x7f"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, raw, password, from string) {
		c, err := ParseSMTP(raw, password, from)
		u, uerr := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			msg := tend.ErrorMessage(err)
			if tend.ErrorCode(err) != tend.EINVALID || !utf8.ValidString(msg) || len(msg) > 300 || strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				t.Fatalf("%q: message %q (%s) is not a short, printable EINVALID", raw, msg, tend.ErrorCode(err))
			}
			return
		}
		if uerr != nil {
			t.Fatalf("%q accepted, but url.Parse refuses it: %v", raw, uerr)
		}
		if _, has := u.User.Password(); has {
			t.Fatalf("%q accepted with a password in it", raw)
		}
		if u.Hostname() != c.Host || !validSMTPHost(c.Host) || c.Port < 1 || c.Port > 65535 {
			t.Fatalf("%q: host %q port %d (URL host %q)", raw, c.Host, c.Port, u.Hostname())
		}
		if p := u.Port(); p != "" {
			if n, _ := strconv.Atoi(p); n != c.Port {
				t.Fatalf("%q: port %d", raw, c.Port)
			}
		}
		if (c.Username == "") != (c.Password == "") || c.Password != password {
			t.Fatalf("%q: user %q with password %q", raw, c.Username, c.Password)
		}
		if c.PlainLocal && (c.ImplicitTLS || !isLoopback(c.Host)) {
			t.Fatalf("%q: plain text to %q", raw, c.Host)
		}
		if a, err := mail.ParseAddress(c.From); err != nil || a.Address != c.From || a.Name != "" {
			t.Fatalf("from %q gives %q", from, c.From)
		}
	})
}
