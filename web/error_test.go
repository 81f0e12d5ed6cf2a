package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// TestAnswerFor: the one place that reads an error, for the API and the
// pages alike, finds each kind wherever it is in the chain (errors.As),
// with its status, code, words, field, problems and headers; an error
// of ours says nothing of itself.
func TestAnswerFor(t *testing.T) {
	var two tend.Problems
	two.Add("display_name", "must not be empty")
	two.Add("time_zone", "pick one")
	card := func() error {
		_, _, err := tend.ParseCard("card", []byte(`{"tend": "card/v1", "name": "Sam", "receive": {"water": "always"}}`), nil)
		return err
	}()
	if len(tend.ProblemsOf(card, "")) != 1 || tend.ProblemsOf(card, "")[0].Path != "receive.water" {
		t.Fatalf("the card's problems: %+v", tend.ProblemsOf(card, ""))
	}
	const generic = "Something went wrong on our side. Please try again."
	wait := &tooMany{wait: 1500 * time.Millisecond, msg: "Too many tries. Please try again in 2 seconds."}
	tests := []struct {
		name string
		err  error
		want errorAnswer
	}{
		{"Field", tend.FieldErrorf("time_zone", "pick one"),
			errorAnswer{Status: 400, Code: tend.EINVALID, Message: "time_zone: pick one", Field: "time_zone", Problems: tend.Problems{{Path: "time_zone", Message: "pick one"}}}},
		{"FieldWrapped", fmt.Errorf("save: %w", tend.FieldErrorf("name", "too long")),
			errorAnswer{Status: 400, Code: tend.EINVALID, Message: "name: too long", Field: "name", Problems: tend.Problems{{Path: "name", Message: "too long"}}}},
		{"Problems", two.Err(),
			errorAnswer{Status: 400, Code: tend.EINVALID, Message: "display_name: must not be empty; time_zone: pick one", Problems: two}},
		{"NoField", tend.Errorf(tend.EINVALID, "the body is empty; send a JSON object"),
			errorAnswer{Status: 400, Code: tend.EINVALID, Message: "the body is empty; send a JSON object", Problems: tend.Problems{{Path: "", Message: "the body is empty; send a JSON object"}}}},
		{"WordsAreNotAField", tend.Errorf(tend.EINVALID, "name: too long"),
			errorAnswer{Status: 400, Code: tend.EINVALID, Message: "name: too long", Problems: tend.Problems{{Path: "", Message: "name: too long"}}}},
		{"Card", card,
			errorAnswer{Status: 400, Code: tend.EINVALID, Message: tend.ErrorMessage(card), Field: "receive.water", Problems: tend.ProblemsOf(card, "")}},
		{"ConflictOnField", fmt.Errorf("move: %w", tend.Errorf(tend.ECONFLICT, "it is at %q now", "after").OnField("from")),
			errorAnswer{Status: 409, Code: tend.ECONFLICT, Message: `from: it is at "after" now`, Field: "from", Problems: tend.Problems{{Path: "from", Message: `it is at "after" now`}}}},
		{"Unauthorized", tend.Errorf(tend.EUNAUTHORIZED, "you are signed out; please sign in again"),
			errorAnswer{Status: 401, Code: tend.EUNAUTHORIZED, Message: "you are signed out; please sign in again", Problems: tend.Problems{{Path: "", Message: "you are signed out; please sign in again"}}}},
		{"Forbidden", tend.Errorf(tend.EFORBIDDEN, "not for tokens"),
			errorAnswer{Status: 403, Code: tend.EFORBIDDEN, Message: "not for tokens", Problems: tend.Problems{{Path: "", Message: "not for tokens"}}}},
		{"NotFoundHasNothingToFix", tend.Errorf(tend.ENOTFOUND, "there is no such circle"),
			errorAnswer{Status: 404, Code: tend.ENOTFOUND, Message: "there is no such circle"}},
		{"TooMany", wait,
			errorAnswer{Status: 429, Code: ETOOMANY, Message: wait.msg, Problems: tend.Problems{{Path: "", Message: wait.msg}}, Header: http.Header{"Retry-After": {"2"}}}},
		{"TooManyWrapped", fmt.Errorf("sign in: %w", wait),
			errorAnswer{Status: 429, Code: ETOOMANY, Message: wait.msg, Problems: tend.Problems{{Path: "", Message: wait.msg}}, Header: http.Header{"Retry-After": {"2"}}}},
		{"Internal", errors.New("disk on fire"),
			errorAnswer{Status: 500, Code: tend.EINTERNAL, Message: generic, Internal: true}},
		{"InternalCoded", &tend.Error{Code: tend.EINTERNAL, Message: "secret detail", Field: "x", Err: errors.New("disk")},
			errorAnswer{Status: 500, Code: tend.EINTERNAL, Message: "x: secret detail", Internal: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := answerFor(tc.err); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, tc.want)
			}
		})
	}
}

