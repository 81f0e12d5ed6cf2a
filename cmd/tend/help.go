package main

import (
	"fmt"
	"io"
)

const intro = `Tend helps you work out the aftercare you need, share it with partners,
and turn everyone's needs into a plan. Nothing here needs the internet.

Usage: tend COMMAND [ARGUMENTS]

`

const outro = `
Start here:
  tend serve                              the web app, at http://localhost:8080
  tend card new > sam.json                or here: answer a few questions
  tend card check sam.json
  tend plan sam.json alex.json --encounter intense

Encounter kinds: gentle (the default), intense, quickie, first-time,
long-distance, solo. Run "tend help COMMAND" for a command's flags.
`

func (e *Env) usage(w io.Writer) {
	fmt.Fprint(w, intro)
	fmt.Fprintln(w, "Commands:")
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-*s %s\n", width, c.name, c.summary)
	}
	fmt.Fprint(w, outro)
}

func (e *Env) helpCmd(args []string) error {
	if len(args) == 0 {
		e.usage(e.Stdout)
		return nil
	}
	if len(args) > 1 {
		return usageErrorf("help takes one command name")
	}
	if args[0] == "card" {
		fmt.Fprint(e.Stdout, `Usage:
  tend card new [--name NAME] [--pronouns P] [--expires 30d] > FILE
      Write a new card. At a terminal (or with --ask) Tend asks what you
      need and like afterwards and what you are glad to give; questions
      go to the screen, the card to FILE.
      With --template (the default when input is not a terminal) every
      practice is listed under "receive" as okay and under "give" as no:
      change receive levels to need, like, okay, rather-not or never,
      and give levels to glad or willing for what you are happy to give.
      Without --name, put your name in "name".
  tend card check [--allow-expired] FILE...
      Check card files and list every problem, with the field to fix.
`)
		return nil
	}
	if args[0] == "user" {
		fmt.Fprint(e.Stdout, `Usage:
  tend user create USERNAME --name "Display name"
  tend user list
  tend user disable USERNAME     (also signs them out everywhere)
  tend user enable USERNAME
  tend user reset-password USERNAME   (also signs them out everywhere)

Each takes the server's --data-dir and --database (or TEND_DATA_DIR,
TEND_DATABASE_URL). A password is asked for without echo at a terminal,
or read from the first line of standard input. The first account made is
the administrator.
`)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if c.name == "help" || c.name == "version" {
				fmt.Fprintf(e.Stdout, "Usage: tend %s %s\n\n%s.\n", c.name, c.args, upperFirst(c.summary))
				return nil
			}
			return c.run(e, []string{"--help"})
		}
	}
	return usageErrorf("%q is not a tend command; run `tend help` to see them", args[0])
}
