-- +goose Up
-- Drop alerts: someone's low time after an encounter, told to its other
-- members. body holds the follow-up's answer (or none, for "I'm in a low
-- place"), sealed with the teller's key; a follow-up tells once.
CREATE TABLE drop_alerts (
    id           TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL REFERENCES encounters (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    followup_id  TEXT UNIQUE REFERENCES followups (id) ON DELETE CASCADE,
    body         BLOB NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX drop_alerts_encounter ON drop_alerts (encounter_id, created_at);

-- One-tap answers to an alert, sealed with the answerer's key.
CREATE TABLE drop_replies (
    alert_id   TEXT NOT NULL REFERENCES drop_alerts (id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    body       BLOB NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (alert_id, seq)
);

-- +goose Down
DROP TABLE drop_replies;
DROP TABLE drop_alerts;
