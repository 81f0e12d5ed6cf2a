package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/tendcare/tend"
)

// metricsToken is a metrics token tend serve takes.
const metricsToken = "0123456789abcdefghijklmnopqrstuvwxyzABCD"

// parseScrape parses a scrape as Prometheus does.
func parseScrape(t *testing.T, r io.Reader) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(r)
	if err != nil {
		t.Fatalf("the scrape does not parse: %v", err)
	}
	return fams
}

// getScrape scrapes url, with the bearer token unless empty.
func getScrape(t *testing.T, url, token string) map[string]*dto.MetricFamily {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("scrape %s: %d %s", url, res.StatusCode, b)
	}
	return parseScrape(t, res.Body)
}

// value is the value of the family's series with the labels: a
// counter's or gauge's, a histogram's count; -1 if there is none.
func value(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
next:
	for _, m := range fams[name].GetMetric() {
		for k, v := range labels {
			found := false
			for _, l := range m.GetLabel() {
				found = found || l.GetName() == k && l.GetValue() == v
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue()
		case m.Gauge != nil:
			return m.GetGauge().GetValue()
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount())
		}
	}
	return -1
}

// apiJSON sends a JSON request to the running server.
func apiJSON(t *testing.T, method, url, token, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// uuidShaped matches an id anywhere in a label value.
var uuidShaped = regexp.MustCompile(`[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}`)

// TestMetricsScrape runs tend serve with metrics on both ways, and JSON
// logs: after two people's traffic (signing up, a profile saved, a
// circle named by its id, a 404 on the other's, a live screen, an inbox
// stream, a webhook's test delivery) every family is in the scrape of
// each listener; no label holds a username, a name, an id or anything
// written; the metrics' own listener serves /metrics alone; every log
// line is JSON.
func TestMetricsScrape(t *testing.T) {
	receiver := &hook{}
	hs := httptest.NewServer(receiver)
	defer hs.Close()
	c := Config{Addr: "127.0.0.1:0", MetricsAddr: "127.0.0.1:0", MetricsToken: metricsToken, DataDir: t.TempDir(),
		Signup: "open", LogFormat: "json", LogLevel: "info", Jobs: true, Migrate: true, AllowPrivateWebhooks: true}
	var logs syncBuffer
	e, _, _ := testEnv(nil)
	e.Stderr = &logs
	m := &Main{Config: c, Logger: c.logger(e)}
	if err := m.Open(context.Background(), e); err != nil {
		t.Fatalf("Open: %v\n%s", err, logs.String())
	}
	go m.Server.Serve()
	defer m.Close()
	base := "http://" + m.Server.Addr().String()

	const (
		samName, alexName = "Wren Quillfeather", "Juniper Ashgrove"
		samUser, alexUser = "wrenq", "junipera"
		canary, circle    = "canary-note-7Q2", "canary-circle-K9"
	)
	st, out := apiJSON(t, "POST", base+"/api/v1/signup", "", `{"display_name": "`+samName+`", "username": "`+samUser+`", "password": "correct horse battery"}`)
	if st != http.StatusCreated {
		t.Fatalf("signup: %d %v", st, out)
	}
	sam := out["token"].(string)
	samID := out["person"].(map[string]any)["id"].(string)
	_, out = apiJSON(t, "POST", base+"/api/v1/signup", "", `{"display_name": "`+alexName+`", "username": "`+alexUser+`", "password": "another good password"}`)
	alex := out["token"].(string)
	if st, out := apiJSON(t, "PUT", base+"/api/v1/profile", sam, `{"receive": {"water": "need"}, "notes": ["`+canary+`"]}`); st != http.StatusOK {
		t.Fatalf("profile: %d %v", st, out)
	}
	_, out = apiJSON(t, "POST", base+"/api/v1/circles", sam, `{"name": "`+circle+`"}`)
	circleID := out["circle"].(map[string]any)["id"].(string)
	if st, _ := apiJSON(t, "GET", base+"/api/v1/circles/"+circleID, alex, ""); st != http.StatusNotFound {
		t.Fatalf("Sam's circle as Alex: %d", st)
	}
	_, out = apiJSON(t, "POST", base+"/api/v1/channels", sam, `{"type": "webhook", "address": "`+hs.URL+`/`+canary+`", "notices": ["followup"]}`)
	hookID := out["channel"].(map[string]any)["id"].(string)
	if st, out := apiJSON(t, "POST", base+"/api/v1/channels/"+hookID+"/test", sam, ""); st >= 300 {
		t.Fatalf("test delivery: %d %v", st, out)
	}
	until(t, "the test delivery", func() bool { return receiver.count() == 1 })
	e2, err := m.DB.CreateEncounter(context.Background(), samID, tend.NewEncounter{Kind: tend.Solo})
	if err != nil {
		t.Fatal(err)
	}
	openEvents(t, base, e2.ID, sam, "")
	inbox, _ := http.NewRequest("GET", base+"/api/v1/inbox/events", nil)
	inbox.Header.Set("Authorization", "Bearer "+alex)
	res, err := http.DefaultClient.Do(inbox)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	bufio.NewReader(res.Body).ReadString('\n')

	own := "http://" + m.MetricsAddr().String()
	var fams map[string]*dto.MetricFamily
	until(t, "the delivery counted, and its job completed", func() bool {
		fams = getScrape(t, own+"/metrics", "")
		return value(fams, "tend_deliveries_total", map[string]string{"channel_type": "webhook", "result": "sent"}) == 1 &&
			value(fams, "tend_jobs", map[string]string{"queue": "deliveries", "state": "completed"}) == 1
	})
	for _, want := range []struct {
		name   string
		labels map[string]string
		min    float64
	}{
		{"tend_http_requests_total", map[string]string{"route": "POST /api/v1/signup", "status": "201"}, 2},
		{"tend_http_requests_total", map[string]string{"route": "GET /api/v1/circles/{id}", "status": "404"}, 1},
		{"tend_http_requests_total", map[string]string{"route": "GET /api/v1/encounters/{id}/events", "status": "200"}, 1},
		{"tend_http_request_duration_seconds", map[string]string{"route": "PUT /api/v1/profile"}, 1},
		{"tend_live_screens_open", nil, 1},
		{"tend_inbox_streams_open", nil, 1},
		{"tend_jobs", map[string]string{"queue": "deliveries", "state": "completed"}, 1},
		{"tend_jobs", map[string]string{"queue": "default", "state": "retryable"}, 0},
		{"tend_jobs", map[string]string{"queue": "deliveries", "state": "discarded"}, 0},
		{"tend_jobs_scrape_errors_total", nil, 0},
		{"tend_deliveries_total", map[string]string{"channel_type": "email", "result": "permanent_failure"}, 0},
		{"go_sql_open_connections", map[string]string{"pool": "write", "db_name": "tend"}, 1},
		{"go_sql_max_open_connections", map[string]string{"pool": "read", "db_name": "tend"}, 1},
		{"go_goroutines", nil, 1},
		{"process_resident_memory_bytes", nil, 1},
	} {
		if got := value(fams, want.name, want.labels); got < want.min {
			t.Errorf("%s%v: %v, want at least %v", want.name, want.labels, got, want.min)
		}
	}
	if got := value(fams, "tend_http_request_duration_seconds", map[string]string{"route": "GET /api/v1/encounters/{id}/events"}); got != -1 {
		t.Errorf("a live screen is in the latency histogram (%v)", got)
	}

	// The same families on the server's listener, to the token.
	viaToken := getScrape(t, base+"/metrics", metricsToken)
	for name := range fams {
		if viaToken[name] == nil {
			t.Errorf("%s is missing from /metrics on the server's listener", name)
		}
	}
	if st, out := apiJSON(t, "GET", base+"/metrics", sam, ""); st != http.StatusUnauthorized || out["error"] == nil {
		t.Errorf("/metrics with a person's token: %d %v", st, out)
	}
	// The metrics' own listener serves nothing else.
	for _, path := range []string{"/", "/healthz", "/api/v1/profile", "/metrics/x"} {
		if res, err := http.Get(own + path); err != nil || res.StatusCode != http.StatusNotFound {
			t.Errorf("metrics listener %s: %v %v", path, res.StatusCode, err)
		} else {
			res.Body.Close()
		}
	}

	private := []string{samUser, alexUser, samName, alexName, "Wren", "Juniper", canary, circle, circleID, samID, hookID, e2.ID, sam, alex, hs.URL}
	for _, f := range []map[string]*dto.MetricFamily{fams, viaToken} {
		for name, fam := range f {
			for _, s := range fam.GetMetric() {
				for _, l := range s.GetLabel() {
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

	// The README's table lists every family of Tend's own, and no more.
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n### Metrics\n")
	section, _, _ = strings.Cut(section, "\n## ")
	documented := map[string]bool{}
	for _, name := range regexp.MustCompile("(?m)^\\| `(tend_[a-z_]+)`").FindAllStringSubmatch(section, -1) {
		documented[name[1]] = true
	}
	for name := range fams {
		if strings.HasPrefix(name, "tend_") && !documented[name] {
			t.Errorf("%s is not in the README's table of metrics", name)
		}
	}
	for name := range documented {
		if fams[name] == nil {
			t.Errorf("the README lists %s, which the scrape does not have", name)
		}
	}

	// --log-format json: every line is a JSON object; requests name
	// their route pattern, never the path with its id.
	m.Close()
	requests := 0
	for line := range strings.Lines(logs.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("a log line is not JSON: %q", line)
			continue
		}
		if rec["msg"] == "request" {
			requests++
			if route, _ := rec["route"].(string); strings.Contains(route, circleID) || route == "" {
				t.Errorf("a request's log names %q", route)
			}
		}
	}
	if requests < 8 {
		t.Errorf("%d requests logged:\n%s", requests, logs.String())
	}
}

// syncBuffer is a buffer the server's goroutines may log to while the
// test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
