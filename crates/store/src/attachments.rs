//! Attached files: their rows, attaching in one transaction, order, removal with undo, fixed
//! versions, dismissed findings, and the files of each case.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::Value;

use crate::files::{FileStore, sha256_hex};
use crate::*;

/// A file to attach, already checked and previewed by the caller.
pub struct NewAttachment {
    pub name: String,
    pub bytes: Vec<u8>,
    pub media_type: String,
    pub facts: Value,
    pub thumbnail: Vec<u8>,
    /// Fixes already burnt into `bytes` (a bundle's verified redaction), as a JSON list.
    pub kept_fixes: Value,
    /// What the picture checks found in `bytes` (a JSON list of findings).
    pub checks: Value,
}

/// An attached file as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachmentRow {
    pub id: String,
    pub case_id: String,
    pub item_id: String,
    pub position: i64,
    pub name: String,
    pub original: String,
    pub media_type: String,
    pub fixed: Option<String>,
    pub fixed_media_type: Option<String>,
    pub fixes: Value,
    /// Fixes burnt into `original` itself ("keep only the fixed version"), before `fixes`.
    pub kept_fixes: Value,
    pub facts: Value,
    pub thumbnail: Vec<u8>,
    /// Size of the current version (fixed, else original).
    pub bytes: i64,
    /// The current version's file was found missing at start-up.
    pub missing: bool,
    pub added_at: String,
    /// What the picture checks found in the current version (a JSON list; empty when it was
    /// stored before the checks existed).
    pub checks: Value,
    /// Check ids the user dismissed on this attachment (a JSON list).
    pub dismissed: Value,
    /// The original as it leaves in a bundle, made ahead (see `Store::keep_ready`).
    pub ready: Option<ReadyCopy>,
}

impl AttachmentRow {
    /// The version that is shown and exported: the fixed one if there is one.
    pub fn current(&self) -> (&str, &str) {
        match (&self.fixed, &self.fixed_media_type) {
            (Some(sha), Some(media)) => (sha, media),
            _ => (&self.original, &self.media_type),
        }
    }
}

/// An attachment as the case list sees it (see `Store::material_facts`).
#[derive(Debug, Clone, PartialEq)]
pub struct MaterialFile {
    pub case_id: String,
    pub item_id: String,
    /// Hash of the current version (fixed, else original).
    pub current: String,
    pub fixes: Value,
    /// Fixes burnt into the original (see `AttachmentRow::kept_fixes`).
    pub kept_fixes: Value,
    pub missing: bool,
    /// Findings of the current version and the ids dismissed (see `AttachmentRow`).
    pub checks: Value,
    pub dismissed: Value,
    /// The attachment's id, and the letter codes read on its pages (`facts.letter_pages`, a
    /// list; empty for a file that is not a letter scan).
    pub id: String,
    pub letter_pages: Value,
}

/// The files of some cases, and the hashes of the letters saved for them, as `(case, sha256)`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MaterialFacts {
    pub files: Vec<MaterialFile>,
    pub letters: Vec<(String, String)>,
}

/// A fixed version of an attachment: its bytes and media type, and the new preview.
pub struct FixedVersion<'a> {
    /// The fixes the new list was made from, as read: if the stored ones differ now, someone
    /// else changed the file meanwhile and nothing is written (`StoreError::Changed`).
    pub was: &'a Value,
    pub fixes: &'a Value,
    pub file: Option<(&'a [u8], &'a str)>,
    /// What the picture checks found in `file` (ignored when there is none).
    pub checks: &'a Value,
    pub thumbnail: &'a [u8],
}

pub(crate) const ATTACHMENT_COLUMNS: &str = "a.id, a.case_id, a.item_id, a.position, a.name, a.original, a.media_type, a.fixed, a.fixed_media_type,
     a.fixes, a.facts, a.thumbnail, b.bytes, b.missing, a.added_at, a.kept_fixes, coalesce(b.checks, '[]'), a.dismissed,
     a.ready, a.ready_cleaned";

pub(crate) const ATTACHMENT_FROM: &str = "attachments a JOIN blobs b ON b.sha256 = coalesce(a.fixed, a.original)
     JOIN cases c ON c.id = a.case_id AND c.deleted_at IS NULL";

