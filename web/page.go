package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tendcare/tend"
)

//go:embed templates
var templateFiles embed.FS

// page is what every page's view has: the layout reads it.
type page struct {
	Title string
	// Me is the signed-in person, or nil.
	Me *tend.Person
	// Nav names the section of the main navigation to mark as current.
	Nav string
	// Flash is a short message about what just happened; Error says what
	// went wrong, on an error page.
	Flash, Error string
	// Problems are the mistakes of the form just sent, each shown beside
	// its field and listed at the top (see formproblems.go); Fields are
	// the fields of the page's forms, in the order the page shows them.
	Problems []fieldProblem
	Fields   []formField
	// Scripts are the page's own enhancement scripts (under static/js).
	Scripts []string
	// Styles are the page's own style sheets (under static/css), after
	// tend.css.
	Styles []string
	// Class is the body's class: "bedside" for the aftercare screen.
	Class string
	// Loc is the signed-in person's time zone, for showing times.
	Loc *time.Location
	// Waiting is how many things wait in the signed-in person's inbox
	// (follow-ups due, partners' drop alerts to answer), for the
	// navigation's count.
	Waiting int
}

// when writes a time in the zone, with the zone's name.
func when(loc *time.Location, t time.Time) string {
	return t.In(orUTC(loc)).Format("2 Jan 2006, 15:04 MST")
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes the named page with the view. It renders into a buffer
// first, so that a failing template never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, view any) {
	t, err := s.pages.get(name)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer renderBuffers.Put(buf)
	root := "layout"
	if t.Lookup("document") != nil {
		root = "document"
	}
	if err := t.ExecuteTemplate(buf, root, view); err != nil {
		if name == "error" {
			s.Logger.Error("error page failed", "err", err)
			http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
			return
		}
		s.pageError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// A known length spares the chunked encoding of a page larger than
	// the server's write buffer: one write instead of several.
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// show renders the named page with the view just made, or the error
// page when making it failed.
func (s *Server) show(w http.ResponseWriter, r *http.Request, name string, view any, err error) {
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, name, view)
}

// mine reads, with find, the signed-in person's object that the path's
// {id} names; when it cannot (another person's answers as a missing
// one), it has answered with the error page.
func mine[T any](s *Server, w http.ResponseWriter, r *http.Request, find func(ctx context.Context, personID, id string) (T, error)) (T, bool) {
	v, err := find(r.Context(), personID(r), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		var none T
		return none, false
	}
	return v, true
}

// base is the common part of a page's view for this request.
func (s *Server) base(r *http.Request, title, nav string) page {
	p := page{Title: title, Me: tend.PersonFromContext(r.Context()), Nav: nav, Flash: flashText(r.URL.Query().Get("done")), Loc: time.UTC}
	if p.Me != nil {
		p.Loc = s.zone(p.Me.TimeZone)
		p.Waiting = p.Me.Waiting // read with the person: no query of its own
	}
	return p
}

// inbox reads what waits for the person, for Home. A Home whose inbox
// could not be read still shows (without it): the inbox is a help, not
// the page.
func (s *Server) inbox(ctx context.Context, personID string) ([]*tend.FollowupItem, int) {
	if s.Followups == nil {
		return nil, 0
	}
	list, err := s.Followups.FindFollowups(ctx, personID)
	if err != nil {
		s.Logger.Warn("the inbox could not be read", "err", err)
		return nil, 0
	}
	return list, len(list)
}

// zone loads a time zone once (loading reads and parses its data).
func (s *Server) zone(name string) *time.Location {
	if loc, ok := s.zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	s.zones.Store(name, loc)
	return loc
}

type errorView struct {
	Page   page
	Status int
}

// pageError answers a page request with an error page; internal errors
// are logged here, once, and shown as a generic message.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	a := s.answer(w, r, err)
	st, msg := a.Status, a.Message
	if len(a.Problems) == 1 {
		msg = a.Problems[0].Message // a page says it without the API's name
	}
	title := map[int]string{404: "Not found", 403: "Not allowed", 401: "Please sign in", 429: "Please wait a moment"}[st]
	if title == "" {
		title = "Something went wrong"
	}
	v := errorView{Page: s.base(r, title, ""), Status: st}
	v.Page.Error = msg
	if st == http.StatusNotFound {
		v.Page.Error = "There is nothing here. It may have been deleted, or the link may be mistyped."
	}
	s.render(w, r, st, "error", v)
}

// isAPI reports whether the request is for the JSON API.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// fail answers an error as JSON for the API and as a page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.apiError(w, r, err)
		return
	}
	s.pageError(w, r, err)
}

// flashes are the messages a redirect may ask for: fixed words, so that
// no one can put their own text on a Tend page by a link.
var flashes = map[string]string{
	"saved":     "Saved. Your profile keeps every version, so you can always go back.",
	"unchanged": "Nothing had changed, so nothing new was saved.",
	"reviewed":  "Thank you for looking it over. We'll ask again in three months.",
	"restored":  "Restored. The version you had before is kept in the history too.",
	"imported":  "Imported. The version you had before is kept in the history.",
	"settings":  "Settings saved.",
	"password":  "Password changed. Your other devices are signed out, and your API tokens no longer work.",
	"signedout": "Signed out on that device.",
	"others":    "Signed out everywhere else. Your API tokens no longer work either.",
	"revoked":   "Revoked. It no longer works.",
	"added":     "Added.",
	"removed":   "Removed.",
	"welcome":   "Welcome to Tend. Start with what you need afterwards: one practice at a time is fine.",
	"invited":   "Welcome to Tend. Your account is made; here is your invitation again. Joining is your choice.",
	"goodbye":   "Your account and everything in it are deleted.",
	"created":   "Your circle is made. Invite the people you care for with a link below.",
	"shared":    "Saved. The circle sees what you chose from now on.",
	"left":      "You left the circle.",
	"deleted":   "The circle is deleted.",
	"joined":    "You joined the circle. It sees your practices and levels, not your notes, until you choose otherwise below.",
	"declined":  "You declined the invitation.",
	"confirmed": "Thank you. For the next ten minutes you can leave the password empty here.",
}

func flashText(key string) string {
	if m, ok := flashes[key]; ok {
		return m
	}
	if m, ok := dropFlashes[key]; ok {
		return m
	}
	if m, ok := channelFlashes[key]; ok {
		return m
	}
	if m, ok := insightsFlashes[key]; ok {
		return m
	}
	return followupFlashes[key]
}
