package notify

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/tendcare/tend"
)

// maxURLLength bounds an address a person saves; real topic and webhook
// addresses are far shorter.
const maxURLLength = 2048

// CheckURL returns nil when raw is an address Tend may send to, for
// when a person saves one: an absolute http or https address with a
// server name and no user name or password in it, at most 2,048
// characters. A literal IP address (or "localhost") the guard would
// refuse is refused here, up front; names are checked when connecting
// (see NewGuardedClient). allowPrivate is as for NewGuardedClient.
//
// The error is a *tend.Error with code EINVALID and no field (the caller
// knows which field it checked); a refused address also wraps
// ErrAddressRefused.
func CheckURL(raw string, allowPrivate bool) error {
	u, err := parseURL(raw)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if a, err := netip.ParseAddr(host); err == nil {
		if err := checkAddr(a, allowPrivate); err != nil {
			return invalid(err)
		}
		return nil
	}
	if isLocalhost(host) {
		if err := checkAddr(netip.IPv6Loopback(), allowPrivate); err != nil {
			return invalid(err)
		}
	}
	return nil
}

// parseURL checks raw's form (not where it leads) and returns it parsed.
// Channels use it when they are made; the address itself is checked
// when connecting.
func parseURL(raw string) (*url.URL, error) {
	const example = "it should look like https://example.com/…"
	if raw == "" {
		return nil, tend.Errorf(tend.EINVALID, "enter the address, starting with https://")
	}
	if len(raw) > maxURLLength {
		return nil, tend.Errorf(tend.EINVALID, "that address is too long; it can be at most %d characters", maxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, tend.Errorf(tend.EINVALID, "that is not a web address; %s", example)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, tend.Errorf(tend.EINVALID, "the address must start with https:// (or http://)")
	}
	if u.User != nil {
		return nil, tend.Errorf(tend.EINVALID, "remove the name and password from the address; Tend never sends them as part of one")
	}
	host := u.Hostname()
	if host == "" {
		return nil, tend.Errorf(tend.EINVALID, "the address has no server name; %s", example)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, tend.Errorf(tend.EINVALID, "the port number in the address must be between 1 and 65535")
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return nil, tend.Errorf(tend.EINVALID, "the address has a colon but no port number after it")
	}
	if _, err := netip.ParseAddr(host); err != nil && looksNumeric(host) {
		// 127.1, 2130706433 and 0x7f.0.0.1 are not names, and some
		// resolvers read them as addresses: only the usual form is let
		// through, so that the checks above see every IP address.
		return nil, tend.Errorf(tend.EINVALID, "that server name is not valid; write an IP address in the usual form (like 203.0.113.7) or a name")
	}
	return u, nil
}

// looksNumeric reports whether host's last label is all digits or hex
// (0x...): no top-level domain is, so such a host is an address written
// in an unusual form, not a name.
func looksNumeric(host string) bool {
	last := strings.TrimSuffix(host, ".")
	if i := strings.LastIndexByte(last, '.'); i >= 0 {
		last = last[i+1:]
	}
	if last == "" {
		return false
	}
	if len(last) > 2 && (last[:2] == "0x" || last[:2] == "0X") {
		return true
	}
	for _, r := range last {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isLocalhost reports whether host is a name that always means this
// machine (RFC 6761), so that it is refused up front with clear words.
func isLocalhost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	return h == "localhost" || strings.HasSuffix(h, ".localhost")
}

// invalid returns the guard's refusal as an EINVALID *tend.Error.
func invalid(refused error) error {
	return &tend.Error{Code: tend.EINVALID, Message: refused.Error(), Err: refused}
}
