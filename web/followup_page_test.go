package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
)

// stateOf is the follow-up's state in the store.
func stateOf(t *testing.T, s *Server, personID, id string) *tend.FollowupItem {
	t.Helper()
	f, err := s.Followups.FindFollowup(context.Background(), personID, id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// problemFields are the ids the form's summary links to, in order.
func problemFields(a pageAnswer) []string {
	var out []string
	a.doc.Find("#problem li a").Each(func(_ int, l *goquery.Selection) {
		out = append(out, strings.TrimPrefix(l.AttrOr("href", ""), "#"))
	})
	return out
}

// TestFollowupInbox: Home lists what waits, each with its page, and
// every page's navigation counts it in words a screen reader reads
// out ("Home, 1 waiting"); nothing waits, nothing is said.
func TestFollowupInbox(t *testing.T) {
	p := newFollowupPair(t)
	home := browse(t, p.h, "GET", "/", p.sam, nil)
	if home.doc.Find("section.inbox").Length() != 0 || home.doc.Find(".nav-count").Length() != 0 || home.find(`.main-nav a[href="/"]`) != "Home" {
		t.Errorf("nothing waits, yet: inbox %q, navigation %q", home.find("section.inbox"), home.find(`.main-nav a[href="/"]`))
	}
	makeDue(t, p.s, p.clock, p.samF[0])
	home = browse(t, p.h, "GET", "/", p.sam, nil)
	items := home.doc.Find(`section[aria-labelledby="inbox-h"] li a`)
	if items.Length() != 1 || items.AttrOr("href", "") != "/followups/"+p.samF[0].ID ||
		!strings.HasPrefix(strings.TrimSpace(items.Text()), "How are you feeling since this morning?") {
		t.Errorf("the inbox: %d items, %q to %q", items.Length(), items.Text(), items.AttrOr("href", ""))
	}
	for _, path := range []string{"/", "/settings", "/encounters"} {
		page := browse(t, p.h, "GET", path, p.sam, nil)
		if got := page.find(`.main-nav a[href="/"]`); got != "Home, 1 waiting" {
			t.Errorf("%s: the navigation reads %q", path, got)
		}
		if got := page.find(`.main-nav a[href="/"] .nav-count`); got != "1 waiting" || page.find(`.main-nav a[href="/"] .nav-count .visually-hidden`) != "waiting" {
			t.Errorf("%s: the count shows %q", path, got)
		}
	}
	makeDue(t, p.s, p.clock, p.samF[1])
	if got := browse(t, p.h, "GET", "/", p.sam, nil); got.find(`.main-nav a[href="/"]`) != "Home, 2 waiting" || got.doc.Find("section.inbox li").Length() != 2 {
		t.Errorf("two waiting: %q, %d items", got.find(`.main-nav a[href="/"]`), got.doc.Find("section.inbox li").Length())
	}
	// Alex's are not due yet; Sam's are never Alex's.
	if got := browse(t, p.h, "GET", "/", p.alex, nil); got.doc.Find("section.inbox").Length() != 0 || got.find(`.main-nav a[href="/"]`) != "Home" {
		t.Errorf("Alex's home: %q", got.find("section.inbox"))
	}
}

// TestFollowupPageAnswer: the follow-up page is a plain form; every
// mistake comes back at once beside its field with the entries kept
// and nothing saved; an answer goes on (303) to a kind word, a low one
// with the person's own drop-care list and the guide on drop; a second
// answer is refused clearly; another's follow-up is not there.
func TestFollowupPageAnswer(t *testing.T) {
	p := newFollowupPair(t)
	ctx := context.Background()
	card := &tend.Card{Drop: &tend.Drop{When: tend.DropNextDay, Helps: []string{"a walk outside", "a message in the morning"}}}
	if _, err := p.s.Profiles.SaveProfile(ctx, p.samID, card); err != nil {
		t.Fatal(err)
	}
	makeDue(t, p.s, p.clock, p.samF[0])
	path := "/followups/" + p.samF[0].ID
	page := browse(t, p.h, "GET", path, p.sam, nil)
	if page.status != 200 || page.find("h1") != "How are you feeling since this morning?" {
		t.Fatalf("the page: %d %q", page.status, page.find("h1"))
	}
	form := page.doc.Find(`form[action="` + path + `/answer"][method="post"]`)
	var answers []string
	form.Find(`fieldset#answer input[type="radio"][name="answer"]`).Each(func(_ int, in *goquery.Selection) {
		answers = append(answers, in.AttrOr("value", ""))
	})
	if strings.Join(answers, ",") != "good,low,care" || form.Find(`textarea#words[name="words"]`).Length() != 1 ||
		!strings.Contains(form.Find(`label[for]`).Parent().Text(), "I could use some care") {
		t.Errorf("the answer form: %v, %q", answers, form.Text())
	}
	var snoozes []string
	page.doc.Find(`form[action="` + path + `/snooze"] button[name="snooze"]`).Each(func(_ int, b *goquery.Selection) {
		snoozes = append(snoozes, b.AttrOr("value", ""))
	})
	if strings.Join(snoozes, ",") != "hour,three-hours,tomorrow-morning" || page.doc.Find(`form[action="`+path+`/off"] button`).Length() != 1 {
		t.Errorf("not now: %v; turning off: %q", snoozes, page.find(`form[action="`+path+`/off"]`))
	}

	long := strings.Repeat("w", tend.MaxFollowupWords+1)
	for _, tc := range []struct {
		name   string
		form   url.Values
		fields []string
	}{
		{"NothingChosenWordsTooLong", url.Values{"words": {long}}, []string{"answer-good", "words"}},
		{"UnknownAnswer", url.Values{"answer": {"meh"}, "words": {"a slow day"}}, []string{"answer-good"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := browse(t, p.h, "POST", path+"/answer", p.sam, tc.form)
			if got.status != 400 || strings.Join(problemFields(got), ",") != strings.Join(tc.fields, ",") {
				t.Errorf("got %d, problems at %v (%q), want %v", got.status, problemFields(got), got.find("#problem"), tc.fields)
			}
			if got.doc.Find("#answer-error").Length() != 1 || got.doc.Find(`fieldset#answer[aria-invalid="true"]`).Length() != 1 {
				t.Errorf("no message beside the answers: %q", got.find("#answer-error"))
			}
			if got.find("#answer-error") != "Please check: Choose how you are feeling: good, a bit low, or I could use some care" {
				t.Errorf("the answer's message: %q", got.find("#answer-error"))
			}
			if kept := got.doc.Find("textarea#words").Text(); kept != tc.form.Get("words") {
				t.Errorf("the words kept: %q", kept)
			}
			if got.doc.Find(`input[name="answer"][checked]`).Length() != 0 {
				t.Errorf("an answer ticked that was not sent")
			}
			if f := stateOf(t, p.s, p.samID, p.samF[0].ID); f.State != tend.FollowupDue {
				t.Errorf("saved: %+v", f)
			}
		})
	}
	// A valid answer with a mistake elsewhere stays ticked.
	got := browse(t, p.h, "POST", path+"/answer", p.sam, url.Values{"answer": {"care"}, "words": {long}})
	if got.status != 400 || got.doc.Find(`input#answer-care[checked]`).Length() != 1 || strings.Join(problemFields(got), ",") != "words" {
		t.Errorf("care with long words: %d, %v", got.status, problemFields(got))
	}

	got = browse(t, p.h, "POST", path+"/answer", p.sam, url.Values{"answer": {"low"}, "words": {"a slow evening"}})
	if got.status != http.StatusSeeOther || got.location != path+"?done=followup-answered" {
		t.Fatalf("answered: %d to %q %s", got.status, got.location, got.find("#problem"))
	}
	done := browse(t, p.h, "GET", got.location, p.sam, nil)
	if done.find("h1") != "Thank you" || done.find("#flash") != "Your answer is saved." || done.find(".followup strong") != "A bit low" ||
		done.find(".followup-words") != "a slow evening" {
		t.Errorf("the kind word: h1 %q, flash %q, answer %q, words %q", done.find("h1"), done.find("#flash"), done.find(".followup strong"), done.find(".followup-words"))
	}
	if done.doc.Find(`a[href="/guides/drop"]`).Length() != 1 || done.find(`section[aria-labelledby="gentle-h"] ul`) != "a walk outside\na message in the morning" {
		t.Errorf("a low answer: guide %d, helps %q", done.doc.Find(`a[href="/guides/drop"]`).Length(), done.find(`section[aria-labelledby="gentle-h"] ul`))
	}
	// Signing out, and telling Alex (Sam chose "ask", the default).
	if done.doc.Find("form").Length() != 2 || done.doc.Find("main form.drop-tell").Length() != 1 {
		t.Errorf("the answered page offers forms: %q", done.find("main form"))
	}
	if f := stateOf(t, p.s, p.samID, p.samF[0].ID); f.Answer != tend.FollowupLow || f.Words != "a slow evening" {
		t.Errorf("stored: %+v", f)
	}

	// Again: refused in words, the first answer kept.
	again := browse(t, p.h, "POST", path+"/answer", p.sam, url.Values{"answer": {"good"}})
	if again.status != http.StatusConflict || !strings.Contains(again.find("#problem"), "You have answered this one already") || again.find("h1") != "Thank you" {
		t.Errorf("a second answer: %d %q %q", again.status, again.find("#problem"), again.find("h1"))
	}
	if f := stateOf(t, p.s, p.samID, p.samF[0].ID); f.Answer != tend.FollowupLow {
		t.Errorf("the second answer changed it: %+v", f)
	}

	// Alex: Sam's is not there, whatever is sent.
	for _, method := range []string{"GET", "POST"} {
		to := path
		if method == "POST" {
			to += "/answer"
		}
		if got := browse(t, p.h, method, to, p.alex, url.Values{"answer": {"good"}}); got.status != 404 || strings.Contains(got.body, "slow evening") {
			t.Errorf("%s %s by Alex: %d", method, to, got.status)
		}
	}

	// A good answer: nothing more to do, no talk of drop.
	makeDue(t, p.s, p.clock, p.alexF[0])
	got = browse(t, p.h, "POST", "/followups/"+p.alexF[0].ID+"/answer", p.alex, url.Values{"answer": {"good"}})
	good := browse(t, p.h, "GET", got.location, p.alex, nil)
	if !strings.Contains(good.find(".followup"), "nothing more to do") || good.doc.Find(`a[href="/guides/drop"]`).Length() != 0 || good.doc.Find("#gentle-h").Length() != 0 {
		t.Errorf("a good answer: %q", good.find(".followup"))
	}
}

// TestFollowupPageNotNow: a choice that is none of the three comes back
// beside the buttons; a real one puts the follow-up off on the person's
// clock and goes back Home, where it no longer waits; turning them off
// for the encounter takes this one and the next.
func TestFollowupPageNotNow(t *testing.T) {
	p := newFollowupPair(t)
	makeDue(t, p.s, p.clock, p.samF[0])
	path := "/followups/" + p.samF[0].ID
	bad := browse(t, p.h, "POST", path+"/snooze", p.sam, url.Values{"snooze": {"next week"}})
	if bad.status != 400 || strings.Join(problemFields(bad), ",") != "snooze-hour" ||
		bad.find("#snooze-error") != "Please check: Choose when to be asked again: in an hour, in three hours, or tomorrow morning" {
		t.Errorf("another choice: %d %v %q", bad.status, problemFields(bad), bad.find("#snooze-error"))
	}
	if f := stateOf(t, p.s, p.samID, p.samF[0].ID); f.State != tend.FollowupDue {
		t.Errorf("moved by a wrong choice: %+v", f)
	}
	got := browse(t, p.h, "POST", path+"/snooze", p.sam, url.Values{"snooze": {"tomorrow-morning"}})
	if got.status != http.StatusSeeOther || got.location != "/?done=snoozed-tomorrow-morning" {
		t.Fatalf("put off: %d to %q %s", got.status, got.location, got.find("#problem"))
	}
	home := browse(t, p.h, "GET", got.location, p.sam, nil)
	if home.find("#flash") != "Put off until tomorrow morning. It will be back here then." || home.doc.Find("section.inbox").Length() != 0 || home.doc.Find(".nav-count").Length() != 0 {
		t.Errorf("home after putting it off: %q, inbox %q", home.find("#flash"), home.find("section.inbox"))
	}
	// 09:00 in New York.
	if f := stateOf(t, p.s, p.samID, p.samF[0].ID); f.State != tend.FollowupScheduled || !f.Due.Equal(time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("put off until %+v", f)
	}
	later := browse(t, p.h, "GET", path, p.sam, nil)
	if !strings.Contains(later.find(".followup"), "comes back 25 Nov 2026, 09:00 EST") || later.doc.Find(`form[action="`+path+`/answer"]`).Length() != 0 {
		t.Errorf("the page while put off: %q", later.find(".followup"))
	}

	got = browse(t, p.h, "POST", path+"/off", p.sam, url.Values{})
	if got.status != http.StatusSeeOther || got.location != "/?done=followups-off" {
		t.Fatalf("off: %d to %q", got.status, got.location)
	}
	for _, f := range followupsOf(t, p.s, p.samID, p.e.ID) {
		if f.State != tend.FollowupCancelled {
			t.Errorf("after turning them off: %+v", f)
		}
	}
	off := browse(t, p.h, "GET", path, p.sam, nil)
	if !strings.Contains(off.find(".followup"), "are off") || off.doc.Find(`form[action="`+path+`/answer"]`).Length() != 0 {
		t.Errorf("the page once off: %q", off.find(".followup"))
	}
	if got := browse(t, p.h, "POST", path+"/snooze", p.sam, url.Values{"snooze": {"hour"}}); got.status != http.StatusConflict || !strings.Contains(got.find("#problem"), "turned off") {
		t.Errorf("putting off one turned off: %d %q", got.status, got.find("#problem"))
	}
	if got := browse(t, p.h, "POST", path+"/off", p.alex, url.Values{}); got.status != 404 {
		t.Errorf("Alex turning Sam's off: %d", got.status)
	}
}

// TestFollowupPageEncounter: the encounter page shows the person's own
// answers (the others' never) and turns follow-ups on or off for it,
// a wrong value refused beside the button; the history keeps the
// answers once the encounter is done.
func TestFollowupPageEncounter(t *testing.T) {
	p := newFollowupPair(t)
	ctx := context.Background()
	makeDue(t, p.s, p.clock, p.samF[0])
	makeDue(t, p.s, p.clock, p.alexF[0])
	browse(t, p.h, "POST", "/followups/"+p.samF[0].ID+"/answer", p.sam, url.Values{"answer": {"care"}, "words": {"held, please"}})
	browse(t, p.h, "POST", "/followups/"+p.alexF[0].ID+"/answer", p.alex, url.Values{"answer": {"good"}, "words": {"ALEX-ONLY"}})
	if _, err := p.s.Encounters.MoveEncounter(ctx, p.samID, p.e.ID, tend.Move{From: tend.StageAfter}); err != nil {
		t.Fatal(err)
	}
	path := "/encounters/" + p.e.ID
	page := browse(t, p.h, "GET", path, p.sam, nil)
	section := page.doc.Find(`section[aria-labelledby="followups-h"]`)
	if section.Find(".followup-answer h3").Text() != "How are you feeling since this morning?" || section.Find(".followup-answer strong").Text() != "I could use some care" ||
		section.Find(".followup-answer .said").Text() != "held, please" || strings.Contains(page.body, "ALEX-ONLY") {
		t.Errorf("Sam's encounter page: %q", section.Text())
	}
	if !strings.Contains(section.Text(), "still to come") || section.Find(`form[action="`+path+`/followups"] button[name="on"][value="no"]`).Length() != 1 {
		t.Errorf("the next one, and turning it off: %q", section.Text())
	}

	bad := browse(t, p.h, "POST", path+"/followups", p.sam, url.Values{"on": {"maybe"}})
	if bad.status != 400 || strings.Join(problemFields(bad), ",") != "followups-button" || bad.doc.Find("#followups-error").Length() != 1 {
		t.Errorf("a wrong value: %d %v %q", bad.status, problemFields(bad), bad.find("#problem"))
	}
	got := browse(t, p.h, "POST", path+"/followups", p.sam, url.Values{"on": {"no"}})
	if got.status != http.StatusSeeOther || got.location != path+"?done=encounter-followups-off" {
		t.Fatalf("off: %d to %q %s", got.status, got.location, got.find("#problem"))
	}
	page = browse(t, p.h, "GET", got.location, p.sam, nil)
	if page.find("#flash") != "No follow-ups after this encounter." || !strings.Contains(page.find(`section[aria-labelledby="followups-h"]`), "You turned follow-ups off") {
		t.Errorf("after turning off: %q %q", page.find("#flash"), page.find(`section[aria-labelledby="followups-h"]`))
	}
	if f := followupsOf(t, p.s, p.samID, p.e.ID)[1]; f.State != tend.FollowupCancelled {
		t.Errorf("the next one: %+v", f)
	}

	// Done: the history keeps the answers, each person's own.
	for _, id := range []string{p.samID, p.alexID} {
		if _, err := p.s.Encounters.SaveReflection(ctx, id, p.e.ID, &tend.Reflection{Mood: 3}); err != nil {
			t.Fatal(err)
		}
	}
	past := browse(t, p.h, "GET", "/encounters/history", p.sam, nil)
	if got := past.find(".encounter-past .followup-answer"); !strings.Contains(got, "I could use some care") || !strings.Contains(got, "held, please") || strings.Contains(past.body, "ALEX-ONLY") {
		t.Errorf("Sam's history: %q", got)
	}
	theirs := browse(t, p.h, "GET", "/encounters/history", p.alex, nil)
	if got := theirs.find(".encounter-past .followup-answer"); !strings.Contains(got, "ALEX-ONLY") || strings.Contains(theirs.body, "held, please") {
		t.Errorf("Alex's history: %q", got)
	}

	// Before the aftercare: turned off, it brings none; on again, it
	// brings them.
	for _, tc := range []struct {
		choices []string
		want    int
	}{{[]string{"no"}, 0}, {[]string{"no", "yes"}, 2}} {
		fresh, err := p.s.Encounters.CreateEncounter(ctx, p.samID, tend.NewEncounter{CircleID: p.circle, Kind: tend.Intense})
		if err != nil {
			t.Fatal(err)
		}
		before := "/encounters/" + fresh.ID
		if got := browse(t, p.h, "GET", before, p.sam, nil); got.doc.Find(`form[action="`+before+`/followups"] button[value="no"]`).Length() != 1 {
			t.Errorf("before: %q", got.find(`section[aria-labelledby="followups-h"]`))
		}
		for _, on := range tc.choices {
			if got := browse(t, p.h, "POST", before+"/followups", p.sam, url.Values{"on": {on}}); got.status != http.StatusSeeOther {
				t.Fatalf("on=%s: %d", on, got.status)
			}
			other := map[string]string{"no": "yes", "yes": "no"}[on]
			if got := browse(t, p.h, "GET", before, p.sam, nil); got.doc.Find(`form[action="`+before+`/followups"] button[value="`+other+`"]`).Length() != 1 {
				t.Errorf("after on=%s: %q", on, got.find(`section[aria-labelledby="followups-h"]`))
			}
		}
		if _, err := p.s.Encounters.MoveEncounter(ctx, p.samID, fresh.ID, tend.Move{From: tend.StageBefore}); err != nil {
			t.Fatal(err)
		}
		if n := len(followupsOf(t, p.s, p.samID, fresh.ID)); n != tc.want {
			t.Errorf("after %v, the aftercare brought %d, want %d", tc.choices, n, tc.want)
		}
	}
}

// TestFollowupSettingsPage: the settings' follow-up form shows what was
// chosen; every mistake comes back at once beside its field with the
// boxes as they were sent and nothing saved; a save goes on (303).
func TestFollowupSettingsPage(t *testing.T) {
	p := newFollowupPair(t)
	ctx := context.Background()
	page := browse(t, p.h, "GET", "/settings", p.sam, nil)
	form := page.doc.Find(`form[action="/settings/followups"]`)
	if form.Find(`input#followups_off[name="off"][value="yes"]`).Length() != 1 || form.Find(`input#after_gentle[name="after_gentle"]`).Length() != 1 ||
		form.Find(`fieldset#off_circles input#off_circle-0[value="`+p.circle+`"]`).Length() != 1 || !strings.Contains(form.Find("fieldset#off_circles").Text(), "us") {
		t.Fatalf("the form: %q", form.Text())
	}
	kim, _ := mustAccount(t, p.s, "kim", "Kim")
	theirs, err := p.s.Circles.CreateCircle(ctx, kim.ID, "Kim's")
	if err != nil {
		t.Fatal(err)
	}
	bad := browse(t, p.h, "POST", "/settings/followups", p.sam, url.Values{"off": {"maybe"}, "after_gentle": {"yes"}, "off_circle": {theirs.ID}})
	if bad.status != 400 || strings.Join(problemFields(bad), ",") != "followups_off,off_circle-0" ||
		bad.doc.Find("#followups_off-error").Length() != 1 || bad.doc.Find("#off_circles-error").Length() != 1 {
		t.Errorf("two mistakes: %d %v %q", bad.status, problemFields(bad), bad.find("#problem"))
	}
	if bad.doc.Find(`#after_gentle[checked]`).Length() != 1 || bad.doc.Find(`#off_circle-0[checked]`).Length() != 0 || strings.Contains(bad.body, theirs.ID) {
		t.Errorf("the boxes as sent: gentle %d", bad.doc.Find(`#after_gentle[checked]`).Length())
	}
	if prefs, _ := p.s.Followups.FindFollowupPrefs(ctx, p.samID); prefs.Off || prefs.AfterGentle || len(prefs.OffCircles) != 0 {
		t.Errorf("saved anyway: %+v", prefs)
	}
	got := browse(t, p.h, "POST", "/settings/followups", p.sam, url.Values{"after_gentle": {"yes"}, "off_circle": {p.circle}})
	if got.status != http.StatusSeeOther || got.location != "/settings?done=followup-settings" {
		t.Fatalf("saved: %d to %q %s", got.status, got.location, got.find("#problem"))
	}
	if prefs, _ := p.s.Followups.FindFollowupPrefs(ctx, p.samID); prefs.Off || !prefs.AfterGentle || len(prefs.OffCircles) != 1 || prefs.OffCircles[0] != p.circle {
		t.Errorf("stored: %+v", prefs)
	}
	page = browse(t, p.h, "GET", got.location, p.sam, nil)
	if page.find("#flash") != "Follow-up settings saved." || page.doc.Find(`#after_gentle[checked]`).Length() != 1 ||
		page.doc.Find(`#off_circle-0[checked]`).Length() != 1 || page.doc.Find(`#followups_off[checked]`).Length() != 0 {
		t.Errorf("the page after saving: %q", page.find(`form[action="/settings/followups"]`))
	}
	for _, f := range followupsOf(t, p.s, p.samID, p.e.ID) {
		if f.State != tend.FollowupCancelled {
			t.Errorf("off for the circle, Sam's still waits: %+v", f)
		}
	}
	// The other forms on the page still show it whole after a mistake.
	other := browse(t, p.h, "POST", "/settings", p.sam, url.Values{"display_name": {" "}, "time_zone": {"UTC"}})
	if other.status != 400 || other.doc.Find(`#off_circle-0[checked]`).Length() != 1 {
		t.Errorf("the settings form's mistake: %d", other.status)
	}
}

// TestGuidePage: the catalog's guide on drop reads as a page, to anyone,
// its lists as lists; a guide that is not there is not found.
func TestGuidePage(t *testing.T) {
	_, h, _, sam, _ := pageServer(t)
	for _, session := range []string{sam, ""} {
		got := browse(t, h, "GET", "/guides/drop", session, nil)
		if got.status != 200 || got.find("h1") != "The come-down and drop" || got.doc.Find(".guide ul").Length() != 2 ||
			!strings.Contains(got.find(".guide ul li"), "Gentle company: a partner nearby, a call, or a message saying you're thinking of them.") {
			t.Errorf("the guide (signed in: %v): %d %q", session != "", got.status, got.find(".guide"))
		}
		if got.doc.Find(".guide p").Length() < 8 || strings.Contains(got.find(".guide"), "\n  ") {
			t.Errorf("its paragraphs: %d", got.doc.Find(".guide p").Length())
		}
	}
	if got := browse(t, h, "GET", "/guides/no-such-guide", sam, nil); got.status != 404 {
		t.Errorf("no such guide: %d", got.status)
	}
}

func TestGuideBlocks(t *testing.T) {
	got := guideBlocks("One line\nand the next.\n\nA list:\n\n- first\n  wrapped\n- second\n\nEnd.")
	want := []guideBlock{{Text: "One line and the next."}, {Text: "A list:"}, {Items: []string{"first wrapped", "second"}}, {Text: "End."}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i].Text != want[i].Text || strings.Join(got[i].Items, "|") != strings.Join(want[i].Items, "|") {
			t.Errorf("block %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
