-- +goose Up
-- Circles of people who plan aftercare together. A circle has its own
-- data key (wrapped by the server key, like a person's), which seals its
-- name; deleting the circle deletes the key.
CREATE TABLE circles (
    id         TEXT PRIMARY KEY,
    name       BLOB NOT NULL,
    wrapped    BLOB NOT NULL,
    created_at BIGINT NOT NULL
);

-- Members, and what each shares with the circle: everything, levels only,
-- or the levels of some practices (ids, not free text, so not sealed).
-- One member is the creator, who may remove others and delete the circle.
CREATE TABLE circle_members (
    circle_id TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    creator   INTEGER NOT NULL DEFAULT 0,
    share     TEXT NOT NULL,
    practices TEXT NOT NULL DEFAULT '',
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (circle_id, person_id)
);
CREATE INDEX circle_members_person ON circle_members (person_id);

-- Invitations: only the SHA-256 of the token is stored; a used one is
-- deleted, an expired one is as good as missing.
CREATE TABLE circle_invites (
    id         TEXT PRIMARY KEY,
    circle_id  TEXT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    created_by TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX circle_invites_circle ON circle_invites (circle_id);

-- +goose Down
DROP TABLE circle_invites;
DROP TABLE circle_members;
DROP TABLE circles;
