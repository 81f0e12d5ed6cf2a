package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tendcare/tend"
	"github.com/tendcare/tend/seal"
)

var _ tend.InsightService = (*DB)(nil)

// What insights read is read here, in one snapshot and a fixed number of
// queries however long the history: the person's encounters with their
// own check-in and reflection (never a journal: the column is not even
// selected), the signals of those encounters (stage times, steps ticked
// for them, their own "not okay"), their answered follow-ups (the answer
// only is kept), and their "I'm in a low place" alerts.

func dismissalsPlace(personID string) seal.Place {
	return seal.Place{Table: "suggestion_dismissals", Column: "body", Row: personID, Owner: personID}
}

// FindHistory reads the person's own history.
func (d *DB) FindHistory(ctx context.Context, personID string) (*tend.History, error) {
	return read(ctx, d, func(tx *Tx) (*tend.History, error) {
		prof, err := findProfile(ctx, d, tx, personID, 0)
		if err != nil {
			return nil, err
		}
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return nil, err
		}
		h := &tend.History{Profile: prof.Card, ProfileVersion: prof.Version, Encounters: []*tend.PastEncounter{}}
		byID, keys, err := historyEncounters(ctx, tx, dk, personID, h)
		if err != nil {
			return nil, err
		}
		if err := historySignals(ctx, tx, personID, prof.Card.Name, byID, keys); err != nil {
			return nil, err
		}
		if err := historyFollowups(ctx, tx, dk, personID, byID); err != nil {
			return nil, err
		}
		if err := historyLowPlaces(ctx, tx, personID, byID); err != nil {
			return nil, err
		}
		h.Dismissed, err = findDismissals(ctx, tx, dk, personID)
		return h, err
	})
}

// historyEncounters reads the person's encounters, oldest first, with
// their own check-in's needs and their reflection's shared parts, and
// for each where its signals stand (factsKey).
func historyEncounters(ctx context.Context, tx *Tx, dk *seal.DataKey, personID string, h *tend.History) (map[string]*tend.PastEncounter, map[string]factsKey, error) {
	rows, err := tx.query(ctx, `SELECT e.id, e.circle_id, e.kind, e.wrapped, e.created_at, e.last_seq,
		(SELECT COUNT(*) FROM encounter_signals s WHERE s.encounter_id = e.id), m.checkin_at, m.checkin, m.reflected_at, m.reflection
		FROM encounters e JOIN encounter_members m ON m.encounter_id = e.id AND m.person_id = ?
		ORDER BY e.created_at, e.id`, personID)
	if err != nil {
		return nil, nil, fmt.Errorf("find history: %w", err)
	}
	defer rows.Close()
	byID := map[string]*tend.PastEncounter{}
	keys := map[string]factsKey{}
	for rows.Next() {
		var (
			e                       tend.PastEncounter
			circle                  *string
			kind, wrapped, ci, refl []byte
			created                 int64
			fk                      factsKey
			checkedIn, reflected    *int64
		)
		if err := rows.Scan(&e.ID, &circle, &kind, &wrapped, &created, &fk.seq, &fk.count, &checkedIn, &ci, &reflected, &refl); err != nil {
			return nil, nil, fmt.Errorf("find history: %w", err)
		}
		k, err := cachedOpen(tx.db, openedKey{e.ID, "kind", 0}, func() (tend.Kind, error) {
			ek, err := tx.db.openDataKey(e.ID, wrapped)
			if err != nil {
				return "", fmt.Errorf("encounter key: %w", err)
			}
			k, err := openPadded(ek, kind, encounterKindPlace(e.ID))
			if err != nil {
				return "", fmt.Errorf("encounter kind: %w", err)
			}
			return tend.Kind(k), nil
		})
		if err != nil {
			return nil, nil, err
		}
		e.Kind, e.CreatedAt = k, fromMillis(created)
		if circle != nil {
			e.CircleID = *circle
		}
		if ci != nil && checkedIn != nil {
			if e.Needs, err = cachedOpen(tx.db, openedKey{personID, "checkin/" + e.ID, *checkedIn}, func() ([]string, error) {
				var rec checkInRecord
				err := openJSON(dk, ci, memberPlace(e.ID, personID, "checkin"), &rec)
				return rec.Needs, err
			}); err != nil {
				return nil, nil, err
			}
		}
		if reflected != nil && refl != nil {
			r, err := cachedOpen(tx.db, openedKey{personID, "reflection/" + e.ID, *reflected}, func() (*tend.Reflection, error) {
				var rec reflectionRecord
				if err := openJSON(dk, refl, memberPlace(e.ID, personID, "reflection"), &rec); err != nil {
					return nil, err
				}
				return &tend.Reflection{PersonID: personID, Mood: tend.Scale(rec.Mood), Emotions: rec.Emotions,
					Helped: rec.Helped, Missing: rec.Missing, Favourite: rec.Favourite, Note: rec.Note, At: fromMillis(*reflected)}, nil
			})
			if err != nil {
				return nil, nil, err
			}
			copied := *r
			e.Reflection = &copied
		}
		h.Encounters = append(h.Encounters, &e)
		byID[e.ID] = &e
		fk.id = e.ID
		keys[e.ID] = fk
	}
	return byID, keys, rows.Err()
}

