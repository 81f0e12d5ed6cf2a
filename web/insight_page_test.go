package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
)

// TestInsightsPage: a year of history shows every part with its chart
// and its table, the suggestion with its two forms, the circle's link,
// and never a journal or a follow-up's words.
func TestInsightsPage(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sd := seedYear(t, s, h, clock, 12)
	a := browse(t, h, "GET", "/insights", sd.samTok, nil)
	if a.status != http.StatusOK {
		t.Fatalf("GET /insights: %d %s", a.status, a.body)
	}
	for _, id := range []string{"mood-h", "rhythm-h", "drops-h", "helped-h", "unmet-h", "comes-h"} {
		sec := a.doc.Find("section[aria-labelledby=" + id + "]")
		if sec.Length() != 1 || strings.TrimSpace(sec.Find("p.reading").Text()) == "" {
			t.Errorf("part %s: missing, or without its reading", id)
		}
	}
	if n := a.doc.Find(`figure.chart-figure svg[role="img"]`).Length(); n != 6 {
		t.Errorf("charts: got %d, want 6", n)
	}
	a.doc.Find(`figure.chart-figure svg`).Each(func(_ int, svg *goquery.Selection) {
		if svg.Find("title").Length() == 0 || svg.Find("desc").Length() == 0 {
			t.Errorf("a chart without its title or desc")
		}
	})
	if a.doc.Find("section.insight table").Length() < 6 {
		t.Errorf("tables: got %d, want one beside each chart at least", a.doc.Find("section.insight table").Length())
	}
	if got := a.find("#suggestion p strong"); !strings.HasSuffix(got, "?") {
		t.Errorf("suggestion's question: got %q", got)
	}
	if a.doc.Find(`#suggestion form[action$="/accept"]`).Length() != 1 || a.doc.Find(`#suggestion form[action$="/dismiss"]`).Length() != 1 {
		t.Errorf("the suggestion's accept and dismiss forms are missing")
	}
	if a.doc.Find(`a[href="/circles/`+sd.circleID+`/insights"]`).Length() != 1 {
		t.Errorf("no link to the circle's insights")
	}
	if a.doc.Find(`a[href="/insights.csv"]`).Length() != 1 {
		t.Errorf("no link to the CSV")
	}
	for _, canary := range []string{"canary-journal", "canary-words"} {
		if strings.Contains(a.body, canary) {
			t.Errorf("the page shows %q", canary)
		}
	}
	// Unmet: Sam wrote "more time to talk" six times.
	if !strings.Contains(a.find("section[aria-labelledby=unmet-h]"), "more time to talk") {
		t.Errorf("unmet: Sam's repeated words are not shown")
	}

	// Alex has no suggestion, and sees Alex's own numbers.
	b := browse(t, h, "GET", "/insights", sd.alexTok, nil)
	if b.doc.Find("#suggestion").Length() != 0 || strings.Contains(b.body, "more time to talk") {
		t.Errorf("Alex's page shows Sam's suggestion or words")
	}

	// Someone with nothing yet is told so, not shown empty charts.
	s2, _ := newAccountServer(t, "open")
	h2 := s2.Handler()
	sam2, _ := people(t, s2, h2)
	e := browse(t, h2, "GET", "/insights", sam2, nil)
	if e.status != http.StatusOK || e.doc.Find("#empty-h").Length() != 1 || e.doc.Find("figure.chart-figure").Length() != 0 {
		t.Errorf("empty insights: %d, %d charts", e.status, e.doc.Find("figure.chart-figure").Length())
	}
	// Signed out: to the sign-in page.
	if o := browse(t, h, "GET", "/insights", "", nil); o.status != http.StatusSeeOther || !strings.HasPrefix(o.location, "/signin") {
		t.Errorf("signed out: %d %s", o.status, o.location)
	}
}

