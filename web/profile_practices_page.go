package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tendcare/tend"
)

// practicesPageRoutes are the catalog's practices with the person's
// levels.
func (s *Server) practicesPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/profile/practices", access: sessionOnly, page: true, handle: s.handlePracticesPage},
		{method: "POST", pattern: "/profile/practices", access: sessionOnly, page: true, handle: s.handlePracticesForm},
	}
}

// practiceRow is one practice in the editor, with the person's levels.
type practiceRow struct {
	P       *tend.Practice
	Receive tend.Receive
	Give    tend.Give
	Comment string
	// UsualReceive and UsualGive are the everyday levels, shown as the
	// default while editing one kind's adjustments.
	UsualReceive tend.Receive
	UsualGive    tend.Give
}

type tab struct {
	Label, URL string
	Current    bool
}

type practicesView struct {
	Page       page
	Kind       tend.Kind
	KindTabs   []tab
	Categories []tab
	Category   tend.Category
	Query      string
	Rows       []practiceRow
	Minutes    string
	Receives   []tend.Receive
	Gives      []tend.Give
}

// practicesURL is the editor's address for a kind, category and search.
func practicesURL(kind tend.Kind, cat tend.Category, q string) string {
	v := url.Values{}
	if kind != "" {
		v.Set("kind", string(kind))
	}
	if q != "" {
		v.Set("q", q)
	} else if cat != "" {
		v.Set("category", string(cat))
	}
	if len(v) == 0 {
		return "/profile/practices"
	}
	return "/profile/practices?" + v.Encode()
}

// practiceQuery reads which kind (none: everyday levels), category and
// search the editor shows.
func practiceQuery(vals url.Values) (tend.Kind, tend.Category, string, error) {
	kind, cat, q := tend.Kind(vals.Get("kind")), tend.Category(vals.Get("category")), strings.TrimSpace(vals.Get("q"))
	if kind != "" && !kind.Valid() {
		return "", "", "", tend.Errorf(tend.EINVALID, "there is no encounter kind %q; pick one from the list", kind)
	}
	if cat == "" {
		cat = tend.Categories()[0]
	}
	if _, ok := categoryLabels[cat]; !ok || cat == tend.Own {
		return "", "", "", tend.Errorf(tend.EINVALID, "there is no category %q; pick one from the list", cat)
	}
	if r := []rune(q); len(r) > 100 {
		q = string(r[:100])
	}
	return kind, cat, q, nil
}

// practicesView builds the editor for the card.
func (s *Server) practicesView(r *http.Request, c *tend.Card, kind tend.Kind, cat tend.Category, q string) *practicesView {
	v := &practicesView{Page: s.base(r, "What I need and give", "profile"), Kind: kind, Category: cat, Query: q,
		Receives: tend.ReceiveLevels(), Gives: tend.GiveLevels()}
	v.Page.Scripts = []string{"js/filter.js", "js/unsaved.js"}
	v.KindTabs = append(v.KindTabs, tab{"Usually", practicesURL("", cat, q), kind == ""})
	for _, k := range tend.Kinds() {
		v.KindTabs = append(v.KindTabs, tab{kindLabels[k], practicesURL(k, cat, q), k == kind})
	}
	for _, c := range tend.Categories() {
		v.Categories = append(v.Categories, tab{categoryLabels[c], practicesURL(kind, c, ""), q == "" && c == cat})
	}
	usualR, usualG, _ := c.Levels("")
	recv, give, minutes := usualR, usualG, 0
	if kind != "" {
		recv, give, minutes = map[string]tend.Receive{}, map[string]tend.Give{}, 0
		if o := c.Encounters[kind]; o != nil {
			recv, give, minutes = o.Receive, o.Give, o.Minutes
		}
		if minutes > 0 {
			v.Minutes = strconv.Itoa(minutes)
		}
	}
	needle := strings.ToLower(q)
	for _, p := range s.Catalog.Practices() {
		if q != "" && !strings.Contains(strings.ToLower(p.Title+" "+p.HowTo), needle) {
			continue
		}
		if q == "" && p.Category != cat {
			continue
		}
		if kind != "" && !p.Suits(kind) {
			continue
		}
		v.Rows = append(v.Rows, practiceRow{P: p, Receive: recv[p.ID], Give: give[p.ID], Comment: c.Comments[p.ID],
			UsualReceive: usualR[p.ID], UsualGive: usualG[p.ID]})
	}
	if kind != "" {
		v.Page.Title = "What I need and give: " + kindLabels[kind]
	}
	v.Page.Fields = practiceFields(v.Rows, kind)
	return v
}

