-- +goose Up
-- What an API token may do is chosen when it is made. Tokens made before
-- could use the profile, settings and "me" (what the README promised);
-- they keep that, and nothing more.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'profile:read,profile:write';

-- Browsers and apps that have signed in to an account before carry a
-- cookie proving it; their failed sign-ins are counted apart from the
-- account's, so that strangers guessing cannot keep the owner out.
CREATE TABLE signin_devices (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    failures     INTEGER NOT NULL DEFAULT 0,
    last_failure BIGINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX signin_devices_person ON signin_devices (person_id);

-- +goose Down
DROP TABLE signin_devices;
ALTER TABLE api_tokens DROP COLUMN scopes;