// TestInsightSuggestions: accepting saves one new profile version with
// why, and the change only; dismissing remembers; an id the person does
// not have answers 404, changing nothing; the API does the same.
func TestInsightSuggestions(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sd := seedYear(t, s, h, clock, 12)
	ctx := context.Background()
	before := profileOf(t, s, sd.samID)

	st, body, _ := do(t, h, call{method: "GET", path: "/api/v1/insights/suggestions", token: sd.samTok})
	list, _ := body["suggestions"].([]any)
	if st != http.StatusOK || len(list) == 0 {
		t.Fatalf("suggestions: %d %v", st, body)
	}
	id := "receive.cuddle.like"
	var ids []string
	for _, sg := range list {
		ids = append(ids, sg.(map[string]any)["id"].(string))
	}
	if !slices.Contains(ids, id) {
		t.Fatalf("suggestions: got %q, want %s among them", ids, id)
	}

	// Unknown, and Alex asking for Sam's: 404, nothing saved.
	for _, tc := range []struct{ tok, id string }{{sd.samTok, "receive.water.like"}, {sd.alexTok, id}} {
		if st, _ := raw(t, h, call{method: "POST", path: "/api/v1/insights/suggestions/" + tc.id + "/accept", token: tc.tok}); st != http.StatusNotFound {
			t.Errorf("accept %s: got %d, want 404", tc.id, st)
		}
		if a := browse(t, h, "POST", "/insights/suggestions/"+tc.id+"/dismiss", tc.tok, url.Values{}); a.status != http.StatusNotFound {
			t.Errorf("dismiss %s by page: got %d, want 404", tc.id, a.status)
		}
	}
	if p := profileOf(t, s, sd.samID); p.Version != before.Version {
		t.Fatalf("a refused suggestion saved version %d", p.Version)
	}

	// Accept by the page: one new version, the change only, with why.
	a := browse(t, h, "POST", "/insights/suggestions/"+id+"/accept", sd.samTok, url.Values{})
	if a.status != http.StatusSeeOther || !strings.HasPrefix(a.location, "/profile/history") {
		t.Fatalf("accept: %d %s", a.status, a.location)
	}
	after := profileOf(t, s, sd.samID)
	if after.Version != before.Version+1 {
		t.Fatalf("accept: version %d, want %d", after.Version, before.Version+1)
	}
	changes := tend.DiffCards(before.Card, after.Card)
	if len(changes) != 1 || changes[0].Path != "receive.cuddle" || changes[0].To != "like" {
		t.Errorf("accept changed %+v", changes)
	}
	hist := browse(t, h, "GET", "/profile/history", sd.samTok, nil)
	if !strings.Contains(hist.find("tbody tr:first-child .why"), "insights") {
		t.Errorf("history's newest version does not say why: %q", hist.find("tbody tr:first-child"))
	}
	// Accepted once, it is gone: again is 404.
	if a := browse(t, h, "POST", "/insights/suggestions/"+id+"/accept", sd.samTok, url.Values{}); a.status != http.StatusNotFound {
		t.Errorf("accepting again: got %d, want 404", a.status)
	}

	// Dismissing by the API remembers it.
	vs, _ := s.Profiles.FindProfileVersions(ctx, sd.samID)
	_, body, _ = do(t, h, call{method: "GET", path: "/api/v1/insights/suggestions", token: sd.samTok})
	rest, _ := body["suggestions"].([]any)
	for _, sg := range rest {
		other := sg.(map[string]any)["id"].(string)
		if st, _ := raw(t, h, call{method: "POST", path: "/api/v1/insights/suggestions/" + other + "/dismiss", token: sd.samTok}); st != http.StatusNoContent {
			t.Errorf("dismiss %s: got %d", other, st)
		}
	}
	_, body, _ = do(t, h, call{method: "GET", path: "/api/v1/insights/suggestions", token: sd.samTok})
	if left, _ := body["suggestions"].([]any); len(left) != 0 {
		t.Errorf("after dismissing all: %v", left)
	}
	if vs2, _ := s.Profiles.FindProfileVersions(ctx, sd.samID); len(vs2) != len(vs) {
		t.Errorf("dismissing saved a version")
	}
}

// TestInsightsAPI: the numbers behind every chart, for the person only;
// a token needs insights:read.
func TestInsightsAPI(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sd := seedYear(t, s, h, clock, 10)
	st, body, _ := do(t, h, call{method: "GET", path: "/api/v1/insights", token: sd.samTok})
	if st != http.StatusOK {
		t.Fatalf("GET /api/v1/insights: %d %v", st, body)
	}
	for _, k := range []string{"encounters", "reflections", "mood", "rhythm", "drops", "helped", "unmet", "comes_with", "suggestions"} {
		if _, ok := body[k]; !ok {
			t.Errorf("insights lack %q", k)
		}
	}
	if body["encounters"].(float64) != 10 {
		t.Errorf("encounters: got %v, want 10", body["encounters"])
	}
	if _, text := raw(t, h, call{method: "GET", path: "/api/v1/insights", token: sd.samTok}); strings.Contains(text, "canary") {
		t.Errorf("the API's insights hold a canary")
	}
	ctx := context.Background()
	narrow, _, err := s.Tokens.CreateAPIToken(ctx, sd.samID, "narrow", []tend.Scope{tend.ScopeProfileRead})
	if err != nil {
		t.Fatal(err)
	}
	if st, _, _ := do(t, h, call{method: "GET", path: "/api/v1/insights", token: narrow}); st != http.StatusForbidden {
		t.Errorf("a token without insights:read: got %d, want 403", st)
	}
	reader, _, err := s.Tokens.CreateAPIToken(ctx, sd.samID, "reader", []tend.Scope{tend.ScopeInsightsRead})
	if err != nil {
		t.Fatal(err)
	}
	if st, _, _ := do(t, h, call{method: "GET", path: "/api/v1/insights", token: reader}); st != http.StatusOK {
		t.Errorf("a token with insights:read: got %d", st)
	}
	if st, _, _ := do(t, h, call{method: "POST", path: "/api/v1/insights/suggestions/receive.cuddle.like/accept", token: reader}); st != http.StatusForbidden {
		t.Errorf("accepting with insights:read only: got %d, want 403 (it changes the profile)", st)
	}
}

