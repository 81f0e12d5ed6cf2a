-- +goose Up
-- Cards shared by link with people who have no account: only the SHA-256
-- of the link's token is stored; what is shown (share, practice ids) is
-- not free text. A revoked card's row is deleted.
CREATE TABLE card_shares (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    share      TEXT NOT NULL,
    practices  TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    opened_at  BIGINT NOT NULL DEFAULT 0,
    opens      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX card_shares_person ON card_shares (person_id);

-- +goose Down
DROP TABLE card_shares;
