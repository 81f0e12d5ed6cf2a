-- +goose Up
-- Every save of a profile is a version: the whole card (tend.card/v1 JSON)
-- sealed with the person's data key, so levels, notes and everything else
-- in it are unreadable without that key. The newest version is the profile.
CREATE TABLE profile_versions (
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    card       BYTEA NOT NULL,
    restored   INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, version)
);

-- +goose Down
DROP TABLE profile_versions;
