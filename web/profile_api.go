package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/plan"
)

// profileAPIRoutes are the JSON API of the profile: its card, import,
// versions and plan.
func (s *Server) profileAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/profile", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfileGet},
		{method: "PUT", pattern: "/api/v1/profile", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleProfilePut},
		{method: "POST", pattern: "/api/v1/profile/import", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleProfileImport},
		{method: "GET", pattern: "/api/v1/profile/versions", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfileVersions},
		{method: "GET", pattern: "/api/v1/profile/versions/{version}", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfileVersion},
		{method: "POST", pattern: "/api/v1/profile/versions/{version}/restore", access: signedIn, scope: tend.ScopeProfileWrite, handle: s.handleProfileRestore},
		{method: "GET", pattern: "/api/v1/profile/card", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfileCard},
		{method: "GET", pattern: "/api/v1/profile/plan", access: signedIn, scope: tend.ScopeProfileRead, handle: s.handleProfilePlan},
	}
}

type profileJSON struct {
	Version     int        `json:"version"`
	UpdatedAt   *time.Time `json:"updated_at"`
	NeedsReview bool       `json:"needs_review"`
	Card        *tend.Card `json:"card"`
}

// toProfileJSON shows a profile of the signed-in person; its card carries
// their display name, as every card of theirs does.
func (s *Server) toProfileJSON(r *http.Request, p *tend.Profile) profileJSON {
	card := *p.Card
	card.Name = tend.PersonFromContext(r.Context()).DisplayName
	out := profileJSON{Version: p.Version, NeedsReview: p.NeedsReview(s.Now()), Card: &card}
	if p.Version > 0 {
		t := p.UpdatedAt
		out.UpdatedAt = &t
	}
	return out
}

// profileVersionJSON is one entry of a profile's history (the export,
// tend.Export, carries each version's card too).
type profileVersionJSON struct {
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	Restored  int       `json:"restored,omitempty"`
	// Why says why it was saved, when an accepted suggestion made it.
	Why string `json:"why,omitempty"`
}

// readCard reads a card from the request body: a tend.card/v1 document,
// where "tend" and "name" may be left out (the name is always the
// person's own). Problems are answered with their field paths.
func (s *Server) readCard(w http.ResponseWriter, r *http.Request, name string) (*tend.Card, []tend.Problem, error) {
	if err := requireJSON(r); err != nil {
		return nil, nil, err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, tend.MaxCardBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, nil, tend.Errorf(tend.EINVALID, "a card may be at most %d KiB", tend.MaxCardBytes>>10)
		}
		return nil, nil, tend.Errorf(tend.EINVALID, "the body could not be read")
	}
	return s.parseCard(body, name)
}

// parseCard reads a card for the profile: "tend" may be left out, and
// the name is always the person's own.
func (s *Server) parseCard(body []byte, name string) (*tend.Card, []tend.Problem, error) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) == nil && fields != nil {
		if _, ok := fields["tend"]; !ok {
			fields["tend"], _ = json.Marshal(tend.CardVersion)
		}
		fields["name"], _ = json.Marshal(name)
		body, _ = json.Marshal(fields)
	}
	return tend.ParseCard("card", body, s.Catalog)
}

func problemsJSON(ps []tend.Problem) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func (s *Server) handleProfileGet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	// The card's JSON is kept per version and name, which make it; the
	// session check read which version is the newest, so with the JSON
	// kept, the profile itself need not be read.
	p := &tend.Profile{PersonID: me.ID, Version: me.ProfileVersion, UpdatedAt: me.ProfileSavedAt}
	key := bodyKey{person: me.ID, version: p.Version, name: me.DisplayName}
	card, ok := s.cardJSON.Get(key)
	if !ok || p.Version == 0 {
		var err error
		if p, err = s.Profiles.FindProfile(ctx, me.ID); err != nil {
			s.apiError(w, r, err)
			return
		}
		c := *p.Card
		c.Name = me.DisplayName
		if card, err = marshalJSON(&c); err != nil {
			s.apiError(w, r, err)
			return
		}
		if key.version = p.Version; p.Version > 0 {
			s.cardJSON.Put(key, card)
		}
	}
	b := profileBuffers.Get().(*[]byte)
	defer profileBuffers.Put(b)
	*b = appendProfileJSON((*b)[:0], p, p.NeedsReview(s.Now()), card)
	h := w.Header()
	h["Content-Type"] = jsonContentType[:1:1]
	h["Content-Length"] = []string{strconv.Itoa(len(*b))}
	w.Write(*b)
}

