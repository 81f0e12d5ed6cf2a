-- +goose Up
-- Insights (journey step 8). A profile version saved from a suggestion
-- keeps why, sealed with the person's key. A member may keep their
-- reflections out of their circle's insights: insights_out is that
-- choice, a yes or no that says nothing of what they wrote. The
-- suggestions a person dismissed are remembered, sealed as one list.
ALTER TABLE profile_versions ADD COLUMN why BLOB;
ALTER TABLE circle_members ADD COLUMN insights_out INTEGER NOT NULL DEFAULT 0;
CREATE TABLE suggestion_dismissals (
    person_id  TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    body       BLOB NOT NULL,
    updated_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE suggestion_dismissals;
ALTER TABLE circle_members DROP COLUMN insights_out;
ALTER TABLE profile_versions DROP COLUMN why;
