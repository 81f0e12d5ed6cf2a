-- +goose Up
-- Follow-ups: one light question for one person at a time after an
-- encounter. after_ms is the plan's time after the aftercare began that
-- it stands for (with the encounter and the person, it names it, so a
-- follow-up is never scheduled twice); state is scheduled, due, answered
-- or cancelled; the answer and its words are sealed whole.
CREATE TABLE followups (
    id           TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL REFERENCES encounters (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    after_ms     BIGINT NOT NULL,
    due_at       BIGINT NOT NULL,
    state        TEXT NOT NULL,
    answer       BYTEA,
    answered_at  BIGINT,
    created_at   BIGINT NOT NULL,
    UNIQUE (encounter_id, person_id, after_ms)
);
CREATE INDEX followups_inbox ON followups (person_id, state, due_at);

-- What a person chose about follow-ups (off, after gentle encounters too,
-- circles without, whom to tell of a drop), sealed whole; and whether
-- they turned them off for one encounter.
ALTER TABLE people ADD COLUMN followup_prefs BYTEA;
ALTER TABLE encounter_members ADD COLUMN followups_off BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE encounter_members DROP COLUMN followups_off;
ALTER TABLE people DROP COLUMN followup_prefs;
DROP TABLE followups;
