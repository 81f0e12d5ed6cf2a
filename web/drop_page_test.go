package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
)

// shareDrop gives Sam a card whose drop-care list helps, shared with
// the circle as a whole (ShareAll) when all is true, else levels only,
// without the drop list.
func shareDrop(t *testing.T, p *followupPair, all bool) {
	t.Helper()
	ctx := context.Background()
	card := &tend.Card{Drop: &tend.Drop{When: tend.DropNextDay, Helps: []string{"a message in the morning", "a walk together"}}}
	if _, err := p.s.Profiles.SaveProfile(ctx, p.samID, card); err != nil {
		t.Fatal(err)
	}
	share := tend.ShareLevels
	if all {
		share = tend.ShareAll
	}
	if _, err := p.s.Circles.SetShare(ctx, p.samID, p.circle, share, nil); err != nil {
		t.Fatal(err)
	}
}

// TestDropPages: Sam answers the next day's follow-up "I could use some
// care"; the thank-you page offers to tell Alex (Sam chose "ask", the
// default) and, once told, says so. Alex's Home shows that Sam is having
// a low time, with what helps Sam as Sam shares it, and three one-tap
// answers; Alex taps "Coming over" and Sam's Home shows it.
func TestDropPages(t *testing.T) {
	p := newFollowupPair(t)
	shareDrop(t, p, true)
	f := p.samF[1]
	makeDue(t, p.s, p.clock, f)
	path := "/followups/" + f.ID
	if got := browse(t, p.h, "POST", path+"/answer", p.sam, url.Values{"answer": {"care"}}); got.status != http.StatusSeeOther {
		t.Fatalf("answer: %d", got.status)
	}
	thanks := browse(t, p.h, "GET", path, p.sam, nil)
	if got := thanks.find("form.drop-tell button"); got != "Tell Alex" || thanks.doc.Find(`form.drop-tell[action="`+path+`/tell"][method="post"]`).Length() != 1 {
		t.Fatalf("the offer to tell: %q\n%s", got, thanks.body)
	}
	if got := browse(t, p.h, "GET", "/", p.alex, nil); got.doc.Find("article.drop").Length() != 0 {
		t.Fatalf("Alex told before Sam said so")
	}
	told := browse(t, p.h, "POST", path+"/tell", p.sam, url.Values{})
	if told.status != http.StatusSeeOther || told.location != path+"?done=drop-told" {
		t.Fatalf("tell: %d %q", told.status, told.location)
	}
	after := browse(t, p.h, "GET", told.location, p.sam, nil)
	if after.doc.Find("form.drop-tell").Length() != 0 || after.find("p.drop-told") == "" {
		t.Errorf("after telling: %s", after.find("main"))
	}
	if again := browse(t, p.h, "POST", path+"/tell", p.sam, url.Values{}); again.status != http.StatusConflict {
		t.Errorf("told twice: %d", again.status)
	}

	home := browse(t, p.h, "GET", "/", p.alex, nil)
	alert := home.doc.Find("section.drops article.drop")
	if alert.Length() != 1 || alert.Find("h3").Text() != "Sam is having a low time" {
		t.Fatalf("Alex's Home: %s", home.find("main"))
	}
	if got := alert.Find("ul.drop-helps li").Map(textOf); len(got) != 2 || got[0] != "a message in the morning" || got[1] != "a walk together" {
		t.Errorf("what helps Sam: %q", got)
	}
	if got := alert.Find(`form[method="post"] button[name="kind"]`).Map(textOf); len(got) != 3 || got[0] != "Thinking of you" || got[1] != "I'll call you" || got[2] != "Coming over" {
		t.Errorf("the one-tap answers: %q", got)
	}
	action, _ := alert.Find("form").Attr("action")
	if r := browse(t, p.h, "POST", action, p.alex, url.Values{"kind": {"coming"}}); r.status != http.StatusSeeOther || r.location != "/?done=drop-replied" {
		t.Fatalf("Coming over: %d %q", r.status, r.location)
	}
	if r := browse(t, p.h, "POST", action, p.sam, url.Values{"kind": {"coming"}}); r.status != http.StatusConflict {
		t.Errorf("answering one's own: %d", r.status)
	}
	sam := browse(t, p.h, "GET", "/", p.sam, nil)
	if got := sam.find("section.drops article.drop.mine ul.drop-replies li"); got != "Alex: Coming over" {
		t.Errorf("Sam's Home: %q", got)
	}
	if sam.doc.Find("section.drops article.drop:not(.mine)").Length() != 0 {
		t.Errorf("Sam is offered answers to their own alert")
	}
}

