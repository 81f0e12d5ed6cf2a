-- +goose Up
-- A session's token is never stored: only its SHA-256, which is what a
-- request's token is looked up by.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    device       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

-- +goose Down
DROP TABLE sessions;
