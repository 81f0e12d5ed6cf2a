package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// operation is what the tests read of one documented operation.
type operation struct {
	OperationID string          `json:"operationId"`
	Summary     string          `json:"summary"`
	Description string          `json:"description"`
	Tags        []string        `json:"tags"`
	RequestBody json.RawMessage `json:"requestBody"`
	Parameters  []struct {
		Name, In string
		Required bool
	} `json:"parameters"`
	Responses map[string]struct {
		Ref string `json:"$ref"`
	} `json:"responses"`
}

// apiDocument is what the tests read of openapi.json.
type apiDocument struct {
	Tags       []struct{ Name, Description string } `json:"tags"`
	Paths      map[string]map[string]operation      `json:"paths"`
	Components struct {
		Responses map[string]struct {
			Description string
			Headers     map[string]json.RawMessage
		} `json:"responses"`
	} `json:"components"`
}

func readAPIDocument(t *testing.T) apiDocument {
	t.Helper()
	var doc apiDocument
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// statuses are the statuses an operation documents.
func (o operation) statuses() []int {
	var out []int
	for code := range o.Responses {
		n, _ := strconv.Atoi(code)
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func (o operation) has(status int) bool { return slices.Contains(o.statuses(), status) }

// The few operations whose 400, 401 or 429 do not follow from their
// route: each with the reason, so that a new one is a decision.
var (
	// badRequestWithoutInput answer 400 with no body or query to blame.
	badRequestWithoutInput = map[string]string{
		"POST /api/v1/passkeys/register/begin":         "passkeys need the server reached by a host name",
		"POST /api/v1/signin/passkey/begin":            "passkeys need the server reached by a host name",
		"DELETE /api/v1/circles/{id}/members/{member}": "removing yourself: leave instead",
		"GET /api/v1/encounters/{id}/plan":             "two members with the same name",
	}
	// publicUnauthorized are public, yet answer 401: the sign-ins.
	publicUnauthorized = []string{"POST /api/v1/signin", "POST /api/v1/signin/passkey/finish"}
	// throttled check a password or a passkey, and so count tries.
	throttled = []string{"POST /api/v1/signin", "POST /api/v1/signin/passkey/finish", "POST /api/v1/password", "POST /api/v1/confirm"}
	// notFoundWithoutPath name an object in their body.
	notFoundWithoutPath = []string{"POST /api/v1/encounters"}
)

// TestOpenAPIErrorStatuses checks each operation's documented error
// statuses against what its route implies, both ways: a route needing
// sign-in documents 401, a session-only route and every state-changing
// one (refused cross-site) 403, a route naming an object 404, one with a
// body 400; and none documents a status nothing can make it answer.
func TestOpenAPIErrorStatuses(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	doc := readAPIDocument(t)
	for _, rt := range s.routes() {
		if !strings.HasPrefix(rt.pattern, "/api/v1/") || rt.pattern == "/api/v1/openapi.json" {
			continue
		}
		key := rt.method + " " + rt.pattern
		op, ok := doc.Paths[rt.pattern][strings.ToLower(rt.method)]
		if !ok {
			continue // TestOpenAPI reports it
		}
		hasQuery := false
		for _, p := range op.Parameters {
			hasQuery = hasQuery || p.In == "query" || p.In == "header"
		}
		rules := []struct {
			status    int
			needed    bool // the route implies it
			allowed   bool // something can make the route answer it
			why, what string
		}{
			{400, op.RequestBody != nil, op.RequestBody != nil || hasQuery || badRequestWithoutInput[key] != "",
				"it takes a body", "it has no body or query, and is not in badRequestWithoutInput"},
			{401, rt.access != public || slices.Contains(publicUnauthorized, key), rt.access != public || slices.Contains(publicUnauthorized, key),
				"it needs sign-in (or is one)", "it is public"},
			{403, rt.access == sessionOnly || rt.method != "GET", rt.access == sessionOnly || rt.method != "GET",
				"API tokens or other sites are refused", "it is a GET open to API tokens"},
			{404, strings.Contains(rt.pattern, "{"), strings.Contains(rt.pattern, "{") || slices.Contains(notFoundWithoutPath, key),
				"it names an object", "it names no object"},
			{409, false, rt.method != "GET", "", "a GET changes nothing"},
			{429, slices.Contains(throttled, key), slices.Contains(throttled, key), "it checks a password or passkey", "it counts no tries"},
			{500, true, true, "anything can fail", ""},
		}
		for _, r := range rules {
			switch has := op.has(r.status); {
			case r.needed && !has:
				t.Errorf("%s: documents no %d, but %s", key, r.status, r.why)
			case has && !r.allowed:
				t.Errorf("%s: documents %d, but %s", key, r.status, r.what)
			}
		}
		twoXX := 0
		for _, st := range op.statuses() {
			if st >= 200 && st < 300 {
				twoXX++
			} else if !slices.Contains([]int{400, 401, 403, 404, 409, 429, 500}, st) {
				t.Errorf("%s: documents %d, which the API never answers", key, st)
			}
		}
		if twoXX != 1 {
			t.Errorf("%s: documents %d successes, want 1", key, twoXX)
		}
	}
	if h := doc.Components.Responses["TooManyRequests"].Headers["Retry-After"]; h == nil {
		t.Errorf("the 429 answer does not document Retry-After")
	}
	for _, key := range throttled {
		method, path, _ := strings.Cut(key, " ")
		if ref := doc.Paths[path][strings.ToLower(method)].Responses["429"].Ref; ref != "#/components/responses/TooManyRequests" {
			t.Errorf("%s: its 429 is %q, not the one with Retry-After", key, ref)
		}
	}
}

// probe sends one request and returns the status, the body and the
// Retry-After header. A live stream is cut after a moment.
func probe(t *testing.T, h http.Handler, method, path, token, contentType, body, site string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if site != "" {
		req.Header.Set("Sec-Fetch-Site", site)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header().Get("Retry-After")
}
