package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tendcare/tend"
)

// contentTypes are the Content-Type headers a JSON body may come with,
// and what each gets: accepted (want "") or a 400 whose message contains
// want.
var contentTypes = []struct {
	name, header, want string
	absent             bool // no Content-Type header at all
}{
	{name: "Plain", header: "application/json"},
	{name: "UpperCase", header: "APPLICATION/JSON"},
	{name: "MixedCaseCharset", header: "Application/Json; Charset=UTF-8"},
	{name: "NoSpace", header: "application/json;charset=utf-8"},
	{name: "QuotedCharset", header: `application/json; charset="utf-8"`},
	{name: "OtherParameter", header: "application/json; profile=tend"},
	{name: "SpacesAround", header: " application/json ; charset=utf-8 "},
	{name: "TrailingSemicolon", header: "application/json;"},
	{name: "Missing", absent: true, want: "Content-Type header is missing"},
	{name: "Empty", header: "", want: "Content-Type header is missing"},
	{name: "Blank", header: "   ", want: "Content-Type header is missing"},
	{name: "Text", header: "text/plain", want: `"text/plain" is not JSON`},
	{name: "Form", header: "application/x-www-form-urlencoded", want: "is not JSON"},
	{name: "Multipart", header: "multipart/form-data; boundary=x", want: "is not JSON"},
	// A prefix is not the media type: the old check took these.
	{name: "LongerSubtype", header: "application/jsonx", want: `"application/jsonx" is not JSON`},
	{name: "JSONPatch", header: "application/json-patch+json", want: "is not JSON"},
	{name: "Latin1", header: "application/json; charset=iso-8859-1", want: `charset "iso-8859-1"`},
	{name: "UTF16", header: "application/json; charset=utf-16", want: "send charset=utf-8 or no charset"},
	{name: "BrokenParameter", header: "application/json; charset", want: "cannot be read as a media type"},
	{name: "TwoTypes", header: "application/json, text/plain", want: "cannot be read as a media type"},
	{name: "Long", header: "text/" + strings.Repeat("x", 500), want: "…"},
}

// TestDecodeContentType: a JSON body is taken with its media type in any
// case, with parameters and a UTF-8 charset; anything else, or none,
// answers 400 saying what to send.
func TestDecodeContentType(t *testing.T) {
	for _, tc := range contentTypes {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/api/v1/signin", strings.NewReader(`{"username": "sam", "password": "x"}`))
			if !tc.absent {
				req.Header.Set("Content-Type", tc.header)
			}
			var v signinRequest
			err := decode(httptest.NewRecorder(), req, &v)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want == "" && v.Username != "sam":
				t.Fatalf("accepted but not read: %+v", v)
			case tc.want != "" && (tend.ErrorCode(err) != tend.EINVALID || !strings.Contains(tend.ErrorMessage(err), tc.want)):
				t.Fatalf("got %v, want EINVALID containing %q", err, tc.want)
			case tc.want != "" && len(tend.ErrorMessage(err)) > 200:
				t.Fatalf("message of %d bytes: %.80q…", len(tend.ErrorMessage(err)), tend.ErrorMessage(err))
			}
		})
	}
}

// TestBodyContentTypeOverHTTP: every way the API reads a body (decode,
// a card for the profile, a passkey's answer) applies the same rule, and
// a refusal is a 400 JSON error that changes nothing.
func TestBodyContentTypeOverHTTP(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	send := func(method, path, body, ct string, absent bool) (int, map[string]any) {
		t.Helper()
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		if !absent {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out map[string]any
		json.Unmarshal(rec.Body.Bytes(), &out)
		return rec.Code, out
	}
	routes := []struct{ method, path, body string }{
		{"PUT", "/api/v1/settings", `{"time_zone": "Europe/Berlin"}`},
		{"PUT", "/api/v1/profile", `{"receive": {"water": "need"}}`},
		{"POST", "/api/v1/profile/import?preview=true", `{"tend": "card/v1", "name": "Sam", "receive": {"water": "need"}}`},
	}
	for _, rt := range routes {
		for _, tc := range contentTypes {
			t.Run(rt.method+" "+rt.path+"/"+tc.name, func(t *testing.T) {
				st, out := send(rt.method, rt.path, rt.body, tc.header, tc.absent)
				code, msg := errorOf(out)
				if tc.want == "" {
					if st != http.StatusOK {
						t.Fatalf("got %d %s %q, want 200", st, code, msg)
					}
					return
				}
				if st != http.StatusBadRequest || code != tend.EINVALID || !strings.Contains(msg, tc.want) {
					t.Fatalf("got %d %s %q, want 400 invalid containing %q", st, code, msg, tc.want)
				}
			})
		}
	}
	// The passkey sign-in reads its body whole, by the same rule.
	req := httptest.NewRequest("POST", "/api/v1/signin/passkey/finish", strings.NewReader(`{"id": "x"}`))
	if _, err := readBody(httptest.NewRecorder(), req); tend.ErrorCode(err) != tend.EINVALID || !strings.Contains(tend.ErrorMessage(err), "Content-Type header is missing") {
		t.Errorf("readBody without Content-Type: %v", err)
	}
	req.Header.Set("Content-Type", "Application/JSON; charset=utf-8")
	if b, err := readBody(httptest.NewRecorder(), req); err != nil || string(b) != `{"id": "x"}` {
		t.Errorf("readBody with a JSON Content-Type: %q %v", b, err)
	}
	// Nothing refused was saved: one profile version per accepted PUT.
	accepted := 0
	for _, tc := range contentTypes {
		if tc.want == "" {
			accepted++
		}
	}
	_, out := send("GET", "/api/v1/profile", "", "", true)
	if p, _ := out["profile"].(map[string]any); p["version"] != float64(accepted) {
		t.Errorf("profile version %v, want %d (one per accepted save)", p["version"], accepted)
	}
}
