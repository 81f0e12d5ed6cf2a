package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/tendcare/tend"
)

func (e *Env) deckCmd(args []string) error {
	fs := newFlags("deck")
	kindS := fs.String("encounter", string(tend.Gentle), "the `kind` of encounter")
	people := fs.Int("people", 2, "how many people take part; 3 or more adds questions for groups")
	casual := fs.Bool("casual", false, "add questions for a new or casual partner")
	n := fs.Int("n", 3, "how many questions of each deck")
	seed := fs.Int("seed", -1, "pick this set of questions (default: a new set each day)")
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("deck takes no arguments; did you mean `tend deck --encounter %s`?", pos[0])
	}
	kind, err := kindFlag(*kindS)
	if err != nil {
		return err
	}
	if *people < 1 || *people > tend.MaxPeople {
		return usageErrorf("--people %d: give a number from 1 to %d", *people, tend.MaxPeople)
	}
	if kind == tend.Solo && *people != 1 && isSet(fs, "people") {
		return usageErrorf("a solo deck is for one person; leave out --people")
	}
	if kind == tend.Solo && *casual {
		return usageErrorf("a solo deck is for you alone: leave out --casual, or pick another --encounter")
	}
	if kind == tend.Solo {
		*people = 1
	}
	if *n < 1 || *n > 20 {
		return usageErrorf("-n %d: give a number from 1 to 20", *n)
	}
	s := uint64(e.Now().Unix() / 86400)
	if *seed >= 0 {
		s = uint64(*seed)
	}
	cat, err := e.catalog()
	if err != nil {
		return err
	}
	// The decks' titles are the catalog's, as the web shows them.
	for i, d := range cat.Decks() {
		if i > 0 {
			fmt.Fprintln(e.Stdout)
		}
		fmt.Fprintf(e.Stdout, "%s (%s)\n", strings.ToUpper(d.Title), kind)
		for _, q := range cat.Deck(kind, d.Name, *n, *people, *casual, s) {
			fmt.Fprint(e.Stdout, wrap(q.Text, "  - ", "    "))
		}
	}
	return nil
}

func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
