package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tendcare/tend"
)

// tokenMade makes an API token by the form, follows the redirect with
// the cookie it set, as a browser does, and returns the tokens page.
func tokenMade(t *testing.T, h http.Handler, session, name string) pageAnswer {
	t.Helper()
	made := browse(t, h, "POST", "/settings/tokens", session, url.Values{"name": {name}})
	if made.status != http.StatusSeeOther || made.location != "/settings/tokens" {
		t.Fatalf("making a token: %d to %q, want 303 to the tokens page", made.status, made.location)
	}
	req := httptest.NewRequest("GET", made.location, nil)
	req.AddCookie(&http.Cookie{Name: "tend", Value: session})
	for _, c := range (&http.Response{Header: made.header}).Cookies() {
		req.AddCookie(c)
	}
	return serve(t, h, req)
}

// TestTokenSecretShownOnce: the token form redirects (a reload makes no
// second token); the page it leads to shows the secret once, to this
// session only, and clears it.
func TestTokenSecretShownOnce(t *testing.T) {
	s, h, _, sam, samID := pageServer(t)
	page := tokenMade(t, h, sam, "backup")
	secret := page.find("#new-token .secret")
	if !strings.HasPrefix(secret, tend.APITokenPrefix) {
		t.Fatalf("the tokens page after making one: %q", page.find("main"))
	}
	if _, ok := page.doc.Find("#new-token").Attr("autofocus"); !ok {
		t.Errorf("the new token's panel does not take the focus")
	}
	if cleared := strings.Join(page.header.Values("Set-Cookie"), ";"); !strings.Contains(cleared, "tend-new=;") {
		t.Errorf("the page did not clear the cookie: %q", cleared)
	}
	if p, err := s.Tokens.FindAPITokens(context.Background(), samID); err != nil || len(p) != 1 {
		t.Fatalf("tokens made: %d %v", len(p), err)
	}
	// The secret works once it is shown.
	if st, _, _ := do(t, h, call{method: "GET", path: "/api/v1/profile", token: secret}); st != 200 {
		t.Errorf("the token shown does not work: %d", st)
	}
	// Another session sent the same cookie sees nothing.
	other, _, err := s.Sessions.CreateSession(context.Background(), samID, "other")
	if err != nil {
		t.Fatal(err)
	}
	made := browse(t, h, "POST", "/settings/tokens", sam, url.Values{"name": {"second"}})
	req := httptest.NewRequest("GET", "/settings/tokens", nil)
	req.AddCookie(&http.Cookie{Name: "tend", Value: other})
	for _, c := range (&http.Response{Header: made.header}).Cookies() {
		req.AddCookie(c)
	}
	if got := serve(t, h, req); got.doc.Find(".secret").Length() != 0 {
		t.Errorf("another session was shown the secret")
	}
	if again := browse(t, h, "GET", "/settings/tokens", sam, nil); again.doc.Find(".secret").Length() != 0 {
		t.Errorf("the secret shows again without the cookie")
	}
}

