package sqlstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

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

// padBlock is what sealed answers are padded to a multiple of, with
// spaces, so that a sealed value's length does not tell what it holds:
// a "not okay" from a "water", one kind of encounter from another, a
// short check-in from a long one within 64 bytes.
const padBlock = 64

// pad fills b with spaces to the next multiple of padBlock. JSON reads
// spaces after a value as nothing; a padded text is trimmed when opened.
func pad(b []byte) []byte {
	n := (len(b)/padBlock + 1) * padBlock
	return append(b, bytes.Repeat([]byte{' '}, n-len(b))...)
}

// sealJSON seals v as JSON, padded.
func sealJSON(dk *seal.DataKey, v any, p seal.Place) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Only the record types above are sealed: plain strings, ints
		// and lists, which always marshal.
		panic("sqlstore: seal: " + err.Error())
	}
	return dk.Seal(pad(b), p)
}

// sealPadded seals a text padded (an encounter's kind, a journal); see
// openPadded.
func sealPadded(dk *seal.DataKey, s string, p seal.Place) []byte {
	return dk.Seal(pad([]byte(s)), p)
}

// openPadded opens what sealPadded sealed. The texts sealed so never end
// in a space of their own (they are trimmed when checked).
func openPadded(dk *seal.DataKey, b []byte, p seal.Place) (string, error) {
	s, err := dk.OpenString(b, p)
	return strings.TrimRight(s, " "), err
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

// sealOpt seals s padded, or gives NULL for an empty text.
func sealOpt(dk *seal.DataKey, s string, p seal.Place) []byte {
	if s == "" {
		return nil
	}
	return sealPadded(dk, s, p)
}

// openOpt opens what sealOpt sealed.
func openOpt(dk *seal.DataKey, b []byte, p seal.Place) (string, error) {
	if b == nil {
		return "", nil
	}
	return openPadded(dk, b, p)
}

func toCheckIn(r checkInRecord) *tend.CheckIn {
	return &tend.CheckIn{Mood: tend.Scale(r.Mood), Energy: tend.Scale(r.Energy), Limits: r.Limits, Triggers: r.Triggers,
		Safeword: r.Safeword, Needs: r.Needs}
}

func checkInToRecord(c *tend.CheckIn) checkInRecord {
	return checkInRecord{Mood: int(c.Mood), Energy: int(c.Energy), Limits: c.Limits, Triggers: c.Triggers, Safeword: c.Safeword, Needs: c.Needs}
}
