package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/tendcare/tend"
)

// dropPageRoutes are drop care's forms: a one-tap answer to another's
// alert, telling the others of one's low answer (when one chose to be
// asked), "I'm in a low place", and whom a low answer tells. Home shows
// the alerts (homeDrops), the follow-up page the offer to tell.
func (s *Server) dropPageRoutes() []route {
	return []route{
		{method: "POST", pattern: "/drops/{id}/replies", access: sessionOnly, page: true, handle: s.handleDropReplyForm, object: "drop"},
		{method: "POST", pattern: "/followups/{id}/tell", access: sessionOnly, page: true, handle: s.handleDropTellForm, object: "followup"},
		{method: "POST", pattern: "/encounters/{id}/low", access: sessionOnly, page: true, handle: s.handleRaiseLowForm, object: "encounter"},
		{method: "POST", pattern: "/settings/drop-tell", access: sessionOnly, page: true, handle: s.handleDropTellSettingsForm},
	}
}

// dropReplyLabels are the one-tap answers in the page's words.
var dropReplyLabels = map[tend.DropReplyKind]string{
	tend.DropThinking: "Thinking of you",
	tend.DropCall:     "I'll call you",
	tend.DropComing:   "Coming over",
}

// dropFlashes are the fixed messages after drop care's forms.
var dropFlashes = map[string]string{
	"drop-replied": "Your answer reached them.",
	"drop-told":    "They know now. Their answers will show on Home.",
	"low-told":     "They know now. Their answers will show on Home.",
	"drop-tell":    "Saved: what a low answer tells the others.",
}

// dropShown is an alert as Home shows it: who is low, what helps them
// (as they share it with the circle; others' alerts only), the answers
// it has, and for another's alert the one-tap answers.
type dropShown struct {
	ID, Who string
	Mine    bool
	Helps   []string
	Replies []dropReplyShown
	Kinds   []formChoice
}

// dropReplyShown is one answer as Home shows it.
type dropReplyShown struct {
	Who, Said string
}

// lowOffer is the encounter "I'm in a low place" tells of.
type lowOffer struct {
	ID, What string
}

// homeDrops reads the alerts the person sees, theirs and the others',
// newest first.
func (s *Server) homeDrops(ctx context.Context, me string) (others, mine []dropShown, err error) {
	list, err := s.Drops.FindDropAlerts(ctx, me)
	if err != nil {
		return nil, nil, err
	}
	helps := map[string][]string{}
	for _, a := range list {
		d := dropShown{ID: a.ID, Who: a.DisplayName, Mine: a.PersonID == me}
		for _, r := range a.Replies {
			who := r.DisplayName
			if r.PersonID == me {
				who = "You"
			}
			d.Replies = append(d.Replies, dropReplyShown{Who: who, Said: dropReplyLabels[r.Kind]})
		}
		if d.Mine {
			mine = append(mine, d)
			continue
		}
		key := a.EncounterID + "\x00" + a.PersonID
		h, ok := helps[key]
		if !ok {
			if h, err = s.sharedHelps(ctx, me, a.EncounterID, a.PersonID); err != nil {
				return nil, nil, err
			}
			helps[key] = h
		}
		d.Helps = h
		for _, k := range tend.DropReplyKinds() {
			d.Kinds = append(d.Kinds, formChoice{Value: string(k), Label: dropReplyLabels[k]})
		}
		others = append(others, d)
	}
	return others, mine, nil
}

// sharedHelps is what helps someone through a drop as their card shows
// it to the reader in the encounter: only what they share with the
// circle, nothing when they share none of it or left.
func (s *Server) sharedHelps(ctx context.Context, me, encounterID, personID string) ([]string, error) {
	ec, err := s.Encounters.EncounterCards(ctx, me, encounterID)
	if tend.ErrorCode(err) == tend.ENOTFOUND {
		return nil, nil
	}
	if err != nil || ec.Kind == tend.Solo {
		return nil, err
	}
	if c := ec.CardOf(personID); c != nil && c.Drop != nil {
		return c.Drop.Helps, nil
	}
	return nil, nil
}

// latestLow is the newest encounter with others that began within
// tend.LowPlaceDays, which "I'm in a low place" tells of.
func (s *Server) latestLow(list []*tend.Encounter) *lowOffer {
	for _, e := range list {
		if e.CircleID == "" || len(e.Members) < 2 || tend.CanRaiseLow(e.CreatedAt, s.Now()) != nil {
			continue
		}
		return &lowOffer{ID: e.ID, What: encounterTitle(e)}
	}
	return nil
}

func (s *Server) handleDropReplyForm(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	kind := tend.DropReplyKind(formValue(r, "kind"))
	if _, err := s.Drops.ReplyDrop(r.Context(), personID(r), r.PathValue("id"), kind); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/", "drop-replied")
}

func (s *Server) handleDropTellForm(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := s.Drops.TellDrop(r.Context(), personID(r), id); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/followups/"+id, "drop-told")
}

func (s *Server) handleRaiseLowForm(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Drops.RaiseLow(r.Context(), personID(r), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	redirect(w, r, "/", "low-told")
}

// dropTellOffer is what the follow-up page says of the others after a
// low answer: the person's choice (auto: they were told; ask: "Tell
// them?" until told; never: nothing), whether they were told, and
// their names.
type dropTellOffer struct {
	Choice tend.DropTell
	Told   bool
	Others string
}

// dropTellOffer reads it for a low answer to the follow-up f after the
// encounter e; nil when nobody else is in it.
func (s *Server) dropTellOffer(ctx context.Context, me string, f *tend.FollowupItem, e *tend.Encounter) (*dropTellOffer, error) {
	var names []string
	for _, m := range e.Members {
		if m.PersonID != me {
			names = append(names, m.DisplayName)
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	choice, err := s.Drops.FindDropTell(ctx, me)
	if err != nil {
		return nil, err
	}
	alerts, err := s.Drops.FindDropAlerts(ctx, me)
	if err != nil {
		return nil, err
	}
	o := &dropTellOffer{Choice: choice, Others: joinNames(names)}
	for _, a := range alerts {
		if a.FollowupID == f.ID && a.PersonID == me {
			o.Told = true
		}
	}
	return o, nil
}

// joinNames is "Alex", "Alex and Kim", "Alex, Kim and Lee".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
