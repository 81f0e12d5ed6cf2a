package sqlstore

import (
	"encoding/json"
	"fmt"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

// What a person answers in an encounter is sealed with their own data
// key, one value per answer: a check-in, a reflection (its journal apart,
// so that another's is never even opened), a signal. An encounter's kind
// is sealed with the encounter's own key. In the clear stay only ids,
// times, the stage and the counts the store works with.

// checkInRecord is a check-in as sealed in encounter_members.checkin.
type checkInRecord struct {
	Mood     int      `json:"mood,omitempty"`
	Energy   int      `json:"energy,omitempty"`
	Limits   string   `json:"limits,omitempty"`
	Triggers string   `json:"triggers,omitempty"`
	Safeword string   `json:"safeword,omitempty"`
	Needs    []string `json:"needs,omitempty"`
}

// reflectionRecord is a reflection's shared parts as sealed in
// encounter_members.reflection.
type reflectionRecord struct {
	Mood      int      `json:"mood,omitempty"`
	Emotions  []string `json:"emotions,omitempty"`
	Helped    []string `json:"helped,omitempty"`
	Missing   string   `json:"missing,omitempty"`
	Favourite string   `json:"favourite,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// signalRecord is a signal as sealed in encounter_signals.body.
type signalRecord struct {
	Kind string `json:"kind"`
	Text string `json:"text,omitempty"`
	Ref  string `json:"ref,omitempty"`
}

func memberPlace(encounterID, personID, column string) seal.Place {
	return seal.Place{Table: "encounter_members", Column: column, Row: encounterID, Owner: personID}
}

func signalPlace(encounterID string, seq int64, personID string) seal.Place {
	return seal.Place{Table: "encounter_signals", Column: "body", Row: fmt.Sprintf("%s/%d", encounterID, seq), Owner: personID}
}

func encounterKindPlace(id string) seal.Place {
	return seal.Place{Table: "encounters", Column: "kind", Row: id, Owner: id}
}

// sealJSON seals v as JSON.
func sealJSON(dk *seal.DataKey, v any, p seal.Place) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Only the record types above are sealed: plain strings, ints
		// and lists, which always marshal.
		panic("sqlstore: seal: " + err.Error())
	}
	return dk.Seal(b, p)
}

// openJSON opens what sealJSON sealed into v.
func openJSON(dk *seal.DataKey, b []byte, p seal.Place, v any) error {
	plain, err := dk.Open(b, p)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return fmt.Errorf("sealed %s.%s: %w", p.Table, p.Column, err)
	}
	return nil
}

// sealOpt seals s, or gives NULL for an empty text.
func sealOpt(dk *seal.DataKey, s string, p seal.Place) []byte {
	if s == "" {
		return nil
	}
	return dk.SealString(s, p)
}

// openOpt opens what sealOpt sealed.
func openOpt(dk *seal.DataKey, b []byte, p seal.Place) (string, error) {
	if b == nil {
		return "", nil
	}
	return dk.OpenString(b, p)
}

func toCheckIn(r checkInRecord) *tend.CheckIn {
	return &tend.CheckIn{Mood: tend.Scale(r.Mood), Energy: tend.Scale(r.Energy), Limits: r.Limits, Triggers: r.Triggers,
		Safeword: r.Safeword, Needs: r.Needs}
}

func checkInToRecord(c *tend.CheckIn) checkInRecord {
	return checkInRecord{Mood: int(c.Mood), Energy: int(c.Energy), Limits: c.Limits, Triggers: c.Triggers, Safeword: c.Safeword, Needs: c.Needs}
}
