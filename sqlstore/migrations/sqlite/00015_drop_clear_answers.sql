-- +goose Up
-- The answers migration 14 sealed leave their clear columns, and the
-- sealed ones take their names. What an encounter keeps in the clear:
-- ids, times, stage, the time set aside, the reveal delay, the count of
-- signals, each member's place in the list and whether they started it.
ALTER TABLE encounters DROP COLUMN kind;
ALTER TABLE encounters DROP COLUMN created_by;
ALTER TABLE encounters RENAME COLUMN sealed_kind TO kind;
ALTER TABLE encounter_members DROP COLUMN mood;
ALTER TABLE encounter_members DROP COLUMN energy;
ALTER TABLE encounter_members DROP COLUMN limits;
ALTER TABLE encounter_members DROP COLUMN triggers;
ALTER TABLE encounter_members DROP COLUMN safeword;
ALTER TABLE encounter_members DROP COLUMN needs;
ALTER TABLE encounter_members DROP COLUMN r_mood;
ALTER TABLE encounter_members DROP COLUMN r_emotions;
ALTER TABLE encounter_members DROP COLUMN r_helped;
ALTER TABLE encounter_members DROP COLUMN r_missing;
ALTER TABLE encounter_members DROP COLUMN r_favourite;
ALTER TABLE encounter_members DROP COLUMN r_note;
ALTER TABLE encounter_members RENAME COLUMN r_journal TO journal;
ALTER TABLE encounter_signals DROP COLUMN kind;
ALTER TABLE encounter_signals DROP COLUMN text;
ALTER TABLE encounter_signals DROP COLUMN ref;
ALTER TABLE circle_members DROP COLUMN practices;
ALTER TABLE circle_members RENAME COLUMN sealed_practices TO practices;
ALTER TABLE card_shares DROP COLUMN practices;
ALTER TABLE card_shares RENAME COLUMN sealed_practices TO practices;

-- +goose Down
-- The sealed answers cannot be unsealed by SQL: going back leaves the
-- old columns empty.
ALTER TABLE card_shares RENAME COLUMN practices TO sealed_practices;
ALTER TABLE card_shares ADD COLUMN practices TEXT NOT NULL DEFAULT '';
ALTER TABLE circle_members RENAME COLUMN practices TO sealed_practices;
ALTER TABLE circle_members ADD COLUMN practices TEXT NOT NULL DEFAULT '';
ALTER TABLE encounter_signals ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE encounter_signals ADD COLUMN text BLOB;
ALTER TABLE encounter_signals ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE encounter_members RENAME COLUMN journal TO r_journal;
ALTER TABLE encounter_members ADD COLUMN r_note BLOB;
ALTER TABLE encounter_members ADD COLUMN r_favourite BLOB;
ALTER TABLE encounter_members ADD COLUMN r_missing BLOB;
ALTER TABLE encounter_members ADD COLUMN r_helped TEXT NOT NULL DEFAULT '';
ALTER TABLE encounter_members ADD COLUMN r_emotions TEXT NOT NULL DEFAULT '';
ALTER TABLE encounter_members ADD COLUMN r_mood INTEGER NOT NULL DEFAULT 0;
ALTER TABLE encounter_members ADD COLUMN needs TEXT NOT NULL DEFAULT '';
ALTER TABLE encounter_members ADD COLUMN safeword BLOB;
ALTER TABLE encounter_members ADD COLUMN triggers BLOB;
ALTER TABLE encounter_members ADD COLUMN limits BLOB;
ALTER TABLE encounter_members ADD COLUMN energy INTEGER NOT NULL DEFAULT 0;
ALTER TABLE encounter_members ADD COLUMN mood INTEGER NOT NULL DEFAULT 0;
ALTER TABLE encounters RENAME COLUMN kind TO sealed_kind;
ALTER TABLE encounters ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE encounters ADD COLUMN kind TEXT NOT NULL DEFAULT '';
