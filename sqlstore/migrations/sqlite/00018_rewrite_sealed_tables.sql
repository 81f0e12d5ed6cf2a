-- +goose NO TRANSACTION
-- +goose Up
-- SQLite rewrote the tables when migration 15 dropped the columns that
-- held answers in the clear, and secure_delete zeroes freed pages; VACUUM
-- leaves no freed page at all. The write-ahead log is truncated after
-- the migrations (see Migrate).
VACUUM;

-- +goose Down
SELECT 1;