pub(crate) fn attachment_row(r: &rusqlite::Row) -> rusqlite::Result<AttachmentRow> {
    let json = |i: usize| json_column(r, i);
    Ok(AttachmentRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        item_id: r.get(2)?,
        position: r.get(3)?,
        name: r.get(4)?,
        original: r.get(5)?,
        media_type: r.get(6)?,
        fixed: r.get(7)?,
        fixed_media_type: r.get(8)?,
        fixes: json(9)?,
        facts: json(10)?,
        thumbnail: r.get(11)?,
        bytes: r.get(12)?,
        missing: r.get(13)?,
        added_at: r.get(14)?,
        kept_fixes: json(15)?,
        checks: json(16)?,
        dismissed: json(17)?,
        ready: match r.get::<_, Option<String>>(18)? {
            Some(sha256) => Some(ReadyCopy { sha256, cleaned: json(19)? }),
            None => None,
        },
    })
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_string()
}

/// Inserts an attachment row (and its file's row, once) for a file already stored.
pub(crate) fn insert_attachment(tx: &Transaction, case_id: &str, item_id: &str, position: i64, f: &NewAttachment, sha: &str, at: &str) -> rusqlite::Result<String> {
    insert_blob(tx, sha, f.bytes.len() as i64, &f.checks)?;
    let id = new_id();
    tx.execute(
        "INSERT INTO attachments (id, case_id, item_id, position, name, original, media_type, facts, thumbnail, added_at, kept_fixes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![id, case_id, item_id, position, f.name, sha, f.media_type, f.facts.to_string(), f.thumbnail, at, f.kept_fixes.to_string()],
    )?;
    Ok(id)
}

/// A stored file's row, once; a file stored before the checks existed gets their findings now.
pub(crate) fn insert_blob(tx: &Transaction, sha: &str, bytes: i64, checks: &Value) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO blobs (sha256, bytes, checks) VALUES (?1, ?2, ?3)
         ON CONFLICT (sha256) DO UPDATE SET checks = coalesce(blobs.checks, excluded.checks)",
        params![sha, bytes, checks.to_string()],
    )
}

