package notify

import (
	"errors"
	"net"
	"net/netip"
	"net/url"
	"testing"
)

// The channels are Channels.
var (
	_ Channel = (*Ntfy)(nil)
	_ Channel = (*Webhook)(nil)
)

// addrCases is every range the guard refuses, at both ends where that
// matters, in IPv4-mapped IPv6 form too, and public neighbours that must
// not be caught with them.
var addrCases = []struct {
	addr string
	want addrClass
}{
	{"0.0.0.0", addrSpecial},
	{"0.1.2.3", addrSpecial},
	{"127.0.0.1", addrLoopback},
	{"127.255.255.254", addrLoopback},
	{"::1", addrLoopback},
	{"::", addrSpecial},
	{"10.0.0.1", addrPrivate},
	{"10.255.255.255", addrPrivate},
	{"172.16.0.1", addrPrivate},
	{"172.31.255.254", addrPrivate},
	{"192.168.0.1", addrPrivate},
	{"192.168.255.255", addrPrivate},
	{"100.64.0.1", addrPrivate},
	{"100.127.255.254", addrPrivate},
	{"169.254.0.1", addrLinkLocal},
	{"169.254.169.254", addrLinkLocal},
	{"100.100.100.200", addrLinkLocal},
	{"fd00:ec2::254", addrLinkLocal},
	{"fc00::1", addrPrivate},
	{"fdff:ffff::1", addrPrivate},
	{"fe80::1", addrLinkLocal},
	{"fe80::1%eth0", addrLinkLocal},
	{"febf:ffff::1", addrLinkLocal},
	{"fec0::1", addrPrivate},
	{"::ffff:0.0.0.0", addrSpecial},
	{"::ffff:127.0.0.1", addrLoopback},
	{"::ffff:7f00:1", addrLoopback},
	{"::ffff:10.0.0.1", addrPrivate},
	{"::ffff:172.16.0.1", addrPrivate},
	{"::ffff:192.168.1.1", addrPrivate},
	{"::ffff:100.64.0.1", addrPrivate},
	{"::ffff:169.254.169.254", addrLinkLocal},
	{"::ffff:224.0.0.1", addrSpecial},
	{"::127.0.0.1", addrSpecial},
	{"64:ff9b::7f00:1", addrLoopback},
	{"64:ff9b::a00:1", addrPrivate},
	{"64:ff9b::a9fe:a9fe", addrLinkLocal},
	{"64:ff9b:1::1", addrSpecial},
	{"2002:7f00:1::1", addrLoopback},
	{"2002:a9fe:a9fe::1", addrLinkLocal},
	{"224.0.0.1", addrSpecial},
	{"239.255.255.250", addrSpecial},
	{"ff02::1", addrSpecial},
	{"ff05::2", addrSpecial},
	{"255.255.255.255", addrSpecial},
	{"240.0.0.1", addrSpecial},
	{"192.0.0.8", addrSpecial},
	{"192.0.2.1", addrSpecial},
	{"198.18.0.1", addrSpecial},
	{"198.51.100.1", addrSpecial},
	{"203.0.113.1", addrSpecial},
	{"2001::1", addrSpecial},
	{"2001:db8::1", addrSpecial},
	{"100::1", addrSpecial},

	{"8.8.8.8", addrPublic},
	{"1.1.1.1", addrPublic},
	{"9.255.255.255", addrPublic},
	{"11.0.0.1", addrPublic},
	{"172.15.255.255", addrPublic},
	{"172.32.0.1", addrPublic},
	{"192.167.255.255", addrPublic},
	{"192.169.0.1", addrPublic},
	{"100.63.255.255", addrPublic},
	{"100.128.0.1", addrPublic},
	{"169.253.255.255", addrPublic},
	{"169.255.0.1", addrPublic},
	{"::ffff:8.8.8.8", addrPublic},
	{"64:ff9b::808:808", addrPublic},
	{"2002:808:808::1", addrPublic},
	{"2606:4700:4700::1111", addrPublic},
	{"2a00:1450:4001::1", addrPublic},
}

// TestGuardAddressRanges checks each range's class, what each setting
// lets through, and that the client refuses to dial it: the refusal
// comes from the dialer's Control, before any packet is sent, so no
// address in the table is ever contacted.
func TestGuardAddressRanges(t *testing.T) {
	publicOnly, private := NewGuardedClient(false), NewGuardedClient(true)
	for _, tc := range addrCases {
		t.Run(tc.addr, func(t *testing.T) {
			a := netip.MustParseAddr(tc.addr)
			if got := classifyAddr(a); got != tc.want {
				t.Fatalf("classify = %d, want %d", got, tc.want)
			}
			wantPublicOnly := tc.want == addrPublic
			wantPrivate := tc.want == addrPublic || tc.want == addrPrivate || tc.want == addrLoopback
			if err := checkAddr(a, false); (err == nil) != wantPublicOnly || err != nil && !errors.Is(err, ErrAddressRefused) {
				t.Errorf("public only: checkAddr = %v, want allowed %t", err, wantPublicOnly)
			}
			if err := checkAddr(a, true); (err == nil) != wantPrivate {
				t.Errorf("private allowed: checkAddr = %v, want allowed %t", err, wantPrivate)
			}
			// Dial only what must be refused: anything let through
			// would really be connected to.
			target := (&url.URL{Scheme: "http", Host: net.JoinHostPort(tc.addr, "9"), Path: "/"}).String()
			if !wantPublicOnly {
				mustRefuse(t, publicOnly, target)
			}
			if !wantPrivate {
				mustRefuse(t, private, target)
			}
		})
	}
}
