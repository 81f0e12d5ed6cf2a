-- +goose Up
-- With --signup invite, a valid invitation lets its holder make an
-- account, once: signup_at is when it did (0: not yet). The invitation
-- stays for them to accept or decline.
ALTER TABLE circle_invites ADD COLUMN signup_at BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE circle_invites DROP COLUMN signup_at;
