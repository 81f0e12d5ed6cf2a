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
		byID, err := historyEncounters(ctx, tx, dk, personID, h)
		if err != nil {
			return nil, err
		}
		if err := historySignals(ctx, tx, personID, prof.Card.Name, byID); err != nil {
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
// their own check-in's needs and their reflection's shared parts.
func historyEncounters(ctx context.Context, tx *Tx, dk *seal.DataKey, personID string, h *tend.History) (map[string]*tend.PastEncounter, error) {
	rows, err := tx.query(ctx, `SELECT e.id, e.circle_id, e.kind, e.wrapped, e.created_at, m.checkin, m.reflected_at, m.reflection
		FROM encounters e JOIN encounter_members m ON m.encounter_id = e.id AND m.person_id = ?
		ORDER BY e.created_at, e.id`, personID)
	if err != nil {
		return nil, fmt.Errorf("find history: %w", err)
	}
	defer rows.Close()
	byID := map[string]*tend.PastEncounter{}
	for rows.Next() {
		var (
			e                       tend.PastEncounter
			circle                  *string
			kind, wrapped, ci, refl []byte
			created                 int64
			reflected               *int64
		)
		if err := rows.Scan(&e.ID, &circle, &kind, &wrapped, &created, &ci, &reflected, &refl); err != nil {
			return nil, fmt.Errorf("find history: %w", err)
		}
		ek, err := tx.db.openDataKey(e.ID, wrapped)
		if err != nil {
			return nil, fmt.Errorf("encounter key: %w", err)
		}
		k, err := openPadded(ek, kind, encounterKindPlace(e.ID))
		if err != nil {
			return nil, fmt.Errorf("encounter kind: %w", err)
		}
		e.Kind, e.CreatedAt = tend.Kind(k), fromMillis(created)
		if circle != nil {
			e.CircleID = *circle
		}
		if ci != nil {
			var rec checkInRecord
			if err := openJSON(dk, ci, memberPlace(e.ID, personID, "checkin"), &rec); err != nil {
				return nil, err
			}
			e.Needs = rec.Needs
		}
		if reflected != nil && refl != nil {
			var rec reflectionRecord
			if err := openJSON(dk, refl, memberPlace(e.ID, personID, "reflection"), &rec); err != nil {
				return nil, err
			}
			e.Reflection = &tend.Reflection{PersonID: personID, Mood: tend.Scale(rec.Mood), Emotions: rec.Emotions,
				Helped: rec.Helped, Missing: rec.Missing, Favourite: rec.Favourite, Note: rec.Note, At: fromMillis(*reflected)}
		}
		h.Encounters = append(h.Encounters, &e)
		byID[e.ID] = &e
	}
	return byID, rows.Err()
}

// historySignals reads the signals of the person's encounters: when the
// aftercare began and ended, which steps for them were ticked done (the
// last tick or untick of each step counts), and their own "not okay".
func historySignals(ctx context.Context, tx *Tx, personID, name string, byID map[string]*tend.PastEncounter) error {
	rows, err := tx.query(ctx, `SELECT s.encounter_id, s.seq, s.person_id, s.body, s.at, k.wrapped
		FROM encounter_signals s JOIN encounter_members me ON me.encounter_id = s.encounter_id AND me.person_id = ?
		JOIN data_keys k ON k.person_id = s.person_id
		ORDER BY s.encounter_id, s.seq`, personID)
	if err != nil {
		return fmt.Errorf("find history: signals: %w", err)
	}
	defer rows.Close()
	var (
		cur   *tend.PastEncounter
		ticks = map[string]bool{} // step key → ticked, for cur
	)
	flush := func() {
		if cur == nil {
			return
		}
		for key, on := range ticks {
			if practice, ok := tickedFor(key, name); ok && on && !slices.Contains(cur.Ticked, practice) {
				cur.Ticked = append(cur.Ticked, practice)
			}
		}
		slices.Sort(cur.Ticked)
		clear(ticks)
	}
	for rows.Next() {
		var (
			eid, from     string
			seq, at       int64
			body, wrapped []byte
		)
		if err := rows.Scan(&eid, &seq, &from, &body, &at, &wrapped); err != nil {
			return fmt.Errorf("find history: signals: %w", err)
		}
		if cur == nil || cur.ID != eid {
			flush()
			cur = byID[eid]
		}
		if cur == nil {
			continue
		}
		dk, err := tx.db.openDataKey(from, wrapped)
		if err != nil {
			return err
		}
		var rec signalRecord
		if err := openJSON(dk, body, signalPlace(eid, seq, from), &rec); err != nil {
			return fmt.Errorf("signal %d: %w", seq, err)
		}
		switch t := fromMillis(at); tend.SignalKind(rec.Kind) {
		case tend.SignalStage:
			switch tend.Stage(rec.Ref) {
			case tend.StageAfter:
				cur.AftercareAt = t
			case tend.StageReflect:
				cur.AftercareEnd = t
			}
		case tend.SignalTick, tend.SignalUntick:
			ticks[rec.Ref] = rec.Kind == string(tend.SignalTick)
		case tend.SignalNotOkay:
			if from == personID {
				cur.NotOkay = append(cur.NotOkay, t)
			}
		}
	}
	flush()
	return rows.Err()
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
		var rec followupAnswerRecord
		if err := openJSON(dk, answer, followupPlace(id, personID), &rec); err != nil {
			return err
		}
		e.Followups = append(e.Followups, tend.PastFollowup{Answer: tend.FollowupAnswer(rec.Answer), AnsweredAt: fromMillis(*at)})
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
	rows, err := tx.query(ctx, `SELECT e.id, e.kind, e.wrapped, e.created_at, e.stage, e.stage_at, e.reveal_after
		FROM encounters e JOIN encounter_members me ON me.encounter_id = e.id AND me.person_id = ?
		WHERE e.circle_id = ? ORDER BY e.created_at, e.id`, personID, circleID)
	if err != nil {
		return nil, nil, fmt.Errorf("find circle history: %w", err)
	}
	defer rows.Close()
	byID := map[string]*tend.CirclePast{}
	var revealed []string
	for rows.Next() {
		var (
			e                       tend.CirclePast
			kind, wrapped           []byte
			stage                   string
			created, stageAt, delay int64
		)
		if err := rows.Scan(&e.ID, &kind, &wrapped, &created, &stage, &stageAt, &delay); err != nil {
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
		revealed = append(revealed, e.ID)
	}
	return byID, revealed, rows.Err()
}
