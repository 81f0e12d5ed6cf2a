-- +goose Up
-- The argon2id hash (PHC string) and the count of failed sign-ins in a row,
-- which throttles guessing per account across every address.
ALTER TABLE people ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN signin_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN last_signin_failure BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE people DROP COLUMN last_signin_failure;
ALTER TABLE people DROP COLUMN signin_failures;
ALTER TABLE people DROP COLUMN password_hash;
