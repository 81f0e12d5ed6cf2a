package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tendcare/tend"
)

// newFlags returns a flag set for a subcommand that reports errors as
// values instead of printing usage and exiting.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("tend "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags and positional arguments in any order ("tend plan
// a.json --json b.json"), and turns flag errors into one clear line.
func parse(fs *flag.FlagSet, args []string, e *Env) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				e.flagHelp(fs)
				return nil, err
			}
			return nil, usageErrorf("%s (run `%s --help`)", strings.TrimPrefix(err.Error(), "flag provided but not defined: "), fs.Name())
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func (e *Env) flagHelp(fs *flag.FlagSet) {
	for _, c := range commands() {
		if "tend "+c.name == fs.Name() {
			fmt.Fprintf(e.Stdout, "Usage: tend %s %s\n\n%s.\n", c.name, c.args, upperFirst(c.summary))
		}
	}
	fs.SetOutput(e.Stdout)
	fmt.Fprintln(e.Stdout, "\nFlags:")
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	if fs.Lookup("data-dir") != nil {
		// The server key never comes from a flag, where the process list
		// would show it.
		fmt.Fprint(e.Stdout, `
Environment:
  TEND_SECRET_KEY       the server key: 32 random bytes in base64
                        (head -c 32 /dev/urandom | base64)
  TEND_SECRET_KEY_FILE  a file holding the server key instead
  Without either, the key is the file secret.key in the data directory,
  made on first start (mode 0600). Back it up apart from the database.
`)
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// kindFlag parses an encounter kind.
func kindFlag(s string) (tend.Kind, error) {
	k := tend.Kind(strings.ToLower(strings.TrimSpace(s)))
	if !k.Valid() {
		return "", usageErrorf("%q is not an encounter kind; use one of gentle, intense, quickie, first-time, long-distance, solo", s)
	}
	return k, nil
}
