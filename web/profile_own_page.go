package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/tendcare/tend"
)

// ownPageRoutes are the person's own practices.
func (s *Server) ownPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/profile/own", access: sessionOnly, page: true, handle: s.handleOwnPage},
		{method: "POST", pattern: "/profile/own", access: sessionOnly, page: true, handle: s.handleOwnForm},
		{method: "POST", pattern: "/profile/own/add", access: sessionOnly, page: true, handle: s.handleOwnAdd},
	}
}

type ownView struct {
	Page     page
	Own      []tend.CustomPractice
	Receives []tend.Receive
	Gives    []tend.Give
	Modes    []choice
	// New holds the add form's fields after a mistake, and Removing the
	// practices ticked for removal.
	New      tend.CustomPractice
	Removing map[string]bool
}

var modeLabels = []struct {
	Mode  tend.Mode
	Label string
}{
	{tend.Given, "Someone does it for someone else"},
	{tend.Together, "We do it together"},
	{tend.Self, "I do it for myself"},
}

func (s *Server) ownView(r *http.Request, c *tend.Card) *ownView {
	v := &ownView{Page: s.base(r, "My own practices", "profile"), Own: c.Custom,
		Receives: tend.ReceiveLevels(), Gives: tend.GiveLevels(), New: tend.CustomPractice{Mode: tend.Given}}
	v.Page.Scripts = []string{"js/unsaved.js"}
	v.Page.Fields = ownFields(c.Custom)
	for _, m := range modeLabels {
		v.Modes = append(v.Modes, choice{string(m.Mode), m.Label})
	}
	return v
}

func (s *Server) handleOwnPage(w http.ResponseWriter, r *http.Request) {
	if p, ok := s.myProfile(w, r); ok {
		s.render(w, r, http.StatusOK, "own", s.ownView(r, p.Card))
	}
}

// handleOwnForm saves the levels of the person's own practices and
// removes the ones ticked for removal.
func (s *Server) handleOwnForm(w http.ResponseWriter, r *http.Request) {
	s.changeOwn(w, r, func(after *tend.Card, v *ownView) error {
		var ps tend.Problems
		// Only the practices the form showed (named by its "p" fields)
		// change: one added meanwhile on another device stays as it is.
		shown := map[string]bool{}
		for _, id := range r.PostForm["p"] {
			shown[id] = true
		}
		kept := after.Custom[:0]
		// The form as it was sent, to show again with a mistake.
		v.Own, v.Removing = nil, map[string]bool{}
		for _, cp := range after.Custom {
			if !shown[cp.ID] {
				kept = append(kept, cp)
				v.Own = append(v.Own, cp)
				continue
			}
			ps.Check("", ownLevels(r, "."+cp.ID, &cp))
			v.Own = append(v.Own, cp)
			if r.PostFormValue("remove."+cp.ID) != "" {
				v.Removing[cp.ID] = true
				removePractice(after, cp.ID)
				continue
			}
			kept = append(kept, cp)
		}
		after.Custom = kept
		return checkedWhole(ps, func() error { return cardProblems(after) })
	})
}

// handleOwnAdd adds a practice of the person's own.
func (s *Server) handleOwnAdd(w http.ResponseWriter, r *http.Request) {
	s.changeOwn(w, r, func(after *tend.Card, v *ownView) error {
		cp := tend.CustomPractice{Title: formValue(r, "title"), Mode: tend.Mode(r.PostFormValue("mode")),
			Remote: r.PostFormValue("remote") != "", Quick: r.PostFormValue("quick") != ""}
		// Every mistake at once: the form's own, then the card rules'
		// for the practice added.
		var ps tend.Problems
		ps.Check("", ownLevels(r, "", &cp))
		v.New = cp
		if cp.Title == "" {
			ps.Add("title", "name the practice, like “Feed me toast”")
		}
		if !cp.Mode.Valid() {
			ps.Add("mode", "pick one of the three choices")
		}
		if len(after.Custom) >= tend.MaxCustom {
			ps.Add("", "you have %d own practices, the most a profile holds; remove one first", tend.MaxCustom)
		}
		if len(ps) > 0 {
			return ps.Err()
		}
		cp.ID = newCustomID(after, cp.Title)
		after.Custom = append(after.Custom, cp)
		// The card names the new practice by its place in the list.
		place := "custom[" + strconv.Itoa(len(after.Custom)-1) + "]"
		for _, p := range tend.ProblemsOf(cardProblems(after), "") {
			ps = append(ps, tend.Problem{Path: strings.Replace(p.Path, place+".", "new.", 1), Message: p.Message})
		}
		return ps.Err()
	})
}

