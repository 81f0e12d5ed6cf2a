package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// TestCircleAPI: make a circle, invite, join, and plan from what each
// member shares with it.
func TestCircleAPI(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex := people(t, s, h)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", token: sam, body: `{"receive": {"water": "need"}, "notes": ["SAM-NOTE"]}`})
	do(t, h, call{method: "PUT", path: "/api/v1/profile", token: alex, body: `{"receive": {"cuddle": "need"}, "give": {"water": "glad"}, "notes": ["ALEX-NOTE"]}`})

	st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/circles", token: sam, body: `{"name": "us"}`})
	if st != http.StatusCreated {
		t.Fatalf("create: %d %v", st, out)
	}
	id := out["circle"].(map[string]any)["id"].(string)
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/circles/" + id + "/invites", token: sam})
	token := out["token"].(string)
	if path := out["path"].(string); path != "/invites/"+token || len(token) < 43 {
		t.Errorf("invite: %v", out)
	}
	st, out, _ = do(t, h, call{method: "GET", path: "/api/v1/invites/" + token, token: alex})
	if st != 200 || out["circle"].(map[string]any)["name"] != "us" {
		t.Fatalf("see the invitation: %d %v", st, out)
	}
	if st, out, _ = do(t, h, call{method: "POST", path: "/api/v1/invites/" + token + "/accept", token: alex}); st != 200 {
		t.Fatalf("accept: %d %v", st, out)
	}
	if st, _, _ = do(t, h, call{method: "POST", path: "/api/v1/invites/" + token + "/accept", token: alex}); st != 404 {
		t.Errorf("a used invitation: %d", st)
	}

	planText := func(token string) string {
		t.Helper()
		st, body := raw(t, h, call{method: "GET", path: "/api/v1/circles/" + id + "/plan?encounter=gentle", token: token})
		if st != 200 {
			t.Fatalf("plan: %d %s", st, body)
		}
		return body
	}
	// Sam shares everything; Alex, who joined, practices and levels only.
	for _, as := range []string{sam, alex} {
		p := planText(as)
		var plan struct{ People []string }
		json.Unmarshal([]byte(p), &plan)
		if len(plan.People) != 2 || !strings.Contains(p, "SAM-NOTE") || strings.Contains(p, "ALEX-NOTE") || !strings.Contains(p, "cuddle") {
			t.Errorf("plan: %s", p)
		}
	}
	if st, out, _ = do(t, h, call{method: "PUT", path: "/api/v1/circles/" + id + "/share", token: sam, body: `{"share": "some", "practices": ["water"]}`}); st != 200 {
		t.Fatalf("share: %d %v", st, out)
	}
	if p := planText(alex); strings.Contains(p, "SAM-NOTE") || !strings.Contains(p, "water") {
		t.Errorf("after sharing only water: %s", p)
	}

	for _, c := range []struct {
		call call
		want int
	}{
		{call{method: "POST", path: "/api/v1/circles", token: sam, body: `{"name": " "}`}, 400},
		{call{method: "PUT", path: "/api/v1/circles/" + id + "/share", token: sam, body: `{"share": "all"}`}, 400},
		{call{method: "GET", path: "/api/v1/circles/" + id + "/plan?encounter=sometimes", token: sam}, 400},
		{call{method: "POST", path: "/api/v1/invites/not-a-token/accept", token: alex}, 404},
		{call{method: "DELETE", path: "/api/v1/circles/" + id, token: alex}, 403},
		{call{method: "DELETE", path: "/api/v1/circles/" + id + "/members/" + "nobody", token: sam}, 404},
	} {
		if st, out, _ := do(t, h, c.call); st != c.want {
			t.Errorf("%s %s: got %d %v, want %d", c.call.method, c.call.path, st, out, c.want)
		}
	}
	if st, _, _ := do(t, h, call{method: "POST", path: "/api/v1/circles/" + id + "/leave", token: alex}); st != 204 {
		t.Errorf("leave: %d", st)
	}
	if st, _, _ := do(t, h, call{method: "GET", path: "/api/v1/circles/" + id, token: alex}); st != 404 {
		t.Errorf("after leaving: %d", st)
	}
}

