package notify

import (
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tendcare/tend"
)

// DefaultSMTPTimeout bounds each step of a talk with the mail server
// (connecting, the TLS handshake, each command): long enough for a slow
// provider, short enough that a mail server that hangs frees the job
// worker soon.
const DefaultSMTPTimeout = 10 * time.Second

// SMTPConfig is how Tend reaches its mail server, read from the
// operator's --smtp-url and --mail-from by ParseSMTP.
//
// Tend never sends mail unencrypted over a network: smtp:// requires
// STARTTLS (the server must offer it, and its certificate must verify),
// smtps:// speaks TLS from the first byte. The one exception is a
// mail server on the same machine (a local relay, or a test inbox such
// as Mailpit), which may be used in plain text with ?tls=none, because
// then nothing crosses a network.
type SMTPConfig struct {
	Host string
	Port int
	// ImplicitTLS is smtps://: TLS from the start, not STARTTLS.
	ImplicitTLS bool
	// PlainLocal is ?tls=none on a loopback host: no TLS at all.
	PlainLocal bool
	// Username and Password sign in (AUTH PLAIN, or LOGIN when the
	// server offers only that); both empty: no sign-in. The password
	// never comes from the URL, where it would show in the process list
	// and in logs.
	Username string
	Password string
	// From is the bare sender address; the sender's name is always
	// "Tend", so that no mail says more than that about what it is.
	From string
	// Timeout bounds each step (see DefaultSMTPTimeout); zero means
	// DefaultSMTPTimeout.
	Timeout time.Duration
}

// Default ports: submission with STARTTLS (RFC 6409), and submission
// over TLS (RFC 8314).
const (
	defaultSMTPPort  = 587
	defaultSMTPSPort = 465
)

// ParseSMTP reads the operator's settings: rawURL from --smtp-url
// (smtp://user@host:port or smtps://user@host:port; the user and the
// port may be left out), password from TEND_SMTP_PASSWORD or
// TEND_SMTP_PASSWORD_FILE, from from --mail-from. Its EINVALID errors
// name the setting and say how to fix it; they never repeat the URL,
// which could hold a password by mistake.
func ParseSMTP(rawURL, password, from string) (SMTPConfig, error) {
	c, err := parseSMTPURL(strings.TrimSpace(rawURL))
	if err != nil {
		return SMTPConfig{}, err
	}
	switch {
	case c.Username != "" && password == "":
		return SMTPConfig{}, smtpErrorf("--smtp-url names a user but no password is set: give it in TEND_SMTP_PASSWORD or TEND_SMTP_PASSWORD_FILE")
	case c.Username == "" && password != "":
		return SMTPConfig{}, smtpErrorf("TEND_SMTP_PASSWORD is set but --smtp-url names no user: give it as smtp://user@host")
	}
	c.Password = password
	if c.From, err = parseMailFrom(from); err != nil {
		return SMTPConfig{}, err
	}
	return c, nil
}

const smtpURLExample = "give smtp://user@mail.example.org:587 (STARTTLS) or smtps://user@mail.example.org:465 (TLS)"

func parseSMTPURL(raw string) (SMTPConfig, error) {
	var c SMTPConfig
	if raw == "" {
		return c, smtpErrorf("--smtp-url is empty: %s", smtpURLExample)
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return c, smtpErrorf("--smtp-url is not a URL: %s", smtpURLExample)
	}
	switch strings.ToLower(scheme) {
	case "smtp":
	case "smtps":
		c.ImplicitTLS = true
	default:
		return c, smtpErrorf("--smtp-url must start with smtp:// (STARTTLS) or smtps:// (TLS): %s", smtpURLExample)
	}
	// The authority is read by hand first, so that a password is refused
	// and a bad port named before url.Parse, whose errors quote the URL.
	authority, _, _ := strings.Cut(rest, "/")
	authority, _, _ = strings.Cut(authority, "?")
	authority, _, _ = strings.Cut(authority, "#")
	hostport := authority
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		if strings.Contains(authority[:i], ":") {
			return c, smtpErrorf("--smtp-url must not hold the password: give only the user (smtp://user@host) and the password in TEND_SMTP_PASSWORD or TEND_SMTP_PASSWORD_FILE")
		}
		hostport = authority[i+1:]
	}
	host, port, err := splitSMTPHostPort(hostport)
	if err != nil {
		return c, err
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.Host != hostport {
		return c, smtpErrorf("--smtp-url is not a valid URL (a user name with unusual characters needs them %%-escaped): %s", smtpURLExample)
	}
	if u.User != nil {
		c.Username = u.User.Username()
		if c.Username == "" {
			return c, smtpErrorf("--smtp-url has an empty user before @: give smtp://user@host, or leave out the @ to send without signing in")
		}
	}
	if (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return c, smtpErrorf("--smtp-url takes only a user, host and port: %s", smtpURLExample)
	}
	c.Host, c.Port = host, port
	if c.Port == 0 {
		c.Port = defaultSMTPPort
		if c.ImplicitTLS {
			c.Port = defaultSMTPSPort
		}
	}
	return c, parseSMTPQuery(&c, u.RawQuery)
}

