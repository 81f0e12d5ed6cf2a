-- +goose Up
-- Times are UTC, in milliseconds since 1970, the same on both databases.
-- Free text is sealed (seal package): stored as bytes, never as text.
CREATE TABLE people (
    id           TEXT PRIMARY KEY,
    username     TEXT NOT NULL UNIQUE,
    display_name BYTEA NOT NULL,
    admin        BOOLEAN NOT NULL DEFAULT FALSE,
    disabled     BOOLEAN NOT NULL DEFAULT FALSE,
    time_zone    TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

-- Each person's data key, wrapped by the server key, in a table of its own
-- so that it can be kept out of database backups: deleting the row makes
-- the person's sealed text unreadable for good.
CREATE TABLE data_keys (
    person_id TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    wrapped   BYTEA NOT NULL
);

-- +goose Down
DROP TABLE data_keys;
DROP TABLE people;
