package notify

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

func mustVAPIDKeys(tb testing.TB) VAPIDKeys {
	tb.Helper()
	k, err := NewVAPIDKeys()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func TestVAPIDKeys(t *testing.T) {
	a, b := mustVAPIDKeys(t), mustVAPIDKeys(t)
	if err := a.Validate(); err != nil {
		t.Fatalf("a new pair: %v", err)
	}
	if a == b {
		t.Fatal("two new pairs are the same")
	}
	if len(a.Public) != 87 || len(a.Private) != 43 {
		t.Errorf("lengths %d and %d, want 87 and 43 (65 and 32 bytes, base64url unpadded)", len(a.Public), len(a.Private))
	}
	// The RFC 8291 example's sender pair, made by others: one we did
	// not make is taken too.
	rfc := VAPIDKeys{
		Public:  "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
		Private: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
	}
	for _, tc := range []struct {
		name string
		k    VAPIDKeys
		ok   bool
	}{
		{"RFC8291Pair", rfc, true},
		{"Padded", VAPIDKeys{Public: rfc.Public + "=", Private: rfc.Private + "="}, true},
		{"ErrMismatched", VAPIDKeys{Public: a.Public, Private: b.Private}, false},
		{"ErrEmpty", VAPIDKeys{}, false},
		{"ErrPublicShort", VAPIDKeys{Public: a.Public[:86], Private: a.Private}, false},
		{"ErrPublicCompressed", VAPIDKeys{Public: "A" + a.Public[1:], Private: a.Private}, false},
		{"ErrPrivateShort", VAPIDKeys{Public: a.Public, Private: a.Private[:40]}, false},
		{"ErrPrivateZero", VAPIDKeys{Public: a.Public, Private: strings.Repeat("A", 43)}, false},
		{"ErrStdBase64", VAPIDKeys{Public: strings.NewReplacer("-", "+", "_", "/").Replace(rfc.Public), Private: rfc.Private}, false},
		{"ErrSwapped", VAPIDKeys{Public: a.Private, Private: a.Public}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.k.Validate()
			if tc.ok != (err == nil) {
				t.Fatalf("got %v, want ok %v", err, tc.ok)
			}
			if err != nil {
				if tend.ErrorCode(err) != tend.EINVALID {
					t.Errorf("code %q, want invalid", tend.ErrorCode(err))
				}
				if tc.k.Private != "" && strings.Contains(err.Error(), tc.k.Private) {
					t.Errorf("the error %q quotes the private key", err)
				}
			}
		})
	}
	if s := fmt.Sprintf("%v %+v %s", a, a, a); strings.Contains(s, a.Private) || !strings.Contains(s, a.Public) {
		t.Errorf("printed %q: want the public key only", s)
	}
}

func TestVAPIDSubject(t *testing.T) {
	for _, tc := range []struct {
		name, url, email, want string
	}{
		{"Email", "https://tend.example.org", "ops@example.org", "mailto:ops@example.org"},
		{"EmailWithLocalURL", "http://localhost:8080", " ops@example.org ", "mailto:ops@example.org"},
		{"URL", "https://tend.example.org", "", "https://tend.example.org"},
		{"URLOrigin", "https://Tend.Example.org:8443/", "", "https://tend.example.org:8443"},
		{"ErrNothing", "", "", ""},
		{"ErrHTTP", "http://tend.example.org", "", ""},
		{"ErrLocalhost", "https://localhost:8443", "", ""},
		{"ErrLocalhostDot", "https://LOCALHOST.", "", ""},
		{"ErrSubLocalhost", "https://tend.localhost", "", ""},
		{"ErrLoopback4", "https://127.0.0.1", "", ""},
		{"ErrLoopback6", "https://[::1]:8443", "", ""},
		{"ErrUnspecified", "https://0.0.0.0", "", ""},
		{"ErrUserInfo", "https://me:pw@tend.example.org", "", ""},
		{"ErrNoHost", "https:///x", "", ""},
		{"ErrEmailNamed", "https://tend.example.org", "Ops <ops@example.org>", ""},
		{"ErrEmailNoAt", "https://tend.example.org", "ops", ""},
		{"ErrEmailLocal", "https://tend.example.org", "root@localhost", ""},
		{"ErrEmailSubLocalhost", "https://tend.example.org", "ops@tend.localhost", ""},
		{"ErrEmailQuery", "https://tend.example.org", "ops@example.org?subject=x", ""},
		{"ErrEmailTwo", "https://tend.example.org", "a@example.org, b@example.org", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := VAPIDSubject(tc.url, tc.email)
			if tc.want == "" {
				if err == nil || tend.ErrorCode(err) != tend.EINVALID || tend.ErrorMessage(err) == "" {
					t.Fatalf("got %q, %v; want an invalid error with words", got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
			if err := ValidateVAPIDSubject(got); err != nil {
				t.Errorf("the subject made does not validate: %v", err)
			}
		})
	}
	for _, bad := range []string{"", "ops@example.org", "mailto:", "mailto:Ops <ops@example.org>", "https://localhost", "http://tend.example.org", "MAILTO:ops@example.org"} {
		if ValidateVAPIDSubject(bad) == nil {
			t.Errorf("ValidateVAPIDSubject(%q) took it", bad)
		}
	}
}
