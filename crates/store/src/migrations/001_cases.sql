-- Cases: one locked account each. Answers and profile are JSON objects checked by the kit
-- before they are written; checklist_status caches the evaluated status for the case list.
CREATE TABLE cases (
    id               TEXT PRIMARY KEY,
    provider         TEXT NOT NULL,
    title            TEXT NOT NULL,
    answers          TEXT NOT NULL DEFAULT '{}',
    profile          TEXT NOT NULL DEFAULT '{}',
    rules_version    TEXT NOT NULL,
    checklist_status TEXT NOT NULL,
    appeal_status    TEXT NOT NULL DEFAULT 'preparing'
                     CHECK (appeal_status IN ('preparing', 'submitted', 'approved', 'rejected')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    -- Orders the case list by last change: a counter bumped by every change.
    touched          INTEGER NOT NULL DEFAULT 0,
    -- Deleted cases stay until purged, so a deletion can be undone.
    deleted_at       TEXT
) STRICT;
CREATE INDEX cases_by_change ON cases (touched);

-- What happened to a case, in order: shown as its timeline.
CREATE TABLE events (
    id      INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX events_by_case ON events (case_id, id);
