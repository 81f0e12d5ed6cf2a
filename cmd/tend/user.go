package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/jobs"
	"github.com/tendcare/tend/password"
	"github.com/tendcare/tend/sqlstore"
)

// userCmd is the operator's command for accounts.
func (e *Env) userCmd(args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) == 0 {
			return usageErrorf("user needs a subcommand: create, list, disable, enable or reset-password (see `tend help user`)")
		}
		return e.helpCmd([]string{"user"})
	}
	sub, rest := args[0], args[1:]
	fs := newFlags("user " + sub)
	var c Config
	serverFlags(fs, &c, e.Getenv, false)
	name := ""
	if sub == "create" {
		fs.StringVar(&name, "name", "", "the display name (required)")
	}
	pos, err := parse(fs, rest, e)
	if err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	want := 1
	if sub == "list" {
		want = 0
	}
	switch sub {
	case "create", "list", "disable", "enable", "reset-password":
	default:
		return usageErrorf("%q is not a user subcommand; use create, list, disable, enable or reset-password", sub)
	}
	if len(pos) != want {
		if want == 0 {
			return usageErrorf("user list takes no arguments")
		}
		return usageErrorf("user %s needs one username: tend user %s USERNAME", sub, sub)
	}
	ctx := context.Background()
	db, err := e.openStore(ctx, &c, c.logger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateAll(ctx, db); err != nil {
		return err
	}
	switch sub {
	case "list":
		return e.userList(ctx, db)
	case "create":
		return e.userCreate(ctx, db, pos[0], name)
	}
	cred, err := db.FindCredentials(ctx, pos[0])
	if tend.ErrorCode(err) == tend.ENOTFOUND {
		return usageErrorf("there is no account %q; see `tend user list`", pos[0])
	}
	if err != nil {
		return err
	}
	switch sub {
	case "disable", "enable":
		off := sub == "disable"
		if _, err := db.UpdatePerson(ctx, cred.PersonID, tend.PersonUpdate{Disabled: &off}); err != nil {
			return err
		}
		if off {
			if err := db.DeleteSessions(ctx, cred.PersonID, ""); err != nil {
				return err
			}
			if err := e.closeScreens(ctx, db, cred.PersonID); err != nil {
				return err
			}
			fmt.Fprintf(e.Stdout, "%s is disabled and signed out everywhere (their API tokens revoked)\n", termText(pos[0]))
		} else {
			fmt.Fprintf(e.Stdout, "%s is enabled\n", termText(pos[0]))
		}
		return nil
	}
	pw, err := e.readPassword("New password for " + termText(pos[0]))
	if err != nil {
		return err
	}
	hash, err := password.New(1).Hash(ctx, pw)
	if err != nil {
		return err
	}
	if err := db.ChangePassword(ctx, cred.PersonID, hash, ""); err != nil {
		return err
	}
	if err := e.closeScreens(ctx, db, cred.PersonID); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "the password of %s is changed, and they are signed out everywhere (their API tokens revoked)\n", termText(pos[0]))
	return nil
}

func (e *Env) userList(ctx context.Context, db *sqlstore.DB) error {
	people, err := db.FindPeople(ctx)
	if err != nil {
		return err
	}
	if len(people) == 0 {
		fmt.Fprintln(e.Stdout, "no accounts yet; make one with: tend user create USERNAME --name NAME")
		return nil
	}
	return writeUserTable(e.Stdout, people)
}

// writeUserTable lays the accounts out as a table for the terminal.
func writeUserTable(w io.Writer, people []*tend.Person) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tROLE\tSTATE\tSINCE")
	for _, p := range people {
		role, state := "member", "active"
		if p.Admin {
			role = "admin"
		}
		if p.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", termText(p.Username), termText(p.DisplayName), role, state, p.CreatedAt.Format("2006-01-02"))
	}
	return tw.Flush()
}

func (e *Env) userCreate(ctx context.Context, db *sqlstore.DB, username, name string) error {
	p := &tend.Person{Username: username, DisplayName: name}
	if err := p.Validate(); err != nil {
		if strings.TrimSpace(name) == "" {
			return usageErrorf("user create needs --name: tend user create %s --name \"Display name\"", username)
		}
		return err
	}
	pw, err := e.readPassword("Password for " + termText(p.Username))
	if err != nil {
		return err
	}
	hash, err := password.New(1).Hash(ctx, pw)
	if err != nil {
		return err
	}
	if err := db.CreateAccount(ctx, p, hash); err != nil {
		return err
	}
	role := "member"
	if p.Admin {
		role = "administrator (the first account)"
	}
	fmt.Fprintf(e.Stdout, "created %s, %s\n", termText(p.Username), role)
	return nil
}

// readPassword asks twice without echo at a terminal; otherwise it reads
// the first line of standard input, for scripts.
func (e *Env) readPassword(prompt string) (string, error) {
	if f, ok := e.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(e.Stderr, "%s (%d to %d characters): ", prompt, password.MinLen, password.MaxLen)
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.Stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(e.Stderr, "Again, to be sure: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.Stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", usageErrorf("the two passwords differ; nothing was changed")
		}
		return string(a), password.Check(string(a))
	}
	line, err := bufio.NewReader(e.Stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usageErrorf("give the password on standard input, one line (or run this at a terminal): %v", err)
	}
	return line, password.Check(line)
}

// closeScreens has the running server close the person's open live
// screens, which this command's sign-out cannot reach itself: it queues
// the job (tend.JobSignedOut) that a server's node runs within a second
// (on SQLite, where it looks for jobs each second) or at once (on
// PostgreSQL), and that tells every node. With no server running, the
// next one to start runs it, and has no screens to close.
func (e *Env) closeScreens(ctx context.Context, db *sqlstore.DB, person string) error {
	q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: string(db.Dialect())})
	if err != nil {
		return err
	}
	if err := q.Insert(ctx, []tend.Job{{Kind: tend.JobSignedOut, Ref: person}}); err != nil {
		return fmt.Errorf("signed out, but the running server could not be told to close their open live screens (each closes within five minutes): %w", err)
	}
	return nil
}
