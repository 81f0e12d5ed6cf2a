package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// FuzzDecode: the strict JSON decoder either fills the request or answers
// EINVALID; it never panics and never accepts unknown fields.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{samSignup, `{}`, ``, `[]`, `{"username": 7}`, `{"a": 1}`, `{"username": "x"} {}`,
		strings.Repeat("[", 10000), `{"password": "` + strings.Repeat("x", 300000) + `"}`, "\x00", `{"username": "\ud800"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/api/v1/signup", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		var v signupRequest
		err := decode(httptest.NewRecorder(), req, &v)
		if err != nil && tend.ErrorCode(err) != tend.EINVALID {
			t.Fatalf("decode(%.40q): %v is not EINVALID", body, err)
		}
		if err != nil {
			return
		}
		// Accepted: every key of the object is a field of the request
		// (JSON matches keys case-insensitively, as encoding/json does).
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(body), &m) == nil {
			for k := range m {
				switch strings.ToLower(k) {
				case "display_name", "username", "password", "time_zone":
				default:
					t.Fatalf("decode accepted the unknown field %q", k)
				}
			}
		}
	})
}

// FuzzReadCard: a card sent to the profile is either a valid card or an
// EINVALID error naming the field.
func FuzzReadCard(f *testing.F) {
	cat, err := catalog.Load()
	if err != nil {
		f.Fatal(err)
	}
	s := &Server{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Catalog: cat}
	for _, b := range []string{samProfile, `{}`, `{"tend": "card/v2"}`, `{"receive": {"water": "yes"}}`, `null`, `"x"`, `{"name": 7}`,
		`{"custom": [{"id": "x-a", "title": "A", "mode": "self"}]}`, strings.Repeat("{", 5000)} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("PUT", "/api/v1/profile", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		c, _, err := s.readCard(httptest.NewRecorder(), req, "Sam")
		switch {
		case err != nil && tend.ErrorCode(err) != tend.EINVALID:
			t.Fatalf("readCard(%.40q): %v is not EINVALID", body, err)
		case err == nil && (c == nil || c.Name != "Sam"):
			t.Fatalf("readCard(%.40q): card %+v; the name must be the person's own", body, c)
		}
	})
}
