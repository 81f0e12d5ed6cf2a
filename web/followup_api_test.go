package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// followupPair is Sam and Alex in a circle after an intense encounter
// whose aftercare began at 14:00 UTC: 09:00 in New York, Sam's zone,
// where Sam's quiet hours run from 17:00 to 08:00. Each has two
// follow-ups: that evening (20:00 UTC) and the next day (14:00 UTC).
type followupPair struct {
	s                     *Server
	h                     http.Handler
	clock                 *testClock
	sam, alex             string // session tokens
	samID, alexID, circle string
	e                     *tend.Encounter
	samF, alexF           []*tend.FollowupItem
}

var followupStart = time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC)

func newFollowupPair(t *testing.T) *followupPair {
	t.Helper()
	s, clock := newAccountServer(t, "open")
	clock.t = followupStart
	ctx := context.Background()
	sam, samTok := mustAccount(t, s, "sam", "Sam")
	alex, alexTok := mustAccount(t, s, "alex", "Alex")
	zone := "America/New_York"
	quiet, err := tend.ParseQuietHours("17:00", "08:00")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.People.UpdatePerson(ctx, sam.ID, tend.PersonUpdate{TimeZone: &zone, Quiet: quiet}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Circles.CreateCircle(ctx, sam.ID, "us")
	if err != nil {
		t.Fatal(err)
	}
	inv, _, err := s.Circles.CreateInvite(ctx, sam.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Circles.AcceptInvite(ctx, inv, alex.ID); err != nil {
		t.Fatal(err)
	}
	p := &followupPair{s: s, h: s.Handler(), clock: clock, sam: samTok, alex: alexTok, samID: sam.ID, alexID: alex.ID, circle: c.ID}
	p.e = careStart(t, s, sam.ID, tend.NewEncounter{CircleID: c.ID, Kind: tend.Intense, Minutes: 20})
	p.samF, p.alexF = followupsOf(t, s, sam.ID, p.e.ID), followupsOf(t, s, alex.ID, p.e.ID)
	if len(p.samF) != 2 || !p.samF[0].Due.Equal(followupStart.Add(6*time.Hour)) || !p.samF[1].Due.Equal(followupStart.Add(24*time.Hour)) || len(p.alexF) != 2 {
		t.Fatalf("scheduled: Sam %+v, Alex %+v", p.samF, p.alexF)
	}
	return p
}

// apiFollowup is what the tests read of a follow-up's JSON.
type apiFollowup struct {
	ID, Question, State, Answer, Words string
	Due                                time.Time
	AnsweredAt                         *time.Time `json:"answered_at"`
}

// call sends an API request, checks the status and, for a success,
// that the answer follows the operation's documented schema.
func (p *followupPair) call(t *testing.T, token, method, template, path, body string, status int) rawAnswer {
	t.Helper()
	st, a := rawResponse(t, p.h, call{method: method, path: path, body: body, token: token})
	if st != status {
		t.Fatalf("%s %s %s: got %d %s, want %d", method, path, body, st, a.body, status)
	}
	if st < 300 {
		if err := validate(responseSchema(t, method, template, st), []byte(a.body)); err != nil {
			t.Errorf("%s %s: the answer does not follow the document: %v\n%s", method, path, err, a.body)
		}
	}
	return a
}

func followupOf(t *testing.T, a rawAnswer) apiFollowup {
	t.Helper()
	var out struct{ Followup apiFollowup }
	if err := json.Unmarshal([]byte(a.body), &out); err != nil {
		t.Fatal(err)
	}
	return out.Followup
}

// wantAPIError checks an error's code and, when given, its field and
// words.
func wantAPIError(t *testing.T, a rawAnswer, code, field, words string) {
	t.Helper()
	var e struct {
		Error struct{ Code, Message, Field string }
	}
	json.Unmarshal([]byte(a.body), &e)
	if e.Error.Code != code || e.Error.Field != field || !strings.Contains(e.Error.Message, words) {
		t.Errorf("got %s, want %s about %q saying %q", a.body, code, field, words)
	}
}

// TestFollowupAPIAnswer: the inbox lists a follow-up once due, with its
// question on Sam's clock; answering it takes one of the three answers
// with words, once; every mistake is answered with its field, and
// changes nothing; another's answers 404, as a missing one.
func TestFollowupAPIAnswer(t *testing.T) {
	p := newFollowupPair(t)
	first := p.samF[0].ID
	one := "/api/v1/followups/" + first
	list := func() []apiFollowup {
		t.Helper()
		var out struct{ Followups []apiFollowup }
		json.Unmarshal([]byte(p.call(t, p.sam, "GET", "/api/v1/followups", "/api/v1/followups", "", 200).body), &out)
		return out.Followups
	}
	if got := list(); len(got) != 0 {
		t.Errorf("the inbox before its time: %+v", got)
	}
	// At 09:00 in New York: "this morning" (in UTC it was the afternoon).
	if f := followupOf(t, p.call(t, p.sam, "GET", "/api/v1/followups/{id}", one, "", 200)); f.State != "scheduled" || f.Question != "How are you feeling since this morning?" {
		t.Errorf("still to come: %+v", f)
	}
	p.call(t, p.sam, "POST", "/api/v1/followups/{id}/answer", one+"/answer", `{"answer": "good"}`, 409)

	makeDue(t, p.s, p.clock, p.samF[0])
	if got := list(); len(got) != 1 || got[0].ID != first || got[0].State != "due" || got[0].Question != "How are you feeling since this morning?" {
		t.Fatalf("the inbox at its time: %+v", got)
	}
	// Alex's inbox holds nothing of Sam's.
	var alexInbox struct{ Followups []apiFollowup }
	json.Unmarshal([]byte(p.call(t, p.alex, "GET", "/api/v1/followups", "/api/v1/followups", "", 200).body), &alexInbox)
	if len(alexInbox.Followups) != 0 {
		t.Errorf("Alex's inbox: %+v", alexInbox.Followups)
	}

	long := strings.Repeat("w", tend.MaxFollowupWords+1)
	for _, tc := range []struct {
		name, body string
		fields     []string
	}{
		{"NoAnswer", `{"words": "fine"}`, []string{"answer"}},
		{"UnknownAnswerAndLongWords", `{"answer": "meh", "words": "` + long + `"}`, []string{"answer", "words"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := p.call(t, p.sam, "POST", "/api/v1/followups/{id}/answer", one+"/answer", tc.body, 400)
			var e struct {
				Error struct{ Problems []struct{ Field string } }
			}
			json.Unmarshal([]byte(a.body), &e)
			var got []string
			for _, pr := range e.Error.Problems {
				got = append(got, pr.Field)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("problems of %s, want %v", a.body, tc.fields)
			}
		})
	}
	if f := followupOf(t, p.call(t, p.sam, "GET", "/api/v1/followups/{id}", one, "", 200)); f.State != "due" || f.Answer != "" {
		t.Errorf("after the mistakes: %+v", f)
	}

	// Alex answering Sam's: the same 404 as a missing one, and Sam's
	// stays due.
	st1, mine := rawResponse(t, p.h, call{method: "POST", path: one + "/answer", body: `{"answer": "care"}`, token: p.alex})
	st2, missing := rawResponse(t, p.h, call{method: "POST", path: "/api/v1/followups/0193a6f0-0000-7000-8000-00000000dead/answer", body: `{"answer": "care"}`, token: p.alex})
	if st1 != 404 || st1 != st2 || mine.body != missing.body {
		t.Errorf("Alex answering Sam's: %d %s; a missing one: %d %s", st1, mine.body, st2, missing.body)
	}

	f := followupOf(t, p.call(t, p.sam, "POST", "/api/v1/followups/{id}/answer", one+"/answer", `{"answer": "low", "words": "  a slow evening  "}`, 200))
	if f.State != "answered" || f.Answer != "low" || f.Words != "a slow evening" || f.AnsweredAt == nil || !f.AnsweredAt.Equal(p.clock.t) {
		t.Errorf("answered: %+v", f)
	}
	if got := list(); len(got) != 0 {
		t.Errorf("the inbox after answering: %+v", got)
	}
	again := p.call(t, p.sam, "POST", "/api/v1/followups/{id}/answer", one+"/answer", `{"answer": "good"}`, 409)
	wantAPIError(t, again, tend.ECONFLICT, "", "answered this one already")
	snoozed := p.call(t, p.sam, "POST", "/api/v1/followups/{id}/snooze", one+"/snooze", `{"snooze": "hour"}`, 409)
	wantAPIError(t, snoozed, tend.ECONFLICT, "", "nothing to snooze")
	if f := followupOf(t, p.call(t, p.sam, "GET", "/api/v1/followups/{id}", one, "", 200)); f.Answer != "low" || f.Words != "a slow evening" {
		t.Errorf("after answering twice: %+v", f)
	}
}

// TestFollowupAPISnooze: each choice puts the follow-up off on Sam's
// clock and out of Sam's quiet hours; another choice is a 400 naming
// the field, another's follow-up a 404, one turned off a 409, and none
// of them changes anything.
func TestFollowupAPISnooze(t *testing.T) {
	p := newFollowupPair(t)
	makeDue(t, p.s, p.clock, p.samF[0]) // 20:00 UTC, 15:00 in New York
	second := "/api/v1/followups/" + p.samF[1].ID
	for _, tc := range []struct {
		choice string
		want   time.Time
	}{
		{"hour", time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)},
		// 18:00 in New York is in the quiet hours, which end at 08:00.
		{"three-hours", time.Date(2026, 11, 25, 13, 0, 0, 0, time.UTC)},
		{"tomorrow-morning", time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)},
	} {
		f := followupOf(t, p.call(t, p.sam, "POST", "/api/v1/followups/{id}/snooze", second+"/snooze", `{"snooze": "`+tc.choice+`"}`, 200))
		if f.State != "scheduled" || !f.Due.Equal(tc.want) {
			t.Errorf("%s: %+v, want due %s", tc.choice, f, tc.want)
		}
	}
	// The due one leaves the inbox until then.
	f := followupOf(t, p.call(t, p.sam, "POST", "/api/v1/followups/{id}/snooze", "/api/v1/followups/"+p.samF[0].ID+"/snooze", `{"snooze": "hour"}`, 200))
	if f.State != "scheduled" {
		t.Errorf("the due one put off: %+v", f)
	}
	if inbox, _ := p.s.Followups.FindFollowups(context.Background(), p.samID); len(inbox) != 0 {
		t.Errorf("the inbox after putting it off: %+v", inbox)
	}

	bad := p.call(t, p.sam, "POST", "/api/v1/followups/{id}/snooze", second+"/snooze", `{"snooze": "next week"}`, 400)
	wantAPIError(t, bad, tend.EINVALID, "snooze", "tomorrow-morning")
	if p.call(t, p.sam, "POST", "/api/v1/followups/{id}/snooze", second+"/snooze", `{}`, 400); followupsOf(t, p.s, p.samID, p.e.ID)[1].Due.Equal(p.clock.t) {
		t.Errorf("a wrong choice moved it")
	}
	// Alex: 404 whatever the choice, before it is looked at.
	for _, body := range []string{`{"snooze": "hour"}`, `{"snooze": "never"}`} {
		if st, a := rawResponse(t, p.h, call{method: "POST", path: second + "/snooze", body: body, token: p.alex}); st != 404 {
			t.Errorf("Alex putting Sam's off with %s: %d %s", body, st, a.body)
		}
	}
	if got := followupsOf(t, p.s, p.samID, p.e.ID)[1]; !got.Due.Equal(time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("after the refusals: %+v", got)
	}

	// Turned off for the encounter: 409 for both, clearly.
	p.call(t, p.sam, "PUT", "/api/v1/encounters/{id}/followups", "/api/v1/encounters/"+p.e.ID+"/followups", `{"on": false}`, 200)
	wantAPIError(t, p.call(t, p.sam, "POST", "/api/v1/followups/{id}/snooze", second+"/snooze", `{"snooze": "hour"}`, 409),
		tend.ECONFLICT, "", "turned off")
	wantAPIError(t, p.call(t, p.sam, "POST", "/api/v1/followups/{id}/answer", second+"/answer", `{"answer": "good"}`, 409),
		tend.ECONFLICT, "", "turned off")
}

