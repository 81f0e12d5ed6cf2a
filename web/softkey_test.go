package web

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// softKey is a software authenticator: an ES256 key pair making a
// discoverable credential with "none" attestation, and assertions over
// it, as a phone or security key would through the browser.
type softKey struct {
	key    *ecdsa.PrivateKey
	credID []byte
	handle []byte // the user handle it was given at registration
	// counts says whether it has a signature counter; synced passkeys
	// mostly have none and send 0 every time.
	counts bool
	count  uint32
	// notResident makes it report (credProps) a key that is not
	// discoverable.
	notResident bool
}

// Authenticator data flags (WebAuthn §6.1).
const (
	flagUP = 0x01 // user present
	flagUV = 0x04 // user verified
	flagBE = 0x08 // backup eligible
	flagBS = 0x10 // backed up
	flagAT = 0x40 // attested credential data follows
)

func newSoftKey(t *testing.T, counts bool) *softKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	id := make([]byte, 16)
	rand.Read(id)
	return &softKey{key: key, credID: id, counts: counts}
}

var b64 = base64.RawURLEncoding

// creationOptions is what register/begin answers, as far as the
// authenticator needs it.
type creationOptions struct {
	PublicKey struct {
		RP struct {
			ID string `json:"id"`
		} `json:"rp"`
		User struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"user"`
		Challenge              string `json:"challenge"`
		AuthenticatorSelection struct {
			ResidentKey      string `json:"residentKey"`
			UserVerification string `json:"userVerification"`
		} `json:"authenticatorSelection"`
		ExcludeCredentials []struct {
			ID string `json:"id"`
		} `json:"excludeCredentials"`
	} `json:"publicKey"`
}

// requestOptions is what signin/passkey/begin answers.
type requestOptions struct {
	PublicKey struct {
		Challenge        string            `json:"challenge"`
		RPID             string            `json:"rpId"`
		UserVerification string            `json:"userVerification"`
		AllowCredentials []json.RawMessage `json:"allowCredentials"`
	} `json:"publicKey"`
}

func clientData(typ, challenge, origin string) []byte {
	b, _ := json.Marshal(map[string]any{"type": typ, "challenge": challenge, "origin": origin, "crossOrigin": false})
	return b
}

func (k *softKey) authData(rpID string, flags byte) []byte {
	if k.counts {
		k.count++
	}
	h := sha256.Sum256([]byte(rpID))
	out := append(h[:], flags|flagUP|flagUV|flagBE|flagBS)
	return binary.BigEndian.AppendUint32(out, k.count)
}

// create answers register/begin's options with the credential JSON a
// browser sends (PublicKeyCredential.toJSON()).
func (k *softKey) create(t *testing.T, opts creationOptions, origin string) json.RawMessage {
	t.Helper()
	var err error
	if k.handle, err = b64.DecodeString(opts.PublicKey.User.ID); err != nil {
		t.Fatalf("user id: %v", err)
	}
	// The uncompressed point is 0x04, then X and Y, 32 bytes each.
	point, err := k.key.PublicKey.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	cose, err := cbor.Marshal(map[int]any{1: 2, 3: -7, -1: 1, -2: point[1:33], -3: point[33:65]})
	if err != nil {
		t.Fatal(err)
	}
	auth := k.authData(opts.PublicKey.RP.ID, flagAT)
	auth = append(auth, make([]byte, 16)...) // AAGUID: not saying
	auth = binary.BigEndian.AppendUint16(auth, uint16(len(k.credID)))
	auth = append(append(auth, k.credID...), cose...)
	att, err := cbor.Marshal(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": auth})
	if err != nil {
		t.Fatal(err)
	}
	ext := map[string]any{}
	if k.notResident {
		ext["credProps"] = map[string]any{"rk": false}
	}
	b, _ := json.Marshal(map[string]any{
		"id": b64.EncodeToString(k.credID), "rawId": b64.EncodeToString(k.credID), "type": "public-key",
		"authenticatorAttachment": "platform", "clientExtensionResults": ext,
		"response": map[string]any{
			"clientDataJSON":    b64.EncodeToString(clientData("webauthn.create", opts.PublicKey.Challenge, origin)),
			"attestationObject": b64.EncodeToString(att),
			"transports":        []string{"internal", "hybrid", "carrier-pigeon"},
		},
	})
	return b
}

// get answers signin/passkey/begin's options with an assertion.
func (k *softKey) get(t *testing.T, opts requestOptions, origin string) json.RawMessage {
	t.Helper()
	auth := k.authData(opts.PublicKey.RPID, 0)
	cd := clientData("webauthn.get", opts.PublicKey.Challenge, origin)
	cdHash := sha256.Sum256(cd)
	digest := sha256.Sum256(append(auth, cdHash[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, k.key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]any{
		"id": b64.EncodeToString(k.credID), "rawId": b64.EncodeToString(k.credID), "type": "public-key",
		"authenticatorAttachment": "platform", "clientExtensionResults": map[string]any{},
		"response": map[string]any{
			"clientDataJSON":    b64.EncodeToString(cd),
			"authenticatorData": b64.EncodeToString(auth),
			"signature":         b64.EncodeToString(sig),
			"userHandle":        b64.EncodeToString(k.handle),
		},
	})
	return b
}
