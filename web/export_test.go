package web

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestExportDocument: the export a person downloads, from the API and
// from the settings page alike, follows its documented schema, holds what
// they wrote in an encounter (check-in, journal, the words of their
// signals), marks the session it was asked from, and holds nothing Alex
// wrote in the same encounter.
func TestExportDocument(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex := people(t, s, h)
	const mine, theirs = "mine-5c2", "theirs-9e4"
	send := func(method, path, token, body string, status int) []byte {
		t.Helper()
		st, a := rawResponse(t, h, call{method: method, path: path, body: body, token: token})
		if st != status {
			t.Fatalf("%s %s: %d %s", method, path, st, a.body)
		}
		return []byte(a.body)
	}
	card, err := os.ReadFile("../examples/sam.json")
	if err != nil {
		t.Fatal(err)
	}
	send("PUT", "/api/v1/profile", sam, string(card), 200)
	send("POST", "/api/v1/tokens", sam, `{"name": "`+mine+`-token"}`, 201)
	send("POST", "/api/v1/cards", sam, `{"share": "levels", "expires_in": "30d"}`, 201)
	var circle struct {
		Circle struct{ ID string } `json:"circle"`
	}
	json.Unmarshal(send("POST", "/api/v1/circles", sam, `{"name": "`+mine+`-circle"}`, 201), &circle)
	var invite struct{ Token string }
	json.Unmarshal(send("POST", "/api/v1/circles/"+circle.Circle.ID+"/invites", sam, "", 201), &invite)
	send("POST", "/api/v1/invites/"+invite.Token+"/accept", alex, "", 200)
	var enc struct {
		Encounter struct{ ID string } `json:"encounter"`
	}
	json.Unmarshal(send("POST", "/api/v1/encounters", sam, `{"circle_id": "`+circle.Circle.ID+`", "kind": "intense"}`, 201), &enc)
	e := "/api/v1/encounters/" + enc.Encounter.ID
	for who, w := range map[string]string{sam: mine, alex: theirs} {
		send("PUT", e+"/check-in", who, `{"mood": 3, "energy": 3, "limits": "`+w+`-limit", "triggers": "`+w+`-trigger", "safeword": "`+w+`-safeword", "needs": ["water"], "confirmed": true}`, 200)
	}
	send("POST", e+"/move", sam, `{"from": "before"}`, 200)
	for who, w := range map[string]string{sam: mine, alex: theirs} {
		send("POST", e+"/signals", who, `{"kind": "custom", "text": "`+w+`-need"}`, 201)
	}
	send("POST", e+"/move", sam, `{"from": "after"}`, 200)
	for _, who := range []string{sam, alex} {
		w := map[string]string{sam: mine, alex: theirs}[who]
		send("PUT", e+"/reflection", who, `{"mood": 4, "emotions": ["calm"], "helped": ["water"], "missing": "`+w+`-missing", "favourite": "`+w+`-favourite", "note": "`+w+`-note", "journal": "`+w+`-journal"}`, 200)
	}

	st, a := rawResponse(t, h, call{method: "GET", path: "/api/v1/export", token: sam})
	if st != 200 {
		t.Fatalf("export: %d %s", st, a.body)
	}
	doc := []byte(a.body)
	if err := validate(responseSchema(t, "GET", "/api/v1/export", 200), doc); err != nil {
		t.Errorf("the export does not follow the document: %v\n%s", err, doc)
	}
	for _, w := range []string{"-token", "-circle", "-limit", "-trigger", "-safeword", "-need", "-missing", "-note", "-journal"} {
		if !bytes.Contains(doc, []byte(mine+w)) {
			t.Errorf("the export lacks Sam's %q", mine+w)
		}
	}
	if i := bytes.Index(doc, []byte(theirs)); i >= 0 {
		t.Errorf("Sam's export holds what Alex wrote: %s", doc[max(0, i-80):min(len(doc), i+40)])
	}
	if bytes.Contains(doc, []byte(sam)) || bytes.Contains(doc, []byte(alex)) {
		t.Errorf("the export holds a session token")
	}
	var x struct {
		Tend     string
		Sessions []struct {
			Current bool
		}
		Encounters []struct {
			Signals []struct{ Kind, Text string }
		}
	}
	if err := json.Unmarshal(doc, &x); err != nil {
		t.Fatal(err)
	}
	// Two sessions: signing up made one, and the test another.
	current := 0
	for _, s := range x.Sessions {
		if s.Current {
			current++
		}
	}
	if x.Tend != "export/v1" || len(x.Sessions) != 2 || current != 1 || len(x.Encounters) != 1 {
		t.Errorf("export: %+v", x)
	}

	// The settings page's download is the same document.
	page := browse(t, h, "POST", "/settings/export", sam, url.Values{"password": {""}})
	if page.status != 200 || !strings.HasPrefix(page.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("the page's export: %d %q %.200s", page.status, page.header.Get("Content-Disposition"), page.body)
	}
	var fromAPI, fromPage any
	json.Unmarshal(doc, &fromAPI)
	if err := json.Unmarshal([]byte(page.body), &fromPage); err != nil || !reflect.DeepEqual(fromAPI, fromPage) {
		t.Errorf("the page's export differs from the API's: %v\n%.300s", err, page.body)
	}
}
