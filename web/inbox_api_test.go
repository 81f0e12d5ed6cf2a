package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestInboxEvents: Alex's open inbox stream is told when Sam tells of a
// low time, and Sam's when Alex answers it; someone signed out gets 401.
func TestInboxEvents(t *testing.T) {
	p := newFollowupPair(t)
	srv := httptest.NewServer(p.h)
	defer srv.Close()
	addr := srv.URL + "/api/v1/inbox/events"
	if _, st := openStreamAt(t, addr, "", ""); st != http.StatusUnauthorized {
		t.Errorf("signed out: %d", st)
	}
	alex, st := openStreamAt(t, addr, p.alex, "")
	if st != http.StatusOK {
		t.Fatalf("Alex's stream: %d", st)
	}
	sam, st := openStreamAt(t, addr, p.sam, "")
	if st != http.StatusOK {
		t.Fatalf("Sam's stream: %d", st)
	}
	a, err := p.s.Drops.RaiseLow(context.Background(), p.samID, p.e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ev := alex.next(t); ev.name != "inbox" {
		t.Errorf("Alex's event: %+v", ev)
	}
	if ev := sam.next(t); ev.name != "inbox" {
		t.Errorf("Sam's event: %+v", ev)
	}
	if _, err := p.s.Drops.ReplyDrop(context.Background(), p.alexID, a.ID, "coming"); err != nil {
		t.Fatal(err)
	}
	if ev := sam.next(t); ev.name != "inbox" {
		t.Errorf("Sam's event after the answer: %+v", ev)
	}
}
