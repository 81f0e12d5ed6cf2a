package web

import (
	"bytes"
	"html/template"
	"image/png"
	"net/http"
	"net/url"
	"time"

	"rsc.io/qr"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// publicCardPageRoutes are a shared card as its visitor opens it, with
// its downloads and QR code: public, the link's token is the key.
func (s *Server) publicCardPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/c/{token}", access: public, page: true, handle: s.handleCardPage},
		{method: "GET", pattern: "/c/{token}/plan", access: public, page: true, handle: s.handleCardPlan},
		{method: "POST", pattern: "/c/{token}/plan", access: public, page: true, handle: s.handleCardPlan},
		{method: "GET", pattern: "/c/{token}/card.json", access: public, handle: s.handleCardFile},
		{method: "GET", pattern: "/c/{token}/mine.json", access: public, handle: s.handleVisitorCard},
		{method: "POST", pattern: "/c/{token}/mine.json", access: public, page: true, handle: s.handleVisitorCard},
		{method: "GET", pattern: "/c/{token}/{format}", access: public, handle: s.handleCardQR},
	}
}

// visitorPractices are what a visitor to a shared card is asked about:
// a short list, so that a first date can answer in a minute.
var visitorPractices = []string{"water", "snack", "towel", "blanket", "rest", "cuddle", "hold-hand", "massage",
	"ask-feelings", "affirm", "quiet-together", "space-first"}

// openShare opens the shared card a link's token names, counting the
// opening when count is set; when it cannot, it has answered (404 for a
// wrong, revoked or expired link alike).
func (s *Server) openShare(w http.ResponseWriter, r *http.Request, count bool) (*tend.CardShare, bool) {
	// Every answer under a shared card's address holds its secret token
	// (in the links it shows) beside the visitor's own answers: never
	// compressed (compress.go).
	noCompression(w)
	open := s.CardShares.FindCardShareByToken
	if count {
		open = s.CardShares.OpenCardShare
	}
	cs, err := open(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return cs, true
}

// sharedCard opens the card a link shares, as its owner chose to show it,
// and the time zone to show its end in: the owner's, unless a signed-in
// visitor has their own; when it cannot, it has answered with the error
// page.
func (s *Server) sharedCard(w http.ResponseWriter, r *http.Request, count bool) (*tend.Card, *time.Location, bool) {
	cs, ok := s.openShare(w, r, count)
	if !ok {
		return nil, nil, false
	}
	ctx := r.Context()
	p, err := s.Profiles.FindProfile(ctx, cs.PersonID)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, false
	}
	loc := time.UTC
	if me := tend.PersonFromContext(ctx); me != nil {
		loc = s.zone(me.TimeZone)
	} else if owner, err := s.People.FindPersonByID(ctx, cs.PersonID); err == nil {
		loc = s.zone(owner.TimeZone)
	}
	// A profile's card carries its owner's display name.
	card := tend.SharedCard(tend.ProfileCard(p.Card, p.Card.Name), cs.Share, cs.Practices)
	card.Expires = cs.ExpiresAt.UTC().Truncate(time.Second)
	return card, loc, true
}

type visitorRow struct {
	P       *tend.Practice
	Receive tend.Receive
	Give    tend.Give
}

type cardPageView struct {
	summary
	Page        page
	Card        *tend.Card
	Link, Token string
	QR          template.HTML
	// The visitor's part: their answers, and the plan for both.
	Visitor     []visitorRow
	VisitorName string
	Receives    []tend.Receive
	GiveLevels  []tend.Give
	Kind        tend.Kind
	Kinds       []tend.Kind
	Plan        *tend.Plan
	Languages   []string
	// Answers are the visitor's answers, posted again to download them
	// as their own card.
	Answers url.Values
	// Loc is the time zone the link's end shows in.
	Loc *time.Location
	// CasualGuide is the guide on aftercare with someone new
	// (guide_links.go).
	CasualGuide *guideLink
}

func (s *Server) cardPageView(r *http.Request, card *tend.Card, loc *time.Location) (*cardPageView, error) {
	token := r.PathValue("token")
	v := &cardPageView{Page: s.base(r, card.Name+"'s aftercare card", ""), Card: card, Token: token, Loc: loc,
		Link: s.origin(r) + "/c/" + token, Receives: tend.ReceiveLevels(), GiveLevels: tend.GiveLevels(), Kinds: tend.Kinds()}
	v.summary = s.summarize(card)
	v.CasualGuide = s.guideLink("casual")
	v.Page.Fields = []formField{{Path: "name", ID: "name", Label: "Your name"}, {Path: "encounter", ID: "encounter", Label: "Kind of encounter"}}
	var err error
	v.QR, err = qrSVG(v.Link, "A QR code for this card's link")
	return v, err
}

