package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeWrongMetrics: a metrics address that does not parse, a token
// too short or unsendable, or a token file that cannot be read, is
// refused at start with one clear line that never shows the token.
func TestServeWrongMetrics(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("hunter2hunter2\n"), 0o600)
	tests := []struct {
		name string
		args []string
		vars map[string]string
		want string
	}{
		{"AddrNoPort", []string{"serve", "--metrics-addr", "localhost"}, nil, `--metrics-addr "localhost": give host:port, like 127.0.0.1:9090`},
		{"AddrNamedPort", []string{"serve", "--metrics-addr", "127.0.0.1:http"}, nil, `--metrics-addr "127.0.0.1:http"`},
		{"AddrHugePort", []string{"serve", "--metrics-addr", ":99999"}, nil, `--metrics-addr ":99999"`},
		{"AddrFromEnv", []string{"serve"}, map[string]string{"TEND_METRICS_ADDR": "9090"}, `--metrics-addr "9090"`},
		{"AddrSameAsAddr", []string{"serve", "--addr", "127.0.0.1:8080", "--metrics-addr", "127.0.0.1:8080"}, nil, "--metrics-addr must differ from --addr"},
		{"TokenShort", []string{"serve"}, map[string]string{"TEND_METRICS_TOKEN": "hunter2hunter2"}, "TEND_METRICS_TOKEN is 14 characters long; give at least 32"},
		{"TokenSpace", []string{"serve"}, map[string]string{"TEND_METRICS_TOKEN": "hunter2 hunter2 hunter2 hunter2 hunter2"}, "TEND_METRICS_TOKEN holds a space"},
		{"TokenFileShort", []string{"serve"}, map[string]string{"TEND_METRICS_TOKEN_FILE": short}, "TEND_METRICS_TOKEN_FILE is 14 characters long"},
		{"TokenFileMissing", []string{"serve"}, map[string]string{"TEND_METRICS_TOKEN_FILE": "/nonexistent/hunter2"}, "TEND_METRICS_TOKEN_FILE: open /nonexistent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A database that is not there: were the metrics taken, the
			// server would fail to start at once rather than serve.
			vars := map[string]string{"TEND_DATA_DIR": t.TempDir(), "TEND_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}
			for k, v := range tc.vars {
				vars[k] = v
			}
			e, _, errb := testEnv(vars)
			code := e.Run(tc.args)
			lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
			last := lines[len(lines)-1]
			if code != exitInput || len(lines) != 1 || !strings.HasPrefix(last, "tend: ") || !strings.Contains(last, tc.want) ||
				strings.Contains(strings.ReplaceAll(errb.String(), "/nonexistent/hunter2", ""), "hunter2") {
				t.Errorf("exit %d, stderr %q; want 2 and one line containing %q", code, errb, tc.want)
			}
		})
	}
}

// TestReadMetricsToken: the token comes from the variable, or else the
// file (its line end trimmed); neither, metrics stay off.
func TestReadMetricsToken(t *testing.T) {
	file := filepath.Join(t.TempDir(), "token")
	os.WriteFile(file, []byte(metricsToken+"\n"), 0o600)
	for _, tc := range []struct {
		vars map[string]string
		want string
	}{
		{nil, ""},
		{map[string]string{"TEND_METRICS_TOKEN": metricsToken}, metricsToken},
		{map[string]string{"TEND_METRICS_TOKEN_FILE": file}, metricsToken},
		{map[string]string{"TEND_METRICS_TOKEN": metricsToken + "x", "TEND_METRICS_TOKEN_FILE": file}, metricsToken + "x"},
	} {
		var c Config
		if err := c.readMetrics(func(k string) string { return tc.vars[k] }); err != nil || c.MetricsToken != tc.want {
			t.Errorf("%v: token %q, %v; want %q", tc.vars, c.MetricsToken, err, tc.want)
		}
	}
}
