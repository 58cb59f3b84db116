//! Start-up repair: what an interrupted attach, export or purge left behind.

use rusqlite::{TransactionBehavior, params};
use serde::Serialize;

use crate::*;

/// What start-up repair found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Repair {
    /// Files no row names (an attach interrupted before its commit), removed.
    pub orphans_removed: usize,
    /// Rows whose file is gone, flagged.
    pub missing: usize,
    /// Attachments removed long enough ago that undo is no longer offered, purged.
    pub purged: usize,
    /// Cases deleted long enough ago, purged with their attachments and timeline.
    pub purged_cases: usize,
    /// Files of a store locked before cases had keys, sealed again under their case's key.
    pub moved_to_case_keys: usize,
}

impl Store {
    /// Copies the write-ahead log into the database and empties it, so pages freed (and zeroed,
    /// `secure_delete`) are not still readable in old log frames. Best effort: a reader in
    /// another process may keep the log busy, and the next checkpoint does it.
    pub(crate) fn checkpoint(&self) {
        let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// Brings files and rows back into agreement: run at start-up. Purges attachments removed
    /// before `removed_before` (RFC 3339), then removes files no row names (an attach that died
    /// before its commit, a fix replaced) and flags rows whose file is gone.
    pub fn repair(&mut self, removed_before: &str) -> Result<Repair> {
        let lock = self.files.lock()?;
        let mut report = Repair::default();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Deleted cases past their undo window go with their events and attachments (cascade).
        report.purged_cases = tx.execute("DELETE FROM cases WHERE deleted_at IS NOT NULL AND deleted_at < ?1", [removed_before])?;
        report.purged = tx.execute("DELETE FROM attachments WHERE removed_at IS NOT NULL AND removed_at < ?1", [removed_before])?;
        tx.execute(
            "DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM held_files)",
            [],
        )?;
        // Files are found by their name on disk (in a locked store, a keyed hash of the case and
        // the SHA-256: one copy per case holding it).
        let mut on_disk: std::collections::HashSet<String> = self.files.scan(&lock)?.into_iter().collect();
        let mut known: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut missing: std::collections::BTreeMap<String, bool> = std::collections::BTreeMap::new();
        if !self.files.is_locked() {
            for sha in tx.prepare("SELECT sha256 FROM blobs")?.query_map([], |r| r.get::<_, String>(0))? {
                let sha = sha?;
                let name = self.files.name(&sha);
                missing.insert(sha, !on_disk.contains(&name));
                known.insert(name);
            }
        } else {
            let pairs: Vec<(String, String)> = tx
                .prepare("SELECT DISTINCT case_id, sha256 FROM held_files")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut scopes: std::collections::HashMap<String, FileStore> = std::collections::HashMap::new();
            for (case, sha) in pairs {
                if !scopes.contains_key(&case) {
                    scopes.insert(case.clone(), scope(&tx, &self.files, &case, false)?);
                }
                let mut files = scopes[&case].clone();
                let name = files.name(&sha);
                // A store locked before cases had keys: its file is sealed again under the
                // case's key (the old one goes below, once nothing names it).
                let legacy = self.files.name(&sha);
                if !on_disk.contains(&name) && on_disk.contains(&legacy) {
                    files = scope(&tx, &self.files, &case, true)?;
                    scopes.insert(case.clone(), files.clone());
                    let bytes = self.files.read_unchecked(&sha)?;
                    files.put(&lock, &sha, &bytes)?;
                    on_disk.insert(name.clone());
                    report.moved_to_case_keys += 1;
                }
                *missing.entry(sha).or_default() |= !on_disk.contains(&name);
                known.insert(name);
            }
            for sha in tx.prepare("SELECT sha256 FROM blobs")?.query_map([], |r| r.get::<_, String>(0))? {
                missing.entry(sha?).or_default();
            }
        }
        for (sha, gone) in &missing {
            report.missing += *gone as usize;
            tx.execute("UPDATE blobs SET missing = ?2 WHERE sha256 = ?1", params![sha, gone])?;
        }
        // Committed before any file goes: a crash in between leaves files no row names (the
        // next start-up removes them), never a row, or a case key just made, without its file.
        tx.commit()?;
        for name in on_disk.iter().filter(|n| !known.contains(*n)) {
            self.files.remove_name(&lock, name)?;
            report.orphans_removed += 1;
        }
        if report.purged_cases + report.purged + report.orphans_removed > 0 {
            self.checkpoint();
        }
        Ok(report)
    }
}

#[cfg(test)]
mod case_key_tests {
    use super::*;
    use crate::files::sha256_hex;

    /// A store locked before cases had keys (issue 17 stage 1) opens as before: start-up seals
    /// each file again under its case's key and removes the old one.
    #[test]
    pub(crate) fn files_of_a_store_locked_before_cases_had_keys_move_under_case_keys() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Arc::new(Vault::create().unwrap());
        std::fs::write(dir.path().join(vault::KEYS_FILE), vault.wrap(&Passphrase::new("correct horse".into())).unwrap()).unwrap();
        let mut s = Store::open_dir_with(dir.path(), Some(vault.clone())).unwrap();
        let empty = serde_json::json!({});
        let case = s.create_case(NewCase { provider: "p", title: "t", answers: &empty, profile: &empty, rules_version: "v", checklist_status: "ready" }).unwrap().id;
        let bytes = b"\xff\xd8\xff\xe0 an ID card".to_vec();
        let file = NewAttachment { name: "a.jpg".into(), bytes: bytes.clone(), media_type: "image/jpeg".into(), facts: empty.clone(), thumbnail: vec![1], kept_fixes: serde_json::json!([]), checks: serde_json::json!([]) };
        s.attach(&case, "item", &[file]).unwrap();
        let sha = sha256_hex(&bytes);

        // As stage 1 left it: sealed under the store-wide key and name, no case key.
        let path = |name: &str| dir.path().join("files").join(&name[..2]).join(name);
        let new_name = vault.case_file_name(&case, &sha);
        std::fs::remove_file(path(&new_name)).unwrap();
        let old_name = vault.file_name(&sha);
        std::fs::create_dir_all(path(&old_name).parent().unwrap()).unwrap();
        std::fs::write(path(&old_name), vault.seal(&old_name, &bytes).unwrap()).unwrap();
        s.conn.execute("DELETE FROM case_keys", []).unwrap();
        assert!(s.file(&case, &sha).is_err());

        let report = s.repair("2000-01-01T00:00:00Z").unwrap();
        assert_eq!((report.moved_to_case_keys, report.orphans_removed, report.missing), (1, 1, 0));
        assert_eq!(s.file(&case, &sha).unwrap(), bytes);
        assert!(!path(&old_name).exists() && path(&new_name).exists());
        assert_eq!(s.repair("2000-01-01T00:00:00Z").unwrap(), Repair::default());
    }
}
