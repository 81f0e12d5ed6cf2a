package web

import (
	"net/http"
	"strings"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// guidePageRoutes are the catalog's short guides and question decks as
// pages (the command line has them as `tend guide NAME` and `tend
// deck`): the same for everyone, so open to anyone; pages link to them
// where they help (guide_links.go). A guide's name is one lowercase
// word or several joined by dashes (catalog/data/SCHEMA.md), never
// with a slash, so /guides/{name} cannot take a deck's address.
func (s *Server) guidePageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/guides", access: public, page: true, handle: s.handleGuidesPage},
		{method: "GET", pattern: "/guides/{name}", access: public, page: true, handle: s.handleGuidePage},
		{method: "GET", pattern: "/guides/decks/{deck}", access: public, page: true, handle: s.handleDeckPage},
	}
}

type guidesView struct {
	Page   page
	Guides []catalog.Guide
	Decks  []catalog.DeckInfo
}

// handleGuidesPage lists every guide and deck, in the catalog's order.
func (s *Server) handleGuidesPage(w http.ResponseWriter, r *http.Request) {
	v := guidesView{Page: s.base(r, "Guides and question decks", "guides"), Guides: s.Catalog.Guides(), Decks: s.Catalog.Decks()}
	v.Page.Styles = []string{"css/guides.css"}
	s.render(w, r, http.StatusOK, "guides", v)
}

// guideBlock is a paragraph of a guide, or a list when Items are set.
type guideBlock struct {
	Text  string
	Items []string
}

type guideView struct {
	Page    page
	Summary string
	Blocks  []guideBlock
}

// handleGuidePage shows one guide.
func (s *Server) handleGuidePage(w http.ResponseWriter, r *http.Request) {
	g, ok := s.Catalog.Guide(r.PathValue("name"))
	if !ok {
		s.pageError(w, r, tend.Errorf(tend.ENOTFOUND, "there is no such guide"))
		return
	}
	v := guideView{Page: s.base(r, g.Title, ""), Summary: g.Summary, Blocks: guideBlocks(g.Body)}
	s.render(w, r, http.StatusOK, "guide", v)
}

// guideBlocks reads a guide's text, written for a terminal: paragraphs
// apart by a blank line, their lines wrapped; a list's items start with
// "- ", their wrapped lines indented (catalog/data/SCHEMA.md).
func guideBlocks(body string) []guideBlock {
	var out []guideBlock
	for _, para := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n") {
		lines := strings.Split(strings.TrimSpace(para), "\n")
		if lines[0] == "" {
			continue
		}
		if !strings.HasPrefix(lines[0], "- ") {
			out = append(out, guideBlock{Text: strings.Join(strings.Fields(para), " ")})
			continue
		}
		var b guideBlock
		for _, l := range lines {
			if item, ok := strings.CutPrefix(l, "- "); ok {
				b.Items = append(b.Items, strings.TrimSpace(item))
			} else if n := len(b.Items); n > 0 {
				b.Items[n-1] += " " + strings.TrimSpace(l)
			}
		}
		out = append(out, b)
	}
	return out
}
