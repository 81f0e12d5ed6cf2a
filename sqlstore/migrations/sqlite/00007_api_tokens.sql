-- +goose Up
-- Personal API tokens: only the SHA-256 of the secret is stored, and the
-- name (what the person says the token is for) is sealed.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name         BLOB NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- +goose Down
DROP TABLE api_tokens;
