package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
)

// careCircle makes a circle of Sam and Alex (Alex needs water and a
// cuddle) and an encounter of the kind in it, moved on to the aftercare.
// It returns the sessions, person ids and the encounter.
func careCircle(t *testing.T, s *Server, h http.Handler, kind tend.Kind) (sam, alex, samID, alexID string, e *tend.Encounter) {
	t.Helper()
	ctx := context.Background()
	sam, alex = people(t, s, h)
	samSess, _ := s.Sessions.FindSessionByToken(ctx, sam)
	alexSess, _ := s.Sessions.FindSessionByToken(ctx, alex)
	samID, alexID = samSess.PersonID, alexSess.PersonID
	careNeedsOf(t, h, alex, "water", "cuddle")
	c, err := s.Circles.CreateCircle(ctx, samID, "us")
	if err != nil {
		t.Fatal(err)
	}
	inv, _, err := s.Circles.CreateInvite(ctx, samID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Circles.AcceptInvite(ctx, inv, alexID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Circles.SetShare(ctx, alexID, c.ID, tend.ShareLevels, nil); err != nil {
		t.Fatal(err)
	}
	e = careStart(t, s, samID, tend.NewEncounter{CircleID: c.ID, Kind: kind, Minutes: 20})
	return sam, alex, samID, alexID, e
}

// careNeedsOf marks practices as needed on the person's profile.
func careNeedsOf(t *testing.T, h http.Handler, session string, practices ...string) {
	t.Helper()
	form := url.Values{}
	for _, p := range practices {
		form.Add("p", p)
		form.Set("r."+p, "need")
	}
	if got := browse(t, h, "POST", "/profile/practices", session, form); got.status != http.StatusSeeOther {
		t.Fatalf("profile: %d %s", got.status, got.find("#problem"))
	}
}

// careStart starts an encounter and moves it on to the aftercare.
func careStart(t *testing.T, s *Server, personID string, n tend.NewEncounter) *tend.Encounter {
	t.Helper()
	ctx := context.Background()
	e, err := s.Encounters.CreateEncounter(ctx, personID, n)
	if err != nil {
		t.Fatal(err)
	}
	e, err = s.Encounters.MoveEncounter(ctx, personID, e.ID, tend.Move{From: tend.StageBefore})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func careSignal(t *testing.T, s *Server, personID, id string, sig *tend.Signal) *tend.Signal {
	t.Helper()
	out, err := s.Encounters.AddSignal(context.Background(), personID, id, sig)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAftercareScreen(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, alex, samID, alexID, e := careCircle(t, s, h, tend.Gentle)
	path := "/encounters/" + e.ID + "/aftercare"

	got := browse(t, h, "GET", path, sam, nil)
	if got.status != http.StatusOK {
		t.Fatalf("screen: %d %s", got.status, got.body)
	}
	if cls, _ := got.doc.Find("body").Attr("class"); cls != "bedside" {
		t.Errorf("body class %q, want bedside", cls)
	}
	keys := got.doc.Find(".checklist > li").Map(func(_ int, li *goquery.Selection) string { return li.AttrOr("data-key", "") })
	if len(keys) == 0 {
		t.Fatalf("no checklist: %s", got.find("#plan"))
	}
	for _, k := range []string{"water", "blanket", "hold", "space", "talk", "not-okay", "custom"} {
		if got.doc.Find(`#needs input[name=kind][value="`+k+`"]`).Length() != 1 {
			t.Errorf("no %s button", k)
		}
	}
	if got.find("#timer-text") == "" || !strings.Contains(got.find("#timer-text"), "20 minutes") {
		t.Errorf("timer: %q", got.find("#timer-text"))
	}
	if got.doc.Find("#questions .cards li").Length() == 0 {
		t.Error("no question cards")
	}
	if got.doc.Find(`#grounding .support .address:contains("findahelpline.com")`).Length() != 1 || got.doc.Find(`#grounding a[href^="http"]`).Length() != 0 {
		t.Errorf("support: %s", got.find("#grounding"))
	}
	// Who would be told waits hidden, for the script to show when it is
	// said.
	if told := got.doc.Find("#grounding-told"); told.Text() != " Alex has been told." || told.AttrOr("hidden", "none") != "" {
		t.Errorf("before anything is said, the grounding help has %q, hidden %v", told.Text(), told.AttrOr("hidden", "none"))
	}

	// The checklist's state is the last tick or untick of each step.
	careSignal(t, s, alexID, e.ID, &tend.Signal{Kind: tend.SignalTick, Ref: keys[0]})
	if len(keys) > 1 {
		careSignal(t, s, samID, e.ID, &tend.Signal{Kind: tend.SignalTick, Ref: keys[1]})
		careSignal(t, s, alexID, e.ID, &tend.Signal{Kind: tend.SignalUntick, Ref: keys[1]})
	}
	water := careSignal(t, s, alexID, e.ID, &tend.Signal{Kind: tend.SignalWater})
	careSignal(t, s, samID, e.ID, &tend.Signal{Kind: tend.SignalComing, Ref: strconv.FormatInt(water.Seq, 10)})
	careSignal(t, s, alexID, e.ID, &tend.Signal{Kind: tend.SignalNotOkay})
	got = browse(t, h, "GET", path, sam, nil)
	first := got.doc.Find(`.checklist > li[data-key="` + keys[0] + `"]`)
	if p, _ := first.Find("button.tick").Attr("aria-pressed"); p != "true" || !first.HasClass("done") ||
		first.Find(`input[name=done]`).AttrOr("value", "") != "0" || !strings.Contains(first.Find(".by").Text(), "Alex") {
		t.Errorf("ticked step: %s", first.Text())
	}
	if len(keys) > 1 {
		second := got.doc.Find(`.checklist > li[data-key="` + keys[1] + `"]`)
		if p, _ := second.Find("button.tick").Attr("aria-pressed"); p != "false" || second.HasClass("done") {
			t.Errorf("unticked step: pressed %q", p)
		}
	}
	item := got.doc.Find(`#feed-list .item[data-seq="` + strconv.FormatInt(water.Seq, 10) + `"]`)
	if !strings.Contains(item.Text(), "Alex would like some water.") || !strings.Contains(item.Text(), "You are on your way.") ||
		item.Find("form").Length() != 0 {
		t.Errorf("water in Sam's feed: %q", item.Text())
	}
	if !strings.Contains(got.find("#alerts"), "Alex is not okay") {
		t.Errorf("alert: %q", got.find("#alerts"))
	}
	if got.find("#live-status") != "" || got.doc.Find("#check-news").Length() != 1 {
		t.Error("no Check for news link")
	}
	if last, _ := got.doc.Find("#care").Attr("data-last"); last == "0" || last == "" {
		t.Errorf("data-last %q", last)
	}
	// Alex sees the answer to their water, and the grounding help open.
	got = browse(t, h, "GET", path, alex, nil)
	item = got.doc.Find(`#feed-list .item[data-seq="` + strconv.FormatInt(water.Seq, 10) + `"]`)
	if !strings.Contains(item.Text(), "You asked for water.") || !strings.Contains(item.Text(), "Sam is on the way.") {
		t.Errorf("water in Alex's feed: %q", item.Text())
	}
	if _, open := got.doc.Find("#grounding details").Attr("open"); !open || !strings.Contains(got.find("#grounding"), "Sam has been told") {
		t.Errorf("grounding for Alex: open %v, %q", open, got.find("#grounding > details > p"))
	}
	if _, hidden := got.doc.Find("#grounding-told").Attr("hidden"); hidden {
		t.Errorf("grounding for Alex: who has been told is hidden")
	}
}

func TestAftercareForms(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	sam, _, samID, _, e := careCircle(t, s, h, tend.LongDistance)
	base := "/encounters/" + e.ID
	count := func() int {
		sigs, err := s.Encounters.FindSignals(context.Background(), samID, e.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(sigs)
	}
	keys := browse(t, h, "GET", base+"/aftercare", sam, nil).doc.Find(".checklist > li").Map(func(_ int, li *goquery.Selection) string {
		return li.AttrOr("data-key", "")
	})
	if len(keys) == 0 {
		t.Fatal("no checklist")
	}

	t.Run("Good", func(t *testing.T) {
		// Each form goes back to what was sent (the new item, the step
		// ticked, the grounding help), not to the top of the screen.
		for _, tc := range []struct {
			path string
			form url.Values
			to   string
		}{
			{"/signals", url.Values{"kind": {"water"}}, "#s-"},
			{"/signals", url.Values{"kind": {"custom"}, "text": {"the green hoodie"}}, "#s-"},
			{"/signals", url.Values{"kind": {"message"}, "text": {"back in a minute"}}, "#s-"},
			{"/signals", url.Values{"kind": {"not-okay"}}, "#grounding-summary"},
			{"/tick", url.Values{"ref": {keys[0]}, "done": {"1"}}, "#step-1"},
		} {
			got := browse(t, h, "POST", base+tc.path, sam, tc.form)
			if got.status != http.StatusSeeOther || !strings.HasPrefix(got.location, base+"/aftercare"+tc.to) {
				t.Errorf("%s %v: %d to %q (%s)", tc.path, tc.form, got.status, got.location, got.find("#problem"))
				continue
			}
			// The browser focuses the target when it can be focused.
			_, anchor, _ := strings.Cut(got.location, "#")
			target := browse(t, h, "GET", base+"/aftercare", sam, nil).doc.Find("#" + anchor)
			if _, tabindex := target.Attr("tabindex"); target.Length() != 1 || !target.Is("button, summary") && !tabindex {
				t.Errorf("%s %v: #%s is not a place for the focus: %d found", tc.path, tc.form, anchor, target.Length())
			}
		}
		page := browse(t, h, "GET", base+"/aftercare", sam, nil)
		for _, want := range []string{"You asked for: the green hoodie", "You: back in a minute"} {
			if !strings.Contains(page.find("#feed-list"), want) {
				t.Errorf("feed lacks %q: %s", want, page.find("#feed-list"))
			}
		}
		if page.doc.Find("form.message").Length() != 1 || !strings.Contains(page.find("#guidance"), "Stay on the call") {
			t.Error("long distance: no message form or call guidance")
		}
	})

	t.Run("Bad", func(t *testing.T) {
		before := count()
		long := strings.Repeat("x", tend.MaxSignalTextLen+1)
		for _, tc := range []struct {
			name, path string
			form       url.Values
			want       string
			kept       string
		}{
			{"UnknownKind", "/signals", url.Values{"kind": {"pizza"}}, "One of water, blanket", ""},
			{"NoKind", "/signals", url.Values{}, "One of water, blanket", ""},
			{"CustomEmpty", "/signals", url.Values{"kind": {"custom"}, "text": {"  "}}, "say what you need", ""},
			{"CustomLong", "/signals", url.Values{"kind": {"custom"}, "text": {long}}, "Something else, in a few words: is 201 characters long; the limit is 200", long},
			{"MessageLong", "/signals", url.Values{"kind": {"message"}, "text": {long}}, "A check-in message to Alex: is 201 characters long; the limit is 200", long},
			{"TextOnWater", "/signals", url.Values{"kind": {"water"}, "text": {"lots"}}, "Only for a need in your own words", ""},
			{"ComingNoRef", "/signals", url.Values{"kind": {"coming"}}, "The number of the need", ""},
			{"ComingBadRef", "/signals", url.Values{"kind": {"coming"}, "ref": {"abc"}}, "The number of the need", ""},
			{"TickBySignals", "/signals", url.Values{"kind": {"tick"}, "ref": {keys[0]}}, "own buttons", ""},
			{"TickNoDone", "/tick", url.Values{"ref": {keys[0]}}, "1 to tick the step off, 0 to untick it", ""},
			{"TickBadDone", "/tick", url.Values{"ref": {keys[0]}, "done": {"yes"}}, "1 to tick the step off, 0 to untick it", ""},
			{"TickUnknownStep", "/tick", url.Values{"ref": {"juggling:Sam"}, "done": {"1"}}, "not in the plan", ""},
			{"TickNoStep", "/tick", url.Values{"done": {"1"}}, "not in the plan", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := browse(t, h, "POST", base+tc.path, sam, tc.form)
				if got.status != http.StatusBadRequest || !strings.Contains(got.find("#problem"), tc.want) {
					t.Errorf("%d, problem %q; want 400 and %q", got.status, got.find("#problem"), tc.want)
				}
				if got.doc.Find("#needs").Length() != 1 || got.doc.Find(".checklist").Length() != 1 {
					t.Error("the screen did not come back")
				}
				if tc.kept != "" && got.doc.Find(`input[name=text][value="`+tc.kept+`"]`).Length() != 1 {
					t.Error("the text typed was not kept")
				}
			})
		}
		if n := count(); n != before {
			t.Errorf("%d signals saved by bad forms", n-before)
		}
	})

	t.Run("End", func(t *testing.T) {
		got := browse(t, h, "POST", base+"/move", sam, url.Values{"from": {"after"}, "anyway": {"1"}, "seen": {"5000"}})
		if got.status != http.StatusSeeOther || got.location != base {
			t.Fatalf("end: %d to %q", got.status, got.location)
		}
		e2, _ := s.Encounters.FindEncounter(context.Background(), samID, e.ID)
		if e2.Stage != tend.StageReflect {
			t.Errorf("stage %s, want reflect", e2.Stage)
		}
		// Again (as a second member would, a moment later): on to the
		// encounter, nothing moved.
		if got := browse(t, h, "POST", base+"/move", sam, url.Values{"from": {"after"}}); got.status != http.StatusSeeOther || got.location != base+"?done=moved-already" {
			t.Errorf("end again: %d to %q", got.status, got.location)
		}
		// Someone still on the screen (still not okay, say) can go on
		// asking for what they need while the others reflect.
		if got := browse(t, h, "POST", base+"/signals", sam, url.Values{"kind": {"water"}}); got.status != http.StatusSeeOther || !strings.HasPrefix(got.location, base+"/aftercare#s-") {
			t.Errorf("a need after the end: %d to %q", got.status, got.location)
		}
	})
}

func TestAftercareNotYours(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	h := s.Handler()
	_, _, _, _, e := careCircle(t, s, h, tend.Gentle)
	do(t, h, call{method: "POST", path: "/api/v1/signup", body: `{"display_name": "Kim", "username": "kim", "password": "kim's good password"}`})
	cred, _ := s.Credentials.FindCredentials(context.Background(), "kim")
	kim, _, _ := s.Sessions.CreateSession(context.Background(), cred.PersonID, "test")
	for _, tc := range []struct {
		method, path string
		form         url.Values
	}{
		{"GET", "/aftercare", nil},
		{"POST", "/signals", url.Values{"kind": {"water"}}},
		{"POST", "/tick", url.Values{"ref": {"water:Alex"}, "done": {"1"}}},
		{"POST", "/move", url.Values{"from": {"after"}}},
	} {
		theirs := browse(t, h, tc.method, "/encounters/"+e.ID+tc.path, kim, tc.form)
		missing := browse(t, h, tc.method, "/encounters/no-such-encounter"+tc.path, kim, tc.form)
		if theirs.status != http.StatusNotFound || theirs.body != missing.body {
			t.Errorf("%s %s: %d, same as missing: %v", tc.method, tc.path, theirs.status, theirs.body == missing.body)
		}
	}
}

func TestAftercareSolo(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	careNeedsOf(t, h, sam, "water", "blanket")
	e := careStart(t, s, samID, tend.NewEncounter{Kind: tend.Solo})
	got := browse(t, h, "GET", "/encounters/"+e.ID+"/aftercare", sam, nil)
	if got.status != http.StatusOK {
		t.Fatalf("%d", got.status)
	}
	if got.doc.Find("#feed").Length() != 0 || got.doc.Find(`#needs input[value="water"]`).Length() != 0 {
		t.Error("solo: partners' needs and feed shown")
	}
	if got.doc.Find(`#needs input[value="not-okay"]`).Length() != 1 || got.doc.Find(".checklist > li").Length() == 0 {
		t.Error("solo: no 'not okay' or no self-care checklist")
	}
	if !strings.Contains(got.find("h1"), "yourself") {
		t.Errorf("solo heading %q", got.find("h1"))
	}
}
