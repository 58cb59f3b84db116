-- Tags an admin puts on cases to work on many at once (subsidiaries, clients, departments).
-- One row per case and tag; a deleted case keeps its tags until it is purged (cascade).
CREATE TABLE case_tags (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (case_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_tags_by_tag ON case_tags (tag, case_id);
