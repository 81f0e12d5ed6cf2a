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

// TestAboutDropUnanswered: nobody is given an answer about drop they did
// not choose. Until one is picked, no time is checked, and filling in how
// it shows or what helps asks for one, as nothing is picked; choosing to
// leave it out with them filled in says so. Either way the entries are
// kept and nothing is saved. Left out with nothing filled in, the card has
// no drop; a time picked keeps them all.
func TestAboutDropUnanswered(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	checked := func(a pageAnswer) []string {
		return a.doc.Find(`input[name="drop_when"][checked]`).Map(func(_ int, i *goquery.Selection) string { return i.AttrOr("value", "?") })
	}
	form := browse(t, h, "GET", "/profile/about", sam, nil)
	if got := checked(form); len(got) != 0 {
		t.Errorf("before any answer, %v is checked", got)
	}
	values := form.doc.Find(`input[name="drop_when"]`).Map(func(_ int, i *goquery.Selection) string { return i.AttrOr("value", "?") })
	if strings.Join(values, " ") != "none same-day next-day days-later out" {
		t.Errorf("the choices: %v", values)
	}
	before := profileOf(t, s, samID).Version

	for _, c := range []struct {
		name    string
		form    url.Values
		checked string
		says    string
	}{
		{"nothing picked", url.Values{"drop_helps": {"A message the next day"}}, "", "pick when it tends to come"},
		{"left out", url.Values{"drop_when": {"out"}, "drop_helps": {"A message the next day"}}, "out", "you chose to leave it out"},
	} {
		got := browse(t, h, "POST", "/profile/about", sam, c.form)
		if got.status != http.StatusBadRequest || !strings.Contains(got.find("#problem"), c.says) {
			t.Errorf("%s: %d %q", c.name, got.status, got.find("#problem"))
		}
		if ch := checked(got); strings.Join(ch, " ") != c.checked {
			t.Errorf("%s: the form comes back with %v checked, want %q", c.name, ch, c.checked)
		}
		if kept := got.find("#drop_helps"); kept != "A message the next day" {
			t.Errorf("%s: what helps came back as %q", c.name, kept)
		}
		if v := profileOf(t, s, samID).Version; v != before {
			t.Errorf("%s: saved (version %d, was %d)", c.name, v, before)
		}
	}

	if got := browse(t, h, "POST", "/profile/about", sam, url.Values{"drop_when": {"out"}}); got.status != http.StatusSeeOther {
		t.Fatalf("left out, nothing filled in: %d %q", got.status, got.find("#problem"))
	}
	if d := profileOf(t, s, samID).Card.Drop; d != nil {
		t.Errorf("left out, the card has drop %+v", d)
	}
	if got := browse(t, h, "POST", "/profile/about", sam, url.Values{"drop_when": {"next-day"}, "drop_helps": {"A message"}}); got.status != http.StatusSeeOther {
		t.Fatalf("a time picked: %d %q", got.status, got.find("#problem"))
	}
	if got := checked(browse(t, h, "GET", "/profile/about", sam, nil)); strings.Join(got, " ") != "next-day" {
		t.Errorf("after saving the next day, %v is checked", got)
	}
}

// TestDropInWords: when drop tends to come reads as a sentence on the
// profile (in the person's own voice) and on a shared card (in the
// card's): never a label after a colon.
func TestDropInWords(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	share, _, err := s.CardShares.CreateCardShare(context.Background(), samID, tend.ShareAll, nil, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		when          string
		profile, card string
	}{
		{"none", "A low mood afterwards doesn't really happen to me.", "It doesn't really happen to Sam."},
		{"same-day", "A low mood afterwards tends to come the same day.", "It tends to come the same day."},
		{"next-day", "A low mood afterwards tends to come the next day.", "It tends to come the next day."},
		{"days-later", "A low mood afterwards tends to come a few days later.", "It tends to come a few days later."},
	} {
		if got := browse(t, h, "POST", "/profile/about", sam, url.Values{"drop_when": {c.when}, "drop_helps": {"A walk"}}); got.status != http.StatusSeeOther {
			t.Fatalf("%s: %d %q", c.when, got.status, got.find("#problem"))
		}
		profile := browse(t, h, "GET", "/profile", sam, nil)
		if got := profile.find(`section[aria-labelledby="glance-h"] > p:last-of-type`); got != c.profile {
			t.Errorf("%s: the profile says %q, want %q", c.when, got, c.profile)
		}
		card := browse(t, h, "GET", "/c/"+share, "", nil)
		if got := card.find(`article h2:contains("A low mood later on") + p`); got != c.card {
			t.Errorf("%s: the card says %q, want %q", c.when, got, c.card)
		}
	}
}
