package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tendcare/tend"
)

// Reading requests: JSON bodies, forms, the path's and the query's
// values, and who is asking. Every reader answers a mistake with what to
// fix, as a tend.Error.

// personID is the signed-in person's id, from the request's context (the
// route table's wrappers put the person there).
func personID(r *http.Request) string { return tend.PersonFromContext(r.Context()).ID }

// maxBody is the largest JSON request body accepted.
const maxBody = 256 << 10

// decode reads a JSON request body strictly: declared as JSON, one
// object, known fields, bounded size; every mistake answered with what to
// fix.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return tend.Errorf(tend.EINVALID, "the body is larger than %d KiB", maxBody>>10)
	case err != nil:
		return tend.Errorf(tend.EINVALID, "the body could not be read; send it again")
	}
	if at := tend.InvalidJSONText(body); at >= 0 {
		return tend.Errorf(tend.EINVALID, "the body is not valid UTF-8 text (at byte %d); send text as UTF-8, and \\u escapes as whole pairs", at)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var ute *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF):
			return tend.Errorf(tend.EINVALID, "the body is empty; send a JSON object")
		case errors.As(err, &se):
			return tend.Errorf(tend.EINVALID, "the body is not valid JSON (at byte %d)", se.Offset)
		case errors.As(err, &ute):
			if ute.Field == "" {
				return tend.Errorf(tend.EINVALID, "the body must be %s, not %s", jsonWord(ute.Type), ute.Value)
			}
			return tend.FieldErrorf(ute.Field, "must be %s, not %s", jsonWord(ute.Type), ute.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return tend.Errorf(tend.EINVALID, "%s is not a field here; check the spelling", strings.TrimPrefix(err.Error(), "json: unknown field "))
		}
		return tend.Errorf(tend.EINVALID, "the body could not be read as JSON: %v", err)
	}
	if dec.More() {
		return tend.Errorf(tend.EINVALID, "send one JSON object, nothing after it")
	}
	return nil
}

// requireJSON checks that a request says its body is JSON. Media types
// are case-insensitive and may carry parameters ("Application/JSON;
// charset=UTF-8" is JSON); a charset, if given, must be UTF-8, the only
// encoding JSON has. A missing Content-Type is refused rather than
// guessed, so that a client learns on its first request, not from a proxy
// or a stricter server later, that it leaves out a header the API needs.
func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if strings.TrimSpace(ct) == "" {
		return tend.Errorf(tend.EINVALID, "the Content-Type header is missing; send the body as JSON with Content-Type: application/json")
	}
	mt, params, err := mime.ParseMediaType(ct)
	switch {
	case err != nil:
		return tend.Errorf(tend.EINVALID, "Content-Type %s cannot be read as a media type; send Content-Type: application/json", shortQuote(ct))
	case mt != "application/json":
		return tend.Errorf(tend.EINVALID, "Content-Type %s is not JSON; send the body as JSON with Content-Type: application/json", shortQuote(mt))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return tend.Errorf(tend.EINVALID, "charset %s: JSON is sent as UTF-8; send charset=utf-8 or no charset", shortQuote(cs))
	}
	return nil
}

// jsonWord says what JSON a Go type is read from, in the words of the
// API's documentation, not Go's ("a list", not "[]tend.Scope").
func jsonWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list [...] of " + strings.TrimPrefix(jsonWord(t.Elem()), "a ")
	case reflect.Map, reflect.Struct:
		return "an object {...}"
	case reflect.Pointer:
		return jsonWord(t.Elem())
	}
	return "something else"
}

// shortQuote quotes a value from a request for a message, cut to a
// length that cannot flood the answer.
func shortQuote(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		return fmt.Sprintf("%q…", string(r[:max]))
	}
	return fmt.Sprintf("%q", s)
}

// readBody reads a JSON request body whole, bounded as decode bounds it,
// for a parser of its own.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if err := requireJSON(r); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return nil, tend.Errorf(tend.EINVALID, "the body is larger than %d KiB", maxBody>>10)
	case err != nil:
		return nil, err
	case len(strings.TrimSpace(string(b))) == 0:
		return nil, tend.Errorf(tend.EINVALID, "the body is empty; send a JSON object")
	}
	return b, nil
}

// formValue reads a trimmed form field.
func formValue(r *http.Request, name string) string { return strings.TrimSpace(r.PostFormValue(name)) }

// parseForm reads a form body of bounded size.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		return tend.Errorf(tend.EINVALID, "the form could not be read; reload the page and try again")
	}
	if !validUTF8(r.PostForm) {
		return tend.Errorf(tend.EINVALID, "the form held text that is not UTF-8, which Tend does not guess at; type it again, or paste it from somewhere else")
	}
	return nil
}

// validUTF8 reports whether every name and value is UTF-8 text: a form
// or an address decodes percent escapes to any bytes, and what is not
// text is refused, never repaired into something else.
func validUTF8(vals url.Values) bool {
	for k, vs := range vals {
		if !utf8.ValidString(k) {
			return false
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return false
			}
		}
	}
	return true
}

// utf8Query refuses a request whose address's query is not UTF-8 text
// (a search, a visitor's name), before any page shows it back.
func (s *Server) utf8Query(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			q, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil || !validUTF8(q) {
				s.fail(w, r, tend.Errorf(tend.EINVALID, "this address holds text that is not UTF-8, or cannot be read; check the link"))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// safeNext is a local path to go to after signing in, or "/". Browsers
// drop tabs and newlines from addresses and read "\\" as "/", so a path
// with any of them, or one that parses with a scheme or host, is refused.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/api/") ||
		strings.IndexFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) >= 0 {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

// boolParam reads a true-or-false query parameter: false when absent.
func boolParam(r *http.Request, name string) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, tend.FieldErrorf(name, "use true or false, not %q", v)
	}
	return b, nil
}

// versionParam reads the {version} of the path; anything but a version
// number answers like a missing version.
func versionParam(r *http.Request) (int, error) {
	v, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || v < 1 {
		return 0, tend.Errorf(tend.ENOTFOUND, "there is no such version")
	}
	return v, nil
}

// afterParam reads a signal number from the query: 0 when absent.
func afterParam(r *http.Request) (int64, error) {
	v := r.URL.Query().Get("after")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, tend.FieldErrorf("after", "give the number of the last signal you have (not %q), or leave it out", v)
	}
	return n, nil
}

// origin is where people reach this server: the public URL, else the
// address this request came to.
func (s *Server) origin(r *http.Request) string {
	if s.PublicURL != "" {
		return s.PublicURL
	}
	if s.secure(r) {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}
