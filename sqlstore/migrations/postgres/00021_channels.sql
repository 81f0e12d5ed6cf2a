-- +goose Up
-- Channels: the ways a person is reached outside the app. Only the type
-- stays readable (to choose the sender); the address, URL, token,
-- secret, push keys, wording, the kinds of message it takes and what
-- went wrong last are sealed in body with the person's key.
-- unsubscribe_hash is the hash of the email's one-click unsubscribe
-- token, which works without signing in.
CREATE TABLE channels (
    id               TEXT PRIMARY KEY,
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    type             TEXT NOT NULL,
    body             BYTEA NOT NULL,
    confirmed_at     BIGINT NOT NULL DEFAULT 0,
    failures         INTEGER NOT NULL DEFAULT 0,
    unsubscribe_hash TEXT NOT NULL UNIQUE,
    created_at       BIGINT NOT NULL
);
CREATE INDEX channels_person ON channels (person_id);

-- An email address's confirmation link: its token hashed, used once,
-- expiring.
CREATE TABLE channel_confirms (
    token_hash TEXT PRIMARY KEY,
    channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);
CREATE INDEX channel_confirms_channel ON channel_confirms (channel_id);

-- What each channel already took, so that a retried job sends nothing
-- twice through a channel that had it.
CREATE TABLE deliveries (
    channel_id  TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    delivery_id TEXT NOT NULL,
    sent_at     BIGINT NOT NULL,
    PRIMARY KEY (channel_id, delivery_id)
);

-- The server's own keys, the same on every node (web push's VAPID
-- pair): body sealed with a data key of its own, wrapped by the server
-- key.
CREATE TABLE server_keys (
    name       TEXT PRIMARY KEY,
    wrapped    BYTEA NOT NULL,
    body       BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE server_keys;
DROP TABLE deliveries;
DROP TABLE channel_confirms;
DROP TABLE channels;