// ownFields are the own practices page's fields: the levels of each
// practice shown, and the add form's.
func ownFields(own []tend.CustomPractice) []formField {
	var fields []formField
	for _, cp := range own {
		fields = append(fields, formField{Path: "r." + cp.ID, ID: "r." + cp.ID, Label: cp.Title},
			formField{Path: "g." + cp.ID, ID: "g." + cp.ID, Label: cp.Title})
	}
	return append(fields,
		formField{Path: "title", ID: "title", Label: "What is it?"},
		formField{Path: "new.title", ID: "title", Label: "What is it?"},
		formField{Path: "mode", ID: "mode", Label: "Who does it?", Link: "mode-0"},
		formField{Path: "new.mode", ID: "mode", Label: "Who does it?", Link: "mode-0"},
		formField{Path: "r", ID: "r", Label: "How much I want it"},
		formField{Path: "g", ID: "g", Label: "Giving it"})
}

// changeOwn applies change to a copy of the profile and saves it, or
// shows the page again with what was wrong.
func (s *Server) changeOwn(w http.ResponseWriter, r *http.Request, change func(*tend.Card, *ownView) error) {
	p, ok := s.myProfileForm(w, r)
	if !ok {
		return
	}
	after := p.Card.Clone()
	v := s.ownView(r, p.Card)
	err := change(after, v)
	if err == nil {
		var done string
		if done, err = s.saveCard(r, p.Card, after); err == nil {
			redirect(w, r, "/profile/own", done)
			return
		}
	}
	s.formError(w, r, "own", &v.Page, v, err)
}

// ownLevels reads a practice's levels from the fields r<suffix> and
// g<suffix>; a mistake names the field.
func ownLevels(r *http.Request, suffix string, cp *tend.CustomPractice) error {
	rv, gv := tend.Receive(r.PostFormValue("r"+suffix)), tend.Give(r.PostFormValue("g"+suffix))
	var ps tend.Problems
	if rv != "" && !rv.Valid() {
		ps.Add("r"+suffix, "pick one of the choices in the list")
		rv = cp.Receive
	}
	if gv != "" && !gv.Valid() {
		ps.Add("g"+suffix, "pick one of the choices in the list")
		gv = cp.Give
	}
	cp.Receive, cp.Give = rv, gv
	if cp.Mode == tend.Self {
		cp.Give = ""
	}
	return ps.Err()
}

// removePractice takes a removed own practice out of everything else on
// the card that names it.
func removePractice(c *tend.Card, id string) {
	delete(c.Receive, id)
	delete(c.Give, id)
	delete(c.Comments, id)
	for _, o := range c.Encounters {
		delete(o.Receive, id)
		delete(o.Give, id)
	}
}

// newCustomID makes an own practice's id from its title: x-feed-me-toast,
// with a number added when the card already has it.
func newCustomID(c *tend.Card, title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	base := "x-" + strings.Trim(b.String(), "-")
	if base == "x-" {
		base = "x-own"
	}
	taken := map[string]bool{}
	for _, cp := range c.Custom {
		taken[cp.ID] = true
	}
	id := base
	for n := 2; taken[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}
