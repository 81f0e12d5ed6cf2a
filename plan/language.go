package plan

import (
	"fmt"
	"strings"

	"github.com/tendcare/tend"
)

// Language is a person's "aftercare language" for a kind of encounter:
// the three things that matter most to them, in a sentence ("Sam: some
// time alone first, a glass of water and a cuddle."). Time alone first
// comes first when they ask for it, then their needs, then their likes,
// each in catalog order; nothing asked for gives a sentence that says so.
func Language(idx tend.PracticeIndex, c *tend.Card, kind tend.Kind) string {
	recv, _, _ := c.Levels(kind)
	var things []string
	if c.SpaceFirstMinutes > 0 && !declinesSpace(c, kind) {
		things = append(things, fmt.Sprintf("%d minutes alone first", c.SpaceFirstMinutes))
	}
	custom := map[string]*tend.Practice{}
	for _, cp := range c.Custom {
		custom[cp.ID] = cp.Practice()
	}
	for _, level := range []tend.Receive{tend.Need, tend.Like} {
		for _, p := range idx.Practices() {
			if p.ID == "space-first" && c.SpaceFirstMinutes > 0 {
				continue // said already, with its minutes
			}
			if len(things) < 3 && recv[p.ID] == level && p.Suits(kind) {
				things = append(things, p.Phrase())
			}
		}
		for _, cp := range c.Custom {
			if len(things) < 3 && recv[cp.ID] == level {
				things = append(things, custom[cp.ID].Phrase())
			}
		}
	}
	if len(things) == 0 {
		return c.Name + " has not said yet what helps."
	}
	return sentence(c.Name + ": " + joinAnd(things))
}

// declinesSpace reports whether the card marks space-first "never" for
// the kind (which turns its minutes off).
func declinesSpace(c *tend.Card, kind tend.Kind) bool {
	recv, _, _ := c.Levels(kind)
	return recv["space-first"] == tend.Never
}

func joinAnd(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
