package web

import (
	"net/http"
	"strings"

	"github.com/tendcare/tend"
)

// changeRow is one change between two versions, in words.
type changeRow struct {
	What, From, To string
}

// describeChanges turns a card diff into words a person reads: practice
// titles instead of ids, levels as the pages say them.
func (s *Server) describeChanges(cs []tend.Change) []changeRow {
	out := make([]changeRow, 0, len(cs))
	for _, c := range cs {
		section, id, _ := strings.Cut(c.Path, ".")
		title := id
		if p, ok := s.Catalog.Practice(id); ok {
			title = p.Title
		}
		row := changeRow{From: c.From, To: c.To}
		switch section {
		case "receive":
			row.What, row.From, row.To = "Receiving: "+title, receiveLabel(tend.Receive(c.From)), receiveLabel(tend.Receive(c.To))
		case "give":
			row.What, row.From, row.To = "Giving: "+title, giveLabel(tend.Give(c.From)), giveLabel(tend.Give(c.To))
		case "comments":
			row.What = "Note about " + title
		case "custom":
			row.What = "My own practice"
		case "encounters":
			row.What = "Adjustments for " + kindLabels[tend.Kind(id)]
		default:
			row.What = map[string]string{"pronouns": "Pronouns", "space_first_minutes": "Minutes to myself first",
				"notes": "Notes for partners", "avoid": "Things to avoid", "drop": "Drop"}[section]
			if row.What == "" {
				row.What = c.Path
			}
		}
		out = append(out, row)
	}
	return out
}

type historyView struct {
	Page     page
	Versions []tend.ProfileVersion
	Current  int
}

func (s *Server) handleHistoryPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	vs, err := s.Profiles.FindProfileVersions(ctx, tend.PersonFromContext(ctx).ID)
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
		Changes: s.describeChanges(tend.DiffCards(before, p.Card)), Latest: latest.Version == n}
	s.render(w, r, http.StatusOK, "version", v)
}

func (s *Server) handleVersionRestore(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := versionParam(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.Profiles.RestoreProfileVersion(ctx, tend.PersonFromContext(ctx).ID, n); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/profile/history", "restored")
}
