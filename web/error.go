package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/tendcare/tend"
)

// status maps each error code to its HTTP status.
func status(code string) int {
	switch code {
	case tend.EINVALID:
		return http.StatusBadRequest
	case tend.ENOTFOUND:
		return http.StatusNotFound
	case tend.ECONFLICT:
		return http.StatusConflict
	case tend.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case tend.EFORBIDDEN:
		return http.StatusForbidden
	case ETOOMANY:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// ETOOMANY is the code for throttled requests; the domain has no use for
// it, the web does.
const ETOOMANY = "too_many_requests"

// errorAnswer is what an error tells whoever sent the request. The API
// writes it as JSON, a page shows it or puts it beside its fields:
// answerFor, the one place that reads errors, decides it for both.
type errorAnswer struct {
	Status int
	Code   string
	// Message is the words for the API, naming the field when the
	// error is about one ("time_zone: ..."); generic for internal errors.
	Message string
	// Field is the one field that is wrong (as the API names it), or "".
	Field string
	// Problems are the mistakes to fix, each under its field ("" for
	// the whole): every field of an input checked whole, or the error's
	// one message. None for an error that is not the sender's to fix
	// (internal, not found).
	Problems tend.Problems
	// Header is what the answer sends besides: Retry-After when the
	// sender is to wait.
	Header http.Header
	// Internal marks an error of ours: it is logged, once, and its
	// words never reach anyone.
	Internal bool
}

// answerFor reads err by its type, with errors.As, wherever it is in the
// chain: a throttle, a domain *tend.Error (with its field and problems),
// or anything else, which is internal.
func answerFor(err error) errorAnswer {
	var te *tooMany
	if errors.As(err, &te) {
		return errorAnswer{Status: http.StatusTooManyRequests, Code: ETOOMANY, Message: te.msg,
			Problems: tend.Problems{{Message: te.msg}}, Header: http.Header{"Retry-After": {retryAfter(te.wait)}}}
	}
	code := tend.ErrorCode(err)
	a := errorAnswer{Status: status(code), Code: code, Message: tend.ErrorMessage(err), Internal: code == tend.EINTERNAL}
	var e *tend.Error
	if !errors.As(err, &e) || a.Internal {
		return a
	}
	a.Field = e.Field
	switch {
	case code == tend.ENOTFOUND:
	case len(e.Problems) > 0:
		a.Problems = slices.Clone(e.Problems)
	case e.Message != "":
		a.Problems = tend.Problems{{Path: e.Field, Message: e.Message}}
	default:
		a.Problems = tend.Problems{{Message: a.Message}}
	}
	if a.Field == "" && len(a.Problems) == 1 {
		a.Field = a.Problems[0].Path // a card's one problem
	}
	return a
}

// onField puts an invalid err that names no field of its own under the
// field (a password's rule, under "new"); other errors pass as they are.
func onField(field string, err error) error {
	if tend.ErrorCode(err) != tend.EINVALID {
		return err
	}
	return tend.ProblemsOf(err, field).Err()
}

// apiProblem is one mistake in an API error's "problems".
type apiProblem struct {
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// apiErrorBody is the API's error: {"error": {"code", "message"}}, with
// "field" when one field is wrong and "problems" listing every field
// of an invalid request that names any.
type apiErrorBody struct {
	Error struct {
		Code     string       `json:"code"`
		Message  string       `json:"message"`
		Field    string       `json:"field,omitempty"`
		Problems []apiProblem `json:"problems,omitempty"`
	} `json:"error"`
}

func (a errorAnswer) body() apiErrorBody {
	var b apiErrorBody
	b.Error.Code, b.Error.Message, b.Error.Field = a.Code, a.Message, a.Field
	if a.Code != tend.EINVALID {
		return b
	}
	named := false
	for _, p := range a.Problems {
		named = named || p.Path != ""
		b.Error.Problems = append(b.Error.Problems, apiProblem{Field: p.Path, Message: p.Message})
	}
	if !named {
		b.Error.Problems = nil
	}
	return b
}

// answer writes the answer's headers and logs an internal error.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, err error) errorAnswer {
	a := answerFor(err)
	if a.Internal {
		s.Logger.Error("internal error", "route", r.Pattern, "err", err)
	}
	for k, v := range a.Header {
		w.Header()[k] = v
	}
	return a
}

// apiError writes an error as JSON (see apiErrorBody).
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	a := s.answer(w, r, err)
	writeJSON(w, a.Status, a.body())
}

// writeJSON writes v with the status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

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

// shortQuote quotes a value from a request for a message, cut to a
// length that cannot flood the answer.
func shortQuote(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		return fmt.Sprintf("%q…", string(r[:max]))
	}
	return fmt.Sprintf("%q", s)
}

// tooMany is a throttled request, with how long to wait.
type tooMany struct {
	wait time.Duration
	msg  string
}

func (t *tooMany) Error() string { return t.msg }

// retryAfter is a Retry-After value: whole seconds, rounded up.
func retryAfter(wait time.Duration) string {
	return fmt.Sprint(int(math.Ceil(wait.Seconds())))
}

// noContent answers 204 when err is nil, else the error.
func (s *Server) noContent(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
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