// TestAPIErrorBody: the API writes the answer as {"error": {"code",
// "message"}}, with "field" for the one field and "problems" for every
// mistake of an invalid request that names a field; the headers the
// answer needs; an internal error logged, its words kept from the body.
func TestAPIErrorBody(t *testing.T) {
	var two tend.Problems
	two.Add("mood", "from 1 to 5")
	two.Add("", "send one JSON object")
	tests := []struct {
		name, body, retry string
		status            int
	}{
		{"Field", `{"error":{"code":"invalid","message":"time_zone: pick one","field":"time_zone","problems":[{"field":"time_zone","message":"pick one"}]}}`, "", 400},
		{"Problems", `{"error":{"code":"invalid","message":"mood: from 1 to 5; send one JSON object","problems":[{"field":"mood","message":"from 1 to 5"},{"message":"send one JSON object"}]}}`, "", 400},
		{"NoField", `{"error":{"code":"invalid","message":"the body is empty"}}`, "", 400},
		{"Conflict", `{"error":{"code":"conflict","message":"from: it moved on","field":"from"}}`, "", 409},
		{"TooMany", `{"error":{"code":"too_many_requests","message":"Too many tries."}}`, "31", 429},
		{"Internal", `{"error":{"code":"internal","message":"Something went wrong on our side. Please try again."}}`, "", 500},
	}
	errs := map[string]error{
		"Field":    tend.FieldErrorf("time_zone", "pick one"),
		"Problems": two.Err(),
		"NoField":  tend.Errorf(tend.EINVALID, "the body is empty"),
		"Conflict": tend.Errorf(tend.ECONFLICT, "it moved on").OnField("from"),
		"TooMany":  &tooMany{wait: 30*time.Second + time.Millisecond, msg: "Too many tries."},
		"Internal": fmt.Errorf("store: %w", errors.New("SECRET-CAUSE")),
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			s := &Server{Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			rec := httptest.NewRecorder()
			s.apiError(rec, httptest.NewRequest("GET", "/api/v1/x", nil), errs[tc.name])
			if rec.Code != tc.status || strings.TrimSpace(rec.Body.String()) != tc.body {
				t.Errorf("got %d %s\nwant %d %s", rec.Code, rec.Body.String(), tc.status, tc.body)
			}
			if got := rec.Header().Get("Retry-After"); got != tc.retry {
				t.Errorf("Retry-After %q, want %q", got, tc.retry)
			}
			if logged := strings.Contains(logs.String(), "SECRET-CAUSE"); logged != (tc.status == 500) {
				t.Errorf("logged %v: %q", logged, logs.String())
			}
			var out map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestAPIErrorNamesTheField: every request with one wrong field is
// answered 400 (or 409) with that field in "field", and in "problems"
// when invalid, as the request names it, so that a client can put the
// message beside its own input without reading the words.
func TestAPIErrorNamesTheField(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam := signedUp(t, h)
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/circles", token: sam, body: `{"name": "us"}`})
	circle, _ := out["circle"].(map[string]any)["id"].(string)
	st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/encounters", token: sam, body: `{"kind": "solo"}`})
	if st != http.StatusCreated {
		t.Fatalf("a solo encounter: %d %v", st, out)
	}
	enc := "/api/v1/encounters/" + out["encounter"].(map[string]any)["id"].(string)
	signup := func(name, user, pw, zone string) string {
		return fmt.Sprintf(`{"display_name": %q, "username": %q, "password": %q, "time_zone": %q}`, name, user, pw, zone)
	}
	tests := []struct {
		name  string
		c     call
		field string
	}{
		{"SignupName", call{method: "POST", path: "/api/v1/signup", body: signup(" ", "kim", "a long enough password", "UTC")}, "display_name"},
		{"SignupUsername", call{method: "POST", path: "/api/v1/signup", body: signup("Kim", "K!", "a long enough password", "UTC")}, "username"},
		{"SignupPassword", call{method: "POST", path: "/api/v1/signup", body: signup("Kim", "kim", "short", "UTC")}, "password"},
		{"SignupZone", call{method: "POST", path: "/api/v1/signup", body: signup("Kim", "kim", "a long enough password", "Mars/Base")}, "time_zone"},
		{"SignupType", call{method: "POST", path: "/api/v1/signup", body: `{"display_name": 7, "username": "kim", "password": "a long enough password"}`}, "display_name"},
		{"SettingsZone", call{method: "PUT", path: "/api/v1/settings", token: sam, body: `{"time_zone": "Mars/Base"}`}, "time_zone"},
		{"SettingsQuiet", call{method: "PUT", path: "/api/v1/settings", token: sam, body: `{"quiet_hours": {"start": "25:00", "end": "07:00"}}`}, "quiet_hours"},
		{"SettingsQuietShape", call{method: "PUT", path: "/api/v1/settings", token: sam, body: `{"quiet_hours": "nights"}`}, "quiet_hours"},
		{"SettingsQuietType", call{method: "PUT", path: "/api/v1/settings", token: sam, body: `{"display_name": ["Sam"]}`}, "display_name"},
		{"PasswordCurrent", call{method: "POST", path: "/api/v1/password", token: sam, body: `{"current": "not the password", "new": "a new long password"}`}, "current"},
		{"PasswordNew", call{method: "POST", path: "/api/v1/password", token: sam, body: `{"current": "correct horse battery", "new": "short"}`}, "new"},
		{"Confirm", call{method: "POST", path: "/api/v1/confirm", token: sam, body: `{"password": "not the password"}`}, "password"},
		{"TokenName", call{method: "POST", path: "/api/v1/tokens", token: sam, body: `{"name": ""}`}, "name"},
		{"TokenScopes", call{method: "POST", path: "/api/v1/tokens", token: sam, body: `{"name": "x", "scopes": ["everything"]}`}, "scopes"},
		{"ProfileLevel", call{method: "PUT", path: "/api/v1/profile", token: sam, body: `{"receive": {"water": "always"}}`}, "receive.water"},
		{"ProfileNote", call{method: "PUT", path: "/api/v1/profile", token: sam, body: `{"notes": ["fine", "ring` + "\\u0007" + `"]}`}, "notes[1]"},
		{"ImportPreview", call{method: "POST", path: "/api/v1/profile/import?preview=maybe", token: sam, body: `{"tend": "card/v1", "name": "Sam"}`}, "preview"},
		{"CircleName", call{method: "POST", path: "/api/v1/circles", token: sam, body: `{"name": " "}`}, "name"},
		{"CircleRename", call{method: "PATCH", path: "/api/v1/circles/" + circle, token: sam, body: `{"name": " "}`}, "name"},
		{"CircleShare", call{method: "PUT", path: "/api/v1/circles/" + circle + "/share", token: sam, body: `{"share": "all"}`}, "share"},
		{"CircleSharePractices", call{method: "PUT", path: "/api/v1/circles/" + circle + "/share", token: sam, body: `{"share": "some"}`}, "practices"},
		{"CirclePlan", call{method: "GET", path: "/api/v1/circles/" + circle + "/plan?encounter=wild", token: sam}, "encounter"},
		{"CardLifetime", call{method: "POST", path: "/api/v1/cards", token: sam, body: `{"share": "levels", "expires_in": "forever"}`}, "expires_in"},
		{"EncounterKind", call{method: "POST", path: "/api/v1/encounters", token: sam, body: `{"kind": "wild"}`}, "kind"},
		{"EncounterMove", call{method: "POST", path: enc + "/move", token: sam, body: `{"from": "nowhere"}`}, "from"},
		{"EncounterMoveStale", call{method: "POST", path: enc + "/move", token: sam, body: `{"from": "planned"}`}, "from"},
		{"CheckInMood", call{method: "PUT", path: enc + "/check-in", token: sam, body: `{"mood": 9, "energy": 3}`}, "mood"},
		{"SignalKind", call{method: "POST", path: enc + "/signals", token: sam, body: `{"kind": "pizza"}`}, "kind"},
		{"SignalsAfter", call{method: "GET", path: enc + "/signals?after=-1", token: sam}, "after"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, out, _ := do(t, h, tc.c)
			e, _ := out["error"].(map[string]any)
			code, _ := e["code"].(string)
			if st != http.StatusBadRequest && st != http.StatusConflict || e["field"] != tc.field {
				t.Fatalf("got %d %v, want field %q", st, out, tc.field)
			}
			msg, _ := e["message"].(string)
			if !strings.Contains(msg, tc.field+": ") {
				t.Errorf("the message does not name the field: %q", msg)
			}
			if code != tend.EINVALID {
				return
			}
			ps, _ := e["problems"].([]any)
			if len(ps) != 1 || ps[0].(map[string]any)["field"] != tc.field {
				t.Errorf("problems: %v, want the one of %q", e["problems"], tc.field)
			}
		})
	}
}

// TestAPIErrorListsEveryMistake: an API request with several wrong
// fields hears of all of them at once, each with its field, and no one
// "field".
func TestAPIErrorListsEveryMistake(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup",
		body: `{"display_name": " ", "username": "K!", "password": "short", "time_zone": "Mars/Base"}`})
	e, _ := out["error"].(map[string]any)
	if st != http.StatusBadRequest || e["field"] != nil {
		t.Fatalf("got %d %v", st, out)
	}
	var fields []string
	for _, p := range e["problems"].([]any) {
		p := p.(map[string]any)
		fields = append(fields, p["field"].(string))
		if m, _ := p["message"].(string); m == "" || strings.Contains(m, p["field"].(string)+":") {
			t.Errorf("a problem's message: %q", m)
		}
	}
	if got := strings.Join(fields, " "); got != "username display_name time_zone password" {
		t.Errorf("problems of %s, want username display_name time_zone password", got)
	}
}
