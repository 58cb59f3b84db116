-- What the picture checks found in each stored file version (a JSON list of findings, see the
-- documents crate's `checks`), computed when the version was made. NULL: stored before the
-- checks existed (nothing is claimed about it).
ALTER TABLE blobs ADD COLUMN checks TEXT;
-- Check ids the user dismissed on an attachment (a JSON list), kept across its versions; the
-- timeline records each dismissal.
ALTER TABLE attachments ADD COLUMN dismissed TEXT NOT NULL DEFAULT '[]';
