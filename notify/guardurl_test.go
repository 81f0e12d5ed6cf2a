package notify

import (
	"errors"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

func TestCheckURL(t *testing.T) {
	cases := []struct {
		name    string
		raw     string
		private bool // allow private addresses
		want    string
		refused bool // the error wraps ErrAddressRefused
	}{
		{name: "Https", raw: "https://ntfy.sh/mytopic"},
		{name: "HttpWithPortAndQuery", raw: "http://hooks.example.com:8080/in?key=1"},
		{name: "TrailingDotName", raw: "https://example.com./hook"},
		{name: "PublicIPv4", raw: "https://8.8.8.8/hook"},
		{name: "PublicIPv6", raw: "https://[2606:4700:4700::1111]/hook"},
		{name: "NamesAreCheckedWhenConnecting", raw: "https://internal.example/hook"},
		{name: "Unicode name", raw: "https://bücher.example/hook"},

		{name: "ErrEmpty", raw: "", want: tend.EINVALID},
		{name: "ErrTooLong", raw: "https://example.com/" + strings.Repeat("a", maxURLLength), want: tend.EINVALID},
		{name: "ErrNoScheme", raw: "ntfy.sh/mytopic", want: tend.EINVALID},
		{name: "ErrRelative", raw: "/mytopic", want: tend.EINVALID},
		{name: "ErrOtherScheme", raw: "ftp://example.com/", want: tend.EINVALID},
		{name: "ErrFileScheme", raw: "file:///etc/passwd", want: tend.EINVALID},
		{name: "ErrJavascript", raw: "javascript:alert(1)", want: tend.EINVALID},
		{name: "ErrOpaque", raw: "https:example.com", want: tend.EINVALID},
		{name: "ErrUserPassword", raw: "https://me:secret@example.com/", want: tend.EINVALID},
		{name: "ErrUserOnly", raw: "https://me@example.com/", want: tend.EINVALID},
		{name: "ErrNoHost", raw: "https:///path", want: tend.EINVALID},
		{name: "ErrPortOnly", raw: "https://:443/", want: tend.EINVALID},
		{name: "ErrEmptyPort", raw: "https://example.com:/", want: tend.EINVALID},
		{name: "ErrPortZero", raw: "https://example.com:0/", want: tend.EINVALID},
		{name: "ErrPortTooBig", raw: "https://example.com:65536/", want: tend.EINVALID},
		{name: "ErrSpace", raw: "https://exa mple.com/", want: tend.EINVALID},
		{name: "ErrControl", raw: "https://example.com/\n", want: tend.EINVALID},
		{name: "ErrDecimalAddress", raw: "http://2130706433/", want: tend.EINVALID},
		{name: "ErrShortAddress", raw: "http://127.1/", want: tend.EINVALID},
		{name: "ErrHexAddress", raw: "http://0x7f.0.0.1/", want: tend.EINVALID},
		{name: "ErrOctalAddress", raw: "http://0177.0.0.1/", want: tend.EINVALID},

		{name: "ErrLoopback", raw: "http://127.0.0.1:8080/", want: tend.EINVALID, refused: true},
		{name: "ErrLocalhost", raw: "http://localhost:8080/", want: tend.EINVALID, refused: true},
		{name: "ErrLocalhostSubdomain", raw: "http://ntfy.localhost/", want: tend.EINVALID, refused: true},
		{name: "ErrIPv6Loopback", raw: "http://[::1]/", want: tend.EINVALID, refused: true},
		{name: "ErrMappedLoopback", raw: "http://[::ffff:127.0.0.1]/", want: tend.EINVALID, refused: true},
		{name: "ErrMappedLoopbackHex", raw: "http://[::ffff:7f00:1]/", want: tend.EINVALID, refused: true},
		{name: "ErrUnspecified", raw: "http://0.0.0.0/", want: tend.EINVALID, refused: true},
		{name: "ErrPrivate", raw: "https://192.168.1.20/", want: tend.EINVALID, refused: true},
		{name: "ErrMetadata", raw: "http://169.254.169.254/latest/meta-data/", want: tend.EINVALID, refused: true},
		{name: "ErrUniqueLocal", raw: "http://[fd00::1]/", want: tend.EINVALID, refused: true},
		{name: "ErrLinkLocalZone", raw: "http://[fe80::1%25eth0]/", want: tend.EINVALID, refused: true},

		{name: "PrivateAllowed", raw: "http://192.168.1.20:8080/mytopic", private: true},
		{name: "LoopbackAllowed", raw: "http://127.0.0.1:8080/", private: true},
		{name: "LocalhostAllowed", raw: "http://localhost:2586/alerts", private: true},
		{name: "ErrMetadataEvenIfPrivateAllowed", raw: "http://169.254.169.254/", private: true, want: tend.EINVALID, refused: true},
		{name: "ErrMappedMetadataEvenIfPrivateAllowed", raw: "http://[::ffff:169.254.169.254]/", private: true, want: tend.EINVALID, refused: true},
		{name: "ErrBroadcastEvenIfPrivateAllowed", raw: "http://255.255.255.255/", private: true, want: tend.EINVALID, refused: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckURL(tc.raw, tc.private)
			if got := tend.ErrorCode(err); got != tc.want {
				t.Fatalf("code %q (%v), want %q", got, err, tc.want)
			}
			if got := errors.Is(err, ErrAddressRefused); got != tc.refused {
				t.Errorf("refused %t, want %t", got, tc.refused)
			}
			if err != nil && tend.ErrorMessage(err) == "" {
				t.Error("no words for the person")
			}
		})
	}
}

// FuzzCheckURL: whatever is typed, CheckURL never panics, refuses with
// words, and only lets through an absolute http(s) address with a host,
// no user name or password, and no refused literal address.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{
		"https://ntfy.sh/mytopic", "http://127.0.0.1/", "http://[::ffff:127.0.0.1]:80/",
		"http://2130706433/", "https://u:p@example.com/", "http://[fe80::1%25en0]/",
		"https://example.com:99999/", "javascript:alert(1)", "//example.com/", "http://localhost./",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, private bool) {
		err := CheckURL(raw, private)
		if err != nil {
			if tend.ErrorCode(err) != tend.EINVALID || tend.ErrorMessage(err) == "" {
				t.Fatalf("error %v: want EINVALID with words", err)
			}
			return
		}
		u, perr := url.Parse(raw)
		if perr != nil {
			t.Fatalf("accepted %q that does not parse: %v", raw, perr)
		}
		if len(raw) > maxURLLength || u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" || u.User != nil {
			t.Fatalf("accepted %q: scheme %q host %q user %v", raw, u.Scheme, u.Hostname(), u.User)
		}
		if a, err := netip.ParseAddr(u.Hostname()); err == nil && checkAddr(a, private) != nil {
			t.Fatalf("accepted %q, a refused address", raw)
		}
		if isLocalhost(u.Hostname()) && !private {
			t.Fatalf("accepted %q, this machine", raw)
		}
	})
}