// TestFollowupAPIEncounter: the person's own follow-ups after an
// encounter, with their words, and turning them off there; the others'
// stay theirs, and someone not in it gets 404.
func TestFollowupAPIEncounter(t *testing.T) {
	p := newFollowupPair(t)
	path := "/api/v1/encounters/" + p.e.ID + "/followups"
	const tmpl = "/api/v1/encounters/{id}/followups"
	makeDue(t, p.s, p.clock, p.samF[0])
	p.call(t, p.sam, "POST", "/api/v1/followups/{id}/answer", "/api/v1/followups/"+p.samF[0].ID+"/answer", `{"answer": "care", "words": "held, please"}`, 200)
	read := func(token string) (on bool, fs []apiFollowup) {
		t.Helper()
		var out struct {
			On        bool
			Followups []apiFollowup
		}
		json.Unmarshal([]byte(p.call(t, token, "GET", tmpl, path, "", 200).body), &out)
		return out.On, out.Followups
	}
	if on, fs := read(p.sam); !on || len(fs) != 2 || fs[0].Answer != "care" || fs[0].Words != "held, please" || fs[1].State != "scheduled" {
		t.Errorf("Sam's: %v %+v", on, fs)
	}
	if on, fs := read(p.alex); !on || len(fs) != 2 || fs[0].ID != p.alexF[0].ID || fs[0].Words != "" || fs[0].State != "scheduled" {
		t.Errorf("Alex's: %v %+v", on, fs)
	}
	_, kim := mustAccount(t, p.s, "kim", "Kim")
	for _, method := range []string{"GET", "PUT"} {
		if st, a := rawResponse(t, p.h, call{method: method, path: path, body: `{"on": false}`, token: kim}); st != 404 {
			t.Errorf("%s by Kim, not in it: %d %s", method, st, a.body)
		}
	}

	wantAPIError(t, p.call(t, p.sam, "PUT", tmpl, path, `{}`, 400), tend.EINVALID, "on", "true")
	wantAPIError(t, p.call(t, p.sam, "PUT", tmpl, path, `{"on": "no"}`, 400), tend.EINVALID, "on", "true or false")
	if on, _ := read(p.sam); !on {
		t.Errorf("a refused change turned them off")
	}
	var out struct {
		On        bool
		Followups []apiFollowup
	}
	json.Unmarshal([]byte(p.call(t, p.sam, "PUT", tmpl, path, `{"on": false}`, 200).body), &out)
	if out.On || len(out.Followups) != 2 || out.Followups[0].State != "answered" || out.Followups[1].State != "cancelled" {
		t.Errorf("turned off: %+v", out)
	}
	if on, fs := read(p.alex); !on || fs[0].State != "scheduled" || fs[1].State != "scheduled" {
		t.Errorf("Sam's choice reached Alex's: %v %+v", on, fs)
	}
	// On again: those cancelled stay so, as the document says.
	json.Unmarshal([]byte(p.call(t, p.sam, "PUT", tmpl, path, `{"on": true}`, 200).body), &out)
	if !out.On || out.Followups[1].State != "cancelled" {
		t.Errorf("on again: %+v", out)
	}
}

