package web

import (
	"time"

	"github.com/tendcare/tend"
)

// An encounter, its check-ins, signals and reflections as the JSON API
// shows them. The members' check-ins go only to a session or a token
// that may read them (toEncounterJSON's checkIns).

type checkInJSON struct {
	Mood        tend.Scale `json:"mood"`
	Energy      tend.Scale `json:"energy"`
	Limits      string     `json:"limits"`
	Triggers    string     `json:"triggers"`
	Safeword    string     `json:"safeword"`
	Needs       []string   `json:"needs"`
	Confirmed   bool       `json:"confirmed"`
	ConfirmedAt *time.Time `json:"confirmed_at,omitempty"`
	UpdatedAt   *time.Time `json:"updated_at,omitempty"`
}

type participantJSON struct {
	PersonID    string `json:"person_id"`
	DisplayName string `json:"display_name"`
	Reflected   bool   `json:"reflected"`
	CheckedIn   bool   `json:"checked_in"`
	Confirmed   bool   `json:"confirmed"`
	// CheckIn is null until they check in, and for an API token without
	// the checkins:read scope.
	CheckIn *checkInJSON `json:"check_in"`
}

type encounterJSON struct {
	ID                 string            `json:"id"`
	CircleID           string            `json:"circle_id,omitempty"`
	CircleName         string            `json:"circle_name,omitempty"`
	Kind               tend.Kind         `json:"kind"`
	Stage              tend.Stage        `json:"stage"`
	CreatedBy          string            `json:"created_by"`
	CreatedAt          time.Time         `json:"created_at"`
	StageAt            time.Time         `json:"stage_at"`
	Minutes            int               `json:"minutes"`
	RevealAfterMinutes int               `json:"reveal_after_minutes"`
	RevealAt           *time.Time        `json:"reveal_at,omitempty"`
	Members            []participantJSON `json:"members"`
}

// toEncounterJSON is the encounter as the API shows it; check-ins (with
// limits, triggers and safewords) only when checkIns.
func toEncounterJSON(e *tend.Encounter, checkIns bool) encounterJSON {
	out := encounterJSON{ID: e.ID, CircleID: e.CircleID, CircleName: e.CircleName, Kind: e.Kind, Stage: e.Stage,
		CreatedBy: e.CreatedBy, CreatedAt: e.CreatedAt, StageAt: e.StageAt, Minutes: e.Minutes,
		RevealAfterMinutes: int(e.RevealAfter / time.Minute), Members: make([]participantJSON, 0, len(e.Members))}
	if t := e.RevealAt(); !t.IsZero() {
		out.RevealAt = &t
	}
	for _, m := range e.Members {
		p := participantJSON{PersonID: m.PersonID, DisplayName: m.DisplayName, Reflected: m.Reflected}
		if c := m.CheckIn; c != nil {
			p.CheckedIn, p.Confirmed = true, c.Confirmed
		}
		if c := m.CheckIn; c != nil && checkIns {
			p.CheckIn = &checkInJSON{Mood: c.Mood, Energy: c.Energy, Limits: c.Limits, Triggers: c.Triggers, Safeword: c.Safeword,
				Needs: c.Needs, Confirmed: c.Confirmed, UpdatedAt: &c.UpdatedAt}
			if p.CheckIn.Needs == nil {
				p.CheckIn.Needs = []string{}
			}
			if c.Confirmed {
				p.CheckIn.ConfirmedAt = &c.ConfirmedAt
			}
		}
		out.Members = append(out.Members, p)
	}
	return out
}

type signalJSON struct {
	Seq      int64           `json:"seq"`
	From     string          `json:"from"`
	FromName string          `json:"from_name"`
	Kind     tend.SignalKind `json:"kind"`
	Text     string          `json:"text,omitempty"`
	Ref      string          `json:"ref,omitempty"`
	At       time.Time       `json:"at"`
}

func toSignalJSON(s *tend.Signal) signalJSON {
	return signalJSON{Seq: s.Seq, From: s.From, FromName: s.FromName, Kind: s.Kind, Text: s.Text, Ref: s.Ref, At: s.At}
}

type reflectionJSON struct {
	PersonID    string     `json:"person_id"`
	DisplayName string     `json:"display_name"`
	Mood        tend.Scale `json:"mood"`
	Emotions    []string   `json:"emotions"`
	Helped      []string   `json:"helped"`
	Missing     string     `json:"missing"`
	Favourite   string     `json:"favourite"`
	Note        string     `json:"note"`
	Journal     string     `json:"journal,omitempty"`
	At          time.Time  `json:"at"`
}

func toReflectionJSON(r *tend.Reflection) *reflectionJSON {
	if r == nil {
		return nil
	}
	out := &reflectionJSON{PersonID: r.PersonID, DisplayName: r.DisplayName, Mood: r.Mood, Emotions: r.Emotions, Helped: r.Helped,
		Missing: r.Missing, Favourite: r.Favourite, Note: r.Note, Journal: r.Journal, At: r.At}
	if out.Emotions == nil {
		out.Emotions = []string{}
	}
	if out.Helped == nil {
		out.Helped = []string{}
	}
	return out
}