// openedKey names a sealed value as it stands: who owns it, where it
// is, and a stamp that changes whenever it does (the time it was saved;
// 0 for one that never changes, such as an encounter's kind).
type openedKey struct {
	owner, place string
	stamp        int64
}

// cachedOpen returns the value open gives for the key, opening it only
// when this node has not kept it already.
func cachedOpen[T any](d *DB, k openedKey, open func() (T, error)) (T, error) {
	if v, ok := d.opened.Get(k); ok {
		if t, ok := v.(T); ok {
			return t, nil
		}
	}
	v, err := open()
	if err == nil {
		d.opened.Put(k, v)
	}
	return v, err
}

// factsKey names an encounter's signals as they stand: its id, the
// number of its last signal, and how many it has.
type factsKey struct {
	id         string
	seq, count int64
}

// signalFacts are what insights read from an encounter's signals, for
// every member: when the aftercare began and ended, the last tick or
// untick of each plan step (by its key, which names whom it is for),
// and each "not okay" with who sent it.
type signalFacts struct {
	after, reflect time.Time
	ticks          map[string]bool
	notOkay        []sentAt
}

type sentAt struct {
	person string
	at     time.Time
}

// historySignals gives the person's encounters what their signals say
// for them: when the aftercare began and ended, which steps for them
// were ticked done, and their own "not okay". Signals are read and
// opened only for encounters whose facts this node has not kept as
// they stand now (keys).
func historySignals(ctx context.Context, tx *Tx, personID, name string, byID map[string]*tend.PastEncounter, keys map[string]factsKey) error {
	facts, err := factsOf(ctx, tx, keys)
	if err != nil {
		return err
	}
	for id, f := range facts {
		e := byID[id]
		if e == nil {
			continue
		}
		e.AftercareAt, e.AftercareEnd = f.after, f.reflect
		for key, on := range f.ticks {
			if practice, ok := tickedFor(key, name); ok && on && !slices.Contains(e.Ticked, practice) {
				e.Ticked = append(e.Ticked, practice)
			}
		}
		slices.Sort(e.Ticked)
		for _, n := range f.notOkay {
			if n.person == personID {
				e.NotOkay = append(e.NotOkay, n.at)
			}
		}
	}
	return nil
}

