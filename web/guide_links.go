package web

import (
	"hash/fnv"
	"net/url"
	"strconv"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// Pages link to a guide or a deck where it helps (the guide on drop
// from a low follow-up, the one on groups from a circle of three or
// more, a deck from the check-in). The catalog is the one source of
// their text, and a guide may be renamed or removed there: every link
// is made here, and only to what the catalog has.

// guideLink is a link to a guide, in the catalog's words.
type guideLink struct {
	Href, Title string
}

// guideLink is the link to the catalog's guide with the name, or nil
// when the catalog has no such guide.
func (s *Server) guideLink(name string) *guideLink {
	g, ok := s.Catalog.Guide(name)
	if !ok {
		return nil
	}
	return &guideLink{Href: "/guides/" + g.Name, Title: g.Title}
}

// checkInDeck is a few questions to start the conversation at a
// check-in, with the link to more of the same deck.
type checkInDeck struct {
	Questions []catalog.Question
	Href      string
}

// checkInQuestions is how many questions the check-in shows: enough to
// start with, few enough to keep the page light.
const checkInQuestions = 3

// checkInDeck picks the starter questions for the encounter: its kind,
// a group when three or more are in it, someone new on a first time
// together. The seed comes from the encounter, so that everyone in it
// sees the same questions, and the deck's page, a link away, starts
// from them. Nil when the catalog has no questions for it.
func (s *Server) checkInDeck(e *tend.Encounter) *checkInDeck {
	h := fnv.New64a()
	h.Write([]byte(e.ID))
	q := deckQuery{Kind: e.Kind, Casual: e.Kind == tend.FirstTime, Group: e.Kind != tend.Solo && len(e.Members) >= 3, Seed: h.Sum64() % (maxSeed + 1)}
	qs := s.deckQuestions(catalog.Starter, q, checkInQuestions)
	href := s.deckHref(catalog.Starter, q)
	if len(qs) == 0 || href == "" {
		return nil
	}
	return &checkInDeck{Questions: qs, Href: href}
}

// deckSize is how many questions a deck's page shows at a time; the
// check-in shows fewer (checkInQuestions).
const deckSize = 5

// maxSeed bounds the seed a deck's address may carry: nine digits are
// plenty of sets, and keep the address short enough to read out.
const maxSeed = 999_999_999

// deckQuery is what picks a deck's questions, as its page's address
// carries it (?encounter=&casual=yes&group=yes&seed=): the same address
// shows the same questions, to anyone it is sent to.
type deckQuery struct {
	Kind          tend.Kind
	Casual, Group bool
	Seed          uint64
}

// people is how many take part, as catalog.Deck counts them.
func (q deckQuery) people() int {
	switch {
	case q.Kind == tend.Solo:
		return 1
	case q.Group:
		return 3
	}
	return 2
}

// questions picks up to n of the deck's questions for the query.
func (s *Server) deckQuestions(deck string, q deckQuery, n int) []catalog.Question {
	return s.Catalog.Deck(q.Kind, deck, n, q.people(), q.Casual, q.Seed)
}

// href is the address of the deck's page for the query, or "" when the
// catalog has no such deck.
func (s *Server) deckHref(deck string, q deckQuery) string {
	if _, ok := s.Catalog.DeckInfo(deck); !ok {
		return ""
	}
	v := url.Values{}
	if q.Kind != "" {
		v.Set("encounter", string(q.Kind))
	}
	if q.Casual {
		v.Set("casual", "yes")
	}
	if q.Group {
		v.Set("group", "yes")
	}
	if q.Seed != 0 {
		v.Set("seed", strconv.FormatUint(q.Seed, 10))
	}
	h := "/guides/decks/" + deck
	if len(v) > 0 {
		h += "?" + v.Encode()
	}
	return h
}

// readDeckQuery reads a deck page's address: every mistake at once,
// each named by its field.
func readDeckQuery(v url.Values) (deckQuery, tend.Problems) {
	var q deckQuery
	var ps tend.Problems
	q.Kind = tend.Gentle
	if k := v.Get("encounter"); k != "" {
		if q.Kind = tend.Kind(k); !q.Kind.Valid() {
			ps.Add("encounter", "there is no kind of encounter %q; pick one from the list", k)
		}
	}
	yes := func(name string) bool {
		switch v.Get(name) {
		case "":
			return false
		case "yes":
			return true
		}
		ps.Add(name, "tick the box or leave it empty; %q is not a choice here", v.Get(name))
		return false
	}
	q.Casual = yes("casual")
	q.Group = yes("group")
	// Alone, there is nobody new and no group (`tend deck` refuses
	// --people for solo too).
	for _, box := range []struct {
		name string
		on   bool
	}{{"casual", q.Casual}, {"group", q.Group}} {
		if box.on && q.Kind == tend.Solo {
			ps.Add(box.name, "solo questions are for you alone: untick this, or pick another kind of encounter")
		}
	}
	if s := v.Get("seed"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil || n > maxSeed {
			ps.Add("seed", "the address names its set of questions with a whole number from 0 to %d; “Shuffle” picks one for you", maxSeed)
		}
		q.Seed = n
	}
	return q, ps
}

// The words of the deck form's boxes, which the list of its mistakes
// names them by.
const (
	casualWords = "Someone new, or a casual partner"
	groupWords  = "Three or more of us"
)