// TestCirclePagesBadInput: mistakes on the circle pages come back on the
// page, saying what to fix, with nothing changed.
func TestCirclePagesBadInput(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	c, err := s.Circles.CreateCircle(t.Context(), samID, "us")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, want string
		form       map[string][]string
		status     int
	}{
		{"/circles", "give the circle a name", map[string][]string{"name": {" "}}, 400},
		{"/circles/" + c.ID + "/rename", "give the circle a name", map[string][]string{"name": {""}}, 400},
		{"/circles/" + c.ID + "/share", "choose at least one practice", map[string][]string{"share": {"some"}}, 400},
		{"/circles/" + c.ID + "/share", "Share: choose one of the three", map[string][]string{"share": {"most"}}, 400},
		{"/circles/" + c.ID + "/members/nobody/remove", "no such member", map[string][]string{}, 404},
	} {
		got := browse(t, h, "POST", tc.path, sam, tc.form)
		if got.status != tc.status || !strings.Contains(got.find("#problem"), tc.want) {
			t.Errorf("%s %v: got %d %q, want %d saying %q", tc.path, tc.form, got.status, got.find("#problem"), tc.status, tc.want)
		}
	}
	after, _ := s.Circles.FindCircle(t.Context(), samID, c.ID)
	if after.Name != "us" || after.Members[0].Share != "everything" {
		t.Errorf("after the mistakes: %+v %+v", after, after.Members[0])
	}
}

