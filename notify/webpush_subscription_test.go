package notify

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// A subscription as Firefox's PushSubscription.toJSON() gives it, with
// the RFC 8291 example's receiver keys.
const firefoxSubscription = `{"endpoint":"https://updates.push.services.mozilla.com/wpush/v2/gAAAAABmabc-def_123",` +
	`"expirationTime":null,` +
	`"keys":{"auth":"BTBZMqHH6r4Tts7J_aSIgg","p256dh":"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"}}`

func TestParsePushSubscription(t *testing.T) {
	const (
		endpoint = "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABmabc-def_123"
		p256dh   = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
		auth     = "BTBZMqHH6r4Tts7J_aSIgg"
	)
	sub := func(endpoint, p256dh, auth string) string {
		b, _ := json.Marshal(map[string]any{"endpoint": endpoint, "expirationTime": nil, "keys": map[string]string{"p256dh": p256dh, "auth": auth}})
		return string(b)
	}
	for _, tc := range []struct {
		name string
		json string
		// fields are the fields the error names, in order; none: parsed.
		fields []string
	}{
		{"Firefox", firefoxSubscription, nil},
		{"ExpirationTime", strings.Replace(firefoxSubscription, "null", "1767225600000.5", 1), nil},
		{"PaddedKeys", sub(endpoint, p256dh+"=", auth+"=="), nil},
		{"EndpointWithQuery", sub("https://web.push.apple.com/QGuQ?x=1", p256dh, auth), nil},
		{"ErrNotJSON", "endpoint=https://x", []string{""}},
		{"ErrArray", "[" + firefoxSubscription + "]", []string{""}},
		{"ErrTrailing", firefoxSubscription + "}", []string{""}},
		{"ErrKeysString", `{"endpoint":"https://push.example.org/1","keys":"x"}`, []string{""}},
		{"ErrTooLong", sub(endpoint+strings.Repeat("a", 9000), p256dh, auth), []string{""}},
		{"ErrNull", "null", []string{"endpoint", "keys.p256dh", "keys.auth"}},
		{"ErrEmpty", "{}", []string{"endpoint", "keys.p256dh", "keys.auth"}},
		{"ErrHTTP", sub("http://push.example.org/1", p256dh, auth), []string{"endpoint"}},
		{"ErrNoHost", sub("https:///1", p256dh, auth), []string{"endpoint"}},
		{"ErrRelative", sub("/push/1", p256dh, auth), []string{"endpoint"}},
		{"ErrUserInfo", sub("https://me:pw@push.example.org/1", p256dh, auth), []string{"endpoint"}},
		{"ErrEndpointLong", sub("https://push.example.org/"+strings.Repeat("a", 2048), p256dh, auth), []string{"endpoint"}},
		{"ErrControl", sub("https://push.example.org/\n1", p256dh, auth), []string{"endpoint"}},
		{"ErrP256dhShort", sub(endpoint, p256dh[:86], auth), []string{"keys.p256dh"}},
		{"ErrP256dhCompressed", sub(endpoint, "A"+p256dh[1:], auth), []string{"keys.p256dh"}},
		{"ErrP256dhOffCurve", sub(endpoint, p256dh[:80]+"AAAAAAA", auth), []string{"keys.p256dh"}},
		{"ErrP256dhStdBase64", sub(endpoint, strings.NewReplacer("-", "+", "_", "/").Replace(p256dh), auth), []string{"keys.p256dh"}},
		{"ErrAuthStrayBits", sub(endpoint, p256dh, "BTBZMqHH6r4Tts7J_aSIgh"), []string{"keys.auth"}},
		{"ErrAuthLong", sub(endpoint, p256dh, auth+"AAAA"), []string{"keys.auth"}},
		{"ErrAuthNotBase64", sub(endpoint, p256dh, "BTBZMqHH6r4Tts7J_aSI!g"), []string{"keys.auth"}},
		{"ErrAllFields", sub("ftp://x", "", "x"), []string{"endpoint", "keys.p256dh", "keys.auth"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParsePushSubscription([]byte(tc.json))
			if tc.fields == nil {
				if err != nil {
					t.Fatalf("got %v, want parsed", err)
				}
				if s.Keys.P256dh != p256dh || s.Keys.Auth != auth {
					t.Errorf("keys %+v, want them unpadded base64url", s.Keys)
				}
				return
			}
			if tend.ErrorCode(err) != tend.EINVALID || tend.ErrorMessage(err) == "" {
				t.Fatalf("got %+v, %v; want an invalid error with words", s, err)
			}
			var got []string
			for _, p := range tend.ProblemsOf(err, "") {
				got = append(got, p.Path)
			}
			if !slices.Equal(got, tc.fields) {
				t.Errorf("fields %q, want %q (%v)", got, tc.fields, err)
			}
		})
	}
}

// FuzzParsePushSubscription: whatever arrives, the parser does not
// panic, and what it accepts validates, and parses back the same after
// being stored as JSON.
func FuzzParsePushSubscription(f *testing.F) {
	f.Add([]byte(firefoxSubscription))
	f.Add([]byte(`{"endpoint":"https://fcm.googleapis.com/fcm/send/x:y","keys":{"p256dh":"` + strings.Repeat("B", 87) + `","auth":"` + strings.Repeat("A", 22) + `"}}`))
	f.Add([]byte(`{"endpoint":"https://[::1]:443/p","keys":{"p256dh":"","auth":""}}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"endpoint":"https://a","keys":{"auth":"BTBZMqHH6r4Tts7J_aSIgg=="}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParsePushSubscription(data)
		if err != nil {
			if tend.ErrorCode(err) != tend.EINVALID || tend.ErrorMessage(err) == "" {
				t.Fatalf("error %v: want invalid with words", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted %+v does not validate: %v", s, err)
		}
		stored, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParsePushSubscription(stored)
		if err != nil || again != s {
			t.Fatalf("stored %s parses to %+v, %v; want %+v", stored, again, err, s)
		}
	})
}
