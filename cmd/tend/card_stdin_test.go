package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// TestCardNewWithoutTerminal: `tend card new < /dev/null > x.json` (or
// from a pipe) writes the template, a valid card, rather than starting the
// questionnaire. The Env is made as main makes it, from real files: a
// null device is a character device but not a terminal.
func TestCardNewWithoutTerminal(t *testing.T) {
	pipeR, pipeW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	pipeW.Close() // an empty pipe, as from `true | tend card new`
	defer pipeR.Close()
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	for _, tc := range []struct {
		name  string
		stdin *os.File
	}{{"DevNull", devNull}, {"Pipe", pipeR}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := mustCreate(t, filepath.Join(dir, "x.json"))
			errf := mustCreate(t, filepath.Join(dir, "stderr"))
			e := newEnv(tc.stdin, out, errf)
			if e.Interactive {
				t.Fatalf("%s counts as a terminal", tc.name)
			}
			e.Now = func() time.Time { return now }
			code := e.Run([]string{"card", "new"})
			card, _ := os.ReadFile(out.Name())
			stderr, _ := os.ReadFile(errf.Name())
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			golden(t, "card-new-template.json", string(card))
			c, warns, err := tend.ParseCard("x.json", card, mustCatalog(t))
			if err != nil || len(warns) > 0 || c.Name != templateName {
				t.Errorf("the template does not read as a card named %q: %v %v", templateName, err, warns)
			}
			if !strings.Contains(string(stderr), `put your name in "name"`) {
				t.Errorf("stderr: want a hint to fill in the name, got %q", stderr)
			}
			if strings.Contains(string(stderr), "?") {
				t.Errorf("stderr asks questions: %q", stderr)
			}
		})
	}
}

func mustCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustCreate(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
