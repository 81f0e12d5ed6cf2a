package web

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// testMetricsToken is a metrics token long enough for tend serve.
const testMetricsToken = "metrics-token-0123456789abcdef-0123456789"

// metricsServer is a server on real SQLite with metrics on, served at
// /metrics behind token ("" for none).
func metricsServer(t *testing.T, token string) (*Server, http.Handler) {
	t.Helper()
	s, _ := newAccountServer(t, "open")
	s.Metrics = NewMetrics(prometheus.NewRegistry(), token, nil)
	return s, s.Handler()
}

// scrape asks for /metrics with the token and parses the answer as
// Prometheus does.
func scrape(t *testing.T, h http.Handler, token string) map[string]*dto.MetricFamily {
	t.Helper()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: %d %s", rec.Code, rec.Body)
	}
	return parseMetrics(t, rec.Body)
}

func parseMetrics(t *testing.T, r io.Reader) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(r)
	if err != nil {
		t.Fatalf("the scrape does not parse: %v", err)
	}
	return fams
}

// series finds the family's series with the labels, nil if none.
func series(fams map[string]*dto.MetricFamily, name string, labels map[string]string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
next:
	for _, m := range f.GetMetric() {
		for k, v := range labels {
			found := false
			for _, l := range m.GetLabel() {
				if l.GetName() == k && l.GetValue() == v {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		return m
	}
	return nil
}

// uuidShaped matches an id anywhere in a label value.
var uuidShaped = regexp.MustCompile(`[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}`)

// TestMetricsRequests: after two people's traffic, requests are counted
// by route pattern and status and timed by route; the id in a path, the
// people's names and words are in no label; what no route took is
// "unmatched".
func TestMetricsRequests(t *testing.T) {
	_, h := metricsServer(t, testMetricsToken)
	const (
		samName  = "Wren Quillfeather"
		alexName = "Juniper Ashgrove"
		canary   = "canary-note-7Q2"
		circle   = "canary-circle-K9"
	)
	st, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup",
		body: `{"display_name": "` + samName + `", "username": "wrenq", "password": "correct horse battery"}`})
	if st != http.StatusCreated {
		t.Fatalf("signup: %d %v", st, out)
	}
	sam := out["token"].(string)
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/signup",
		body: `{"display_name": "` + alexName + `", "username": "junipera", "password": "another good password"}`})
	alex := out["token"].(string)
	if st, _, _ := do(t, h, call{method: "PUT", path: "/api/v1/profile", token: sam,
		body: `{"receive": {"water": "need"}, "notes": ["` + canary + `"]}`}); st != http.StatusOK {
		t.Fatalf("profile: %d", st)
	}
	_, out, _ = do(t, h, call{method: "POST", path: "/api/v1/circles", token: sam, body: `{"name": "` + circle + `"}`})
	id := out["circle"].(map[string]any)["id"].(string)
	if st, _, _ := do(t, h, call{method: "GET", path: "/api/v1/circles/" + id, token: sam}); st != http.StatusOK {
		t.Fatalf("Sam's circle: %d", st)
	}
	if st, _, _ := do(t, h, call{method: "GET", path: "/api/v1/circles/" + id, token: alex}); st != http.StatusNotFound {
		t.Fatalf("Sam's circle as Alex: %d", st)
	}
	req := httptest.NewRequest("GET", "/people/wrenq/"+canary, nil)
	h.ServeHTTP(httptest.NewRecorder(), req)
	req = httptest.NewRequest("PATCH", "/nowhere/"+id, nil)
	h.ServeHTTP(httptest.NewRecorder(), req)

	fams := scrape(t, h, testMetricsToken)
	for _, want := range []struct {
		name   string
		labels map[string]string
		count  float64
	}{
		{"tend_http_requests_total", map[string]string{"route": "POST /api/v1/signup", "status": "201"}, 2},
		{"tend_http_requests_total", map[string]string{"route": "GET /api/v1/circles/{id}", "status": "200"}, 1},
		{"tend_http_requests_total", map[string]string{"route": "GET /api/v1/circles/{id}", "status": "404"}, 1},
		{"tend_http_requests_total", map[string]string{"route": "GET /", "status": "404"}, 1},
		{"tend_http_requests_total", map[string]string{"route": "unmatched", "status": "405"}, 1},
		{"tend_http_request_duration_seconds", map[string]string{"route": "GET /api/v1/circles/{id}"}, 2},
		{"tend_http_request_duration_seconds", map[string]string{"route": "PUT /api/v1/profile"}, 1},
	} {
		m := series(fams, want.name, want.labels)
		var got float64
		switch {
		case m == nil:
		case m.GetCounter() != nil:
			got = m.GetCounter().GetValue()
		case m.GetHistogram() != nil:
			got = float64(m.GetHistogram().GetSampleCount())
		}
		if got != want.count {
			t.Errorf("%s%v: %v, want %v", want.name, want.labels, got, want.count)
		}
	}
	for _, name := range []string{"tend_live_screens_open", "tend_inbox_streams_open"} {
		if fams[name] == nil || fams[name].GetType() != dto.MetricType_GAUGE {
			t.Errorf("%s: missing, or not a gauge", name)
		}
	}
	private := []string{"wrenq", "junipera", samName, alexName, "Wren", "Juniper", canary, circle, id, sam, alex}
	for name, f := range fams {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				v := l.GetValue()
				if uuidShaped.MatchString(v) {
					t.Errorf("%s: label %s=%q holds an id", name, l.GetName(), v)
				}
				for _, p := range private {
					if strings.Contains(strings.ToLower(v), strings.ToLower(p)) {
						t.Errorf("%s: label %s=%q holds %q", name, l.GetName(), v, p)
					}
				}
			}
		}
	}
}

