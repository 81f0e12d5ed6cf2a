package web

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// apiDrop is what the tests read of a drop alert's JSON.
type apiDrop struct {
	ID, Answer  string
	DisplayName string `json:"display_name"`
	FollowupID  string `json:"followup_id"`
	Mine        bool
	Replies     []struct {
		DisplayName string `json:"display_name"`
		Kind        string
		Mine        bool
	}
}

func dropsOf(t *testing.T, p *followupPair, token string) []apiDrop {
	t.Helper()
	var out struct{ Drops []apiDrop }
	if err := json.Unmarshal([]byte(p.call(t, token, "GET", "/api/v1/drops", "/api/v1/drops", "", 200).body), &out); err != nil {
		t.Fatal(err)
	}
	return out.Drops
}

func dropOf(t *testing.T, a rawAnswer) apiDrop {
	t.Helper()
	var out struct{ Drop apiDrop }
	if err := json.Unmarshal([]byte(a.body), &out); err != nil {
		t.Fatal(err)
	}
	return out.Drop
}

// TestDropAPITell: with "ask" (the default) a low answer tells nobody
// until Sam says so, once; Alex then sees that Sam is having a low time
// (not Sam's follow-up) and answers with one tap, which Sam sees. A
// follow-up that is not a low answer, someone else's, or told already
// is refused and nothing changes; "never" refuses too.
func TestDropAPITell(t *testing.T) {
	p := newFollowupPair(t)
	next := p.samF[1]
	tell := "/api/v1/followups/" + next.ID + "/tell"
	if a := p.call(t, p.sam, "GET", "/api/v1/settings/drop-tell", "/api/v1/settings/drop-tell", "", 200); a.body != "{\"tell\":\"ask\"}\n" {
		t.Errorf("the default: %s", a.body)
	}
	wantAPIError(t, p.call(t, p.sam, "POST", "/api/v1/followups/{id}/tell", tell, "", 409), "conflict", "", "only an answer of a bit low")

	makeDue(t, p.s, p.clock, next)
	p.call(t, p.sam, "POST", "/api/v1/followups/{id}/answer", "/api/v1/followups/"+next.ID+"/answer", `{"answer": "care"}`, 200)
	if d := dropsOf(t, p, p.alex); len(d) != 0 {
		t.Fatalf("told before Sam said so: %+v", d)
	}
	wantAPIError(t, p.call(t, p.alex, "POST", "/api/v1/followups/{id}/tell", tell, "", 404), "not_found", "", "")
	told := dropOf(t, p.call(t, p.sam, "POST", "/api/v1/followups/{id}/tell", tell, "", 201))
	if !told.Mine || told.DisplayName != "Sam" || told.Answer != "care" || told.FollowupID != next.ID {
		t.Errorf("told: %+v", told)
	}
	wantAPIError(t, p.call(t, p.sam, "POST", "/api/v1/followups/{id}/tell", tell, "", 409), "conflict", "", "told them of this one already")

	d := dropsOf(t, p, p.alex)
	if len(d) != 1 || d[0].ID != told.ID || d[0].Mine || d[0].DisplayName != "Sam" || d[0].FollowupID != "" {
		t.Fatalf("Alex's alerts: %+v", d)
	}
	reply := "/api/v1/drops/" + told.ID + "/replies"
	wantAPIError(t, p.call(t, p.alex, "POST", "/api/v1/drops/{id}/replies", reply, `{"kind": "hug"}`, 400), "invalid", "kind", "Coming over")
	wantAPIError(t, p.call(t, p.sam, "POST", "/api/v1/drops/{id}/replies", reply, `{"kind": "thinking"}`, 409), "conflict", "", "your own")
	got := dropOf(t, p.call(t, p.alex, "POST", "/api/v1/drops/{id}/replies", reply, `{"kind": "coming"}`, 201))
	if len(got.Replies) != 1 || got.Replies[0].Kind != "coming" || !got.Replies[0].Mine {
		t.Errorf("Alex's answer: %+v", got)
	}
	d = dropsOf(t, p, p.sam)
	if len(d) != 1 || len(d[0].Replies) != 1 || d[0].Replies[0].DisplayName != "Alex" || d[0].Replies[0].Kind != "coming" || d[0].Replies[0].Mine {
		t.Fatalf("Sam's alerts: %+v", d)
	}

	wantAPIError(t, p.call(t, p.sam, "PUT", "/api/v1/settings/drop-tell", "/api/v1/settings/drop-tell", `{"tell": "sometimes"}`, 400), "invalid", "tell", "auto")
	wantAPIError(t, p.call(t, p.sam, "PUT", "/api/v1/settings/drop-tell", "/api/v1/settings/drop-tell", `{}`, 400), "invalid", "tell", "ask")
	p.call(t, p.sam, "PUT", "/api/v1/settings/drop-tell", "/api/v1/settings/drop-tell", `{"tell": "never"}`, 200)
	if a := p.call(t, p.sam, "GET", "/api/v1/settings/drop-tell", "/api/v1/settings/drop-tell", "", 200); a.body != "{\"tell\":\"never\"}\n" {
		t.Errorf("after never: %s", a.body)
	}
}