// TestCirclePlanOffline: the members' cards downloaded from the circle,
// read as card files and planned as `tend plan` does, give exactly the
// plan the circle shows.
func TestCirclePlanOffline(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex := people(t, s, h)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", token: sam, body: `{"receive": {"water": "need", "cuddle": "like"}, "space_first_minutes": 10, "notes": ["Hold me after"],
		"custom": [{"id": "x-song", "title": "Our song", "mode": "together", "receive": "need"}], "drop": {"when": "next-day", "helps": ["a message"]}}`})
	do(t, h, call{method: "PUT", path: "/api/v1/profile", token: alex, body: `{"receive": {"cuddle": "need", "x-song": "like"}, "give": {"water": "glad", "cuddle": "glad"},
		"encounters": {"intense": {"receive": {"blanket": "need"}, "minutes": 40}}}`})
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/circles", token: sam, body: `{"name": "us"}`})
	c := out["circle"].(map[string]any)
	id := c["id"].(string)
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/circles/" + id + "/invites", token: sam})
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/invites/" + out["token"].(string) + "/accept", token: alex})
	members := out["circle"].(map[string]any)["members"].([]any)
	do(t, h, call{method: "PUT", path: "/api/v1/circles/" + id + "/share", token: sam, body: `{"share": "levels"}`})
	for _, kind := range tend.Kinds()[:5] {
		st, web := raw(t, h, call{method: "GET", path: "/api/v1/circles/" + id + "/plan?encounter=" + string(kind), token: alex})
		if st != 200 {
			t.Fatalf("%s: %d %s", kind, st, web)
		}
		var cards []*tend.Card
		for _, m := range members {
			pid := m.(map[string]any)["person_id"].(string)
			st, file := raw(t, h, call{method: "GET", path: "/api/v1/circles/" + id + "/members/" + pid + "/card", token: alex})
			if st != 200 {
				t.Fatalf("card: %d %s", st, file)
			}
			card, _, err := tend.ParseCard("card.json", []byte(file), s.Catalog)
			if err != nil {
				t.Fatalf("the downloaded card does not read: %v", err)
			}
			cards = append(cards, card)
		}
		offline, err := plan.Make(s.Catalog, cards, kind)
		if err != nil {
			t.Fatal(err)
		}
		var online tend.Plan
		if err := json.Unmarshal([]byte(web), &online); err != nil {
			t.Fatal(err)
		}
		a, _ := tend.MarshalPlan(offline)
		b, _ := tend.MarshalPlan(&online)
		if string(a) != string(b) {
			t.Errorf("%s: offline and web plans differ:\n%s\n---\n%s", kind, a, b)
		}
		if strings.Contains(string(b), "Hold me after") {
			t.Errorf("%s: Alex sees Sam's note, though Sam shares only levels here", kind)
		}
	}
}

// TestCircleRoutesRemovedMember: every route of a circle, tried by someone
// who was removed from it, answers exactly as for a missing circle.
func TestCircleRoutesRemovedMember(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex := people(t, s, h)
	do(t, h, call{method: "PUT", path: "/api/v1/profile", token: sam, body: `{"notes": ["SAM-SECRET"]}`})
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/circles", token: sam, body: `{"name": "CIRCLE-SECRET"}`})
	id := out["circle"].(map[string]any)["id"].(string)
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/circles/" + id + "/invites", token: sam})
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/invites/" + out["token"].(string) + "/accept", token: alex})
	var alexID string
	for _, m := range out["circle"].(map[string]any)["members"].([]any) {
		if m.(map[string]any)["display_name"] == "Alex" {
			alexID = m.(map[string]any)["person_id"].(string)
		}
	}
	if st, _, _ := do(t, h, call{method: "DELETE", path: "/api/v1/circles/" + id + "/members/" + alexID, token: sam}); st != 200 {
		t.Fatalf("remove: %d", st)
	}
	n := 0
	for _, rt := range s.routes() {
		if rt.object != "circle" {
			continue
		}
		n++
		mine := strings.Replace(rt.pattern, "{id}", id, 1)
		missing := strings.Replace(rt.pattern, "{id}", "0193a6f0-0000-7000-8000-00000000dead", 1)
		for _, p := range []*string{&mine, &missing} {
			*p = strings.NewReplacer("{member}", alexID).Replace(*p)
		}
		s1, b1 := raw(t, h, call{method: rt.method, path: mine, body: "{}", token: alex})
		s2, b2 := raw(t, h, call{method: rt.method, path: missing, body: "{}", token: alex})
		if s1 != http.StatusNotFound && !(rt.page && s1 == http.StatusSeeOther) || s1 != s2 || b1 != b2 {
			t.Errorf("%s %s as a removed member: %d, a missing circle: %d", rt.method, rt.pattern, s1, s2)
		}
		if strings.Contains(b1, "SECRET") || strings.Contains(b1, id) {
			t.Errorf("%s %s: the answer shows the circle's data", rt.method, rt.pattern)
		}
	}
	if n < 10 {
		t.Errorf("only %d circle routes tried", n)
	}
}

// TestCirclesDoNotLeak: what Sam shares with one circle never shows in
// another's plan.
func TestCirclesDoNotLeak(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex := people(t, s, h)
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Kim", "username": "kim", "password": "yet another password"}`})
	kimCreds, _ := s.Credentials.FindCredentials(t.Context(), "kim")
	kim, _, _ := s.Sessions.CreateSession(t.Context(), kimCreds.PersonID, "test")
	do(t, h, call{method: "PUT", path: "/api/v1/profile", token: sam, body: `{"receive": {"water": "need"}, "notes": ["ONLY-FOR-ALEX"]}`})
	circle := func(with string) string {
		_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/circles", token: sam, body: `{"name": "c"}`})
		id := out["circle"].(map[string]any)["id"].(string)
		_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/circles/" + id + "/invites", token: sam})
		do(t, h, call{method: "POST", path: "/api/v1/invites/" + out["token"].(string) + "/accept", token: with})
		return id
	}
	withAlex, withKim := circle(alex), circle(kim)
	do(t, h, call{method: "PUT", path: "/api/v1/circles/" + withKim + "/share", token: sam, body: `{"share": "levels"}`})
	_, forAlex := raw(t, h, call{method: "GET", path: "/api/v1/circles/" + withAlex + "/plan", token: alex})
	_, forKim := raw(t, h, call{method: "GET", path: "/api/v1/circles/" + withKim + "/plan", token: kim})
	if !strings.Contains(forAlex, "ONLY-FOR-ALEX") || strings.Contains(forKim, "ONLY-FOR-ALEX") || !strings.Contains(forKim, "water") {
		t.Errorf("Alex's plan: %s\nKim's plan: %s", forAlex, forKim)
	}
	if st, _ := raw(t, h, call{method: "GET", path: "/api/v1/circles/" + withAlex + "/plan", token: kim}); st != 404 {
		t.Errorf("Kim reading the other circle's plan: %d", st)
	}
}
