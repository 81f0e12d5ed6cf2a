package web

import (
	"net/http"
	"time"

	"github.com/tendcare/tend"
)

// homePageRoutes are home (or the welcome page), the quick exit's
// neutral page, and "not found" for every path no route has.
func (s *Server) homePageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/", access: public, page: true, handle: s.handleNotFound},
		{method: "GET", pattern: "/{$}", access: public, page: true, handle: s.handleHome},
		{method: "GET", pattern: "/away", access: public, handle: s.handleAway},
	}
}

type homeView struct {
	Page       page
	SignupOpen bool
	Profile    *tend.Profile
	Review     bool
	// UnderWay are the encounters the person is in that are not over,
	// newest first, each with what waits for them.
	UnderWay []underWay
	// Inbox is what waits for the person to answer: their follow-ups,
	// earliest first, each with its page.
	Inbox []inboxItem
	// Drops are the others' drop alerts, with what helps them and the
	// one-tap answers; MyDrops the person's own, with the answers they
	// got (drop_page.go).
	Drops, MyDrops []dropShown
	// Low is the recent encounter "I'm in a low place" tells of, if any.
	Low *lowOffer
	// DropGuide is the guide on drop, shown beside the follow-ups and
	// the alerts; StartGuide the one on starting the conversation, shown
	// beside a profile never saved (guide_links.go). Nil when the
	// catalog lacks one.
	DropGuide, StartGuide *guideLink
}

// inboxItem is one thing waiting in the person's inbox.
type inboxItem struct {
	What, Href string
}

// underWay is an encounter under way as home shows it: what it is, who
// started it, where it stands for this person, and the page for that.
type underWay struct {
	What, By, Status, Href string
	// Waiting tells that something waits for this person: their
	// check-in, or their reflection.
	Waiting bool
	Started time.Time
}

// handleHome is the welcome page, or for a signed-in person their home:
// encounters under way and what waits for them there, where their
// profile stands, and a gentle review nudge after 90 days.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	if me == nil {
		v := homeView{Page: s.base(r, "Welcome", ""), SignupOpen: s.Signup == "open"}
		s.render(w, r, http.StatusOK, "welcome", v)
		return
	}
	p, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	list, err := s.Encounters.FindEncounters(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := homeView{Page: s.base(r, "Home", "home"), Profile: p, Review: p.NeedsReview(s.Now())}
	waiting, _ := s.inbox(ctx, me.ID)
	for _, f := range waiting {
		v.Inbox = append(v.Inbox, inboxItem{What: s.followupQuestion(r, f), Href: "/followups/" + f.ID})
	}
	if v.Drops, v.MyDrops, err = s.homeDrops(ctx, me.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Low = s.latestLow(list)
	v.DropGuide, v.StartGuide = s.guideLink("drop"), s.guideLink("starting-the-conversation")
	v.Page.Scripts = append(v.Page.Scripts, "js/inbox.js")
	for _, e := range list {
		if u, ok := underWayFor(e, me.ID); ok {
			v.UnderWay = append(v.UnderWay, u)
		}
	}
	s.render(w, r, http.StatusOK, "home", v)
}

// underWayFor says where the encounter stands for the person, and links
// to the page for it: the check-in they have not confirmed, the
// aftercare screen, the reflection they have not written. Done is not
// under way.
func underWayFor(e *tend.Encounter, personID string) (underWay, bool) {
	me := e.Member(personID)
	if me == nil || e.Stage == tend.StageDone {
		return underWay{}, false
	}
	u := underWay{What: encounterTitle(e), Href: "/encounters/" + e.ID, Started: e.CreatedAt}
	if by := e.Member(e.CreatedBy); by != nil && e.CreatedBy != personID {
		u.By = by.DisplayName
	}
	switch e.Stage {
	case tend.StagePlanned, tend.StageBefore:
		if me.CheckIn == nil || !me.CheckIn.Confirmed {
			u.Status, u.Waiting, u.Href = "Your check-in is waiting", true, u.Href+"#mine-h"
		} else {
			u.Status = "Checking in: you have confirmed"
		}
	case tend.StageAfter:
		u.Status, u.Href = "Aftercare now", u.Href+"/aftercare"
	case tend.StageReflect:
		if !me.Reflected {
			u.Status, u.Waiting, u.Href = "Your reflection is waiting", true, u.Href+"#reflect-h"
		} else {
			u.Status = "Looking back: waiting for the others"
		}
	}
	return u, true
}

// handleAway is the quick exit's neutral page: nothing on it says Tend.
func (s *Server) handleAway(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "away", page{})
}

// handleNotFound answers every path no route has.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, tend.Errorf(tend.ENOTFOUND, "there is nothing at %s", r.URL.Path))
}
