package main

import (
	"fmt"
	"strings"
)

func (e *Env) guideCmd(args []string) error {
	fs := newFlags("guide")
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	cat, err := e.catalog()
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		fmt.Fprintln(e.Stdout, "Guides (read one with `tend guide NAME`):")
		fmt.Fprintln(e.Stdout)
		for _, g := range cat.Guides() {
			fmt.Fprintf(e.Stdout, "  %-26s %s\n", g.Name, g.Title)
			fmt.Fprint(e.Stdout, wrap(g.Summary, "  "+strings.Repeat(" ", 27), "  "+strings.Repeat(" ", 27)))
		}
		return nil
	case 1:
	default:
		return usageErrorf("guide takes one name at a time")
	}
	g, ok := cat.Guide(strings.ToLower(pos[0]))
	if !ok {
		var names []string
		for _, g := range cat.Guides() {
			names = append(names, g.Name)
		}
		return usageErrorf("there is no guide %q; the guides are %s", pos[0], strings.Join(names, ", "))
	}
	fmt.Fprintf(e.Stdout, "%s\n%s\n\n%s\n", g.Title, strings.Repeat("=", len([]rune(g.Title))), g.Body)
	return nil
}