// practiceFields are the editor's fields: each practice's levels (by
// the form's names and by the card's paths) and note, as labelled on the
// page.
func practiceFields(rows []practiceRow, kind tend.Kind) []formField {
	fields := []formField{{Path: "minutes", ID: "minutes", Label: "Minutes to set aside"}}
	at := ""
	if kind != "" {
		at = "encounters." + string(kind) + "."
	}
	for _, row := range rows {
		id, title := row.P.ID, row.P.Title
		recv, give := "Receiving it", "Giving it"
		switch row.P.Mode {
		case tend.Self:
			recv = "Doing it for myself"
		case tend.Together:
			recv, give = "Wanting it", "Doing it with others"
		}
		fields = append(fields,
			formField{Path: "r." + id, ID: "r." + id, Label: title + ", " + strings.ToLower(recv)},
			formField{Path: at + "receive." + id, ID: "r." + id, Label: title + ", " + strings.ToLower(recv)},
			formField{Path: "g." + id, ID: "g." + id, Label: title + ", " + strings.ToLower(give)},
			formField{Path: at + "give." + id, ID: "g." + id, Label: title + ", " + strings.ToLower(give)},
			formField{Path: "c." + id, ID: "c." + id, Label: "A note for partners about " + title},
			formField{Path: "comments." + id, ID: "c." + id, Label: "A note for partners about " + title})
	}
	if kind != "" {
		fields = append(fields, formField{Path: at + "minutes", ID: "minutes", Label: "Minutes to set aside"})
	}
	return fields
}

func (s *Server) handlePracticesPage(w http.ResponseWriter, r *http.Request) {
	kind, cat, q, err := practiceQuery(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if p, ok := s.myProfile(w, r); ok {
		s.render(w, r, http.StatusOK, "practices", s.practicesView(r, p.Card, kind, cat, q))
	}
}

// handlePracticesForm saves the levels of the practices the form showed
// (named by its "p" fields); every other practice keeps its levels.
func (s *Server) handlePracticesForm(w http.ResponseWriter, r *http.Request) {
	p, ok := s.myProfileForm(w, r)
	if !ok {
		return
	}
	kind, cat, q, err := practiceQuery(r.PostForm)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	after, err := s.applyPractices(r, p.Card, kind)
	err = checkedWhole(tend.ProblemsOf(err, ""), func() error { return cardProblems(after) })
	if err == nil {
		var done string
		if done, err = s.saveCard(r, p.Card, after); err == nil {
			redirect(w, r, practicesURL(kind, cat, q), done)
			return
		}
	}
	if after == nil {
		after = p.Card
	}
	v := s.practicesView(r, after, kind, cat, q)
	if m := formValue(r, "minutes"); kind != "" {
		v.Minutes = m
	}
	s.formError(w, r, "practices", &v.Page, v, err)
}

// applyPractices returns a copy of the card with the form's levels, and
// every mistake of the form at once.
func (s *Server) applyPractices(r *http.Request, c *tend.Card, kind tend.Kind) (*tend.Card, error) {
	out := c.Clone()
	var ps tend.Problems
	recv, give := &out.Receive, &out.Give
	if kind != "" {
		if out.Encounters == nil {
			out.Encounters = map[tend.Kind]*tend.Override{}
		}
		o := out.Encounters[kind]
		if o == nil {
			o = &tend.Override{}
			out.Encounters[kind] = o
		}
		m := formValue(r, "minutes")
		o.Minutes = 0
		if m != "" {
			n, err := strconv.Atoi(m)
			if err != nil || n < 0 || n > tend.MaxKindMinutes {
				ps.Add("minutes", "a whole number from 0 to %d, or leave it empty", tend.MaxKindMinutes)
			} else {
				o.Minutes = n
			}
		}
		recv, give = &o.Receive, &o.Give
		defer func() {
			if len(o.Receive) == 0 && len(o.Give) == 0 && o.Minutes == 0 {
				delete(out.Encounters, kind)
			}
		}()
	}
	for _, id := range r.PostForm["p"] {
		if _, ok := s.Catalog.Practice(id); !ok {
			ps.Add("", "the form named a practice Tend does not know; reload the page and try again")
			continue
		}
		rv, gv := tend.Receive(r.PostFormValue("r."+id)), tend.Give(r.PostFormValue("g."+id))
		if rv != "" && !rv.Valid() {
			ps.Add("r."+id, "pick one of the choices in the list")
		} else {
			setLevel(recv, id, rv)
		}
		if gv != "" && !gv.Valid() {
			ps.Add("g."+id, "pick one of the choices in the list")
		} else {
			setLevel(give, id, gv)
		}
		if kind == "" {
			// The card rules check the note (cardProblems), and the
			// form shows it back as typed.
			setLevel(&out.Comments, id, formValue(r, "c."+id))
		}
	}
	return out, ps.Err()
}

// setLevel sets or (for "") removes one entry of a card's map.
func setLevel[V ~string](m *map[string]V, id string, v V) {
	if v == "" {
		delete(*m, id)
		return
	}
	if *m == nil {
		*m = map[string]V{}
	}
	(*m)[id] = v
}
