package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tendcare/tend"
)

// Writing answers: JSON, no content, a redirect after a form, a file to
// download. Errors are answered in error.go (apiError) and page.go
// (pageError).

// writeJSON writes v with the status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// noContent answers 204 when err is nil, else the error.
func (s *Server) noContent(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// marshalJSON is json.Marshal as writeJSON writes: no HTML escaping.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// redirect sends the browser on after a form, with a fixed message to
// show (one of flashes).
func redirect(w http.ResponseWriter, r *http.Request, to, done string) {
	if done != "" {
		sep := "?"
		if strings.Contains(to, "?") {
			sep = "&"
		}
		to += sep + "done=" + url.QueryEscape(done)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// writeCardFile answers with a card to download as a tend.card/v1 file,
// made now.
func (s *Server) writeCardFile(w http.ResponseWriter, r *http.Request, c *tend.Card, name string) {
	c.Created = s.Now().UTC().Truncate(time.Second)
	data, err := tend.MarshalCard(c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	attachment(w, name)
	w.Write(data)
}

// attachment marks the answer as a file to save under the name, rather
// than to show.
func attachment(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
}
