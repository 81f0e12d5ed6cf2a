// Command tend is Tend's command line: the practice catalog, cards, plans,
// question decks and guides, offline.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
)

// version is set at build time with -ldflags "-X main.version=1.2.3".
var version = "0.1.0-dev"

// Exit statuses.
const (
	exitOK       = 0
	exitInternal = 1 // a bug or an environment problem
	exitInput    = 2 // wrong input: a flag, a file, a card
)

func main() {
	os.Exit(newEnv(os.Stdin, os.Stdout, os.Stderr).Run(os.Args[1:]))
}

// newEnv makes the Env of a real run on these files. Only a terminal
// counts as interactive: /dev/null is a character device too, and
// `tend card new < /dev/null` must write the template, not ask.
func newEnv(stdin, stdout, stderr *os.File) *Env {
	return &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Now: time.Now, ReadFile: os.ReadFile, Getenv: os.Getenv,
		Interactive: term.IsTerminal(int(stdin.Fd()))}
}

// Env is what a command may touch, so tests can run the whole command line
// in process with their own output, files and clock.
type Env struct {
	Stdin    io.Reader
	Stdout   io.Writer
	Stderr   io.Writer
	Now      func() time.Time
	ReadFile func(string) ([]byte, error)
	Getenv   func(string) string
	// Interactive is true when stdin is a terminal: tend card new then
	// asks questions instead of writing a template.
	Interactive bool
	cat         *catalog.Catalog
}

type command struct {
	name, args, summary string
	run                 func(e *Env, args []string) error
}

func commands() []command {
	return []command{
		{"catalog", "[--kind KIND] [--json]", "list the practices to choose from", (*Env).catalogCmd},
		{"card", "new|check …", "write a new card, or check card files", (*Env).cardCmd},
		{"plan", "FILE... [--encounter KIND] [--json]", "make an aftercare plan from cards", (*Env).planCmd},
		{"deck", "[--encounter KIND] [--people N] [--casual]", "a few questions to talk it through", (*Env).deckCmd},
		{"guide", "[NAME]", "short guides on aftercare", (*Env).guideCmd},
		{"serve", "[--addr A] [--data-dir D] [--database URL] …", "run the server (SQLite in the data directory unless --database)", (*Env).serveCmd},
		{"migrate", "[--data-dir D] [--database URL]", "apply database migrations and exit", (*Env).migrateCmd},
		{"backup", "[--out FILE] [--keep N] [--data-dir D]", "back up the database while the server runs", (*Env).backupCmd},
		{"restore", "FILE [--data-dir D]", "put a backup in place of the database (server stopped)", (*Env).restoreCmd},
		{"migrate-data", "--from DB --to DB", "copy everything into another database (SQLite, PostgreSQL)", (*Env).migrateDataCmd},
		{"user", "create|list|disable|enable|reset-password …", "manage accounts (for the operator)", (*Env).userCmd},
		{"version", "", "print the version", (*Env).versionCmd},
		{"help", "[COMMAND]", "show help", (*Env).helpCmd},
	}
}

// Run runs the command line and returns the exit status. Errors are one
// line on stderr: exit 2 for wrong input, 1 for anything else.
func (e *Env) Run(args []string) int {
	if len(args) == 0 {
		e.usage(e.Stderr)
		return exitInput
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		name = "help"
	}
	for _, c := range commands() {
		if c.name == name {
			return e.exit(c.run(e, args[1:]))
		}
	}
	return e.exit(usageErrorf("%q is not a tend command; run `tend help` to see them", args[0]))
}

func (e *Env) exit(err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintln(e.Stderr, "tend: "+tend.ErrorMessage(err))
	if tend.ErrorCode(err) == tend.EINVALID {
		return exitInput
	}
	if msg := err.Error(); msg != tend.ErrorMessage(err) {
		fmt.Fprintln(e.Stderr, "tend: detail: "+msg)
	}
	return exitInternal
}

// usageErrorf is an error in how tend was called.
func usageErrorf(format string, args ...any) error {
	return tend.Errorf(tend.EINVALID, format, args...)
}

// catalog loads the built-in catalog once per run.
func (e *Env) catalog() (*catalog.Catalog, error) {
	if e.cat == nil {
		c, err := catalog.Load()
		if err != nil {
			return nil, &tend.Error{Code: tend.EINTERNAL, Message: "the built-in catalog is broken: " + err.Error(), Err: err}
		}
		e.cat = c
	}
	return e.cat, nil
}

func (e *Env) versionCmd(args []string) error {
	if len(args) > 0 {
		return usageErrorf("version takes no arguments")
	}
	fmt.Fprintf(e.Stdout, "tend %s\n", version)
	return nil
}
