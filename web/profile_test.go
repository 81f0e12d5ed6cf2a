package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

func signedUp(t *testing.T, h http.Handler) string {
	t.Helper()
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	return out["token"].(string)
}

const samProfile = `{"receive": {"water": "need", "watr": "like", "cuddle": "like", "massage": "need"},
 "give": {"water": "glad"}, "notes": ["I sometimes cry afterwards."], "space_first_minutes": 10,
 "drop": {"when": "next-day", "helps": ["a message in the morning"]}}`

func changesOf(out map[string]any) []tend.Change {
	b, _ := json.Marshal(out["changes"])
	var cs []tend.Change
	json.Unmarshal(b, &cs)
	return cs
}

func containsChange(cs []tend.Change, c tend.Change) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func TestProfileSaveAndRead(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	status, out, _ := do(t, h, call{method: "GET", path: "/api/v1/profile", token: tok})
	prof := out["profile"].(map[string]any)
	if status != 200 || prof["version"] != 0.0 || prof["updated_at"] != nil || prof["card"].(map[string]any)["name"] != "Sam" {
		t.Fatalf("empty profile: %d %v", status, out)
	}
	status, out, _ = do(t, h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: tok})
	if status != 200 || out["profile"].(map[string]any)["version"] != 1.0 {
		t.Fatalf("save: %d %v", status, out)
	}
	warns, _ := out["warnings"].([]any)
	if len(warns) != 1 || !strings.Contains(warns[0].(string), `receive.watr: "watr" is not a practice in Tend's catalog; it is ignored (did you mean "water"?)`) {
		t.Errorf("warnings: %v", warns)
	}
	_, out, _ = do(t, h, call{method: "GET", path: "/api/v1/profile", token: tok})
	card := out["profile"].(map[string]any)["card"].(map[string]any)
	if card["receive"].(map[string]any)["water"] != "need" || card["notes"].([]any)[0] != "I sometimes cry afterwards." {
		t.Errorf("read back: %v", card)
	}
	// 90 days later, a gentle review suggestion.
	// (The session has long timed out by then: sign in again.)
	clock.t = clock.t.Add(tend.ReviewAfter)
	if status, _, _ := do(t, h, call{method: "GET", path: "/api/v1/profile", token: tok}); status != 401 {
		t.Errorf("a 90-day-old session still works: %d", status)
	}
	_, in, _ := do(t, h, call{method: "POST", path: "/api/v1/signin", body: `{"username": "sam", "password": "correct horse battery"}`})
	tok = in["token"].(string)
	if _, out, _ := do(t, h, call{method: "GET", path: "/api/v1/profile", token: tok}); out["profile"].(map[string]any)["needs_review"] != true {
		t.Errorf("no review suggested after 90 days")
	}
}

func TestProfileWrongInput(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: tok})
	tests := []struct{ name, body, want string }{
		{"BadLevel", `{"receive": {"water": "yes"}}`, `card: receive.water: "yes" is not one of need, like, okay, rather-not, never`},
		{"UnknownField", `{"recieve": {}}`, `card: recieve: is not a field of card/v1`},
		{"NotJSON", `receive=water`, "line 1, column 1"},
		{"Array", `[]`, "a card must be a JSON object"},
		{"TooLong", `{"notes": ["` + strings.Repeat("x", 501) + `"]}`, "notes[0]: is 501 characters long; the limit is 500"},
		{"BadKind", `{"encounters": {"spicy": {}}}`, `encounters.spicy: "spicy" is not an encounter kind`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, out, _ := do(t, h, call{method: "PUT", path: "/api/v1/profile", body: tc.body, token: tok})
			code, msg := errorOf(out)
			if status != 400 || code != "invalid" || !strings.Contains(msg, tc.want) {
				t.Errorf("got %d %s %q, want 400 containing %q", status, code, msg, tc.want)
			}
		})
	}
	if _, out, _ := do(t, h, call{method: "GET", path: "/api/v1/profile/versions", token: tok}); len(out["versions"].([]any)) != 1 {
		t.Errorf("a refused save made a version: %v", out)
	}
}

func TestProfileVersionsAndRestore(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: tok})
	do(t, h, call{method: "PUT", path: "/api/v1/profile", body: `{"receive": {"water": "like"}}`, token: tok})
	_, out, _ := do(t, h, call{method: "GET", path: "/api/v1/profile/versions", token: tok})
	if vs := out["versions"].([]any); len(vs) != 2 || vs[0].(map[string]any)["version"] != 2.0 {
		t.Fatalf("versions: %v", out)
	}
	_, out, _ = do(t, h, call{method: "GET", path: "/api/v1/profile/versions/2", token: tok})
	if cs := changesOf(out); !containsChange(cs, tend.Change{Path: "receive.water", From: "need", To: "like"}) {
		t.Errorf("what changed in version 2: %+v", cs)
	}
	status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/profile/versions/1/restore", token: tok})
	if status != 200 || out["profile"].(map[string]any)["version"] != 3.0 {
		t.Fatalf("restore: %d %v", status, out)
	}
	for _, path := range []string{"/api/v1/profile/versions/9", "/api/v1/profile/versions/0", "/api/v1/profile/versions/x"} {
		if status, _, _ := do(t, h, call{method: "GET", path: path, token: tok}); status != 404 {
			t.Errorf("%s: got %d, want 404", path, status)
		}
	}
	// Alex's version 1 does not exist for Alex, whatever Sam has.
	_, alex, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Alex", "username": "alex", "password": "another good password"}`})
	if status, _, _ := do(t, h, call{method: "GET", path: "/api/v1/profile/versions/1", token: alex["token"].(string)}); status != 404 {
		t.Errorf("Alex reading version 1: got %d, want 404", status)
	}
}

