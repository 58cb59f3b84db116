//! Ready copies: an attached original as it leaves in a bundle, made ahead when making it is
//! slow (see migration 007), and kept only for the original it was made from.

use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use crate::files::sha256_hex;
use crate::*;

/// A stored copy of an attachment's original as it leaves in a bundle: its hash, and what was
/// done to make it (a JSON list, the manifest's `cleaned`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadyCopy {
    pub sha256: String,
    pub cleaned: Value,
}

/// An attachment whose original has no ready copy yet, though making one is slow (a photo
/// stored sideways: see `Store::unprepared`).
#[derive(Debug, Clone, PartialEq)]
pub struct Unprepared {
    pub id: String,
    pub case_id: String,
    pub original: String,
}

impl Store {
    /// Up to `limit` attachments (of cases not deleted, not removed, not fixed) whose original
    /// has no ready copy and was stored sideways (`facts.orientation` other than 1), which
    /// makes cleaning it for export slow: the newest first.
    pub fn unprepared(&self, limit: usize) -> Result<Vec<Unprepared>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.case_id, a.original FROM attachments a JOIN cases c ON c.id = a.case_id AND c.deleted_at IS NULL
             WHERE a.ready IS NULL AND a.fixed IS NULL AND a.removed_at IS NULL AND coalesce(json_extract(a.facts, '$.orientation'), 1) != 1
             ORDER BY a.added_at DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| Ok(Unprepared { id: r.get(0)?, case_id: r.get(1)?, original: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps `bytes` as the ready copy of attachment `id`'s original `original`, with what was
    /// done to make it. Nothing is kept (`Ok(false)`) if the attachment has gone, has another
    /// original now, or already has a copy: it was made from what was read before.
    pub fn keep_ready(&mut self, id: &str, original: &str, bytes: &[u8], cleaned: &Value) -> Result<bool> {
        let Ok(row) = self.attachment(id, false) else { return Ok(false) };
        if row.original != original || row.ready.is_some() {
            return Ok(false);
        }
        let case_files = self.writable_case_files(&row.case_id)?;
        let lock = self.files.lock()?;
        let sha = sha256_hex(bytes);
        case_files.put(&lock, &sha, bytes)?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute("INSERT INTO blobs (sha256, bytes) VALUES (?1, ?2) ON CONFLICT (sha256) DO NOTHING", params![sha, bytes.len() as i64])?;
        let kept = tx.execute(
            "UPDATE attachments SET ready = ?3, ready_cleaned = ?4 WHERE id = ?1 AND original = ?2 AND ready IS NULL AND removed_at IS NULL",
            params![id, original, sha, cleaned.to_string()],
        )? == 1;
        tx.commit()?;
        if !kept {
            // Someone changed the attachment meanwhile: the copy goes unless something holds it.
            self.collect(&lock, &row.case_id, &sha)?;
        }
        Ok(kept)
    }
}