/// Numbers an item's files 0, 1, 2… in their current order, with `id` (if any) at `position`.
pub(crate) fn renumber(tx: &Transaction, case_id: &str, item_id: &str, id: &str, position: usize) -> rusqlite::Result<usize> {
    let mut ids: Vec<String> = tx
        .prepare("SELECT id FROM attachments WHERE case_id = ?1 AND item_id = ?2 AND removed_at IS NULL AND id != ?3 ORDER BY position, added_at")?
        .query_map([case_id, item_id, id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !id.is_empty() {
        ids.insert(position.min(ids.len()), id.to_string());
    }
    for (i, id) in ids.iter().enumerate() {
        tx.execute("UPDATE attachments SET position = ?2 WHERE id = ?1", params![id, i as i64])?;
    }
    Ok(ids.len())
}

/// The files of case `case_id` (in a locked store, bound to its key; `create` gives the case a
/// key if it has none, the case existing).
pub(crate) fn scope(conn: &Connection, files: &FileStore, case_id: &str, create: bool) -> Result<FileStore> {
    let Some(vault) = files.vault() else { return Ok(files.clone()) };
    let read = || -> Result<Option<Vec<u8>>> {
        Ok(conn.query_row("SELECT wrapped FROM case_keys WHERE case_id = ?1", [case_id], |r| r.get(0)).optional()?)
    };
    let mut wrapped = read()?;
    if wrapped.is_none() && create {
        let exists: bool = conn.query_row("SELECT EXISTS(SELECT 1 FROM cases WHERE id = ?1)", [case_id], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NotFound(case_id.to_string()));
        }
        let (_, new) = vault.new_case_key(case_id)?;
        // Another process may have given it one meanwhile: theirs is kept.
        conn.execute("INSERT OR IGNORE INTO case_keys (case_id, wrapped) VALUES (?1, ?2)", params![case_id, new])?;
        wrapped = read()?;
    }
    let key = match wrapped {
        Some(w) => Some(vault.unwrap_case_key(case_id, &w)?),
        None => None,
    };
    Ok(files.for_case(case_id, key))
}

impl Store {
    /// Attaches files to an item, after the item's others. Files are made durable first, then
    /// all rows are committed in one transaction: all attached, or none.
    pub fn attach(&mut self, case_id: &str, item_id: &str, files: &[NewAttachment]) -> Result<Vec<String>> {
        let case_files = self.writable_case_files(case_id)?;
        let lock = self.files.lock()?;
        let hashes: Vec<String> = files.iter().map(|f| sha256_hex(&f.bytes)).collect();
        for (f, sha) in files.iter().zip(&hashes) {
            case_files.put(&lock, sha, &f.bytes)?;
        }
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        let mut ids = Vec::new();
        self.change(case_id, EventKind::Attached, &serde_json::json!({ "item": item_id, "files": names }), |tx, at| {
            let mut position: i64 = tx.query_row(
                "SELECT coalesce(max(position), -1) + 1 FROM attachments WHERE case_id = ?1 AND item_id = ?2 AND removed_at IS NULL",
                [case_id, item_id],
                |r| r.get(0),
            )?;
            for (f, sha) in files.iter().zip(&hashes) {
                ids.push(insert_attachment(tx, case_id, item_id, position, f, sha, at)?);
                position += 1;
            }
            Ok::<_, rusqlite::Error>(files.len())
        })?;
        Ok(ids)
    }

    /// The case's attachments (not removed), by item and position.
    pub fn attachments(&self, case_id: &str) -> Result<Vec<AttachmentRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM {ATTACHMENT_FROM} WHERE a.case_id = ?1 AND a.removed_at IS NULL ORDER BY a.item_id, a.position"
        ))?;
        Ok(stmt.query_map([case_id], attachment_row)?.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// What the case list needs to judge the materials of these cases, without thumbnails: each
    /// attachment's item, current file, fixes and whether its file is missing, and the hashes of
    /// the letters Appeal Kit saved for each case. Two queries for a whole page of cases.
    pub fn material_facts(&self, case_ids: &[&str]) -> Result<MaterialFacts> {
        let ids = serde_json::to_string(case_ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.case_id, a.item_id, coalesce(a.fixed, a.original), a.fixes, a.kept_fixes, b.missing,
                    coalesce(b.checks, '[]'), a.dismissed, a.id, coalesce(json_extract(a.facts, '$.letter_pages'), '[]')
             FROM attachments a JOIN blobs b ON b.sha256 = coalesce(a.fixed, a.original)
             WHERE a.case_id IN (SELECT value FROM json_each(?1)) AND a.removed_at IS NULL",
        )?;
        let files = stmt
            .query_map([&ids], |r| {
                Ok(MaterialFile {
                    case_id: r.get(0)?,
                    item_id: r.get(1)?,
                    current: r.get(2)?,
                    fixes: json_column(r, 3)?,
                    kept_fixes: json_column(r, 4)?,
                    missing: r.get(5)?,
                    checks: json_column(r, 6)?,
                    dismissed: json_column(r, 7)?,
                    id: r.get(8)?,
                    letter_pages: json_column(r, 9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT case_id, json_extract(detail, '$.sha256') FROM events
             WHERE case_id IN (SELECT value FROM json_each(?1)) AND kind = 'letter' AND json_extract(detail, '$.sha256') IS NOT NULL",
        )?;
        let letters = stmt.query_map([&ids], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(MaterialFacts { files, letters })
    }

    /// One attachment; `removed` says whether to look among removed ones instead.
    pub fn attachment(&self, id: &str, removed: bool) -> Result<AttachmentRow> {
        let which = if removed { "IS NOT NULL" } else { "IS NULL" };
        self.conn
            .query_row(&format!("SELECT {ATTACHMENT_COLUMNS} FROM {ATTACHMENT_FROM} WHERE a.id = ?1 AND a.removed_at {which}"), [id], attachment_row)
            .optional()?
            .ok_or_else(|| StoreError::NoAttachment(id.to_string()))
    }

    /// The bytes of a file case `case_id` holds, checked against its hash.
    pub fn file(&self, case_id: &str, sha: &str) -> Result<Vec<u8>> {
        Ok(self.case_files(case_id)?.read(sha)?)
    }

    /// The files of case `case_id` alone, which threads can share to read them in parallel.
    pub fn case_files(&self, case_id: &str) -> Result<FileStore> {
        scope(&self.conn, &self.files, case_id, false)
    }

    /// `case_files`, giving the case a key first if it has none (a locked store).
    pub(crate) fn writable_case_files(&self, case_id: &str) -> Result<FileStore> {
        scope(&self.conn, &self.files, case_id, true)
    }

    /// Removes an attachment; `restore_attachment` undoes it until start-up purges it.
    /// Puts `file` in the place of attachment `id` (same item, same position) and removes `id`
    /// (restoring it undoes that), in one transaction with one timeline event. Returns the new id.
    pub fn replace_attachment(&mut self, id: &str, file: &NewAttachment) -> Result<String> {
        let row = self.attachment(id, false)?;
        let case_files = self.writable_case_files(&row.case_id)?;
        let lock = self.files.lock()?;
        let sha = sha256_hex(&file.bytes);
        case_files.put(&lock, &sha, &file.bytes)?;
        let mut new = String::new();
        let detail = serde_json::json!({ "item": row.item_id, "file": row.name, "by": file.name });
        self.change(&row.case_id, EventKind::Replaced, &detail, |tx, at| {
            tx.execute("UPDATE attachments SET removed_at = ?2 WHERE id = ?1", params![id, at])?;
            new = insert_attachment(tx, &row.case_id, &row.item_id, row.position, file, &sha, at)?;
            renumber(tx, &row.case_id, &row.item_id, &new, row.position as usize)
        })?;
        drop(lock);
        Ok(new)
    }

    pub fn remove_attachment(&mut self, id: &str) -> Result<AttachmentRow> {
        let row = self.attachment(id, false)?;
        self.change(&row.case_id, EventKind::Removed, &serde_json::json!({ "item": row.item_id, "file": row.name }), |tx, at| {
            tx.execute("UPDATE attachments SET removed_at = ?2 WHERE id = ?1", params![id, at])
        })?;
        Ok(row)
    }

    pub fn restore_attachment(&mut self, id: &str) -> Result<AttachmentRow> {
        let row = self.attachment(id, true)?;
        self.change(&row.case_id, EventKind::RestoredFile, &serde_json::json!({ "item": row.item_id, "file": row.name }), |tx, _| {
            tx.execute("UPDATE attachments SET removed_at = NULL WHERE id = ?1", [id])?;
            renumber(tx, &row.case_id, &row.item_id, id, row.position as usize)
        })?;
        self.attachment(id, false)
    }

    /// Moves an attachment to `position` (from 0) among `item_id`'s files, which may be another item.
    pub fn move_attachment(&mut self, id: &str, item_id: &str, position: usize) -> Result<AttachmentRow> {
        let row = self.attachment(id, false)?;
        self.change(&row.case_id, EventKind::Moved, &serde_json::json!({ "file": row.name, "from": row.item_id, "to": item_id }), |tx, _| {
            tx.execute("UPDATE attachments SET item_id = ?2 WHERE id = ?1", params![id, item_id])?;
            renumber(tx, &row.case_id, &row.item_id, "", 0)?;
            renumber(tx, &row.case_id, item_id, id, position)
        })?;
        self.attachment(id, false)
    }

    /// Records fixes and the version they make (none: back to the original).
    pub fn set_fixed(&mut self, id: &str, version: FixedVersion) -> Result<AttachmentRow> {
        let row = self.attachment(id, false)?;
        let case_files = self.writable_case_files(&row.case_id)?;
        let lock = self.files.lock()?;
        let fixed = version.file.map(|(bytes, media)| (sha256_hex(bytes), bytes.len() as i64, media));
        if let (Some((sha, _, _)), Some((bytes, _))) = (&fixed, version.file) {
            case_files.put(&lock, sha, bytes)?;
        }
        let detail = serde_json::json!({ "item": row.item_id, "file": row.name, "fixes": version.fixes });
        self.change(&row.case_id, EventKind::Fixed, &detail, |tx, _| {
            // Compare and set, in the writing transaction: two writers each adding a fix to
            // what they read must not lose one of them.
            let stored: String = tx.query_row("SELECT fixes FROM attachments WHERE id = ?1", [id], |r| r.get(0))?;
            if serde_json::from_str::<Value>(&stored).ok().as_ref() != Some(version.was) {
                return Err(StoreError::Changed(id.to_string()));
            }
            if let Some((sha, bytes, _)) = &fixed {
                insert_blob(tx, sha, *bytes, version.checks)?;
            }
            tx.execute(
                "UPDATE attachments SET fixes = ?2, fixed = ?3, fixed_media_type = ?4, thumbnail = ?5 WHERE id = ?1",
                params![id, version.fixes.to_string(), fixed.as_ref().map(|f| &f.0), fixed.as_ref().map(|f| f.2), version.thumbnail],
            )
            .map_err(StoreError::from)
        })?;
        drop(lock);
        self.attachment(id, false)
    }

    /// Records that the user dismissed finding `check` on an attachment (the timeline keeps it).
    /// Dismissing one already dismissed changes nothing and logs nothing.
    pub fn dismiss_check(&mut self, id: &str, check: &str) -> Result<AttachmentRow> {
        let row = self.attachment(id, false)?;
        let mut dismissed: Vec<String> =
            serde_json::from_value(row.dismissed.clone()).map_err(|e| StoreError::Corrupt(format!("dismissed checks of attachment {id}: {e}")))?;
        if dismissed.iter().any(|d| d == check) {
            return Ok(row);
        }
        dismissed.push(check.to_string());
        let detail = serde_json::json!({ "item": row.item_id, "file": row.name, "check": check });
        self.change(&row.case_id, EventKind::DismissedCheck, &detail, |tx, _| {
            tx.execute("UPDATE attachments SET dismissed = ?2 WHERE id = ?1", params![id, Value::from(dismissed.clone()).to_string()])
        })?;
        self.attachment(id, false)
    }

    /// Makes the fixed version the original, its fixes joining the kept ones (so the file still
    /// says what was hidden in it). The old original goes at once unless another row names it
    /// (a deleted case still in its undo window: then when that one is purged).
    pub fn discard_original(&mut self, id: &str) -> Result<AttachmentRow> {
        let row = self.attachment(id, false)?;
        let lock = self.files.lock()?;
        self.change(&row.case_id, EventKind::DiscardedOriginal, &serde_json::json!({ "item": row.item_id, "file": row.name }), |tx, _| {
            // A list that fails to parse is an error, never an empty list: that would drop an
            // earlier redaction from the record of what was hidden.
            let Some((kept, fixes)) = tx
                .query_row("SELECT kept_fixes, fixes FROM attachments WHERE id = ?1 AND fixed IS NOT NULL", [id], |r| {
                    Ok((json_column(r, 0)?, json_column(r, 1)?))
                })
                .optional()?
            else {
                return Ok(0);
            };
            let (Value::Array(mut all), Value::Array(fixes)) = (kept, fixes) else {
                return Err(rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, "the fixes of a file are not a list".into()));
            };
            all.extend(fixes);
            tx.execute(
                "UPDATE attachments SET original = fixed, media_type = fixed_media_type, fixed = NULL, fixed_media_type = NULL,
                 kept_fixes = ?2, fixes = '[]', ready = NULL, ready_cleaned = NULL WHERE id = ?1",
                params![id, Value::from(all).to_string()],
            )
        })?;
        self.collect(&lock, &row.case_id, &row.original)?;
        if let Some(ready) = &row.ready {
            self.collect(&lock, &row.case_id, &ready.sha256)?;
        }
        drop(lock);
        self.checkpoint();
        self.attachment(id, false)
    }

    /// Removes a stored file and its row if no attachment (of any case, removed or not) names
    /// it; in a locked store, the case's own copy as soon as none of the case's names it.
    pub(crate) fn collect(&mut self, lock: &files::WriteLock, case_id: &str, sha: &str) -> Result<()> {
        let gone = self.conn.execute(
            "DELETE FROM blobs WHERE sha256 = ?1 AND NOT EXISTS (SELECT 1 FROM held_files WHERE sha256 = ?1)",
            [sha],
        )?;
        if self.files.is_locked() {
            let held: bool = self.conn.query_row(
                "SELECT EXISTS(SELECT 1 FROM held_files WHERE case_id = ?1 AND sha256 = ?2)",
                [case_id, sha],
                |r| r.get(0),
            )?;
            if !held {
                self.case_files(case_id)?.remove(lock, sha)?;
            }
        } else if gone > 0 {
            self.files.remove(lock, sha)?;
        }
        Ok(())
    }
}