func TestProfileImport(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	card := `{"tend": "card/v1", "name": "Someone Else", "receive": {"blanket": "need"}}`
	status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/profile/import?preview=true", body: card, token: tok})
	if cs := changesOf(out); status != 200 || len(cs) != 1 || cs[0] != (tend.Change{Path: "receive.blanket", To: "need"}) {
		t.Fatalf("preview: %d %v", status, out)
	}
	if _, out, _ := do(t, h, call{method: "GET", path: "/api/v1/profile", token: tok}); out["profile"].(map[string]any)["version"] != 0.0 {
		t.Fatalf("a preview saved the profile")
	}
	if status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/profile/import", body: card, token: tok}); status != 200 || out["profile"].(map[string]any)["card"].(map[string]any)["name"] != "Sam" {
		t.Fatalf("import: %d %v; the name stays the person's own", status, out)
	}
	expired := `{"tend": "card/v1", "name": "Old", "expires": "` + clock.t.Add(-time.Hour).Format(time.RFC3339) + `"}`
	if status, out, _ := do(t, h, call{method: "POST", path: "/api/v1/profile/import", body: expired, token: tok}); status != 400 || !strings.Contains(out["error"].(map[string]any)["message"].(string), "expired") {
		t.Errorf("an expired card: %d %v", status, out)
	}
	if status, _, _ := do(t, h, call{method: "POST", path: "/api/v1/profile/import?preview=maybe", body: card, token: tok}); status != 400 {
		t.Errorf("preview=maybe: got %d, want 400", status)
	}
}

// TestProfileCardAndPlan: the downloaded card is a valid tend.card/v1 file,
// and the plan the API shows is the plan the engine makes from that file,
// as `tend plan` would offline.
func TestProfileCardAndPlan(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	tok := signedUp(t, h)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", body: samProfile, token: tok})
	req := httptest.NewRequest("GET", "/api/v1/profile/card", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), `filename="sam.tend-card.json"`) {
		t.Fatalf("card: %d %v", rec.Code, rec.Header())
	}
	c, warns, err := tend.ParseCard("sam.tend-card.json", rec.Body.Bytes(), s.Catalog)
	if err != nil || len(warns) != 0 || c.Name != "Sam" || c.Receive["water"] != tend.Need {
		t.Fatalf("the downloaded card: %+v %v %v", c, warns, err)
	}
	want, err := plan.Make(s.Catalog, []*tend.Card{c}, tend.Solo)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := tend.MarshalPlan(want)
	preq := httptest.NewRequest("GET", "/api/v1/profile/plan", nil)
	preq.Header.Set("Authorization", "Bearer "+tok)
	prec := httptest.NewRecorder()
	h.ServeHTTP(prec, preq)
	var got, exp any
	json.Unmarshal(prec.Body.Bytes(), &got)
	json.Unmarshal(wantJSON, &exp)
	gotJSON, _ := json.Marshal(got)
	expJSON, _ := json.Marshal(exp)
	if prec.Code != 200 || string(gotJSON) != string(expJSON) {
		t.Errorf("plan: %d\n%s\nwant\n%s", prec.Code, gotJSON, expJSON)
	}
	if status, out, _ := do(t, h, call{method: "GET", path: "/api/v1/profile/plan?encounter=spicy", token: tok}); status != 400 {
		t.Errorf("a bad encounter: %d %v", status, out)
	}
	_ = context.Background
}

// TestProfileGetJoinedJSON: the answer joined by hand around the kept
// card is one valid JSON document with every field, the same for the
// first (unkept) read and the next (kept) ones.
func TestProfileGetJoinedJSON(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	tok := out["token"].(string)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", body: `{"notes": ["<b>Tea & toast</b>"], "receive": {"water": "need"}}`, token: tok})
	var first string
	for i := range 2 {
		st, body := raw(t, h, call{method: "GET", path: "/api/v1/profile", token: tok})
		if st != 200 || !json.Valid([]byte(body)) {
			t.Fatalf("read %d: %d %q", i, st, body)
		}
		var got struct {
			Profile struct {
				Version     int        `json:"version"`
				UpdatedAt   *time.Time `json:"updated_at"`
				NeedsReview *bool      `json:"needs_review"`
				Card        tend.Card  `json:"card"`
			} `json:"profile"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		p := got.Profile
		if p.Version != 1 || p.UpdatedAt == nil || p.NeedsReview == nil || p.Card.Name != "Sam" || p.Card.Notes[0] != "<b>Tea & toast</b>" || p.Card.Receive["water"] != tend.Need {
			t.Errorf("read %d: %+v", i, p)
		}
		if i == 0 {
			first = body
		} else if body != first {
			t.Errorf("the kept answer differs:\n%s\nfirst:\n%s", body, first)
		}
	}
}