// TestDropPagesShareOnly: what helps Sam shows only as Sam shares it;
// with levels only, Alex sees the alert without the list. "never" offers
// nothing on the follow-up page.
func TestDropPagesShareOnly(t *testing.T) {
	p := newFollowupPair(t)
	shareDrop(t, p, false)
	// Alex's own list, shared whole, is not Sam's.
	alexCard := &tend.Card{Drop: &tend.Drop{When: tend.DropNextDay, Helps: []string{"tea"}}}
	if _, err := p.s.Profiles.SaveProfile(context.Background(), p.alexID, alexCard); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.Circles.SetShare(context.Background(), p.alexID, p.circle, tend.ShareAll, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.s.Drops.SetDropTell(context.Background(), p.samID, tend.DropTellNever); err != nil {
		t.Fatal(err)
	}
	f := p.samF[1]
	makeDue(t, p.s, p.clock, f)
	browse(t, p.h, "POST", "/followups/"+f.ID+"/answer", p.sam, url.Values{"answer": {"low"}})
	if got := browse(t, p.h, "GET", "/followups/"+f.ID, p.sam, nil); got.doc.Find("form.drop-tell, p.drop-told").Length() != 0 {
		t.Errorf("never, yet: %s", got.find("main"))
	}
	if _, err := p.s.Drops.RaiseLow(context.Background(), p.samID, p.e.ID); err != nil {
		t.Fatal(err)
	}
	home := browse(t, p.h, "GET", "/", p.alex, nil)
	if home.doc.Find("article.drop").Length() != 1 || home.doc.Find("ul.drop-helps").Length() != 0 {
		t.Errorf("levels only: %s", home.find("main"))
	}
}

// TestLowPlacePage: Home offers "I'm in a low place" for the recent
// encounter with others, which tells them; after 7 days it is gone.
func TestLowPlacePage(t *testing.T) {
	p := newFollowupPair(t)
	home := browse(t, p.h, "GET", "/", p.sam, nil)
	form := home.doc.Find(`form.low[action="/encounters/` + p.e.ID + `/low"][method="post"]`)
	if form.Length() != 1 || form.Find("button").Text() != "I'm in a low place" {
		t.Fatalf("the offer: %s", home.find("main"))
	}
	if r := browse(t, p.h, "POST", "/encounters/"+p.e.ID+"/low", p.sam, url.Values{}); r.status != http.StatusSeeOther || r.location != "/?done=low-told" {
		t.Fatalf("low: %d %q", r.status, r.location)
	}
	if got := browse(t, p.h, "GET", "/", p.alex, nil).find("article.drop h3"); got != "Sam is having a low time" {
		t.Errorf("Alex's Home: %q", got)
	}
}

// textOf is a selection's trimmed text, for Map.
func textOf(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) }

// TestDropTellSettings: settings shows the three choices, "ask" ticked
// until chosen; a missing choice is a mistake beside the radios and
// saves nothing; a choice is saved and shown ticked.
func TestDropTellSettings(t *testing.T) {
	p := newFollowupPair(t)
	checked := func(a pageAnswer) string {
		v, _ := a.doc.Find(`form[action="/settings/drop-tell"] input[name="tell"]:checked`).Attr("value")
		return v
	}
	page := browse(t, p.h, "GET", "/settings", p.sam, nil)
	if got := page.doc.Find(`form[action="/settings/drop-tell"] fieldset#drop_tell input[type="radio"][name="tell"]`).Length(); got != 3 || checked(page) != "ask" {
		t.Fatalf("the choices: %d, ticked %q", got, checked(page))
	}
	bad := browse(t, p.h, "POST", "/settings/drop-tell", p.sam, url.Values{"tell": {"sometimes"}})
	if bad.status != http.StatusBadRequest || bad.find("#drop_tell-error") == "" || checked(bad) != "" {
		t.Errorf("a wrong choice: %d %q ticked %q", bad.status, bad.find("#drop_tell-error"), checked(bad))
	}
	if tell, _ := p.s.Drops.FindDropTell(context.Background(), p.samID); tell != tend.DropTellAsk {
		t.Errorf("saved anyway: %s", tell)
	}
	ok := browse(t, p.h, "POST", "/settings/drop-tell", p.sam, url.Values{"tell": {"never"}})
	if ok.status != http.StatusSeeOther || ok.location != "/settings?done=drop-tell" {
		t.Fatalf("saving: %d %q", ok.status, ok.location)
	}
	if got := checked(browse(t, p.h, "GET", ok.location, p.sam, nil)); got != "never" {
		t.Errorf("after saving: %q", got)
	}
}
