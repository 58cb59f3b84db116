-- Files kept once by SHA-256 under files/; a row is written only after its file is durable.
-- `missing` flags a row whose file was found gone at start-up.
CREATE TABLE blobs (
    sha256  TEXT PRIMARY KEY,
    bytes   INTEGER NOT NULL,
    missing INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A file attached to a checklist item. `original` is the file as the user gave it, byte for
-- byte; `fixed` is the version with `fixes` (rotate, crop, redact) applied, if any.
CREATE TABLE attachments (
    id               TEXT PRIMARY KEY,
    case_id          TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    item_id          TEXT NOT NULL,
    position         INTEGER NOT NULL,
    name             TEXT NOT NULL,
    original         TEXT NOT NULL REFERENCES blobs (sha256),
    media_type       TEXT NOT NULL,
    fixed            TEXT REFERENCES blobs (sha256),
    fixed_media_type TEXT,
    fixes            TEXT NOT NULL DEFAULT '[]',
    -- Size, pages, orientation, location found, generated letter: see the kit.
    facts            TEXT NOT NULL DEFAULT '{}',
    -- Upright preview of the current version, small enough to keep here.
    thumbnail        BLOB NOT NULL,
    added_at         TEXT NOT NULL,
    -- Removed attachments stay a while, so a removal can be undone.
    removed_at       TEXT
) STRICT;
CREATE INDEX attachments_by_item ON attachments (case_id, item_id, position);

-- Values typed for information items, keyed by item id; and the appeal after submission.
ALTER TABLE cases ADD COLUMN info TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN appeal TEXT NOT NULL DEFAULT '{}';
