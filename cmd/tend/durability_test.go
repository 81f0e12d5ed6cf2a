package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// server is a running tend serve process.
type server struct {
	cmd  *exec.Cmd
	base string
	mu   sync.Mutex
	logs *bytes.Buffer
	done chan struct{} // closed when the process's log ends
}

func buildTend(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tend")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func startServe(t *testing.T, bin, dir string) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--log-format", "json")
	cmd.Env = append(os.Environ(), "TEND_DATA_DIR="+dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, logs: &bytes.Buffer{}}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		s.logs.WriteString(sc.Text() + "\n")
		if i := strings.Index(sc.Text(), `"addr":"http://`); i >= 0 {
			s.base = strings.SplitN(sc.Text()[i+len(`"addr":"`):], `"`, 2)[0]
			break
		}
	}
	if s.base == "" {
		cmd.Process.Kill()
		t.Fatalf("the server did not start:\n%s", s.logs)
	}
	s.done = make(chan struct{})
	go func() {
		for sc.Scan() {
			s.mu.Lock()
			s.logs.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
		}
		close(s.done)
	}()
	return s
}

func (s *server) call(method, path, token, body string) (int, []byte, error) {
	req, _ := http.NewRequest(method, s.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// TestSIGKILLDuringSaves kills the server in the middle of many concurrent
// profile saves: after a restart every save that was answered with
// success is there, and SQLite's integrity check is clean.
func TestSIGKILLDuringSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server")
	}
	bin := buildTend(t)
	dir := t.TempDir()
	srv := startServe(t, bin, dir)
	const clients = 16
	tokens := make([]string, clients)
	for i := range tokens {
		status, body, err := srv.call("POST", "/api/v1/signup", "", fmt.Sprintf(`{"display_name": "P%d", "username": "person%02d", "password": "correct horse battery"}`, i, i))
		if err != nil || status != 201 {
			t.Fatalf("signup %d: %d %s %v", i, status, body, err)
		}
		var out struct{ Token string }
		json.Unmarshal(body, &out)
		tokens[i] = out.Token
	}
	type ack struct {
		client, version, n int
	}
	var (
		mu    sync.Mutex
		acked []ack
		saves atomic.Int64
		wg    sync.WaitGroup
	)
	stop := make(chan struct{})
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				status, body, err := srv.call("PUT", "/api/v1/profile", tokens[c], fmt.Sprintf(`{"notes": ["save %d of client %d"], "receive": {"water": "need"}}`, n, c))
				if err != nil {
					return // the server is gone
				}
				if status == 200 {
					var out struct {
						Profile struct{ Version int }
					}
					json.Unmarshal(body, &out)
					mu.Lock()
					acked = append(acked, ack{c, out.Profile.Version, n})
					mu.Unlock()
					saves.Add(1)
				}
			}
		}()
	}
	// Let the saves run, then kill the server without warning.
	for saves.Load() < 300 {
		time.Sleep(10 * time.Millisecond)
	}
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-srv.done
	srv.cmd.Wait()
	close(stop)
	wg.Wait()
	t.Logf("%d saves answered with success before SIGKILL", len(acked))

	srv = startServe(t, bin, dir)
	defer func() { srv.cmd.Process.Signal(syscall.SIGTERM); <-srv.done; srv.cmd.Wait() }()
	for _, a := range acked {
		status, body, err := srv.call("GET", fmt.Sprintf("/api/v1/profile/versions/%d", a.version), tokens[a.client], "")
		if err != nil || status != 200 || !strings.Contains(string(body), fmt.Sprintf("save %d of client %d", a.n, a.client)) {
			t.Fatalf("acknowledged save %d of client %d (version %d) is lost: %d %s %v", a.n, a.client, a.version, status, body, err)
		}
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "tend.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check: %q %v", result, err)
	}
}