// handleCardPage is a shared card: read-only, printable on one page,
// and a short form for the visitor to add their own needs. A browser's
// first visit counts as an opening; its reloads do not.
func (s *Server) handleCardPage(w http.ResponseWriter, r *http.Request) {
	first := s.firstVisit(r)
	card, loc, ok := s.sharedCard(w, r, first)
	if !ok {
		return
	}
	v, err := s.cardPageView(r, card, loc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Visitor, _ = s.visitorAnswers(r.URL.Query())
	if first {
		s.markSeen(w, r, card.Expires)
	}
	s.render(w, r, http.StatusOK, "card", v)
}

// visitorAnswers reads the visitor's form: nothing is stored.
func (s *Server) visitorAnswers(q url.Values) ([]visitorRow, *tend.Card) {
	name := q.Get("name")
	if name == "" {
		name = "Me"
	}
	mine := &tend.Card{Tend: tend.CardVersion, Name: name}
	var rows []visitorRow
	for _, id := range visitorPractices {
		p, ok := s.Catalog.Practice(id)
		if !ok {
			continue
		}
		row := visitorRow{P: p, Receive: tend.Receive(q.Get("r." + id)), Give: tend.Give(q.Get("g." + id))}
		if !row.Receive.Valid() {
			row.Receive = ""
		}
		if !row.Give.Valid() {
			row.Give = ""
		}
		rows = append(rows, row)
		if row.Receive != "" {
			if mine.Receive == nil {
				mine.Receive = map[string]tend.Receive{}
			}
			mine.Receive[id] = row.Receive
		}
		if row.Give != "" {
			if mine.Give == nil {
				mine.Give = map[string]tend.Give{}
			}
			mine.Give[id] = row.Give
		}
	}
	return rows, mine
}

// visitorCard checks the visitor's card by the card rules.
func (s *Server) visitorCard(q url.Values) ([]visitorRow, *tend.Card, error) {
	rows, mine := s.visitorAnswers(q)
	data, err := tend.MarshalCard(mine)
	if err != nil {
		return rows, nil, err
	}
	card, _, err := tend.ParseCard("your answers", data, s.Catalog)
	return rows, card, err
}

// handleCardPlan shows the plan for the card's owner and the visitor.
func (s *Server) handleCardPlan(w http.ResponseWriter, r *http.Request) {
	card, loc, ok := s.sharedCard(w, r, false)
	if !ok {
		return
	}
	v, err := s.cardPageView(r, card, loc)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q, err := visitorForm(w, r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rows, mine, err := s.visitorCard(q)
	v.Visitor, v.VisitorName = rows, q.Get("name")
	v.Kind = tend.Kind(q.Get("encounter"))
	if v.Kind == "" {
		v.Kind = tend.FirstTime
	}
	ps := formProblems(err)
	if err != nil && len(ps) == 0 {
		s.pageError(w, r, err)
		return
	}
	if !v.Kind.Valid() {
		ps.Add("encounter", "pick a kind of encounter from the list")
	}
	err = ps.Err()
	if err == nil {
		cards := []*tend.Card{card, mine}
		if v.Plan, err = plan.Make(s.Catalog, cards, v.Kind); err == nil {
			for _, c := range cards {
				v.Languages = append(v.Languages, plan.Language(s.Catalog, c, v.Kind))
			}
			v.Answers = q
			v.Page.Title = "A plan with " + card.Name
		}
	}
	if err != nil {
		s.formError(w, r, "card", &v.Page, v, err)
		return
	}
	s.render(w, r, http.StatusOK, "card", v)
}

// handleVisitorCard downloads the visitor's answers as their own card
// file: the only way anything of theirs is kept, and it is kept by them.
func (s *Server) handleVisitorCard(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.openShare(w, r, false); !ok {
		return
	}
	var mine *tend.Card
	q, err := visitorForm(w, r)
	if err == nil {
		_, mine, err = s.visitorCard(q)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.writeCardFile(w, r, mine, "my.tend-card.json")
}

// visitorForm is what the visitor answered: the posted form, which keeps
// their answers out of the address (and so out of their browser's
// history on a device that may be shared), or an address's query, as
// links made before asked.
func visitorForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	if r.Method != http.MethodPost {
		return r.URL.Query(), nil
	}
	if err := parseForm(w, r); err != nil {
		return nil, err
	}
	return r.PostForm, nil
}

// handleCardFile downloads the shared card as a tend.card/v1 file.
func (s *Server) handleCardFile(w http.ResponseWriter, r *http.Request) {
	card, _, ok := s.sharedCard(w, r, false)
	if !ok {
		return
	}
	s.writeCardFile(w, r, card, "card.tend-card.json")
}

// handleCardQR draws the card's link as a QR code, in SVG or PNG.
func (s *Server) handleCardQR(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.openShare(w, r, false); !ok {
		return
	}
	link := s.origin(r) + "/c/" + r.PathValue("token")
	switch r.PathValue("format") {
	case "qr.svg":
		svg, err := qrSVG(link, "A QR code for the card's link")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write([]byte(svg))
	case "qr.png":
		code, err := qr.Encode(link, qr.M)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		code.Scale = 8
		var buf bytes.Buffer
		if err := png.Encode(&buf, code.Image()); err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(buf.Bytes())
	default:
		s.fail(w, r, tend.Errorf(tend.ENOTFOUND, "no such file"))
	}
}
