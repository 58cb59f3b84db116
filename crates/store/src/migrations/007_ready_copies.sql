-- An attached file as it leaves in a bundle, made ahead when making it is slow (a photo turned
-- upright in the DCT domain takes about a quarter of a second): an export then only copies it.
-- For `original` only (a fixed version is written upright and without metadata). `ready` is
-- the stored copy; `ready_cleaned` what was done to make it (a JSON list: the manifest's
-- `cleaned`).
ALTER TABLE attachments ADD COLUMN ready TEXT REFERENCES blobs (sha256);
ALTER TABLE attachments ADD COLUMN ready_cleaned TEXT;

-- Every stored file an attachment holds, for every place that keeps, copies or removes files:
-- its original, its fixed version and its ready copy.
CREATE VIEW held_files (attachment_id, case_id, item_id, removed_at, sha256) AS
    SELECT id, case_id, item_id, removed_at, original FROM attachments
    UNION ALL SELECT id, case_id, item_id, removed_at, fixed FROM attachments WHERE fixed IS NOT NULL
    UNION ALL SELECT id, case_id, item_id, removed_at, ready FROM attachments WHERE ready IS NOT NULL;

-- The attachments whose ready copy is still to make (`Store::unprepared`), found without
-- reading the others.
CREATE INDEX attachments_unprepared ON attachments (added_at)
    WHERE ready IS NULL AND fixed IS NULL AND removed_at IS NULL AND coalesce(json_extract(facts, '$.orientation'), 1) != 1;
