package tend

import "slices"

// SharedCard is what a circle sees of a member's card, by what they share
// with it: everything; practices and levels only (no notes, things to
// avoid, comments or drop pattern); or the levels of some practices. The
// card is not modified; the name and pronouns always go with it.
func SharedCard(c *Card, share Share, practices []string) *Card {
	switch share {
	case ShareAll:
		return c.Clone()
	case ShareLevels:
		out := c.Clone()
		out.Comments, out.Notes, out.Avoid, out.Drop = nil, nil, nil, nil
		return out
	}
	// ShareSome, and anything unknown: only what was chosen.
	keep := func(id string) bool { return slices.Contains(practices, id) }
	out := &Card{Tend: c.Tend, Name: c.Name, Pronouns: c.Pronouns, Created: c.Created, Expires: c.Expires}
	out.Receive = keepLevels(c.Receive, keep)
	out.Give = keepLevels(c.Give, keep)
	for _, cp := range c.Custom {
		if keep(cp.ID) {
			out.Custom = append(out.Custom, cp)
		}
	}
	for k, o := range c.Encounters {
		if o == nil {
			continue
		}
		r, g := keepLevels(o.Receive, keep), keepLevels(o.Give, keep)
		if len(r) > 0 || len(g) > 0 {
			if out.Encounters == nil {
				out.Encounters = map[Kind]*Override{}
			}
			out.Encounters[k] = &Override{Receive: r, Give: g}
		}
	}
	return out
}

func keepLevels[V ~string](m map[string]V, keep func(string) bool) map[string]V {
	var out map[string]V
	for id, v := range m {
		if keep(id) {
			if out == nil {
				out = map[string]V{}
			}
			out[id] = v
		}
	}
	return out
}