// TestMetricsToken: /metrics on the server's listener wants the token,
// and answers 401 as the API does without it, with a wrong one or with
// a person's API token; with no token set it is not found, as any
// unknown path is.
func TestMetricsToken(t *testing.T) {
	_, h := metricsServer(t, testMetricsToken)
	_, out, _ := do(t, h, call{method: "POST", path: "/api/v1/signup", body: samSignup})
	person := out["token"].(string)
	for _, auth := range []string{"", "Bearer", "Bearer ", "Bearer wrong", "Bearer " + testMetricsToken + "x",
		"Basic " + testMetricsToken, "Bearer " + person, testMetricsToken} {
		req := httptest.NewRequest("GET", "/metrics", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var body map[string]any
		json.Unmarshal(rec.Body.Bytes(), &body)
		code, _ := errorOf(body)
		if rec.Code != http.StatusUnauthorized || code != "unauthorized" || rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("Authorization %q: %d %q %q", auth, rec.Code, code, rec.Body)
		}
	}
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Authorization", "bearer "+testMetricsToken)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("with the token: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}

	unknown := func(h http.Handler, path string) (int, string) {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+testMetricsToken)
		req.Header.Set("Accept", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, strings.ReplaceAll(rec.Body.String(), path, "PATH")
	}
	_, noToken := metricsServer(t, "")
	off, _ := newAccountServer(t, "open")
	for name, h := range map[string]http.Handler{"metrics without a token": noToken, "metrics off": off.Handler()} {
		st, body := unknown(h, "/metrics")
		wantSt, wantBody := unknown(h, "/metricz")
		if st != http.StatusNotFound || st != wantSt || body != wantBody {
			t.Errorf("%s: /metrics answers %d %q; an unknown path %d %q", name, st, body, wantSt, wantBody)
		}
	}
}

// TestMetricsStreams: an event stream is counted when it opens and is
// never in the latency histogram; the open inbox streams are a gauge.
func TestMetricsStreams(t *testing.T) {
	s, h := metricsServer(t, testMetricsToken)
	sam, _ := people(t, s, h)
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/inbox/events", nil)
	req.Header.Set("Authorization", "Bearer "+sam)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if _, err := bufio.NewReader(res.Body).ReadString('\n'); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the stream: %d %v", res.StatusCode, err)
	}
	const route = "GET /api/v1/inbox/events"
	var fams map[string]*dto.MetricFamily
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		fams = scrape(t, h, testMetricsToken)
		if series(fams, "tend_http_requests_total", map[string]string{"route": route}) != nil {
			break
		}
	}
	if m := series(fams, "tend_http_requests_total", map[string]string{"route": route, "status": "200"}); m.GetCounter().GetValue() != 1 {
		t.Errorf("the stream was not counted once: %v", m)
	}
	if m := series(fams, "tend_http_request_duration_seconds", map[string]string{"route": route}); m != nil {
		t.Errorf("the stream is in the latency histogram: %v", m)
	}
	if g := fams["tend_inbox_streams_open"].GetMetric(); len(g) != 1 || g[0].GetGauge().GetValue() != 1 {
		t.Errorf("open inbox streams: %v, want 1", g)
	}
	if g := fams["tend_live_screens_open"].GetMetric(); len(g) != 1 || g[0].GetGauge().GetValue() != 0 {
		t.Errorf("open live screens: %v, want 0", g)
	}
}

// TestMetricsObserveAllocs: once a route has answered with a status,
// counting and timing it again allocates nothing.
func TestMetricsObserveAllocs(t *testing.T) {
	s, _ := metricsServer(t, "")
	m := s.Metrics
	m.observe("GET /api/v1/profile", 200, time.Millisecond)
	if n := testing.AllocsPerRun(100, func() { m.observe("GET /api/v1/profile", 200, time.Millisecond) }); n != 0 {
		t.Errorf("%v allocations a request", n)
	}
	var off *Metrics
	off.observe("GET /api/v1/profile", 200, time.Millisecond) // metrics off: nothing, no panic
}
