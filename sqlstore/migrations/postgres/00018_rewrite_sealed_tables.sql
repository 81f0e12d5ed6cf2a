-- +goose NO TRANSACTION
-- +goose Up
-- PostgreSQL drops a column from its catalogue only: the values stay in
-- every row until the row is written anew. Migration 15 dropped the
-- answers migration 14 sealed; VACUUM FULL writes these tables anew,
-- without the dropped values and without the rows migration 14 replaced
-- (the old files are removed). PostgreSQL's own write-ahead log and
-- backups taken before keep them until they are recycled or pruned.
VACUUM FULL encounters;
VACUUM FULL encounter_members;
VACUUM FULL encounter_signals;
VACUUM FULL circle_members;
VACUUM FULL card_shares;

-- +goose Down
SELECT 1;
