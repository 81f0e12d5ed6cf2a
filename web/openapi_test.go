package web

import (
	"encoding/json"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPI checks the served document against the real routes: every
// /api/v1 route is documented, every documented operation is a route,
// and each says how it fails.
func TestOpenAPI(t *testing.T) {
	s, _ := newAccountServer(t, "open")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || rec.Code != 200 || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("document: %d %v", rec.Code, err)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			key := strings.ToUpper(method) + " " + path
			documented[key] = true
			var o struct {
				Summary   string                     `json:"summary"`
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(op, &o); err != nil || o.Summary == "" || o.Responses["500"] == nil {
				t.Errorf("%s: needs a summary and its error responses", key)
			}
		}
	}
	routed := map[string]bool{}
	for _, rt := range s.routes() {
		if strings.HasPrefix(rt.pattern, "/api/v1/") && rt.pattern != "/api/v1/openapi.json" {
			routed[rt.method+" "+rt.pattern] = true
		}
	}
	var missing, extra []string
	for k := range routed {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !routed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("routes not documented: %v; documented but not routes: %v", missing, extra)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestOpenAPIOperations: each operation has a readable camelCase
// operationId, unique, and the same as before (testdata holds them: a
// generated client's method names change only on purpose, with -update);
// a summary of one line and a description; tags that are declared, each
// used and described; and every path parameter declared, required.
func TestOpenAPIOperations(t *testing.T) {
	doc := readAPIDocument(t)
	declared := map[string]bool{}
	for _, tag := range doc.Tags {
		if tag.Description == "" {
			t.Errorf("tag %s: no description", tag.Name)
		}
		declared[tag.Name] = true
	}
	used := map[string]bool{}
	ids := map[string]string{}
	var lines []string
	camel := regexp.MustCompile(`^[a-z]+([A-Z][a-z]+)*$`)
	wildcard := regexp.MustCompile(`\{([^}]+)\}`)
	for path, ops := range doc.Paths {
		for method, op := range ops {
			key := strings.ToUpper(method) + " " + path
			switch id := op.OperationID; {
			case !camel.MatchString(id):
				t.Errorf("%s: operationId %q is not camelCase words", key, id)
			case ids[id] != "":
				t.Errorf("%s: operationId %s is %s's too", key, id, ids[id])
			default:
				ids[id] = key
			}
			lines = append(lines, op.OperationID+" "+key)
			if op.Summary == "" || len(op.Summary) > 60 || strings.ContainsAny(op.Summary, ".;\n") {
				t.Errorf("%s: summary %q is not one short line", key, op.Summary)
			}
			if len(op.Description) < len(op.Summary) {
				t.Errorf("%s: its description says less than its summary", key)
			}
			if len(op.Tags) != 1 || !declared[op.Tags[0]] {
				t.Errorf("%s: tags %v, want one of those declared", key, op.Tags)
			}
			for _, tag := range op.Tags {
				used[tag] = true
			}
			want := map[string]bool{}
			for _, m := range wildcard.FindAllStringSubmatch(path, -1) {
				want[m[1]] = true
			}
			for _, p := range op.Parameters {
				if p.In != "path" {
					continue
				}
				if !want[p.Name] || !p.Required {
					t.Errorf("%s: path parameter %s is not in the path, or not required", key, p.Name)
				}
				delete(want, p.Name)
			}
			for name := range want {
				t.Errorf("%s: {%s} is not declared", key, name)
			}
		}
	}
	for tag := range declared {
		if !used[tag] {
			t.Errorf("tag %s is used by no operation", tag)
		}
	}
	sort.Strings(lines)
	got := []byte(strings.Join(lines, "\n") + "\n")
	golden := filepath.Join("testdata", "openapi-operations.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("operationIds changed; a generated client's method names would too. If that is meant, run with -update.\ngot:\n%s", got)
	}
}
