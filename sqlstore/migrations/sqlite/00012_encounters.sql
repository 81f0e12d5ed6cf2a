-- +goose Up
-- Encounters: the check-in before, the aftercare screen, the reflections.
-- The circle may be deleted later; the members keep their history.
-- last_seq numbers the encounter's live signals.
CREATE TABLE encounters (
    id           TEXT PRIMARY KEY,
    circle_id    TEXT REFERENCES circles (id) ON DELETE SET NULL,
    kind         TEXT NOT NULL,
    stage        TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    stage_at     BIGINT NOT NULL,
    minutes      INTEGER NOT NULL,
    reveal_after BIGINT NOT NULL,
    last_seq     BIGINT NOT NULL DEFAULT 0
);

-- Members: each one's check-in and reflection. Free text (limits,
-- triggers, safeword, what was missing, favourite moment, note, journal)
-- is sealed with the member's own data key; practice ids and emotion
-- words are the catalog's, not free text.
CREATE TABLE encounter_members (
    encounter_id TEXT NOT NULL REFERENCES encounters (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    checkin_at   BIGINT,
    confirmed_at BIGINT,
    mood         INTEGER NOT NULL DEFAULT 0,
    energy       INTEGER NOT NULL DEFAULT 0,
    limits       BLOB,
    triggers     BLOB,
    safeword     BLOB,
    needs        TEXT NOT NULL DEFAULT '',
    reflected_at BIGINT,
    r_mood       INTEGER NOT NULL DEFAULT 0,
    r_emotions   TEXT NOT NULL DEFAULT '',
    r_helped     TEXT NOT NULL DEFAULT '',
    r_missing    BLOB,
    r_favourite  BLOB,
    r_note       BLOB,
    r_journal    BLOB,
    PRIMARY KEY (encounter_id, person_id)
);
CREATE INDEX encounter_members_person ON encounter_members (person_id);

-- Live signals, numbered per encounter. A custom need's or a message's
-- text is sealed with the sender's data key.
CREATE TABLE encounter_signals (
    encounter_id TEXT NOT NULL REFERENCES encounters (id) ON DELETE CASCADE,
    seq          BIGINT NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    text         BLOB,
    ref          TEXT NOT NULL DEFAULT '',
    at           BIGINT NOT NULL,
    PRIMARY KEY (encounter_id, seq)
);
CREATE INDEX encounter_signals_person ON encounter_signals (person_id);

-- +goose Down
DROP TABLE encounter_signals;
DROP TABLE encounter_members;
DROP TABLE encounters;