// jsonContentType is a JSON answer's Content-Type, ready to put in a
// header without a new slice (capacity one: adding to it makes another).
var jsonContentType = []string{"application/json; charset=utf-8"}

// profileBuffers keep the buffers GET /api/v1/profile answers from.
var profileBuffers = sync.Pool{New: func() any { return new([]byte) }}

// appendProfileJSON appends the answer to GET /api/v1/profile,
// {"profile": {"version", "updated_at", "needs_review", "card"}}, written
// by hand: the kept card is JSON already, which an encoder would check
// and copy all again (an eighth of the request's time), and the rest is
// three fields (json.Marshal of profileHeadJSON took another 3%).
// TestProfileJSONByHand holds it to what the encoder writes.
func appendProfileJSON(b []byte, p *tend.Profile, needsReview bool, card []byte) []byte {
	b = append(b, `{"profile":{"version":`...)
	b = strconv.AppendInt(b, int64(p.Version), 10)
	b = append(b, `,"updated_at":`...)
	if p.Version > 0 {
		b = append(b, '"')
		b = p.UpdatedAt.AppendFormat(b, time.RFC3339Nano)
		b = append(b, '"')
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"needs_review":`...)
	b = strconv.AppendBool(b, needsReview)
	b = append(b, `,"card":`...)
	b = append(b, card...)
	return append(b, "}}\n"...)
}

func (s *Server) handleProfilePut(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	c, warns, err := s.readCard(w, r, me.DisplayName)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.Profiles.SaveProfile(ctx, me.ID, c)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"profile": s.toProfileJSON(r, p), "warnings": problemsJSON(warns)})
}

// handleProfileImport previews (?preview=true) or saves a card file as
// the profile, saying what changes.
func (s *Server) handleProfileImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	preview, err := boolParam(r, "preview")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, warns, err := s.readCard(w, r, me.DisplayName)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if !c.Expires.IsZero() && c.Expired(s.Now()) {
		s.apiError(w, r, tend.Errorf(tend.EINVALID, "this card expired on %s; it is not imported", c.Expires.Format("2 January 2006")))
		return
	}
	cur, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	changes := tend.DiffCards(cur.Card, c)
	if preview {
		writeJSON(w, http.StatusOK, map[string]any{"changes": changes, "warnings": problemsJSON(warns)})
		return
	}
	p, err := s.Profiles.SaveProfile(ctx, me.ID, c)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"profile": s.toProfileJSON(r, p), "changes": changes, "warnings": problemsJSON(warns)})
}

func (s *Server) handleProfileVersions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	vs, err := s.Profiles.FindProfileVersions(ctx, personID(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]profileVersionJSON, len(vs))
	for i, v := range vs {
		out[i] = profileVersionJSON{Version: v.Version, CreatedAt: v.CreatedAt, Restored: v.Restored, Why: v.Why}
	}
	writeJSON(w, http.StatusOK, map[string]any{"versions": out})
}

func (s *Server) handleProfileVersion(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := versionParam(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	me := tend.PersonFromContext(ctx)
	p, err := s.Profiles.FindProfileVersion(ctx, me.ID, v)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	// What changed from the version before it.
	var before *tend.Card
	if prev, err := s.Profiles.FindProfileVersion(ctx, me.ID, v-1); err == nil {
		before = prev.Card
	}
	changes := tend.DiffCards(before, p.Card)
	writeJSON(w, http.StatusOK, map[string]any{"profile": s.toProfileJSON(r, p), "changes": changes})
}

func (s *Server) handleProfileRestore(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := versionParam(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.Profiles.RestoreProfileVersion(ctx, personID(r), v)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"profile": s.toProfileJSON(r, p)})
}

// handleProfileCard downloads the profile as a tend.card/v1 file.
func (s *Server) handleProfileCard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	p, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeCardFile(w, r, tend.ProfileCard(p.Card, me.DisplayName), me.Username+".tend-card.json")
}

// handleProfilePlan shows the profile at work: the plan for this person
// alone (solo by default).
func (s *Server) handleProfilePlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := tend.PersonFromContext(ctx)
	kind := tend.Kind(r.URL.Query().Get("encounter"))
	if kind == "" {
		kind = tend.Solo
	}
	p, err := s.Profiles.FindProfile(ctx, me.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	pl, err := plan.Make(s.Catalog, []*tend.Card{tend.ProfileCard(p.Card, me.DisplayName)}, kind)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pl)
}
