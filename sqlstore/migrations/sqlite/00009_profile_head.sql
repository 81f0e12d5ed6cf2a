-- +goose Up
-- The newest profile version and when it was saved, kept on the person's
-- row (in the same transaction as the version) so that the session check,
-- which reads this row anyway, tells a page whether what it keeps of the
-- profile is current, without a second query.
ALTER TABLE people ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN profile_saved_at BIGINT NOT NULL DEFAULT 0;
UPDATE people SET
    profile_version = COALESCE((SELECT MAX(v.version) FROM profile_versions v WHERE v.person_id = people.id), 0),
    profile_saved_at = COALESCE((SELECT v.created_at FROM profile_versions v WHERE v.person_id = people.id
        ORDER BY v.version DESC LIMIT 1), 0);

-- +goose Down
ALTER TABLE people DROP COLUMN profile_saved_at;
ALTER TABLE people DROP COLUMN profile_version;
