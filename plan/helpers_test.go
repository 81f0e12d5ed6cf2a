package plan_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/catalog"
	"github.com/tendcare/tend/plan"
)

func mustCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	c, err := catalog.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

type opt func(*tend.Card)

// card builds a card: card("Sam", recv("water", "need"), give("cuddle", "glad")).
func card(name string, opts ...opt) *tend.Card {
	c := &tend.Card{Tend: tend.CardVersion, Name: name, Receive: map[string]tend.Receive{}, Give: map[string]tend.Give{}}
	for _, o := range opts {
		o(c)
	}
	return c
}

func recv(kv ...string) opt {
	return func(c *tend.Card) {
		for i := 0; i < len(kv); i += 2 {
			c.Receive[kv[i]] = tend.Receive(kv[i+1])
		}
	}
}

func give(kv ...string) opt {
	return func(c *tend.Card) {
		for i := 0; i < len(kv); i += 2 {
			c.Give[kv[i]] = tend.Give(kv[i+1])
		}
	}
}

func space(n int) opt { return func(c *tend.Card) { c.SpaceFirstMinutes = n } }

func drop(when tend.DropWhen, helps ...string) opt {
	return func(c *tend.Card) { c.Drop = &tend.Drop{When: when, Helps: helps} }
}

func notes(n ...string) opt { return func(c *tend.Card) { c.Notes = n } }
func avoid(n ...string) opt { return func(c *tend.Card) { c.Avoid = n } }

func override(k tend.Kind, o *tend.Override) opt {
	return func(c *tend.Card) {
		if c.Encounters == nil {
			c.Encounters = map[tend.Kind]*tend.Override{}
		}
		c.Encounters[k] = o
	}
}

func mustPlan(tb testing.TB, cat tend.PracticeIndex, kind tend.Kind, cards ...*tend.Card) *tend.Plan {
	tb.Helper()
	p, err := plan.Make(cat, cards, kind)
	if err != nil {
		tb.Fatalf("Make(%s): %v", kind, err)
	}
	checkInvariants(tb, cat, kind, cards, p)
	return p
}

// steps returns the steps for a practice.
func steps(p *tend.Plan, practice string) []tend.Step {
	var out []tend.Step
	for _, s := range p.Steps {
		if s.Practice == practice {
			out = append(out, s)
		}
	}
	return out
}

