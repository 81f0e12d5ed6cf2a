-- +goose Up
-- Quiet hours in the person's time zone, minutes after midnight; -1: none.
ALTER TABLE people ADD COLUMN quiet_start INTEGER NOT NULL DEFAULT -1;
ALTER TABLE people ADD COLUMN quiet_end INTEGER NOT NULL DEFAULT -1;

-- +goose Down
ALTER TABLE people DROP COLUMN quiet_end;
ALTER TABLE people DROP COLUMN quiet_start;
