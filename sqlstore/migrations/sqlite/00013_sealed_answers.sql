-- +goose Up
-- Every answer a person gives in an encounter is sealed (migration 14
-- seals what migration 12 kept in the clear, and 15 drops the old
-- columns): a check-in as one value, a reflection as one (the journal
-- stays apart, so that another's is never even opened), a signal as one.
-- The encounter gets a data key of its own, which seals its kind. The
-- practices a member shares with a circle, or a card link shows, are
-- sealed with their key too.
-- Who started an encounter becomes a mark on their membership, so that
-- it goes with them when they leave or delete their account.
ALTER TABLE encounters ADD COLUMN wrapped BLOB;
ALTER TABLE encounters ADD COLUMN sealed_kind BLOB;
ALTER TABLE encounter_members ADD COLUMN starter INTEGER NOT NULL DEFAULT 0;
ALTER TABLE encounter_members ADD COLUMN checkin BLOB;
ALTER TABLE encounter_members ADD COLUMN reflection BLOB;
ALTER TABLE encounter_signals ADD COLUMN body BLOB;
ALTER TABLE circle_members ADD COLUMN sealed_practices BLOB;
ALTER TABLE card_shares ADD COLUMN sealed_practices BLOB;
UPDATE encounter_members SET starter = 1
    WHERE person_id = (SELECT e.created_by FROM encounters e WHERE e.id = encounter_members.encounter_id);

-- +goose Down
ALTER TABLE card_shares DROP COLUMN sealed_practices;
ALTER TABLE circle_members DROP COLUMN sealed_practices;
ALTER TABLE encounter_signals DROP COLUMN body;
ALTER TABLE encounter_members DROP COLUMN reflection;
ALTER TABLE encounter_members DROP COLUMN checkin;
ALTER TABLE encounter_members DROP COLUMN starter;
ALTER TABLE encounters DROP COLUMN sealed_kind;
ALTER TABLE encounters DROP COLUMN wrapped;