// TestFormsRedirectAfterSuccess: every page form that creates or changes
// something answers a success with 303 to a page (post/redirect/get), so
// that a reload does not send it again.
func TestFormsRedirectAfterSuccess(t *testing.T) {
	p := formPairEncounter(t)
	s, h, sam, alex := p.s, p.h, p.sam, p.alex
	ctx := context.Background()
	circle, err := s.Circles.CreateCircle(ctx, p.samID, "Friday")
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.Circles.CreateCircle(ctx, p.alexID, "Alex's")
	if err != nil {
		t.Fatal(err)
	}
	solo, err := s.Encounters.CreateEncounter(ctx, p.samID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	spare, _, err := s.Sessions.CreateSession(ctx, p.samID, "spare")
	if err != nil {
		t.Fatal(err)
	}
	spareSess, _ := s.Sessions.FindSessionByToken(ctx, spare)
	leaving, _, err := s.Sessions.CreateSession(ctx, p.samID, "leaving")
	if err != nil {
		t.Fatal(err)
	}
	_, tok, err := s.Tokens.CreateAPIToken(ctx, p.samID, "old script", nil)
	if err != nil {
		t.Fatal(err)
	}
	card := `{"tend": "card/v1", "name": "Sam", "receive": {"tea-time": "like"}}`
	tests := []struct {
		name, path, session string
		form                url.Values
	}{
		{"Signup", "/signup", "", url.Values{"display_name": {"Noa"}, "username": {"noa"}, "password": {"long enough 1"}, "password_again": {"long enough 1"}}},
		{"Signin", "/signin", "", url.Values{"username": {"kim"}, "password": {"a third good password"}}},
		{"Practices", "/profile/practices", sam, url.Values{"p": {"water"}, "r.water": {"need"}}},
		{"About", "/profile/about", sam, url.Values{"pronouns": {"they/them"}}},
		{"OwnAdd", "/profile/own/add", sam, url.Values{"title": {"Toast"}, "mode": {"given"}}},
		{"Own", "/profile/own", sam, url.Values{"p": {"x-toast"}, "r.x-toast": {"like"}}},
		{"Reviewed", "/profile/reviewed", sam, url.Values{}},
		{"Restore", "/profile/history/1/restore", sam, url.Values{}},
		{"CircleCreate", "/circles", sam, url.Values{"name": {"us"}}},
		{"CircleRename", "/circles/" + circle.ID + "/rename", sam, url.Values{"name": {"Fridays"}}},
		{"CircleShare", "/circles/" + circle.ID + "/share", sam, url.Values{"share": {"levels"}}},
		{"CircleLeave", "/circles/" + other.ID + "/leave", alex, url.Values{}},
		{"CircleDelete", "/circles/" + circle.ID + "/delete", sam, url.Values{}},
		{"Settings", "/settings", sam, url.Values{"display_name": {"Sam"}, "time_zone": {"UTC"}}},
		{"TokenCreate", "/settings/tokens", sam, url.Values{"name": {"backup"}}},
		{"TokenRevoke", "/settings/tokens/" + tok.ID + "/revoke", sam, url.Values{}},
		{"DeviceRevoke", "/settings/devices/" + spareSess.ID + "/revoke", sam, url.Values{}},
		{"DevicesRevokeOthers", "/settings/devices/revoke-others", alex, url.Values{}},
		{"EncounterStart", "/encounters", sam, url.Values{"circle": {""}, "kind": {"solo"}, "reveal": {"0"}}},
		{"CheckIn", "/encounters/" + p.id + "/check-in", sam, url.Values{"mood": {"4"}, "limits": {"No hair pulling"}, "confirm": {"yes"}}},
		{"Move", "/encounters/" + solo.ID + "/move", sam, url.Values{"from": {"before"}}},
		{"EncounterLeave", "/encounters/" + solo.ID + "/leave", sam, url.Values{"sure": {"yes"}}},
		{"Signout", "/signout", leaving, url.Values{}},
		{"Password", "/settings/password", sam, url.Values{"current": {"correct horse battery"}, "new": {"a brand new one"}, "new_again": {"a brand new one"}}},
	}
	for _, tc := range tests {
		got := browse(t, h, "POST", tc.path, tc.session, tc.form)
		if got.status != http.StatusSeeOther || !strings.HasPrefix(got.location, "/") {
			t.Errorf("%s: %d to %q, want 303 to a page; %s", tc.name, got.status, got.location, got.find("#problem"))
		}
	}
	// Importing, confirmed against the version previewed.
	version := strconv.Itoa(profileOf(t, s, p.samID).Version)
	if got := browse(t, h, "POST", "/profile/import", sam, url.Values{"card": {card}, "confirm": {"1"}, "version": {version}}); got.status != http.StatusSeeOther {
		t.Errorf("Import: %d %s", got.status, got.find("#problem"))
	}
	// Reflecting, once the pair's encounter is on to it.
	formReflect(t, p)
	if got := browse(t, h, "POST", "/encounters/"+p.id+"/reflection", alex, url.Values{"mood": {"4"}}); got.status != http.StatusSeeOther {
		t.Errorf("Reflection: %d %s", got.status, got.find("#problem"))
	}
}

// formCase is one form sent with at least two mistakes: the fields that
// must be marked, and values that must come back as they were typed.
type formCase struct {
	name, path string
	form       url.Values
	fields     []string          // ids of the fields with a mistake
	kept       map[string]string // selector: the value it must show
}

// TestFormsShowEveryMistake: each form, sent with two or more mistakes,
// comes back with all of them: a summary that takes the focus, listing
// each as a link to its field by the field's label; each field marked
// aria-invalid and described by its own message; what was typed kept;
// nothing saved; no API field names or decoder words anywhere.
func TestFormsShowEveryMistake(t *testing.T) {
	p := formPairEncounter(t)
	s, h, sam := p.s, p.h, p.sam
	ctx := context.Background()
	circle, err := s.Circles.CreateCircle(ctx, p.samID, "Friday")
	if err != nil {
		t.Fatal(err)
	}
	if got := browse(t, h, "POST", "/profile/practices", sam, url.Values{"p": {"water", "cuddle"}, "r.water": {"need"}, "r.cuddle": {"like"}}); got.status != http.StatusSeeOther {
		t.Fatalf("first save: %d", got.status)
	}
	browse(t, h, "POST", "/profile/own/add", sam, url.Values{"title": {"Toast"}, "mode": {"given"}})
	shared, _, err := s.CardShares.CreateCardShare(ctx, p.samID, tend.ShareLevels, nil, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("a", tend.MaxNoteLen+1)
	bell := "ring\a"
	tests := []formCase{
		{"Signup", "/signup", url.Values{"display_name": {" "}, "username": {"K!"}, "password": {"short"}, "password_again": {"other"}, "time_zone": {"Mars/Olympus"}},
			[]string{"display_name", "username", "password", "password_again", "time_zone"}, map[string]string{"#username": "K!", "#time_zone": "Mars/Olympus"}},
		{"Signin", "/signin", url.Values{"username": {""}, "password": {""}}, []string{"username", "password"}, nil},
		{"Settings", "/settings", url.Values{"display_name": {" "}, "time_zone": {"Mars/Olympus"}, "quiet_start": {"22:00"}},
			[]string{"display_name", "time_zone", "quiet_end"}, map[string]string{"#time_zone": "Mars/Olympus", "#quiet_start": "22:00"}},
		{"SettingsQuietSame", "/settings", url.Values{"display_name": {bell}, "time_zone": {"UTC"}, "quiet_start": {"22:00"}, "quiet_end": {"22:00"}},
			[]string{"display_name", "quiet_start"}, map[string]string{"#display_name": bell}},
		{"Password", "/settings/password", url.Values{"current": {"not it at all"}, "new": {"short"}, "new_again": {"shirt"}},
			[]string{"current", "new", "new_again"}, nil},
		{"Delete", "/settings/delete", url.Values{"password": {"not it at all"}}, []string{"delete-password", "understood"}, nil},
		{"About", "/profile/about", url.Values{"pronouns": {bell}, "space_first": {"ten"}, "notes": {"fine\n" + long}, "drop_helps": {"A message"}},
			[]string{"pronouns", "space_first", "notes", "drop_when"}, map[string]string{"#space_first": "ten", "#drop_helps": "A message", "#pronouns": bell}},
		{"Practices", "/profile/practices", url.Values{"p": {"water", "blanket"}, "r.water": {"always"}, "g.blanket": {"maybe"}, "c.water": {strings.Repeat("b", 201)}},
			[]string{"r.water", "g.blanket", "c.water"}, map[string]string{"#c\\.water": strings.Repeat("b", 201)}},
		{"PracticesKind", "/profile/practices", url.Values{"kind": {"intense"}, "minutes": {"999"}, "p": {"water"}, "r.water": {"always"}},
			[]string{"minutes", "r.water"}, map[string]string{"#minutes": "999"}},
		{"OwnAdd", "/profile/own/add", url.Values{"title": {""}, "mode": {"sometimes"}, "r": {"lots"}}, []string{"title", "mode", "r"}, nil},
		{"Own", "/profile/own", url.Values{"p": {"x-toast"}, "r.x-toast": {"lots"}, "g.x-toast": {"lots"}}, []string{"r.x-toast", "g.x-toast"}, nil},
		{"Import", "/profile/import", url.Values{"card": {`{"receive": {"water": "always"}, "notes": ["` + long + `"]}`}},
			[]string{"card"}, map[string]string{"#card": `{"receive": {"water": "always"}, "notes": ["` + long + `"]}`}},
		{"CircleCreate", "/circles", url.Values{"name": {bell}}, []string{"name"}, map[string]string{"#name": bell}},
		{"CircleRename", "/circles/" + circle.ID + "/rename", url.Values{"name": {" "}}, []string{"name"}, nil},
		{"CircleShare", "/circles/" + circle.ID + "/share", url.Values{"share": {"some"}}, []string{"practices"}, map[string]string{"input[name=share][value=some]:checked": "some"}},
		{"Token", "/settings/tokens", url.Values{"name": {bell}}, []string{"name"}, map[string]string{"#name": bell}},
		{"TokenScopes", "/settings/tokens", url.Values{"name": {" "}, "scope": {"everything"}}, []string{"name", "scopes"}, nil},
		{"CardShare", "/profile/cards", url.Values{"share": {"all"}, "expires_in": {"forever"}}, []string{"share", "expires_in"}, nil},
		{"CardShareKept", "/profile/cards", url.Values{"share": {"everything"}, "expires_in": {"forever"}}, []string{"expires_in"},
			map[string]string{"input[name=share][value=everything]:checked": "everything"}},
		{"VisitorPlan", "/c/" + shared + "/plan", url.Values{"name": {bell}, "encounter": {"wild"}}, []string{"name", "encounter"}, map[string]string{"#name": bell}},
		{"EncounterStart", "/encounters", url.Values{"circle": {""}, "kind": {"gentle"}, "minutes": {"lots"}, "reveal": {"9"}},
			[]string{"circle", "minutes", "reveal"}, map[string]string{"#minutes": "lots"}},
		{"CheckIn", "/encounters/" + p.id + "/check-in", url.Values{"mood": {"9"}, "energy": {"0"}, "limits": {long}, "safeword": {bell}},
			[]string{"mood", "energy", "limits", "safeword"}, map[string]string{"#limits": long, "#safeword": bell}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			session := sam
			if strings.HasPrefix(tc.path, "/sign") {
				session = ""
			}
			before := profileOf(t, s, p.samID).Version
			got := browse(t, h, "POST", tc.path, session, tc.form)
			checkMistakes(t, got, tc)
			if after := profileOf(t, s, p.samID).Version; after != before {
				t.Errorf("a new version was saved: %d, was %d", after, before)
			}
		})
	}
	// Reflecting.
	formReflect(t, p)
	got := browse(t, h, "POST", "/encounters/"+p.id+"/reflection", sam, url.Values{"emotion": {"meh"}, "missing": {long}, "journal": {"kept"}})
	checkMistakes(t, got, formCase{name: "Reflection", fields: []string{"mood", "emotions", "missing"}, kept: map[string]string{"#journal": "kept"}})
	if mine, _, _, _ := s.Encounters.FindReflections(ctx, p.samID, p.id); mine != nil {
		t.Errorf("a reflection with mistakes was saved")
	}
	if p, _ := s.People.FindPersonByID(ctx, p.samID); p.DisplayName != "Sam" {
		t.Errorf("settings with mistakes were saved: %q", p.DisplayName)
	}
}

// checkMistakes checks a form sent back with mistakes (see
// TestFormsShowEveryMistake).
func checkMistakes(t *testing.T, got pageAnswer, tc formCase) {
	t.Helper()
	if got.status < 400 || got.status > 499 {
		t.Fatalf("%s: %d, want the form again with 4xx; %s", tc.name, got.status, got.location)
	}
	sum := got.doc.Find("main #problem")
	if sum.Length() != 1 {
		t.Fatalf("%s: no summary of the mistakes:\n%s", tc.name, got.find("main"))
	}
	if _, ok := sum.Attr("autofocus"); !ok || sum.AttrOr("tabindex", "") != "-1" || sum.Find("[role=alert]").Length() != 1 {
		t.Errorf("%s: the summary does not take the focus: %s", tc.name, goquery.NodeName(sum))
	}
	if title := got.find("title"); !strings.HasPrefix(title, "Please check: ") {
		t.Errorf("%s: the page's title %q does not say the form came back", tc.name, title)
	}
	if got.doc.Find("[autofocus]").Length() != 1 {
		t.Errorf("%s: %d elements ask for the focus", tc.name, got.doc.Find("[autofocus]").Length())
	}
	text := got.find("main")
	for _, internal := range []string{"display_name", "time_zone", "circle_id", "reveal_after_minutes", "space_first_minutes",
		"quiet_hours", "drop.when", "new_again", "password_again", "invalid character", "literal", "r.water", "g.blanket", "comments."} {
		if strings.Contains(strings.ToLower(got.find("#problem")), internal) || strings.Contains(got.find(".field-error"), internal) {
			t.Errorf("%s: the mistakes say %q:\n%s", tc.name, internal, got.find("#problem"))
		}
	}
	links := map[string]bool{}
	sum.Find("li a").Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		links[strings.TrimPrefix(href, "#")] = true
		if target := got.doc.Find(`[id="` + strings.TrimPrefix(href, "#") + `"]`); target.Length() != 1 {
			t.Errorf("%s: the summary links to %q, which is not on the page", tc.name, href)
		}
	})
	for _, id := range tc.fields {
		field := got.doc.Find(`[id="` + id + `"]`)
		if field.Length() != 1 {
			t.Errorf("%s: no field %q", tc.name, id)
			continue
		}
		if field.AttrOr("aria-invalid", "") != "true" {
			t.Errorf("%s: %q is not marked aria-invalid:\n%s", tc.name, id, text)
		}
		described := strings.Fields(field.AttrOr("aria-describedby", ""))
		if len(described) == 0 || described[0] != id+"-error" {
			t.Errorf("%s: %q is described by %v, not first its message", tc.name, id, described)
		}
		for _, d := range described {
			if got.doc.Find(`[id="`+d+`"]`).Length() != 1 {
				t.Errorf("%s: %q is described by %q, which is not on the page", tc.name, id, d)
			}
		}
		msg := strings.TrimSpace(got.doc.Find(`[id="` + id + `-error"]`).Text())
		if msg == "" {
			t.Errorf("%s: %q has no message of its own", tc.name, id)
		}
		linked := false
		sum.Find("li a").Each(func(_ int, a *goquery.Selection) {
			target := got.doc.Find(`[id="` + strings.TrimPrefix(a.AttrOr("href", ""), "#") + `"]`)
			if target.AttrOr("id", "") == id || target.ParentsFiltered(`[id="`+id+`"]`).Length() == 1 {
				linked = true
			}
		})
		if !linked {
			t.Errorf("%s: the summary has no link to %q: %v", tc.name, id, links)
		}
	}
	if n := sum.Find("li").Length(); n < len(tc.fields) {
		t.Errorf("%s: the summary lists %d mistakes, want at least %d:\n%s", tc.name, n, len(tc.fields), got.find("#problem"))
	}
	for sel, want := range tc.kept {
		el := got.doc.Find(sel)
		v := el.AttrOr("value", "")
		if goquery.NodeName(el) == "textarea" {
			v = el.Text()
		}
		if v != want {
			t.Errorf("%s: %s shows %q, want %q as typed", tc.name, sel, v, want)
		}
	}
}