// TestFollowupAPISettings: the settings change field by field; a circle
// that is not the person's is refused with its field and changes
// nothing; one they chose and have left since may be sent back; turning
// follow-ups off for a circle cancels those waiting.
func TestFollowupAPISettings(t *testing.T) {
	p := newFollowupPair(t)
	const path = "/api/v1/settings/followups"
	type settings struct {
		Off         bool
		AfterGentle bool     `json:"after_gentle"`
		OffCircles  []string `json:"off_circles"`
	}
	read := func(a rawAnswer) settings {
		t.Helper()
		var out struct {
			S settings `json:"followup_settings"`
		}
		if err := json.Unmarshal([]byte(a.body), &out); err != nil {
			t.Fatal(err)
		}
		return out.S
	}
	get := func(token string) settings { t.Helper(); return read(p.call(t, token, "GET", path, path, "", 200)) }
	if got := get(p.alex); got.Off || got.AfterGentle || got.OffCircles == nil || len(got.OffCircles) != 0 {
		t.Errorf("the default: %+v (off_circles a list, empty)", got)
	}
	if got := read(p.call(t, p.alex, "PUT", path, path, `{"after_gentle": true}`, 200)); !got.AfterGentle || got.Off {
		t.Errorf("after gentle: %+v", got)
	}
	kim, _ := mustAccount(t, p.s, "kim", "Kim")
	theirs, err := p.s.Circles.CreateCircle(context.Background(), kim.ID, "Kim's")
	if err != nil {
		t.Fatal(err)
	}
	for body, says := range map[string]string{
		`{"off_circles": ["` + theirs.ID + `"]}`:              "is not one of yours; choose only circles you are in",
		`{"off_circles": ["not a circle!"]}`:                  "is not a circle id",
		`{"off": true, "off_circles": ["` + theirs.ID + `"]}`: "is not one of yours; choose only circles you are in",
	} {
		wantAPIError(t, p.call(t, p.alex, "PUT", path, path, body, 400), tend.EINVALID, "off_circles", says)
	}
	wantAPIError(t, p.call(t, p.alex, "PUT", path, path, `{"off": "yes"}`, 400), tend.EINVALID, "off", "true or false")
	if got := get(p.alex); got.Off || !got.AfterGentle || len(got.OffCircles) != 0 {
		t.Errorf("after the refusals: %+v", got)
	}
	got := read(p.call(t, p.alex, "PUT", path, path, `{"off_circles": ["`+p.circle+`", "`+p.circle+`"]}`, 200))
	if len(got.OffCircles) != 1 || got.OffCircles[0] != p.circle || !got.AfterGentle {
		t.Errorf("off for the circle: %+v", got)
	}
	for _, f := range followupsOf(t, p.s, p.alexID, p.e.ID) {
		if f.State != tend.FollowupCancelled {
			t.Errorf("Alex's waiting follow-up in that circle: %+v", f)
		}
	}
	for _, f := range followupsOf(t, p.s, p.samID, p.e.ID) {
		if f.State != tend.FollowupScheduled {
			t.Errorf("Alex's choice reached Sam's: %+v", f)
		}
	}
	// Alex leaves the circle; sending back what was read loses nothing.
	if err := p.s.Circles.LeaveCircle(context.Background(), p.alexID, p.circle); err != nil {
		t.Fatal(err)
	}
	if got := read(p.call(t, p.alex, "PUT", path, path, `{"off": true, "off_circles": ["`+p.circle+`"]}`, 200)); !got.Off || len(got.OffCircles) != 1 {
		t.Errorf("a circle left since, sent back: %+v", got)
	}
}
