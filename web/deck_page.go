package web

import (
	"net/http"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// deckFields are the deck form's fields, for its mistakes; a wrong seed
// has no field (the address carries it), so it is said at the top.
var deckFields = []formField{
	{Path: "encounter", ID: "encounter", Label: "Kind of encounter"},
	{Path: "casual", ID: "casual", Label: casualWords},
	{Path: "group", ID: "group", Label: groupWords},
}

type deckView struct {
	Page page
	Deck catalog.DeckInfo
	// Kind is the kind as the address gave it, to keep it chosen in the
	// form; Query is what was read of the address.
	Kind  string
	Kinds []tend.Kind
	Query deckQuery
	// Questions are the set the query picks, Shuffle the address of the
	// next set; Others are the other decks, for the same query.
	Questions []catalog.Question
	Shuffle   string
	Others    []deckLink
}

// deckLink is a link to a deck's page.
type deckLink struct {
	Title, Href string
}

// handleDeckPage shows a few of a deck's questions for a kind of
// encounter, for someone new or for a group as the form asks, as the
// command line's `tend deck` picks them; "Shuffle" moves to the next
// set. It all rides in the address, so that a reload, or the address
// sent to a partner, shows the same questions. A wrong address shows
// the form with what was wrong (400); a deck the catalog lacks is not
// found.
func (s *Server) handleDeckPage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.Catalog.DeckInfo(r.PathValue("deck"))
	if !ok {
		s.pageError(w, r, tend.Errorf(tend.ENOTFOUND, "there is no such deck"))
		return
	}
	query := r.URL.Query()
	q, ps := readDeckQuery(query)
	v := deckView{Page: s.base(r, d.Title, ""), Deck: d, Kind: query.Get("encounter"), Kinds: tend.Kinds(), Query: q}
	if v.Kind == "" {
		v.Kind = string(q.Kind)
	}
	v.Page.Fields = deckFields
	v.Page.Styles = []string{"css/guides.css"}
	if err := ps.Err(); err != nil {
		s.formError(w, r, "deck", &v.Page, &v, err)
		return
	}
	v.Questions = s.deckQuestions(d.Name, q, deckSize)
	if len(s.deckQuestions(d.Name, q, len(s.Catalog.AllQuestions()))) > len(v.Questions) {
		// The next set: the seed turns the deck by as many questions
		// as a set shows.
		next := q
		next.Seed = (q.Seed + deckSize) % (maxSeed + 1)
		v.Shuffle = s.deckHref(d.Name, next)
	}
	for _, o := range s.Catalog.Decks() {
		if o.Name != d.Name {
			v.Others = append(v.Others, deckLink{o.Title, s.deckHref(o.Name, deckQuery{Kind: q.Kind, Casual: q.Casual, Group: q.Group})})
		}
	}
	s.render(w, r, http.StatusOK, "deck", v)
}