// TestSignupTakenUsernameAtOnce: a taken username is named beside its
// field together with the other mistakes, not only once they are fixed.
func TestSignupTakenUsernameAtOnce(t *testing.T) {
	_, h, _, _, _ := pageServer(t)
	got := browse(t, h, "POST", "/signup", "", url.Values{"display_name": {"Sam"}, "username": {"Sam"},
		"password": {"short"}, "password_again": {"short"}})
	if got.status != http.StatusBadRequest {
		t.Fatalf("status %d", got.status)
	}
	if v, _ := got.doc.Find("#username").Attr("aria-invalid"); v != "true" || !strings.Contains(got.find("#username-error"), "taken") {
		t.Errorf("the username is not marked taken beside its field: %q", got.find("#username-error"))
	}
	if v, _ := got.doc.Find("#password").Attr("aria-invalid"); v != "true" {
		t.Errorf("the short password is not named with it")
	}
}

// TestPlaceProblems: each problem goes beside its field, in the order of
// the page's fields, with the field's label; lines of a list are named;
// a problem of no field the page lists comes first, in its own words,
// never with an API name.
func TestPlaceProblems(t *testing.T) {
	fields := []formField{
		{Path: "pronouns", ID: "pronouns", Label: "Pronouns"},
		{Path: "notes", ID: "notes", Label: "Notes for partners"},
		{Path: "drop.when", ID: "drop_when", Label: "When does it tend to come?", Link: "drop_when-0"},
		{Path: "drop", ID: "drop", Label: "Drop"},
	}
	ps := tend.Problems{
		{Path: "notes[2]", Message: "is 600 characters long; the limit is 500"},
		{Path: "pronouns", Message: "must not be empty"},
		{Path: "notes", Message: "has 60 entries; the limit is 20"},
		{Path: "drop.when", Message: "pick one of the choices"},
		{Path: "drop.signs[0]", Message: "contains a control character (U+0007); remove it"},
		{Path: "receive.x", Message: `"x" is not one of need`},
		{Path: "current", Message: "that isn't the password you sign in with"},
		{Path: "custom[1].title", Message: "must not be empty"},
		{Path: "", Message: "the form could not be read"},
	}
	want := []fieldProblem{
		{Message: `"x" is not one of need`},
		{Message: "That isn't the password you sign in with"},
		{Message: "Must not be empty"},
		{Message: "The form could not be read"},
		{ID: "pronouns", Link: "pronouns", Label: "Pronouns", Message: "must not be empty"},
		{ID: "notes", Link: "notes", Label: "Notes for partners", Message: "line 3: is 600 characters long; the limit is 500"},
		{ID: "notes", Link: "notes", Label: "Notes for partners", Message: "has 60 lines; the most is 20"},
		{ID: "drop_when", Link: "drop_when-0", Label: "When does it tend to come?", Message: "pick one of the choices"},
		{ID: "drop", Link: "drop", Label: "Drop", Message: "contains a control character (U+0007); remove it"},
	}
	got := placeProblems(ps, fields)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

// TestMistakeBesideItsField: each mistake is shown beside the input it
// is about, found by the field's data, not its words: between the
// field's label and the input (inside a group's fieldset, after its
// legend), in the form's own words, without the API's name; and the
// summary links to the input under the field's label.
func TestMistakeBesideItsField(t *testing.T) {
	_, h, _, sam, _ := pageServer(t)
	tests := []struct {
		name, path, session string
		form                url.Values
		want                map[string]string // field id: its message (a part of it)
		labels              map[string]string // field id: the summary's label
	}{
		{"Signup", "/signup", "", url.Values{"display_name": {" "}, "username": {"K!"}, "password": {"a long enough password"},
			"password_again": {"a long enough password"}, "time_zone": {"Mars/Olympus"}},
			map[string]string{"display_name": "What partners call you", "username": "3 to 32 lowercase letters", "time_zone": `"Mars/Olympus" is not a time zone`},
			map[string]string{"display_name": "Your name", "username": "Username", "time_zone": "Time zone"}},
		{"About", "/profile/about", sam, url.Values{"space_first": {"ten"}, "drop_helps": {"A message"}},
			map[string]string{"space_first": "A whole number of minutes", "drop_when": "Pick when it tends to come"},
			map[string]string{"space_first": "Time to myself first", "drop_when": "When drop tends to come"}},
		{"CardShare", "/profile/cards", sam, url.Values{"share": {"all"}, "expires_in": {"forever"}},
			map[string]string{"share": "Pick what the card shows", "expires_in": "Pick how long the card is shared for"},
			map[string]string{"share": "What it shows", "expires_in": "For how long"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := browse(t, h, "POST", tc.path, tc.session, tc.form)
			if got.status != http.StatusBadRequest {
				t.Fatalf("status %d", got.status)
			}
			for id, want := range tc.want {
				field := got.doc.Find(`[id="` + id + `"]`)
				msg := got.doc.Find(`[id="` + id + `-error"]`)
				if field.Length() != 1 || msg.Length() != 1 {
					t.Fatalf("%s: %d fields, %d messages", id, field.Length(), msg.Length())
				}
				text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(msg.Text()), "Please check:"))
				if !strings.HasPrefix(text, want) || strings.ContainsAny(text, "_") || strings.Contains(text, id+":") {
					t.Errorf("%s: the message says %q, want it to start %q", id, text, want)
				}
				if goquery.NodeName(field) == "fieldset" {
					if msg.Parent().AttrOr("id", "") != id || msg.PrevAllFiltered("legend").Length() != 1 {
						t.Errorf("%s: the message is not in its fieldset after the legend", id)
					}
				} else {
					if next := msg.Next(); next.AttrOr("id", "") != id {
						t.Errorf("%s: the message is followed by %s#%s, not its input", id, goquery.NodeName(next), next.AttrOr("id", ""))
					}
					if prev := msg.Prev(); goquery.NodeName(prev) != "label" || prev.AttrOr("for", "") != id {
						t.Errorf("%s: the message does not follow the field's label", id)
					}
				}
				link := got.doc.Find("#problem li a").FilterFunction(func(_ int, a *goquery.Selection) bool {
					target := got.doc.Find(`[id="` + strings.TrimPrefix(a.AttrOr("href", ""), "#") + `"]`)
					return target.AttrOr("id", "") == id || target.ParentsFiltered(`[id="`+id+`"]`).Length() == 1
				})
				if link.Length() != 1 || !strings.HasPrefix(link.Text(), tc.labels[id]+": ") {
					t.Errorf("%s: the summary's link says %q, want it under %q", id, link.Text(), tc.labels[id])
				}
			}
		})
	}
}
