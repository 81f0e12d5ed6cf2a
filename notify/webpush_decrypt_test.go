package notify

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"testing"
)

// The browser's side of web push, written here from the RFCs and not
// taken from webpush-go, so that the tests read what was sent the way a
// browser would: RFC 8291 §3.4 (keys) and RFC 8188 (aes128gcm).

// pushSecrets are the values RFC 8291 derives on the way, kept so that
// the test against its Appendix A can compare each step.
type pushSecrets struct {
	ecdhSecret, ikm, cek, nonce []byte
}

// decryptPush decrypts an aes128gcm body sent to the browser whose key
// is ua and whose auth secret is auth.
func decryptPush(body []byte, ua *ecdh.PrivateKey, auth []byte) ([]byte, pushSecrets, error) {
	var s pushSecrets
	// Header: salt (16) | rs (4) | idlen (1) | keyid (idlen), where the
	// keyid is the sender's one-time public key (RFC 8291 §4).
	if len(body) < 21 {
		return nil, s, errors.New("body shorter than the aes128gcm header")
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if idlen != 65 || len(body) < 21+idlen {
		return nil, s, fmt.Errorf("keyid of %d bytes, want the sender's 65-byte public key", idlen)
	}
	if rs < 18 {
		return nil, s, fmt.Errorf("record size %d below 18", rs)
	}
	as, err := ecdh.P256().NewPublicKey(body[21 : 21+idlen])
	if err != nil {
		return nil, s, fmt.Errorf("sender key: %w", err)
	}
	if s.ecdhSecret, err = ua.ECDH(as); err != nil {
		return nil, s, err
	}
	// IKM = HKDF(salt=auth, ikm=ecdh_secret,
	//            info="WebPush: info\0" | ua_public | as_public, 32)
	info := "WebPush: info\x00" + string(ua.PublicKey().Bytes()) + string(as.Bytes())
	if s.ikm, err = hkdf.Key(sha256.New, s.ecdhSecret, auth, info, 32); err != nil {
		return nil, s, err
	}
	if s.cek, err = hkdf.Key(sha256.New, s.ikm, salt, "Content-Encoding: aes128gcm\x00", 16); err != nil {
		return nil, s, err
	}
	if s.nonce, err = hkdf.Key(sha256.New, s.ikm, salt, "Content-Encoding: nonce\x00", 12); err != nil {
		return nil, s, err
	}
	block, err := aes.NewCipher(s.cek)
	if err != nil {
		return nil, s, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, s, err
	}
	// RFC 8291 §4: a push message is one record, so the base nonce is
	// its nonce (RFC 8188 §2.3: XOR sequence number 0).
	record := body[21+idlen:]
	if len(record) > int(rs) {
		return nil, s, fmt.Errorf("%d bytes of records, more than the one record of %d a push message may have", len(record), rs)
	}
	p, err := gcm.Open(nil, s.nonce, record, nil)
	if err != nil {
		return nil, s, err
	}
	// The content, then the last record's delimiter 2, then zeros of
	// padding.
	p = bytes.TrimRight(p, "\x00")
	if len(p) == 0 || p[len(p)-1] != 2 {
		return nil, s, errors.New("no last-record delimiter after the content")
	}
	return p[:len(p)-1], s, nil
}

// TestDecryptPushRFC8291 checks decryptPush against the example of
// RFC 8291 Appendix A, step by step: a mistake in it would otherwise
// pass unseen if webpush-go made the same one.
func TestDecryptPushRFC8291(t *testing.T) {
	ua, err := ecdh.P256().NewPrivateKey(mustB64(t, "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b64(ua.PublicKey().Bytes()), "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"; got != want {
		t.Fatalf("receiver public key %s, want %s", got, want)
	}
	auth := mustB64(t, "BTBZMqHH6r4Tts7J_aSIgg")
	body := mustB64(t, "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN")

	plain, s, err := decryptPush(body, ua, auth)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, got, want string }{
		{"ecdh_secret", b64(s.ecdhSecret), "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs"},
		{"IKM", b64(s.ikm), "S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg"},
		{"CEK", b64(s.cek), "oIhVW04MRdy2XN9CiKLxTg"},
		{"NONCE", b64(s.nonce), "4h_95klXJ5E_qnoN"},
		{"plaintext", string(plain), "When I grow up, I want to be a watermelon"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}

	t.Run("ErrTampered", func(t *testing.T) {
		bad := bytes.Clone(body)
		bad[len(bad)-1] ^= 1
		if _, _, err := decryptPush(bad, ua, auth); err == nil {
			t.Error("a changed byte decrypted")
		}
	})
	t.Run("ErrOtherAuth", func(t *testing.T) {
		if _, _, err := decryptPush(body, ua, make([]byte, 16)); err == nil {
			t.Error("decrypted with another auth secret")
		}
	})
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func mustB64(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		tb.Fatalf("decode %q: %v", s, err)
	}
	return b
}
