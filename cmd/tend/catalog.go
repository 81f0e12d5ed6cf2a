package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tendcare/tend"
)

func (e *Env) catalogCmd(args []string) error {
	fs := newFlags("catalog")
	kindS := fs.String("kind", "", "only practices that suit this encounter `kind`")
	asJSON := fs.Bool("json", false, "print the practices as JSON")
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("catalog takes no file arguments; did you mean `tend catalog --kind %s`?", pos[0])
	}
	cat, err := e.catalog()
	if err != nil {
		return err
	}
	ps := cat.Practices()
	if *kindS != "" {
		k, err := kindFlag(*kindS)
		if err != nil {
			return err
		}
		ps = cat.ForKind(k)
	}
	if *asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(ps)
	}
	var cur tend.Category
	for _, p := range ps {
		if p.Category != cur {
			if cur != "" {
				fmt.Fprintln(e.Stdout)
			}
			cur = p.Category
			fmt.Fprintln(e.Stdout, strings.ToUpper(string(cur)))
		}
		fmt.Fprintf(e.Stdout, "  %-22s %-40s %s\n", p.ID, p.Title, flags(p))
	}
	fmt.Fprintf(e.Stdout, "\n%d practices. Modes: given (one gives, one receives), together, self.\n", len(ps))
	fmt.Fprintln(e.Stdout, "Flags: R works at a distance, Q takes two or three minutes, S needs a supply.")
	fmt.Fprintln(e.Stdout, "Use the ids in a card's \"receive\" and \"give\" (see `tend card new`).")
	return nil
}

// flags is a short column: the mode's first letters and R, Q, S flags.
func flags(p *tend.Practice) string {
	f := []byte("---")
	if p.Remote {
		f[0] = 'R'
	}
	if p.Quick {
		f[1] = 'Q'
	}
	if p.Supply {
		f[2] = 'S'
	}
	return fmt.Sprintf("%-8s %s", p.Mode, f)
}
