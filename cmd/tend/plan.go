package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

func (e *Env) planCmd(args []string) error {
	fs := newFlags("plan")
	kindS := fs.String("encounter", string(tend.Gentle), "the `kind` of encounter: gentle, intense, quickie, first-time, long-distance or solo")
	asJSON := fs.Bool("json", false, "print the tend.plan/v1 document instead of text")
	allowExpired := fs.Bool("allow-expired", false, "use cards even if they have expired")
	howto := fs.Bool("howto", false, "show how to do every step (text output)")
	pos, err := parse(fs, args, e)
	if err != nil {
		return err
	}
	kind, err := kindFlag(*kindS)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErrorf("plan needs card files: tend plan sam.json alex.json --encounter %s", kind)
	}
	if kind == tend.Solo && len(pos) != 1 {
		return usageErrorf("a solo plan takes exactly one card; %d were given", len(pos))
	}
	if len(pos) > tend.MaxPeople {
		return usageErrorf("a plan is for at most %d people; %d cards were given", tend.MaxPeople, len(pos))
	}
	cat, err := e.catalog()
	if err != nil {
		return err
	}
	cards := make([]*tend.Card, 0, len(pos))
	for _, path := range pos {
		c, err := e.readCard(path, *allowExpired, false)
		if err != nil {
			return err
		}
		cards = append(cards, c)
	}
	p, err := plan.Make(cat, cards, kind)
	if err != nil {
		return err
	}
	if *asJSON {
		data, err := tend.MarshalPlan(p)
		if err != nil {
			return err
		}
		_, err = e.Stdout.Write(data)
		return err
	}
	_, err = fmt.Fprint(e.Stdout, planText(p, func(s tend.Step) bool {
		if *howto {
			return true
		}
		// A step done alone in place of a given or shared practice
		// says how, or "A cuddle: Sam" would make no sense.
		pr, ok := cat.Practice(s.Practice)
		return s.Mode == tend.Self && (!ok || pr.Mode != tend.Self)
	}))
	return err
}

// planText lays a plan out for an 80-column terminal; showHow says which
// steps get their how-to.
func planText(p *tend.Plan, showHow func(tend.Step) bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Aftercare plan: %s, for %s\n", termText(string(p.Encounter)), termText(tend.JoinNames(p.People)))
	fmt.Fprintf(&b, "Set aside about %d minutes.\n", p.Minutes)
	switch {
	case len(p.Steps) > 0:
	case len(p.Conflicts) > 0:
		b.WriteString("\nNo step could be planned: see where needs clash below.\n")
	case len(p.Followups) == 0:
		b.WriteString("\nNothing is planned yet: add needs and likes to the cards (\"receive\"),\nand what each person is glad to give (\"give\").\n")
	}
	for _, phase := range []tend.Phase{tend.First, tend.Soon, tend.Later} {
		head := map[tend.Phase]string{tend.First: "RIGHT AWAY", tend.Soon: "SOON AFTER", tend.Later: "LATER"}[phase]
		wrote := false
		for _, s := range p.Steps {
			if s.Phase != phase {
				continue
			}
			if !wrote {
				fmt.Fprintf(&b, "\n%s\n", head)
				wrote = true
			}
			b.WriteString(wrap(stepLine(s), "  [ ] ", "      "))
			b.WriteString(wrap("Why: "+s.Why, "      ", "      "))
			if s.HowTo != "" && showHow(s) {
				b.WriteString(wrap("How: "+s.HowTo, "      ", "      "))
			}
			for _, c := range s.Comments {
				b.WriteString(wrap(c.From+" says: "+c.Text, "      ", "      "))
			}
		}
	}
	if len(p.Conflicts) > 0 {
		b.WriteString("\nWHERE NEEDS CLASH\n")
		for _, c := range p.Conflicts {
			name := map[string]string{tend.UnmetNeed: "Unmet need", tend.SpaceAndCloseness: "Space and closeness", tend.DeclinedTogether: "Not shared"}[c.Kind]
			b.WriteString(wrap(name+" ("+tend.JoinNames(c.People)+"): "+c.Why, "  ! ", "    "))
			for _, w := range c.Ways {
				b.WriteString(wrap(w, "    - ", "      "))
			}
		}
	}
	if len(p.Supplies) > 0 {
		b.WriteString("\nHAVE AT HAND\n")
		for _, s := range p.Supplies {
			item := s.Item
			if len(s.For) > 0 {
				item += " (" + tend.JoinNames(s.For) + ")"
			}
			b.WriteString(wrap(item+": "+s.Why, "  - ", "    "))
		}
	}
	if len(p.Followups) > 0 {
		b.WriteString("\nCHECK IN LATER\n")
		for _, f := range p.Followups {
			b.WriteString(wrap(durationWords(f.After)+", "+tend.JoinNames(f.For)+": "+f.Why, "  - ", "    "))
		}
	}
	if len(p.Notes) > 0 {
		b.WriteString("\nWHAT TO KNOW ABOUT EACH OTHER\n")
		for _, n := range p.Notes {
			b.WriteString(wrap(n.From+": "+n.Text, "  - ", "    "))
		}
	}
	if len(p.Avoid) > 0 {
		b.WriteString("\nPLEASE AVOID\n")
		for _, n := range p.Avoid {
			b.WriteString(wrap(n.From+": "+n.Text, "  - ", "    "))
		}
	}
	return b.String()
}

// stepLine is a step's checklist line: "A glass of water: Alex for Sam
// (2 min)". A title that already says for whom (the plan adds it when
// two steps would share a title) is not followed by it again.
func stepLine(s tend.Step) string {
	line := s.Title
	forWhom := " for " + tend.JoinNames(s.For)
	switch {
	case strings.HasSuffix(s.Title, forWhom) && slices.Equal(s.By, s.For):
	case strings.HasSuffix(s.Title, forWhom):
		line += ": " + tend.JoinNames(s.By)
	case s.Mode == tend.Given:
		line += ": " + tend.JoinNames(s.By) + " for " + tend.JoinNames(s.For)
	case s.Mode == tend.Together && len(s.By) > 1:
		line += ": together"
	default:
		line += ": " + tend.JoinNames(s.By)
	}
	var extra []string
	if s.At > 0 {
		extra = append(extra, fmt.Sprintf("after %d min", s.At))
	}
	if s.Minutes > 0 {
		extra = append(extra, fmt.Sprintf("%d min", s.Minutes))
	}
	if len(extra) > 0 {
		line += " (" + strings.Join(extra, ", ") + ")"
	}
	return line
}

// durationWords reads the ISO 8601 durations plans use: "In 6 hours",
// "The next day".
func durationWords(iso string) string {
	var n int
	switch {
	case iso == "P1D":
		return "The next day"
	case strings.HasPrefix(iso, "P") && strings.HasSuffix(iso, "D") && !strings.Contains(iso, "T"):
		fmt.Sscanf(iso, "P%dD", &n)
		return fmt.Sprintf("In %d days", n)
	case strings.HasPrefix(iso, "PT") && strings.HasSuffix(iso, "H"):
		fmt.Sscanf(iso, "PT%dH", &n)
		return fmt.Sprintf("In %d %s", n, plural(n, "hour", "hours"))
	case strings.HasPrefix(iso, "PT") && strings.HasSuffix(iso, "M") && !strings.Contains(iso, "H"):
		fmt.Sscanf(iso, "PT%dM", &n)
		return fmt.Sprintf("In %d minutes", n)
	}
	return "After " + iso
}