// factsOf returns the facts of the encounters keys names: those this
// node kept as they stand, and the others read in one query.
func factsOf(ctx context.Context, tx *Tx, keys map[string]factsKey) (map[string]*signalFacts, error) {
	facts := make(map[string]*signalFacts, len(keys))
	var missing []string
	for id, k := range keys {
		if f, ok := tx.db.facts.Get(k); ok {
			facts[id] = f
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return facts, nil
	}
	read, err := readSignalFacts(ctx, tx, missing)
	if err != nil {
		return nil, err
	}
	// Read in the same snapshot as keys: they name these facts.
	for id, f := range read {
		tx.db.facts.Put(keys[id], f)
		facts[id] = f
	}
	return facts, nil
}

// readSignalFacts reads and opens the signals of the encounters, in one
// query.
func readSignalFacts(ctx context.Context, tx *Tx, ids []string) (map[string]*signalFacts, error) {
	rows, err := tx.query(ctx, `SELECT s.encounter_id, s.seq, s.person_id, s.body, s.at, k.wrapped
		FROM encounter_signals s JOIN data_keys k ON k.person_id = s.person_id
		WHERE s.encounter_id IN (`+tx.db.idSet()+`) ORDER BY s.encounter_id, s.seq`, idsArg(ids))
	if err != nil {
		return nil, fmt.Errorf("find history: signals: %w", err)
	}
	defer rows.Close()
	out := map[string]*signalFacts{}
	for rows.Next() {
		var (
			eid, from     string
			seq, at       int64
			body, wrapped []byte
		)
		if err := rows.Scan(&eid, &seq, &from, &body, &at, &wrapped); err != nil {
			return nil, fmt.Errorf("find history: signals: %w", err)
		}
		f, ok := out[eid]
		if !ok {
			f = &signalFacts{ticks: map[string]bool{}}
			out[eid] = f
		}
		dk, err := tx.db.openDataKey(from, wrapped)
		if err != nil {
			return nil, err
		}
		var rec signalRecord
		if err := openJSON(dk, body, signalPlace(eid, seq, from), &rec); err != nil {
			return nil, fmt.Errorf("signal %d: %w", seq, err)
		}
		switch t := fromMillis(at); tend.SignalKind(rec.Kind) {
		case tend.SignalStage:
			switch tend.Stage(rec.Ref) {
			case tend.StageAfter:
				f.after = t
			case tend.StageReflect:
				f.reflect = t
			}
		case tend.SignalTick, tend.SignalUntick:
			f.ticks[rec.Ref] = rec.Kind == string(tend.SignalTick)
		case tend.SignalNotOkay:
			f.notOkay = append(f.notOkay, sentAt{from, t})
		}
	}
	return out, rows.Err()
}

// tickedFor reads a step's key (see web's stepKeys: "practice:Name+Name",
// "~2" after a step's second version) and reports its practice when the
// step is for the person called name.
func tickedFor(key, name string) (string, bool) {
	practice, who, ok := strings.Cut(key, ":")
	if !ok || practice == "" {
		return "", false
	}
	if i := strings.LastIndex(who, "~"); i >= 0 {
		who = who[:i]
	}
	return practice, who == name || slices.Contains(strings.Split(who, "+"), name)
}

// historyFollowups reads the person's answered follow-ups: the answer,
// never the words (they are opened with it, and dropped).
func historyFollowups(ctx context.Context, tx *Tx, dk *seal.DataKey, personID string, byID map[string]*tend.PastEncounter) error {
	rows, err := tx.query(ctx, `SELECT id, encounter_id, answer, answered_at FROM followups
		WHERE person_id = ? AND state = ? AND answer IS NOT NULL ORDER BY answered_at, id`, personID, string(tend.FollowupAnswered))
	if err != nil {
		return fmt.Errorf("find history: follow-ups: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, eid string
			answer  []byte
			at      *int64
		)
		if err := rows.Scan(&id, &eid, &answer, &at); err != nil {
			return fmt.Errorf("find history: follow-ups: %w", err)
		}
		e := byID[eid]
		if e == nil || at == nil {
			continue
		}
		// An answered follow-up's answer never changes.
		a, err := cachedOpen(tx.db, openedKey{personID, "followup/" + id, *at}, func() (tend.FollowupAnswer, error) {
			var rec followupAnswerRecord
			err := openJSON(dk, answer, followupPlace(id, personID), &rec)
			return tend.FollowupAnswer(rec.Answer), err
		})
		if err != nil {
			return err
		}
		e.Followups = append(e.Followups, tend.PastFollowup{Answer: a, AnsweredAt: fromMillis(*at)})
	}
	return rows.Err()
}

// historyLowPlaces reads when the person said "I'm in a low place": the
// alerts of theirs that no follow-up raised.
func historyLowPlaces(ctx context.Context, tx *Tx, personID string, byID map[string]*tend.PastEncounter) error {
	rows, err := tx.query(ctx, `SELECT encounter_id, created_at FROM drop_alerts WHERE person_id = ? AND followup_id IS NULL
		ORDER BY created_at, id`, personID)
	if err != nil {
		return fmt.Errorf("find history: low places: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			eid string
			at  int64
		)
		if err := rows.Scan(&eid, &at); err != nil {
			return fmt.Errorf("find history: low places: %w", err)
		}
		if e := byID[eid]; e != nil {
			e.LowPlace = append(e.LowPlace, fromMillis(at))
		}
	}
	return rows.Err()
}

// findDismissals reads the ids of the suggestions the person dismissed.
func findDismissals(ctx context.Context, tx *Tx, dk *seal.DataKey, personID string) ([]string, error) {
	var body []byte
	err := tx.queryRow(ctx, `SELECT body FROM suggestion_dismissals WHERE person_id = ?`, personID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return []string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find dismissals: %w", err)
	}
	out := []string{}
	if err := openJSON(dk, body, dismissalsPlace(personID), &out); err != nil {
		return nil, err
	}
	return out, nil
}

// MaxDismissals bounds the suggestions a person's dismissals remember;
// the oldest go first.
const MaxDismissals = 500

// DismissSuggestion remembers that the person does not want the
// suggestion again. Dismissing one twice keeps it once.
func (d *DB) DismissSuggestion(ctx context.Context, personID, id string) error {
	if id == "" || len(id) > 2*tend.MaxIDLen+32 {
		return tend.FieldErrorf("id", "not a suggestion's id")
	}
	return writeErr(ctx, d, func(tx *Tx) error {
		if err := lockPerson(ctx, tx, personID); err != nil {
			return err
		}
		dk, err := dataKey(ctx, tx, personID)
		if err != nil {
			return err
		}
		ids, err := findDismissals(ctx, tx, dk, personID)
		if err != nil {
			return err
		}
		if slices.Contains(ids, id) {
			return nil
		}
		ids = append(ids, id)
		if len(ids) > MaxDismissals {
			ids = ids[len(ids)-MaxDismissals:]
		}
		body := sealJSON(dk, ids, dismissalsPlace(personID))
		if _, err := tx.exec(ctx, `DELETE FROM suggestion_dismissals WHERE person_id = ?`, personID); err != nil {
			return fmt.Errorf("dismiss: %w", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO suggestion_dismissals (person_id, body, updated_at) VALUES (?, ?, ?)`,
			personID, body, millis(tx.now)); err != nil {
			return fmt.Errorf("dismiss: %w", err)
		}
		return nil
	})
}

// SetCircleInsights sets whether the person's reflections count in the
// circle's insights.
func (d *DB) SetCircleInsights(ctx context.Context, personID, circleID string, in bool) error {
	out := 1
	if in {
		out = 0
	}
	return d.writeOne(ctx, errNoCircle(), `UPDATE circle_members SET insights_out = ? WHERE circle_id = ? AND person_id = ?`,
		out, circleID, personID)
}

// FindCircleHistory reads what a circle's insights are made from, for a
// member: the encounters of the circle they took part in that are done
// and revealed, with the shared parts of the reflections of the members
// still in the circle who did not keep theirs out. Journals are never
// selected; an unrevealed encounter's reflections are never read.
func (d *DB) FindCircleHistory(ctx context.Context, personID, circleID string) (*tend.CircleHistory, error) {
	return read(ctx, d, func(tx *Tx) (*tend.CircleHistory, error) {
		c, err := findCircle(ctx, tx, personID, circleID)
		if err != nil {
			return nil, err
		}
		h := &tend.CircleHistory{CircleID: circleID, Encounters: []*tend.CirclePast{}}
		for _, m := range c.Members {
			h.Members = append(h.Members, tend.CircleMemberHistory{PersonID: m.PersonID, DisplayName: m.DisplayName, Out: m.InsightsOut})
		}
		byID, revealed, err := circleEncounters(ctx, tx, personID, circleID, h)
		if err != nil {
			return nil, err
		}
		if len(revealed) == 0 {
			return h, nil
		}
		rows, err := tx.query(ctx, `SELECT m.encounter_id, m.person_id, m.reflected_at, m.reflection, k.wrapped
			FROM encounter_members m JOIN data_keys k ON k.person_id = m.person_id
			JOIN circle_members cm ON cm.circle_id = ? AND cm.person_id = m.person_id AND cm.insights_out = 0
			WHERE m.encounter_id IN (`+tx.db.idSet()+`) AND m.reflected_at IS NOT NULL AND m.reflection IS NOT NULL
			ORDER BY m.encounter_id, m.position, m.person_id`, circleID, idsArg(revealed))
		if err != nil {
			return nil, fmt.Errorf("find circle history: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				eid, pid      string
				at            int64
				sealed, wrapd []byte
			)
			if err := rows.Scan(&eid, &pid, &at, &sealed, &wrapd); err != nil {
				return nil, fmt.Errorf("find circle history: %w", err)
			}
			dk, err := tx.db.openDataKey(pid, wrapd)
			if err != nil {
				return nil, err
			}
			var rec reflectionRecord
			if err := openJSON(dk, sealed, memberPlace(eid, pid, "reflection"), &rec); err != nil {
				return nil, err
			}
			if e := byID[eid]; e != nil {
				e.Reflections = append(e.Reflections, &tend.Reflection{PersonID: pid, DisplayName: c.Member(pid).DisplayName,
					Mood: tend.Scale(rec.Mood), Emotions: rec.Emotions, Helped: rec.Helped, Missing: rec.Missing,
					Favourite: rec.Favourite, Note: rec.Note, At: fromMillis(at)})
			}
		}
		return h, rows.Err()
	})
}

// circleEncounters reads the circle's encounters the person took part
// in, oldest first, and lists those revealed by now.
func circleEncounters(ctx context.Context, tx *Tx, personID, circleID string, h *tend.CircleHistory) (map[string]*tend.CirclePast, []string, error) {
	rows, err := tx.query(ctx, `SELECT e.id, e.kind, e.wrapped, e.created_at, e.stage, e.stage_at, e.reveal_after, e.last_seq,
		(SELECT COUNT(*) FROM encounter_signals s WHERE s.encounter_id = e.id)
		FROM encounters e JOIN encounter_members me ON me.encounter_id = e.id AND me.person_id = ?
		WHERE e.circle_id = ? ORDER BY e.created_at, e.id`, personID, circleID)
	if err != nil {
		return nil, nil, fmt.Errorf("find circle history: %w", err)
	}
	defer rows.Close()
	byID := map[string]*tend.CirclePast{}
	keys := map[string]factsKey{}
	var revealed []string
	for rows.Next() {
		var (
			e                       tend.CirclePast
			kind, wrapped           []byte
			stage                   string
			created, stageAt, delay int64
			fk                      factsKey
		)
		if err := rows.Scan(&e.ID, &kind, &wrapped, &created, &stage, &stageAt, &delay, &fk.seq, &fk.count); err != nil {
			return nil, nil, fmt.Errorf("find circle history: %w", err)
		}
		tl := tend.Timeline{Stage: tend.Stage(stage), Since: fromMillis(stageAt), RevealAfter: time.Duration(delay) * time.Millisecond}
		if !tl.Revealed(tx.now) {
			continue
		}
		ek, err := tx.db.openDataKey(e.ID, wrapped)
		if err != nil {
			return nil, nil, fmt.Errorf("encounter key: %w", err)
		}
		k, err := openPadded(ek, kind, encounterKindPlace(e.ID))
		if err != nil {
			return nil, nil, fmt.Errorf("encounter kind: %w", err)
		}
		e.Kind, e.CreatedAt = tend.Kind(k), fromMillis(created)
		h.Encounters = append(h.Encounters, &e)
		byID[e.ID] = &e
		fk.id = e.ID
		keys[e.ID] = fk
		revealed = append(revealed, e.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("find circle history: %w", err)
	}
	rows.Close()
	facts, err := factsOf(ctx, tx, keys)
	if err != nil {
		return nil, nil, err
	}
	for id, f := range facts {
		byID[id].AftercareAt, byID[id].AftercareEnd = f.after, f.reflect
	}
	return byID, revealed, nil
}