// TestDropAPIAuto: with "auto", a low answer tells the others at once,
// and telling again is refused.
func TestDropAPIAuto(t *testing.T) {
	p := newFollowupPair(t)
	p.call(t, p.alex, "PUT", "/api/v1/settings/drop-tell", "/api/v1/settings/drop-tell", `{"tell": "auto"}`, 200)
	f := p.alexF[1]
	makeDue(t, p.s, p.clock, f)
	p.call(t, p.alex, "POST", "/api/v1/followups/{id}/answer", "/api/v1/followups/"+f.ID+"/answer", `{"answer": "low"}`, 200)
	if d := dropsOf(t, p, p.sam); len(d) != 1 || d[0].DisplayName != "Alex" || d[0].Answer != "low" {
		t.Fatalf("Sam's alerts: %+v", d)
	}
	p.call(t, p.alex, "POST", "/api/v1/followups/{id}/tell", "/api/v1/followups/"+f.ID+"/tell", "", 409)
}

// TestDropAPILow: "I'm in a low place" tells the others within 7 days
// of the encounter, and is refused after, when the alerts are gone from
// the list too; someone outside the encounter gets 404.
func TestDropAPILow(t *testing.T) {
	p := newFollowupPair(t)
	low := "/api/v1/encounters/" + p.e.ID + "/low"
	a := dropOf(t, p.call(t, p.alex, "POST", "/api/v1/encounters/{id}/low", low, "", 201))
	if !a.Mine || a.Answer != "" || a.DisplayName != "Alex" {
		t.Errorf("raised: %+v", a)
	}
	if d := dropsOf(t, p, p.sam); len(d) != 1 || d[0].ID != a.ID || d[0].Mine {
		t.Fatalf("Sam's alerts: %+v", d)
	}
	_, stranger := mustAccount(t, p.s, "kim", "Kim")
	p.call(t, stranger, "POST", "/api/v1/encounters/{id}/low", low, "", 404)
	p.clock.t = p.clock.t.Add(8 * 24 * time.Hour)
	// Fresh sessions: those of a week ago have run out.
	p.alex, p.sam = freshSession(t, p.s, p.alexID), freshSession(t, p.s, p.samID)
	wantAPIError(t, p.call(t, p.alex, "POST", "/api/v1/encounters/{id}/low", low, "", 409), "conflict", "", "more than 7 days ago")
	if d := dropsOf(t, p, p.sam); len(d) != 0 {
		t.Errorf("after 8 days: %+v", d)
	}
}

// freshSession starts a session for the person, straight in the store.
func freshSession(t *testing.T, s *Server, personID string) string {
	t.Helper()
	tok, _, err := s.Sessions.CreateSession(context.Background(), personID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
