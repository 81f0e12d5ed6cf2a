-- +goose Up
-- Passkeys (WebAuthn credentials): only public keys are stored. The name
-- (what the person calls the passkey) is sealed; the rest is what sign-in
-- must read before it knows whose key it is.
CREATE TABLE passkeys (
    id               TEXT PRIMARY KEY,
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    credential_id    BYTEA NOT NULL UNIQUE,
    public_key       BYTEA NOT NULL,
    attestation_type TEXT NOT NULL,
    aaguid           BYTEA NOT NULL,
    sign_count       BIGINT NOT NULL,
    transports       TEXT NOT NULL,
    backup_eligible  BOOLEAN NOT NULL,
    backup_state     BOOLEAN NOT NULL,
    name             BYTEA NOT NULL,
    created_at       BIGINT NOT NULL,
    last_used_at     BIGINT NOT NULL
);
CREATE INDEX passkeys_person ON passkeys (person_id);

-- Challenges of passkey sign-ins that succeeded (SHA-256, hex), kept until
-- a while after they expire: each is accepted once, on every node.
CREATE TABLE passkey_challenges (
    challenge_hash TEXT PRIMARY KEY,
    expires_at     BIGINT NOT NULL
);
CREATE INDEX passkey_challenges_expires ON passkey_challenges (expires_at);

-- +goose Down
DROP TABLE passkey_challenges;
DROP TABLE passkeys;
