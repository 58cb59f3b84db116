//! Erasure that is real: a case's key destroyed with its files, so no copy can be read again.

use rusqlite::TransactionBehavior;

use rusqlite::{OptionalExtension, Transaction, params};

use crate::*;

impl Store {
    /// Erases a case for good (deleted or not): its rows, its timeline, and its documents. In a
    /// locked store its key is destroyed (the row zeroed, the log emptied) before its files are
    /// removed, so no copy of them can be read again, even from old disk blocks; in a plain
    /// store its files no other case holds are overwritten and removed.
    pub fn erase(&mut self, case_id: &str) -> Result<usize> {
        let erased = self.erase_files(case_id, |tx| {
            let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM cases WHERE id = ?1)", [case_id], |r| r.get(0))?;
            if !exists {
                return Err(StoreError::NotFound(case_id.to_string()));
            }
            // Cascades to its attachments, timeline, tags and key.
            tx.execute("DELETE FROM cases WHERE id = ?1", [case_id])?;
            Ok(true)
        })?;
        Ok(erased.unwrap_or(0))
    }

    /// Erases a case's documents (every attachment, removed ones too, and their files, as
    /// `erase` does) and keeps its record: status, dates, ticket, profile and timeline, where
    /// the erasure is noted. Only while the case's appeal status is `status` (checked in the
    /// same transaction); otherwise `None` and nothing changes. Returns how many attachments
    /// went.
    pub fn erase_documents(&mut self, case_id: &str, status: &str) -> Result<Option<usize>> {
        let mut attachments = 0;
        let erased = self.erase_files(case_id, |tx| {
            let current: Option<String> =
                tx.query_row("SELECT appeal_status FROM cases WHERE id = ?1 AND deleted_at IS NULL", [case_id], |r| r.get(0)).optional()?;
            match current {
                None => return Err(StoreError::NotFound(case_id.to_string())),
                Some(current) if current != status => return Ok(false),
                Some(_) => {}
            }
            attachments = tx.execute("DELETE FROM attachments WHERE case_id = ?1", [case_id])?;
            // The case's key goes too: new documents get a new one.
            tx.execute("DELETE FROM case_keys WHERE case_id = ?1", [case_id])?;
            let at = now();
            tx.execute("UPDATE cases SET updated_at = ?2 WHERE id = ?1", params![case_id, at])?;
            touch(tx, case_id)?;
            log(tx, case_id, &at, EventKind::DocumentsErased, &serde_json::json!({ "files": attachments }))?;
            Ok(true)
        })?;
        Ok(erased.map(|_| attachments))
    }

    /// How many cases (not deleted) with appeal status `status` still hold documents: after
    /// approval, documents the case no longer needs (`erase_documents`).
    pub fn count_holding_documents(&self, status: &str) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL AND c.appeal_status = ?1 AND EXISTS (SELECT 1 FROM attachments a WHERE a.case_id = c.id)",
            [status],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// The files of case `case_id` removed for good, after `rows` has changed its rows in one
    /// transaction (false: nothing to do, rolled back). The rows and the case's key go first,
    /// the log is emptied, then the files: a crash in between leaves only files no row names,
    /// which start-up removes. Returns how many stored files went (`None`: `rows` said no).
    pub(crate) fn erase_files(&mut self, case_id: &str, rows: impl FnOnce(&Transaction) -> Result<bool>) -> Result<Option<usize>> {
        let lock = self.files.lock()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let shas: Vec<String> = tx
            .prepare("SELECT DISTINCT sha256 FROM held_files WHERE case_id = ?1")?
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let case_files = scope(&tx, &self.files, case_id, false)?;
        if !rows(&tx)? {
            return Ok(None);
        }
        let mut unshared = Vec::new();
        for sha in &shas {
            if tx.execute(
                "DELETE FROM blobs WHERE sha256 = ?1 AND NOT EXISTS (SELECT 1 FROM held_files WHERE sha256 = ?1)",
                [sha],
            )? > 0
            {
                unshared.push(sha.clone());
            }
        }
        tx.commit()?;
        // The key's row is zeroed in the database (secure_delete); the log is emptied so no
        // old frame keeps it. Then the files, which nothing can open any more.
        self.checkpoint();
        if self.files.is_locked() {
            for sha in &shas {
                case_files.remove(&lock, sha)?;
            }
        } else {
            for sha in &unshared {
                self.files.shred_name(&lock, &self.files.name(sha))?;
            }
        }
        Ok(Some(if self.files.is_locked() { shas.len() } else { unshared.len() }))
    }

    /// For tests of erasure: whether `sealed`, a file once stored under `name`, opens with any
    /// key the store still has (the store-wide one, or any case's).
    #[doc(hidden)]
    pub fn opens_with_any_key(&self, name: &str, sealed: &[u8]) -> Result<bool> {
        let Some(vault) = self.files.vault() else { return Ok(true) };
        if vault.open(name, sealed.to_vec()).is_ok() {
            return Ok(true);
        }
        let mut stmt = self.conn.prepare("SELECT case_id, wrapped FROM case_keys")?;
        let keys = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        for (case, wrapped) in keys {
            if vault.unwrap_case_key(&case, &wrapped)?.open(name, sealed.to_vec()).is_ok() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
