package notify

import (
	"errors"
	"net/netip"
)

// ErrAddressRefused is in the chain of every error for a destination
// the outbound guard refuses, whether CheckURL found it in the address
// or the client found it when connecting: errors.Is(err,
// ErrAddressRefused).
var ErrAddressRefused = errors.New("notify: address refused")

// addrClass is what kind of destination an address is: the guard's
// decision and the words a person reads both follow from it.
type addrClass int

const (
	addrPublic addrClass = iota
	// addrPrivate: a home's or company's own network (RFC 1918, unique
	// local IPv6, carrier-grade NAT's shared space, which Tailscale uses).
	addrPrivate
	// addrLoopback: the machine Tend runs on.
	addrLoopback
	// addrLinkLocal: link-local and cloud metadata addresses. Never
	// allowed: a self-hoster's ntfy never lives there, and a metadata
	// service hands out the server's own credentials.
	addrLinkLocal
	// addrSpecial: unspecified, multicast, broadcast, reserved and
	// documentation ranges: never a single host that could receive.
	addrSpecial
)

// The ranges the standard library's Addr methods do not name. They are
// constant tables, never written.
var (
	// metadataAddrs answer cloud instances with their own credentials;
	// refused even when private addresses are allowed. 169.254.169.254
	// (AWS, GCP, Azure, most others) is link-local already.
	metadataAddrs = []netip.Addr{
		netip.MustParseAddr("100.100.100.200"), // Alibaba Cloud
		netip.MustParseAddr("fd00:ec2::254"),   // AWS over IPv6
	}
	privatePrefixes = []netip.Prefix{
		netip.MustParsePrefix("100.64.0.0/10"), // shared address space (CGNAT)
		netip.MustParsePrefix("fec0::/10"),     // IPv6 site-local, deprecated
	}
	specialPrefixes = []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"),       // "this network"; 0.0.0.0 reaches this machine
		netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
		netip.MustParsePrefix("192.0.2.0/24"),    // documentation
		netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relay anycast, deprecated
		netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
		netip.MustParsePrefix("198.51.100.0/24"), // documentation
		netip.MustParsePrefix("203.0.113.0/24"),  // documentation
		netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and 255.255.255.255
		netip.MustParsePrefix("::/96"),           // IPv4-compatible IPv6, deprecated
		netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
		netip.MustParsePrefix("100::/64"),        // discard
		netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments, Teredo
		netip.MustParsePrefix("2001:db8::/32"),   // documentation
		netip.MustParsePrefix("3fff::/20"),       // documentation
		netip.MustParsePrefix("5f00::/16"),       // segment routing
	}
	// Translation prefixes carry an IPv4 address inside: the address
	// is what the embedded one is.
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
)

// classifyAddr says what kind of destination a is. IPv4-mapped IPv6
// (::ffff:127.0.0.1) is the IPv4 address it maps.
func classifyAddr(a netip.Addr) addrClass {
	if !a.IsValid() {
		return addrSpecial
	}
	a = a.Unmap().WithZone("")
	for _, m := range metadataAddrs {
		if a == m {
			return addrLinkLocal
		}
	}
	switch {
	case a.IsLoopback():
		return addrLoopback
	case a.IsLinkLocalUnicast():
		return addrLinkLocal
	case a.IsUnspecified() || a.IsMulticast():
		return addrSpecial
	case nat64Prefix.Contains(a):
		b := a.As16()
		return classifyAddr(netip.AddrFrom4([4]byte(b[12:16])))
	case sixToFour.Contains(a):
		b := a.As16()
		return classifyAddr(netip.AddrFrom4([4]byte(b[2:6])))
	}
	for _, p := range specialPrefixes {
		if p.Contains(a) {
			return addrSpecial
		}
	}
	for _, p := range privatePrefixes {
		if p.Contains(a) {
			return addrPrivate
		}
	}
	switch {
	case a.IsPrivate():
		return addrPrivate
	case !a.IsGlobalUnicast():
		return addrSpecial
	}
	return addrPublic
}

// checkAddr returns nil when the guard lets a through, else a
// *refusedError. allowPrivate (the operator's --allow-private-webhooks)
// lets through private networks and this machine, never link-local,
// metadata or special addresses.
func checkAddr(a netip.Addr, allowPrivate bool) error {
	switch c := classifyAddr(a); c {
	case addrPublic:
		return nil
	case addrPrivate, addrLoopback:
		if allowPrivate {
			return nil
		}
		return &refusedError{class: c}
	default:
		return &refusedError{class: c}
	}
}

// refusedError is a destination the guard refused. It says why in words
// a person can act on and never names the address, so that it can be
// logged without the person's data.
type refusedError struct {
	class addrClass
}

func (e *refusedError) Error() string {
	switch e.class {
	case addrPrivate:
		return "that address leads to a private network; Tend only sends to public addresses unless the server's operator allows private ones"
	case addrLoopback:
		return "that address leads back to the server Tend runs on; Tend only sends to public addresses unless the server's operator allows private ones"
	case addrLinkLocal:
		return "that address leads to a link-local or cloud metadata address, which Tend never sends to; use the receiver's public address"
	}
	return "that address is not a single public host (it is reserved, multicast or broadcast); use the receiver's public address"
}

func (e *refusedError) Is(target error) bool { return target == ErrAddressRefused }
