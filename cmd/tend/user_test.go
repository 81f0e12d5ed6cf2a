package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
)

// runUser runs a tend user command on a data directory, with stdin.
func runUser(t *testing.T, dir, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: time.Now, ReadFile: os.ReadFile,
		Getenv: func(k string) string {
			if k == "TEND_DATA_DIR" {
				return dir
			}
			return ""
		}}
	return e.Run(append([]string{"user"}, args...)), out.String(), errb.String()
}

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	if code, out, errs := runUser(t, dir, "", "list"); code != 0 || !strings.Contains(out, "no accounts yet") {
		t.Fatalf("list empty: %d %q %q", code, out, errs)
	}
	if code, out, errs := runUser(t, dir, "correct horse battery\n", "create", "sam", "--name", "Sam"); code != 0 || !strings.Contains(out, "created sam, administrator") {
		t.Fatalf("create: %d %q %q", code, out, errs)
	}
	if code, out, _ := runUser(t, dir, "another good one\n", "create", "alex", "--name", "Alex"); code != 0 || !strings.Contains(out, "created alex, member") {
		t.Fatalf("create second: %d %q", code, out)
	}
	code, out, _ := runUser(t, dir, "", "list")
	if code != 0 || !strings.Contains(out, "alex      Alex  member  active") || !strings.Contains(out, "sam       Sam   admin   active") {
		t.Fatalf("list:\n%s", out)
	}
	// Disable ends sessions; reset-password changes the hash.
	e, _, _ := testEnv(map[string]string{"TEND_DATA_DIR": dir})
	c := Config{DataDir: dir, LogLevel: "error", LogFormat: "text"}
	db, err := e.openStore(context.Background(), &c, c.logger(e))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cred, _ := db.FindCredentials(context.Background(), "alex")
	token, _, _ := db.CreateSession(context.Background(), cred.PersonID, "phone")
	if code, out, _ := runUser(t, dir, "", "disable", "alex"); code != 0 || !strings.Contains(out, "alex is disabled and signed out everywhere") {
		t.Fatalf("disable: %d %q", code, out)
	}
	if _, err := db.FindSessionByToken(context.Background(), token); tend.ErrorCode(err) != tend.EUNAUTHORIZED {
		t.Errorf("a disabled person's session still works: %v", err)
	}
	if _, out, _ := runUser(t, dir, "", "list"); !strings.Contains(out, "disabled") {
		t.Errorf("list does not show disabled:\n%s", out)
	}
	runUser(t, dir, "", "enable", "alex")
	if code, out, _ := runUser(t, dir, "a brand new password\n", "reset-password", "alex"); code != 0 || !strings.Contains(out, "password of alex is changed") {
		t.Fatalf("reset-password: %d %q", code, out)
	}
	if after, _ := db.FindCredentials(context.Background(), "alex"); after.PasswordHash == cred.PasswordHash || after.Disabled {
		t.Errorf("reset-password or enable did not take")
	}
}

func TestUserWrongInput(t *testing.T) {
	dir := t.TempDir()
	runUser(t, dir, "correct horse battery\n", "create", "sam", "--name", "Sam")
	tests := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"NoSub", "", nil, "user needs a subcommand"},
		{"UnknownSub", "", []string{"delete", "sam"}, `"delete" is not a user subcommand`},
		{"NoUsername", "", []string{"disable"}, "user disable needs one username"},
		{"Unknown", "", []string{"disable", "nobody"}, `there is no account "nobody"`},
		{"NoName", "long enough password\n", []string{"create", "kim"}, "user create needs --name"},
		{"ShortPassword", "short\n", []string{"create", "kim", "--name", "Kim"}, "at least 10 characters"},
		{"NoPassword", "", []string{"create", "kim", "--name", "Kim"}, "give the password on standard input"},
		{"Taken", "long enough password\n", []string{"create", "SAM", "--name", "Sam 2"}, "that username is taken"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runUser(t, dir, tc.stdin, tc.args...)
			if code == 0 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want an error containing %q", code, errs, tc.want)
			}
		})
	}
	if _, out, _ := runUser(t, dir, "", "list"); strings.Contains(out, "kim") {
		t.Errorf("a refused create left an account:\n%s", out)
	}
}

// TestUserListStoredNames: through the real store, a name in any script
// is listed as it is, and a name with a direction override or an escape
// sequence is either refused when the account is made or listed escaped;
// never printed raw.
func TestUserListStoredNames(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		user, name, shown string
		mayRefuse         bool
	}{
		{"zoe", "Zoë 🏳️‍🌈", "Zoë 🏳️‍🌈", false},
		{"kim", "Kim\u202enimda", `Kim\u202enimda`, true},
		{"eve", "Eve\x1b[2J", `Eve\x1b[2J`, true},
	}
	for _, tc := range tests {
		code, _, errs := runUser(t, dir, "correct horse battery\n", "create", tc.user, "--name", tc.name)
		if code != 0 && !(tc.mayRefuse && code == exitInput) {
			t.Fatalf("create %s: exit %d %q", tc.user, code, errs)
		}
		_, out, _ := runUser(t, dir, "", "list")
		if strings.ContainsAny(out, "\x1b\u202e") {
			t.Errorf("list prints a raw control character:\n%q", out)
		}
		if code == 0 && !strings.Contains(out, tc.shown) {
			t.Errorf("list: %s stored but not shown as %q:\n%s", tc.user, tc.shown, out)
		}
	}
}

// TestUserDisableClosesScreens: on SQLite, where nothing reaches a running
// server from the command line, `tend user disable` and `reset-password`
// queue a job that the server runs within a second or so: the person's
// open live screen closes then, not when its lifetime ends.
func TestUserDisableClosesScreens(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a server")
	}
	dir := t.TempDir()
	m := mustStartMain(t, Config{Addr: "127.0.0.1:0", DataDir: dir, Migrate: true, Jobs: true, Signup: "open", LogFormat: "text", LogLevel: "error"})
	node := "http://" + m.Server.Addr().String()
	tokens, e := pairInAftercare(t, m.DB)
	alex := openEvents(t, node, e.ID, tokens[1], "1")
	sam := openEvents(t, node, e.ID, tokens[0], "1")
	if code, out, errs := runUser(t, dir, "", "disable", "alex"); code != 0 {
		t.Fatalf("disable: exit %d, %s %s", code, out, errs)
	}
	if !streamEnds(alex, 15*time.Second) {
		t.Error("Alex's screen stayed open after tend user disable")
	}
	// Sam's screen stayed, and hears Sam's signal.
	water := sendSignal(t, node, e.ID, tokens[0], `{"kind": "water"}`)
	if got := nextEvent(t, sam); got["seq"] != water {
		t.Errorf("Sam's screen got %v, want the water (%v)", got, water)
	}
	if code, out, errs := runUser(t, dir, "a brand new password\n", "reset-password", "sam"); code != 0 {
		t.Fatalf("reset-password: exit %d, %s %s", code, out, errs)
	}
	if !streamEnds(sam, 15*time.Second) {
		t.Error("Sam's screen stayed open after tend user reset-password")
	}
}
