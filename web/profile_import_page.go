package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/tendcare/tend"
)

// importPageRoutes import a card file as the profile.
func (s *Server) importPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/profile/import", access: sessionOnly, page: true, handle: s.handleImportPage},
		{method: "POST", pattern: "/profile/import", access: sessionOnly, page: true, handle: s.handleImportForm},
	}
}

type importView struct {
	Page page
	// Card is the card file's text, carried from the preview to the
	// confirmation.
	Card     string
	Changes  []changeRow
	Warnings []string
	Preview  bool
	// Version is the profile version the preview was made against.
	Version int
}

// importFields are the import form's two fields: every problem of the
// card goes beside its text, which comes back in the form to fix (an
// uploaded file's too).
var importFields = []formField{
	{Path: "file", ID: "file", Label: "Card file"},
	{Path: "card", ID: "card", Label: "The card's text"},
}

func (s *Server) importView(r *http.Request) *importView {
	v := &importView{Page: s.base(r, "Import a card", "profile")}
	v.Page.Fields = importFields
	return v
}

func (s *Server) handleImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "import", s.importView(r))
}

// cardTextProblems says where in the card's text each problem is: a
// problem of a field names the field as the file does ("at “notes[2]”"),
// one of the text itself has its line and column already.
func cardTextProblems(err error) error {
	ps := formProblems(err)
	if len(ps) == 0 {
		return err
	}
	out := make(tend.Problems, 0, len(ps))
	for _, p := range ps {
		msg := p.Message
		if p.Path != "" {
			msg = "at “" + p.Path + "”: " + msg
		}
		out = append(out, tend.Problem{Path: "card", Message: msg})
	}
	e := out.Err().(*tend.Error)
	e.Code = tend.ErrorCode(err)
	return e
}

// handleImportForm previews a card file (uploaded or pasted) against the
// profile, or, once confirmed, saves it as the newest version.
func (s *Server) handleImportForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	v := s.importView(r)
	data, err := importedCard(w, r)
	if err != nil {
		s.formError(w, r, "import", &v.Page, v, err)
		return
	}
	v.Card = string(data)
	c, warns, err := s.parseCard(data, me.DisplayName)
	if err == nil && c.Expired(s.Now()) {
		err = tend.Errorf(tend.EINVALID, "this card expired on %s; it is not imported", c.Expires.Format("2 January 2006"))
	}
	if err != nil {
		// The text comes back in the form to fix, escaped like any text.
		s.formError(w, r, "import", &v.Page, v, cardTextProblems(err))
		return
	}
	cur, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	// A confirmation saves what the preview showed: if the profile
	// changed since (on another device), the new changes are shown first.
	seen, _ := strconv.Atoi(r.PostFormValue("version"))
	if r.PostFormValue("confirm") == "" || seen != cur.Version {
		v.Preview, v.Changes, v.Warnings = true, s.describeChanges(cur.Card, c), problemsJSON(warns)
		v.Version = cur.Version
		v.Page.Title = "Check the changes"
		if r.PostFormValue("confirm") != "" {
			v.Page.Flash = "Your profile changed since you looked. Here is what importing would change now."
		}
		s.render(w, r, http.StatusOK, "import", v)
		return
	}
	done, err := s.saveCard(r, cur.Card, c)
	if err != nil {
		s.formError(w, r, "import", &v.Page, v, cardTextProblems(err))
		return
	}
	if done == "saved" {
		done = "imported"
	}
	redirect(w, r, "/profile", done)
}

// importedCard reads the card file from the form: an uploaded file, or
// the text pasted (or carried from the preview) in "card".
func importedCard(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, tend.MaxCardBytes*2+64<<10)
	if err := r.ParseMultipartForm(tend.MaxCardBytes * 2); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tend.FieldErrorf("file", "that file is too large: a card is at most %d KiB", tend.MaxCardBytes>>10)
		}
		return nil, tend.FieldErrorf("file", "the form could not be read; choose the file again")
	} else if err != nil {
		if err := r.ParseForm(); err != nil {
			return nil, tend.FieldErrorf("file", "the form could not be read; choose the file again")
		}
	}
	if f, _, err := r.FormFile("file"); err == nil {
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, tend.MaxCardBytes+1))
		if err != nil {
			return nil, tend.FieldErrorf("file", "the file could not be read; choose it again")
		}
		if len(data) > tend.MaxCardBytes {
			return nil, tend.FieldErrorf("file", "that file is too large: a card is at most %d KiB", tend.MaxCardBytes>>10)
		}
		if len(data) > 0 {
			return data, nil
		}
	}
	text := r.PostFormValue("card")
	if text == "" {
		return nil, tend.FieldErrorf("file", "choose a card file (it ends in .json), or paste its text below")
	}
	if len(text) > tend.MaxCardBytes {
		return nil, tend.FieldErrorf("card", "that card is too large: a card is at most %d KiB", tend.MaxCardBytes>>10)
	}
	return []byte(text), nil
}
