package web

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The OpenAPI document is linted by two standard linters with their
// recommended rules, as a client generator or an API catalogue would see
// it: Spectral (spectral:oas) and Redocly (recommended). They are npm
// packages, installed into .cache by .ci/run; without them these tests
// skip, unless TEND_REQUIRE_BROWSER=1 (as in .ci/run), when they fail.

// linter is one linter: how to run it on a file and read its findings.
type linter struct {
	name, env, bin string
	// config is the linter's configuration file, written beside the
	// document.
	config, configName string
	args               func(config, doc string) []string
	findings           func(t *testing.T, out []byte) []string
}

var linters = []linter{
	{
		name: "spectral", env: "TEND_SPECTRAL", bin: "spectral",
		configName: ".spectral.yaml", config: "extends: [\"spectral:oas\"]\n",
		args: func(config, doc string) []string {
			return []string{"lint", "--quiet", "--ruleset", config, "--format", "json", "--fail-severity", "hint", doc}
		},
		findings: func(t *testing.T, out []byte) []string {
			var res []struct {
				Code, Message string
				Path          []string
			}
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatalf("spectral's answer is not JSON: %v\n%s", err, out)
			}
			var found []string
			for _, r := range res {
				found = append(found, r.Code+" at "+strings.Join(r.Path, ".")+": "+r.Message)
			}
			return found
		},
	},
	{
		name: "redocly", env: "TEND_REDOCLY", bin: "redocly",
		// info-license is the one recommended rule left out: the project
		// has not chosen a licence, and the document must not claim one.
		configName: "redocly.yaml", config: "extends:\n  - recommended\nrules:\n  info-license: off\n",
		args: func(config, doc string) []string {
			return []string{"lint", "--config", config, "--format", "json", doc}
		},
		findings: func(t *testing.T, out []byte) []string {
			var res struct {
				Problems []struct {
					RuleID, Message string
					Location        []struct{ Pointer string }
				}
			}
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatalf("redocly's answer is not JSON: %v\n%s", err, out)
			}
			var found []string
			for _, p := range res.Problems {
				at := ""
				if len(p.Location) > 0 {
					at = p.Location[0].Pointer
				}
				found = append(found, p.RuleID+" at "+at+": "+p.Message)
			}
			return found
		},
	},
}

// find returns the linter's program: $TEND_SPECTRAL (or $TEND_REDOCLY),
// or the one npm installed at the repository root or in .cache.
func (l linter) find(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv(l.env), "../.cache/node_modules/.bin/" + l.bin, "../node_modules/.bin/" + l.bin} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			abs, _ := filepath.Abs(p)
			return abs
		}
	}
	if os.Getenv("TEND_REQUIRE_BROWSER") == "1" {
		t.Fatalf("TEND_REQUIRE_BROWSER=1 but %s is missing: set %s, or run .ci/run's npm install", l.name, l.env)
	}
	t.Skipf("%s is not installed", l.name)
	return ""
}

// lint runs the linter on the document and returns what it finds.
func (l linter) lint(t *testing.T, bin string, doc []byte) []string {
	t.Helper()
	dir := t.TempDir()
	config := filepath.Join(dir, l.configName)
	file := filepath.Join(dir, "openapi.json")
	if err := os.WriteFile(config, []byte(l.config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, l.args(config, file)...)
	cmd.Dir = dir
	// Offline and quiet: no usage reports, no update checks.
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "NO_UPDATE_NOTIFIER=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("%s: %v", l.name, err)
	}
	if len(out) == 0 {
		t.Fatalf("%s said nothing on its output: %v\n%s", l.name, err, stderr.String())
	}
	return l.findings(t, out)
}

// TestOpenAPILint: neither linter finds anything in the document, not
// even a hint; and each does find a missing operationId, so that a linter
// that read nothing cannot pass.
func TestOpenAPILint(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two linters")
	}
	var doc map[string]any
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	op := doc["paths"].(map[string]any)["/api/v1/me"].(map[string]any)["get"].(map[string]any)
	delete(op, "operationId")
	broken, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range linters {
		t.Run(l.name, func(t *testing.T) {
			bin := l.find(t)
			for _, f := range l.lint(t, bin, openAPI) {
				t.Errorf("%s: %s", l.name, f)
			}
			found := l.lint(t, bin, broken)
			if len(found) != 1 || !strings.HasPrefix(found[0], "operation-operationId at ") {
				t.Errorf("%s on a document without one operationId: %q, want that alone", l.name, found)
			}
		})
	}
}
