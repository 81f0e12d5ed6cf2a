package web

import (
	"net/http"
	"strings"

	"github.com/tendcare/tend"
)

// historyPageRoutes are the profile's versions: the list, what one
// changed, restoring one.
func (s *Server) historyPageRoutes() []route {
	return []route{
		{method: "GET", pattern: "/profile/history", access: sessionOnly, page: true, handle: s.handleHistoryPage},
		{method: "GET", pattern: "/profile/history/{version}", access: sessionOnly, page: true, handle: s.handleVersionPage},
		{method: "POST", pattern: "/profile/history/{version}/restore", access: sessionOnly, page: true, handle: s.handleVersionRestore},
	}
}

// changeRow is one change between two versions, in words.
type changeRow struct {
	What, From, To string
}

// describeChanges lists what changes from one card to the next in words
// a person reads: practice titles instead of ids, levels as the pages say
// them.
func (s *Server) describeChanges(before, after *tend.Card) []changeRow {
	titles := map[string]string{}
	for _, c := range []*tend.Card{before, after} {
		if c != nil {
			for _, cp := range c.Custom {
				titles[cp.ID] = "“" + cp.Title + "”"
			}
		}
	}
	title := func(id string) string {
		if p, ok := s.Catalog.Practice(id); ok {
			return p.Title
		}
		if t, ok := titles[id]; ok {
			return t
		}
		return id
	}
	cs := tend.DiffCards(before, after)
	out := make([]changeRow, 0, len(cs))
	for _, c := range cs {
		out = append(out, describeChange(c, title))
	}
	return out
}

// describeChange words one change; title names a practice by its id.
func describeChange(c tend.Change, title func(string) string) changeRow {
	row := changeRow{From: c.From, To: c.To}
	words := func(f func(string) string) { row.From, row.To = f(c.From), f(c.To) }
	recv := func(v string) string { return receiveLabel(tend.Receive(v)) }
	give := func(v string) string { return giveLabel(tend.Give(v)) }
	parts := strings.Split(c.Path, ".")
	switch {
	case len(parts) == 2 && parts[0] == "receive":
		row.What = "Receiving: " + title(parts[1])
		words(recv)
	case len(parts) == 2 && parts[0] == "give":
		row.What = "Giving: " + title(parts[1])
		words(give)
	case len(parts) == 2 && parts[0] == "comments":
		row.What = "Note about " + title(parts[1])
	case len(parts) == 2 && parts[0] == "drop":
		row.What = map[string]string{"when": "Drop: when it tends to come", "signs": "Drop: how it shows", "helps": "Drop: what helps"}[parts[1]]
		if parts[1] == "when" {
			words(func(v string) string { return dropLabels[tend.DropWhen(v)] })
		}
	case len(parts) == 3 && parts[0] == "custom":
		row.What = "My own practice " + title(parts[1]) + ": " + map[string]string{"title": "name", "mode": "who does it",
			"receive": "receiving it", "give": "giving it", "remote": "works from a distance", "quick": "takes a minute or two"}[parts[2]]
		switch parts[2] {
		case "receive":
			words(recv)
		case "give":
			words(give)
		case "mode":
			words(modeLabel)
		case "remote", "quick":
			words(func(v string) string { return map[string]string{"yes": "Yes", "": "No"}[v] })
		}
	case len(parts) >= 3 && parts[0] == "encounters":
		kind := kindPhrases[tend.Kind(parts[1])]
		switch {
		case parts[2] == "minutes":
			row.What = "Minutes to set aside after " + kind
		case len(parts) == 4 && parts[2] == "receive":
			row.What = "After " + kind + ", receiving: " + title(parts[3])
			words(recv)
		case len(parts) == 4 && parts[2] == "give":
			row.What = "After " + kind + ", giving: " + title(parts[3])
			words(give)
		}
	default:
		row.What = map[string]string{"pronouns": "Pronouns", "space_first_minutes": "Minutes to myself first",
			"notes": "Notes for partners", "avoid": "Things to avoid"}[c.Path]
	}
	if row.What == "" {
		row.What = c.Path
	}
	return row
}

type historyView struct {
	Page     page
	Versions []tend.ProfileVersion
	Current  int
}

func (s *Server) handleHistoryPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	vs, err := s.Profiles.FindProfileVersions(ctx, personID(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := historyView{Page: s.base(r, "History", "profile"), Versions: vs}
	if len(vs) > 0 {
		v.Current = vs[0].Version
	}
	s.render(w, r, http.StatusOK, "history", v)
}

type versionView struct {
	Page    page
	Version tend.ProfileVersion
	Changes []changeRow
	Latest  bool
}

// handleVersionPage shows what one version changed from the one before.
func (s *Server) handleVersionPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := versionParam(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	me := tend.PersonFromContext(ctx)
	p, err := s.Profiles.FindProfileVersion(ctx, me.ID, n)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	latest, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var before *tend.Card
	if prev, err := s.Profiles.FindProfileVersion(ctx, me.ID, n-1); err == nil {
		before = prev.Card
	}
	v := versionView{Page: s.base(r, "Version "+r.PathValue("version"), "profile"),
		Version: tend.ProfileVersion{Version: p.Version, CreatedAt: p.UpdatedAt},
		Changes: s.describeChanges(before, p.Card), Latest: latest.Version == n}
	s.render(w, r, http.StatusOK, "version", v)
}

func (s *Server) handleVersionRestore(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := versionParam(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.Profiles.RestoreProfileVersion(ctx, personID(r), n); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/profile/history", "restored")
}
