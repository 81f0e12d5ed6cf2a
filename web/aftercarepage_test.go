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
	e, _, err = s.Encounters.MoveEncounter(ctx, personID, e.ID, tend.StageBefore)
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
	if got.doc.Find(`#grounding .support a[href="https://findahelpline.com"][rel="noreferrer"]`).Length() != 1 {
		t.Errorf("support: %s", got.find("#grounding"))
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
}

