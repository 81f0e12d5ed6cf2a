package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
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
