package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// testEnv is an Env with the given TEND_* variables and captured output.
func testEnv(vars map[string]string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: time.Now, ReadFile: os.ReadFile,
		Getenv: func(k string) string { return vars[k] }}, &out, &errb
}

func mustStartMain(t *testing.T, c Config) *Main {
	t.Helper()
	e, _, errb := testEnv(nil)
	m := &Main{Config: c, Logger: c.logger(e)}
	if err := m.Open(context.Background(), e); err != nil {
		t.Fatalf("Open: %v\n%s", err, errb)
	}
	go m.Server.Serve()
	t.Cleanup(func() { m.Close() })
	return m
}

func TestServeHealth(t *testing.T) {
	dir := t.TempDir()
	m := mustStartMain(t, Config{Addr: "127.0.0.1:0", DataDir: dir, Migrate: true, Signup: "open", LogFormat: "text", LogLevel: "info"})
	base := "http://" + m.Server.Addr().String()
	for _, path := range []string{"/healthz", "/readyz"} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || string(body) != "ok\n" {
			t.Errorf("%s: got %d %q", path, res.StatusCode, body)
		}
		for h, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
			"Cache-Control":          "no-store",
		} {
			if got := res.Header.Get(h); got != want {
				t.Errorf("%s: header %s: got %q, want %q", path, h, got, want)
			}
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, "secret.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	for _, f := range []string{"tend.db", "tend.db-wal"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v; want mode 0600", f, err)
		}
	}
	// Not ready once the database is gone.
	m.DB.Close()
	res, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz without a database: got %d, want 503", res.StatusCode)
	}
}

func TestServeWrongConfig(t *testing.T) {
	tests := []struct {
		name string
		args []string
		vars map[string]string
		want string
	}{
		{"Signup", []string{"serve", "--signup", "sometimes"}, nil, `--signup "sometimes": use open, invite or closed`},
		{"SignupFromEnv", []string{"serve"}, map[string]string{"TEND_SIGNUP": "maybe"}, `--signup "maybe"`},
		{"Addr", []string{"serve", "--addr", "localhost"}, nil, "give host:port"},
		{"PublicURL", []string{"serve", "--public-url", "http://192.168.1.5:8080"}, nil, "passkeys need a name, not an address"},
		{"PublicURLFromEnv", []string{"serve"}, map[string]string{"TEND_PUBLIC_URL": "tend.example.org"}, `--public-url "tend.example.org"`},
		{"LogLevel", []string{"serve", "--log-level", "loud"}, nil, `--log-level "loud"`},
		{"SecretKey", []string{"serve", "--addr", "127.0.0.1:0"}, map[string]string{"TEND_SECRET_KEY": "hunter2"}, "TEND_SECRET_KEY: a key is 32 random bytes"},
		{"Database", []string{"migrate", "--database", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, nil, "database postgres://nobody@127.0.0.1:1/none"},
		{"DatabasePassword", []string{"migrate", "--database", "postgres://nobody:hunter2@127.0.0.1:1/none?connect_timeout=2"}, nil, "database postgres://nobody:***@127.0.0.1:1/none"},
		{"Args", []string{"serve", "extra"}, nil, "serve takes no arguments"},
		{"JobsFromEnv", []string{"serve"}, map[string]string{"TEND_JOBS": "sometimes"}, `TEND_JOBS="sometimes": use true or false`},
		{"PrivateFromEnv", []string{"serve"}, map[string]string{"TEND_ALLOW_PRIVATE_WEBHOOKS": "perhaps"}, `TEND_ALLOW_PRIVATE_WEBHOOKS="perhaps": use true or false`},
		{"SMTPWithoutFrom", []string{"serve", "--smtp-url", "smtp://tend@mail.example.org:587"}, nil, "--smtp-url and --mail-from go together"},
		{"SMTPPasswordInURL", []string{"serve", "--smtp-url", "smtp://tend:hunter2@mail.example.org:587", "--mail-from", "tend@example.org"}, nil, "TEND_SMTP_PASSWORD"},
		{"SMTPScheme", []string{"serve", "--smtp-url", "http://mail.example.org", "--mail-from", "tend@example.org"}, nil, "smtp://"},
		{"SMTPNoPassword", []string{"serve", "--smtp-url", "smtp://tend@mail.example.org:587", "--mail-from", "tend@example.org"}, nil, "no password is set"},
		{"SMTPPasswordFile", []string{"serve", "--smtp-url", "smtp://tend@mail.example.org:587", "--mail-from", "tend@example.org"},
			map[string]string{"TEND_SMTP_PASSWORD_FILE": "/nonexistent/pw"}, "TEND_SMTP_PASSWORD_FILE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{"TEND_DATA_DIR": t.TempDir()}
			for k, v := range tc.vars {
				vars[k] = v
			}
			e, _, errb := testEnv(vars)
			code := e.Run(tc.args)
			lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
			last := lines[len(lines)-1]
			if code != exitInput || !strings.HasPrefix(last, "tend: ") || !strings.Contains(last, tc.want) || strings.Contains(errb.String(), "hunter2") {
				t.Errorf("exit %d, stderr %q; want 2 and a line containing %q", code, errb, tc.want)
			}
		})
	}
}

func TestMigrateCommand(t *testing.T) {
	dir := t.TempDir()
	e, out, errb := testEnv(map[string]string{"TEND_DATA_DIR": dir})
	for range 2 {
		if code := e.Run([]string{"migrate"}); code != 0 || !strings.Contains(out.String(), "migrated "+filepath.Join(dir, "tend.db")+" (sqlite)") {
			t.Fatalf("migrate: exit %d, %s %s", code, out, errb)
		}
	}
	// Not under a running server on SQLite; again once it stopped.
	m := mustStartMain(t, Config{Addr: "127.0.0.1:0", DataDir: dir, Signup: "open", LogFormat: "text", LogLevel: "error"})
	out.Reset()
	errb.Reset()
	want := fmt.Sprintf("tend: a tend server is running on %s (it holds tend.lock): stop it before migrating", dir)
	if code := e.Run([]string{"migrate"}); code != exitInput || out.Len() != 0 || !strings.HasPrefix(errb.String(), want) {
		t.Errorf("migrate under a running server: exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errb, exitInput, want)
	}
	m.Close()
	out.Reset()
	if code := e.Run([]string{"migrate"}); code != 0 || !strings.Contains(out.String(), "migrated ") {
		t.Errorf("migrate once the server stopped: exit %d, %s %s", code, out, errb)
	}
}

// TestServeSignal runs the real binary and stops it with SIGTERM: it shuts
// down cleanly, and its logs hold no secret.
func TestServeSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	srv := startServe(t, buildTend(t), dir)
	if status, _, err := srv.call("GET", "/healthz", "", ""); err != nil || status != 200 {
		t.Fatalf("healthz: %d %v", status, err)
	}
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-srv.done // all of the log read, before Wait closes the pipe
	if err := srv.cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v\n%s", err, srv.logs)
	}
	logs := srv.logs.String()
	if !strings.Contains(logs, "shutting down") {
		t.Errorf("logs do not say it shut down:\n%s", logs)
	}
	key, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	if len(key) == 0 || strings.Contains(logs, strings.TrimSpace(string(key))) {
		t.Errorf("the server key is missing or appears in the logs")
	}
}