func conflicts(p *tend.Plan, kind string) []tend.Conflict {
	var out []tend.Conflict
	for _, c := range p.Conflicts {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

func followup(p *tend.Plan, after string) (tend.Followup, bool) {
	for _, f := range p.Followups {
		if f.After == after {
			return f, true
		}
	}
	return tend.Followup{}, false
}

func supply(p *tend.Plan, item string) (tend.Supply, bool) {
	for _, s := range p.Supplies {
		if s.Item == item {
			return s, true
		}
	}
	return tend.Supply{}, false
}

// checkInvariants asserts the rules every plan keeps, whatever the input.
func checkInvariants(tb testing.TB, cat tend.PracticeIndex, kind tend.Kind, cards []*tend.Card, p *tend.Plan) {
	tb.Helper()
	levels := map[string]map[string]tend.Receive{}
	gives := map[string]map[string]tend.Give{}
	for _, c := range cards {
		r, g, _ := c.Levels(kind)
		levels[c.Name], gives[c.Name] = r, g
	}
	if !slices.IsSorted(p.People) || len(p.People) != len(cards) {
		tb.Errorf("people: got %v, want the %d names sorted", p.People, len(cards))
	}
	if p.Tend != tend.PlanVersion || p.Encounter != kind {
		tb.Errorf("header: got %q %q", p.Tend, p.Encounter)
	}
	practice := func(id string) *tend.Practice {
		if pr, ok := cat.Practice(id); ok {
			return pr
		}
		for _, c := range cards {
			for _, cp := range c.Custom {
				if cp.ID == id {
					return cp.Practice()
				}
			}
		}
		return nil
	}
	for _, s := range p.Steps {
		if s.Why == "" || s.Title == "" || len(s.For) == 0 || len(s.By) == 0 {
			tb.Errorf("step %s: incomplete: %+v", s.Practice, s)
		}
		for _, who := range s.For {
			if levels[who][s.Practice] == tend.Never {
				tb.Errorf("step %s is for %s, who marked it never", s.Practice, who)
			}
			if !slices.Contains(p.People, who) {
				tb.Errorf("step %s: unknown person %q", s.Practice, who)
			}
		}
		switch s.Mode {
		case tend.Given:
			for _, by := range s.By {
				if !gives[by][s.Practice].Offered() {
					tb.Errorf("step %s: %s is asked to give it but marked %q", s.Practice, by, gives[by][s.Practice])
				}
				if slices.Contains(s.For, by) {
					tb.Errorf("step %s: %s gives it to themself", s.Practice, by)
				}
			}
		case tend.Together:
			for _, by := range s.By {
				r := levels[by][s.Practice]
				if r.Declined() || gives[by][s.Practice] == tend.No && !r.Wanted() {
					tb.Errorf("together step %s includes %s, who turns it down", s.Practice, by)
				}
			}
		case tend.Self:
			if !slices.Equal(s.For, s.By) || len(s.By) != 1 {
				tb.Errorf("self step %s: for %v by %v, want one person doing it for themself", s.Practice, s.For, s.By)
			}
		}
		if kind == tend.LongDistance && len(s.By) > 0 && !slices.Equal(s.For, s.By) {
			if pr := practice(s.Practice); pr == nil || !pr.Remote {
				tb.Errorf("long-distance step %s between %v and %v is not remote", s.Practice, s.By, s.For)
			}
		}
		if kind == tend.Solo && (len(s.By) != 1 || s.Mode != tend.Self) {
			tb.Errorf("solo step %s: mode %s by %v, want self", s.Practice, s.Mode, s.By)
		}
	}
	checkStepOrder(tb, kind, practice, p)
	// Everyone reads the same plan: reasons name people, never "you".
	if len(cards) > 1 {
		for _, s := range p.Steps {
			if w := " " + strings.ToLower(s.Why); strings.Contains(w, " you ") || strings.Contains(w, "yourself") || strings.Contains(w, " your ") {
				tb.Errorf("step %s: why speaks to \"you\" in a shared plan: %q", s.Practice, s.Why)
			}
		}
	}
	for _, c := range p.Conflicts {
		if c.Why == "" || len(c.Ways) == 0 || len(c.People) == 0 || len(c.Practices) == 0 {
			tb.Errorf("conflict %s: incomplete: %+v", c.Kind, c)
		}
		// Whoever waits for someone's time alone is told what to do
		// meanwhile.
		if c.Kind == tend.SpaceAndCloseness && !slices.ContainsFunc(c.Ways, func(w string) bool { return strings.HasPrefix(w, "Meanwhile") }) {
			tb.Errorf("conflict %s: nothing to do meanwhile: %q", c.Kind, c.Ways)
		}
	}
	// Every step has its own title, so a checklist can tell them apart.
	titles := map[string]bool{}
	for _, s := range p.Steps {
		if titles[s.Title] {
			tb.Errorf("two steps are titled %q", s.Title)
		}
		titles[s.Title] = true
	}
	for _, text := range planTexts(p) {
		if doubled.MatchString(text) {
			tb.Errorf("doubled punctuation: %q", text)
		}
	}
	for _, s := range p.Supplies {
		if s.Why == "" || s.Item == "" {
			tb.Errorf("supply: incomplete: %+v", s)
		}
	}
	for _, f := range p.Followups {
		if f.Why == "" || len(f.For) == 0 || !strings.HasPrefix(f.After, "P") {
			tb.Errorf("followup: incomplete: %+v", f)
		}
	}
	// Every need has a step, a conflict that says why not, or a follow-up.
	for _, c := range cards {
		for id, level := range levels[c.Name] {
			if level != tend.Need || !covered(p, c.Name, id) {
				if level == tend.Need {
					tb.Errorf("%s needs %s: no step, conflict or follow-up covers it", c.Name, id)
				}
			}
		}
	}
	// Quickie likes are quick.
	if kind == tend.Quickie {
		for _, s := range p.Steps {
			pr := practice(s.Practice)
			if pr == nil || pr.Quick {
				continue
			}
			for _, who := range s.For {
				if levels[who][s.Practice] == tend.Like && !anyNeed(levels, s.For, s.Practice) {
					tb.Errorf("quickie: liked step %s is not quick", s.Practice)
				}
			}
		}
	}
	// Deterministic: again, and with the cards in another order.
	a, _ := tend.MarshalPlan(p)
	shuffled := slices.Clone(cards)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	q, err := plan.Make(cat, shuffled, kind)
	if err != nil {
		tb.Fatal(err)
	}
	b, _ := tend.MarshalPlan(q)
	if !bytes.Equal(a, b) {
		tb.Errorf("plan differs when the cards come in another order")
	}
}

func anyNeed(levels map[string]map[string]tend.Receive, who []string, id string) bool {
	for _, w := range who {
		if levels[w][id] == tend.Need {
			return true
		}
	}
	return false
}

func covered(p *tend.Plan, who, id string) bool {
	for _, s := range p.Steps {
		if s.Practice == id && slices.Contains(s.For, who) {
			return true
		}
	}
	for _, c := range p.Conflicts {
		if slices.Contains(c.Practices, id) && slices.Contains(c.People, who) {
			return true
		}
	}
	for _, f := range p.Followups {
		if slices.Contains(f.For, who) && strings.Contains(f.Why, who) {
			return true
		}
	}
	return false
}

func dump(p *tend.Plan) string {
	b, _ := tend.MarshalPlan(p)
	return string(b)
}
