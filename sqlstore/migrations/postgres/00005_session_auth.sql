-- +goose Up
-- When the password was last given in this session: exporting everything
-- or deleting the account asks for it again after ten minutes.
ALTER TABLE sessions ADD COLUMN authenticated_at BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE sessions DROP COLUMN authenticated_at;