// TestInsightsCSV: the numbers as CSV, a header first, for the person.
func TestInsightsCSV(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sd := seedYear(t, s, h, clock, 6)
	a := browse(t, h, "GET", "/insights.csv", sd.samTok, nil)
	if a.status != http.StatusOK || !strings.HasPrefix(a.header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(a.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: %d %v", a.status, a.header)
	}
	rows, err := csv.NewReader(strings.NewReader(a.body)).ReadAll()
	if err != nil || len(rows) < 10 {
		t.Fatalf("csv: %d rows, %v", len(rows), err)
	}
	if strings.Join(rows[0], ",") != "chart,label,series,value" {
		t.Errorf("header: %q", rows[0])
	}
	if strings.Contains(a.body, "canary") {
		t.Errorf("the CSV holds a canary")
	}
}

// TestCircleInsights: a member sees the circle's insights from shared
// reflections; keeping one's own out takes them out for everyone, by
// the page and by the API; someone outside gets 404.
func TestCircleInsights(t *testing.T) {
	s, clock := newAccountServer(t, "open")
	h := s.Handler()
	sd := seedYear(t, s, h, clock, 6)
	path := "/circles/" + sd.circleID + "/insights"
	a := browse(t, h, "GET", path, sd.alexTok, nil)
	if a.status != http.StatusOK {
		t.Fatalf("GET %s: %d", path, a.status)
	}
	if strings.Contains(a.body, "canary") {
		t.Errorf("the circle's insights show a canary")
	}
	row := func(a pageAnswer, name string) string {
		var out string
		a.doc.Find("section[aria-labelledby=met-h] tbody tr").Each(func(_ int, tr *goquery.Selection) {
			if strings.TrimSpace(tr.Find("th").Text()) == name {
				out = tr.Children().Map(func(_ int, c *goquery.Selection) string { return strings.TrimSpace(c.Text()) })[0:1][0]
				tr.Find("td").Each(func(_ int, td *goquery.Selection) { out += " " + strings.TrimSpace(td.Text()) })
			}
		})
		return out
	}
	if got := row(a, "Sam"); got != "Sam 3 6" {
		t.Errorf("Sam's row: got %q, want 3 of 6 with nothing missing", got)
	}
	// Sam keeps theirs out, by the page.
	if r := browse(t, h, "POST", path, sd.samTok, url.Values{"count": {"no"}}); r.status != http.StatusSeeOther {
		t.Fatalf("keep out: %d %s", r.status, r.body)
	}
	if got := row(browse(t, h, "GET", path, sd.alexTok, nil), "Sam"); !strings.Contains(got, "Kept out") {
		t.Errorf("Sam's row once kept out: got %q", got)
	}
	if r := browse(t, h, "POST", path, sd.samTok, url.Values{"count": {"maybe"}}); r.status != http.StatusBadRequest {
		t.Errorf("count=maybe: got %d, want 400", r.status)
	}
	// Back in, by the API.
	st, body, _ := do(t, h, call{method: "PUT", path: "/api/v1" + path, body: `{"counted": true}`, token: sd.samTok})
	if st != http.StatusOK || body["counted"] != true {
		t.Errorf("PUT counted: %d %v", st, body)
	}
	if st, _, _ := do(t, h, call{method: "PUT", path: "/api/v1" + path, body: `{}`, token: sd.samTok}); st != http.StatusBadRequest {
		t.Errorf("PUT without counted: got %d, want 400", st)
	}
	// Someone outside the circle.
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Kim", "username": "kim", "password": "kim's good password"}`})
	cred, _ := s.Credentials.FindCredentials(context.Background(), "kim")
	kim, _, _ := s.Sessions.CreateSession(context.Background(), cred.PersonID, "test")
	if a := browse(t, h, "GET", path, kim, nil); a.status != http.StatusNotFound {
		t.Errorf("Kim, outside: got %d", a.status)
	}
}