// splitSMTPHostPort checks the host and the port, if one is given (port
// 0 when not).
func splitSMTPHostPort(hostport string) (string, int, error) {
	host, portText := hostport, ""
	if strings.HasPrefix(hostport, "[") {
		end := strings.IndexByte(hostport, ']')
		if end < 0 {
			return "", 0, smtpErrorf("--smtp-url has an IPv6 address without its closing ]: give smtp://[2001:db8::1]:587")
		}
		host, portText = hostport[1:end], hostport[end+1:]
		if portText != "" && !strings.HasPrefix(portText, ":") {
			return "", 0, smtpErrorf("--smtp-url has text after the IPv6 address: give smtp://[2001:db8::1]:587")
		}
		if ip := net.ParseIP(host); ip == nil || ip.To4() != nil {
			return "", 0, smtpErrorf("--smtp-url has something other than an IPv6 address in [ ]: give smtp://[2001:db8::1]:587")
		}
	} else if i := strings.LastIndexByte(hostport, ':'); i >= 0 {
		host, portText = hostport[:i], hostport[i:]
	}
	if host == "" {
		return "", 0, smtpErrorf("--smtp-url has no host: %s", smtpURLExample)
	}
	if !validSMTPHost(host) {
		return "", 0, smtpErrorf("--smtp-url has a host that is not a host name or IP address: %s", smtpURLExample)
	}
	if portText == "" {
		return host, 0, nil
	}
	port, err := strconv.Atoi(portText[1:])
	if err != nil || port < 1 || port > 65535 || portText[1] == '+' || portText[1] == '-' {
		return "", 0, smtpErrorf("--smtp-url has a bad port: give a number from 1 to 65535 (usually 587 for smtp://, 465 for smtps://), or none")
	}
	return host, port, nil
}

// validSMTPHost accepts an IP address or a DNS name: the host goes into
// the TLS server name and the address dialled, so nothing else may pass.
func validSMTPHost(host string) bool {
	if net.ParseIP(host) != nil {
		return true
	}
	if len(host) > 253 {
		return false
	}
	for label := range strings.SplitSeq(strings.TrimSuffix(host, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_') {
				return false
			}
		}
	}
	return true
}

// parseSMTPQuery reads the one option, tls=none, allowed only for a
// mail server on this machine.
func parseSMTPQuery(c *SMTPConfig, rawQuery string) error {
	if rawQuery == "" {
		return nil
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil || len(q) != 1 || len(q["tls"]) != 1 || q.Get("tls") != "none" {
		return smtpErrorf("--smtp-url takes one option, ?tls=none, for a mail server on this machine only; leave out any other")
	}
	if c.ImplicitTLS {
		return smtpErrorf("--smtp-url: smtps:// is TLS; ?tls=none goes only with smtp://")
	}
	if !isLoopback(c.Host) {
		return smtpErrorf("--smtp-url: ?tls=none is only for a mail server on this machine (localhost, 127.0.0.1 or ::1); Tend sends mail over a network only encrypted")
	}
	c.PlainLocal = true
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parseMailFrom checks --mail-from: one bare address with a domain.
func parseMailFrom(from string) (string, error) {
	from = strings.TrimSpace(from)
	if from == "" {
		return "", smtpErrorf("--mail-from is needed with --smtp-url: give the address Tend's mail comes from, like tend@example.org")
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		return "", smtpErrorf("--mail-from is not an email address: give one like tend@example.org")
	}
	if a.Name != "" {
		return "", smtpErrorf("--mail-from takes only the address, like tend@example.org: the sender's name is always Tend")
	}
	if domain := a.Address[strings.LastIndexByte(a.Address, '@')+1:]; !validSMTPHost(domain) && !isDomainLiteral(domain) {
		return "", smtpErrorf("--mail-from has no usable domain after @: give an address like tend@example.org")
	}
	return a.Address, nil
}

// isDomainLiteral is an address's domain given as [192.0.2.1].
func isDomainLiteral(d string) bool {
	ip, ok := strings.CutPrefix(d, "[")
	ip, ok2 := strings.CutSuffix(ip, "]")
	ip = strings.TrimPrefix(ip, "IPv6:")
	return ok && ok2 && net.ParseIP(ip) != nil
}

func smtpErrorf(format string, args ...any) error {
	return tend.Errorf(tend.EINVALID, format, args...)
}
