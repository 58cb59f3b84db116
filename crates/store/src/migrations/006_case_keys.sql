-- Each case's own key, in a store with a passphrase: the case's files are sealed under it
-- (wrapped by a key derived from the data key). Erasing the case deletes this row, and with it
-- every way to read what is left of its files.
CREATE TABLE case_keys (
    case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    wrapped BLOB NOT NULL
) STRICT;
