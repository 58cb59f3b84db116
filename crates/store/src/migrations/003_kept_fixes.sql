-- Fixes already burnt into `original`: "keep only the fixed version" moves `fixes` here. With
-- `fixes`, the whole history of the current version, so whether it hides anything is derived
-- from what was done to it, never from a flag that can be lost or claimed.
ALTER TABLE attachments ADD COLUMN kept_fixes TEXT NOT NULL DEFAULT '[]';
