package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tendcare/tend"
)

// A form that comes back with mistakes shows all of them at once, in the
// pattern screen reader users know from public-service sites: a summary
// at the top that takes the focus, listing each mistake as a link to its
// field, and beside each field its own message, tied to it by
// aria-describedby, with the field marked aria-invalid.

// formField is one field of a page's forms. Path is the field's name in
// a problem (the API's name, "display_name"; a card's path, "notes"), ID
// the id of its element, Label the words the person sees. For a group of
// radio buttons or boxes, ID is the fieldset's and Link the first
// input's: the summary's link goes to something that takes the focus.
// The page's own list is the only place labels come from: a problem of
// a field the page does not list is said in its own words, without one.
type formField struct {
	Path, ID, Label, Link string
}

// fieldProblem is one mistake as the page shows it. ID is "" for a
// mistake of the whole form, which has no field to go beside.
type fieldProblem struct {
	ID, Link, Label, Message string
}

// fieldState is what a field's markup needs: its mistakes, if any, and
// the ids that describe it (the mistakes first, then the hints).
type fieldState struct {
	ID       string
	Messages []string
	Describe string
}

// Field is the state of the field with the id, for the "field-aria" and
// "field-error" parts; hints are the ids of its hints.
func (p page) Field(id string, hints ...string) fieldState {
	st := fieldState{ID: id}
	for _, pr := range p.Problems {
		if pr.ID == id {
			st.Messages = append(st.Messages, pr.Message)
		}
	}
	if len(st.Messages) > 0 {
		hints = append([]string{id + "-error"}, hints...)
	}
	st.Describe = strings.Join(hints, " ")
	return st
}

// formProblems lists the mistakes err says the person can fix: every
// problem of a checked input or card, each under its field, or its one
// message; none for an error that is not theirs (see answerFor).
func formProblems(err error) tend.Problems {
	if err == nil {
		return nil
	}
	return answerFor(err).Problems
}

// placeProblems puts each problem beside the field it names, in the
// order of the fields on the page; problems of no field (or of one the
// page does not list) come first, in their own words, never with an
// API name. Fields may share an element (a card's path and a form's
// name for one select).
func placeProblems(ps tend.Problems, fields []formField) []fieldProblem {
	var general []fieldProblem
	byID := map[string][]fieldProblem{}
	for _, pr := range ps {
		// A card's lists are lines in a text box on a page.
		msg := strings.Replace(pr.Message, " entries; the limit is ", " lines; the most is ", 1)
		i, where := matchField(pr.Path, fields)
		if i < 0 {
			general = append(general, fieldProblem{Message: capitalize(msg)})
			continue
		}
		f := fields[i]
		link := f.Link
		if link == "" {
			link = f.ID
		}
		byID[f.ID] = append(byID[f.ID], fieldProblem{ID: f.ID, Link: link, Label: f.Label, Message: where + msg})
	}
	out := general
	for _, f := range fields {
		out = append(out, byID[f.ID]...)
		delete(byID, f.ID)
	}
	return out
}

// matchField finds the field a problem's path names: the field itself
// ("notes"), or a line of it ("notes[2]", said as "line 3: "), or a part
// of it ("drop.helps" under "drop" when the page has no field of its own
// for it). It returns -1 when no field matches.
func matchField(path string, fields []formField) (int, string) {
	if path == "" {
		return -1, ""
	}
	best, where := -1, ""
	for i, f := range fields {
		switch {
		case f.Path == path:
			return i, ""
		case strings.HasPrefix(path, f.Path+"["):
			n, _, _ := strings.Cut(path[len(f.Path)+1:], "]")
			if k, err := strconv.Atoi(n); err == nil && best < 0 {
				best, where = i, "line "+strconv.Itoa(k+1)+": "
			}
		case strings.HasPrefix(path, f.Path+".") && best < 0:
			best = i
		}
	}
	return best, where
}

// capitalize starts s with a capital letter.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// formError shows the form again with what was wrong, or the error page
// when the problem is not the form's. The page's Fields say where each
// mistake goes.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, name string, p *page, view any, err error) {
	a := answerFor(err)
	if len(a.Problems) == 0 {
		s.pageError(w, r, err)
		return
	}
	s.answer(w, r, err)
	p.Problems = placeProblems(a.Problems, p.Fields)
	p.Scripts = append(p.Scripts, "js/formproblems.js")
	s.render(w, r, a.Status, name, view)
}

// checkedWhole adds the problems of a validation to those of reading
// the form, one message a field: all the mistakes at once.
func checkedWhole(ps tend.Problems, validate func() error) error {
	for _, p := range tend.ProblemsOf(validate(), "") {
		if ps.Field(p.Path) == "" {
			ps = append(ps, p)
		}
	}
	return ps.Err()
}
