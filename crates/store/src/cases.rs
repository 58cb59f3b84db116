//! Cases: their rows, creating (new, duplicate, import), reading, listing, changing in one
//! transaction with a timeline event, trash and restore.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;
use serde_json::Value;

use crate::files::sha256_hex;
use crate::*;

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseRow {
    pub id: String,
    pub provider: String,
    pub title: String,
    pub answers: Value,
    pub profile: Value,
    pub rules_version: String,
    pub checklist_status: String,
    pub appeal_status: String,
    /// Values typed for information items, keyed by item id.
    pub info: Value,
    /// The appeal after submission: dates, ticket, outcome.
    pub appeal: Value,
    pub created_at: String,
    pub updated_at: String,
}

/// What a new case starts with; the caller has checked the answers and evaluated them.
pub struct NewCase<'a> {
    pub provider: &'a str,
    pub title: &'a str,
    pub answers: &'a Value,
    pub profile: &'a Value,
    pub rules_version: &'a str,
    pub checklist_status: &'a str,
}

/// One change to a case's stored values, decided inside the write transaction (`Store::update`).
pub enum CaseUpdate {
    /// The merged answers and the status they evaluate to.
    Answers { answers: Value, rules_version: String, checklist_status: String },
    Profile(Value),
    /// Values typed for information items, keyed by item id.
    Info(Value),
    /// The appeal's status and what is known about it (dates, ticket).
    Appeal { status: String, appeal: Value },
}

pub(crate) const CASE_COLUMNS: &str =
    "id, provider, title, answers, profile, rules_version, checklist_status, appeal_status, info, appeal, created_at, updated_at";

pub(crate) fn case_row(r: &rusqlite::Row) -> rusqlite::Result<CaseRow> {
    let json = |i: usize| json_column(r, i);
    Ok(CaseRow {
        id: r.get(0)?,
        provider: r.get(1)?,
        title: r.get(2)?,
        answers: json(3)?,
        profile: json(4)?,
        rules_version: r.get(5)?,
        checklist_status: r.get(6)?,
        appeal_status: r.get(7)?,
        info: json(8)?,
        appeal: json(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// A case that is not deleted, read on `conn` (or inside a transaction).
pub(crate) fn read_case(conn: &Connection, id: &str) -> Result<CaseRow> {
    conn.query_row(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1 AND deleted_at IS NULL"), [id], case_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
}

/// Inserts a case under a new short id, logging `kind`.
pub(crate) fn insert_case(tx: &Transaction, new: &NewCase, kind: EventKind, detail: &Value) -> rusqlite::Result<String> {
    let id = loop {
        // Short ids are easy to type at a terminal; collisions are retried.
        let id = uuid::Uuid::new_v4().simple().to_string()[..8].to_string();
        let taken: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM cases WHERE id = ?1)", [&id], |r| r.get(0))?;
        if !taken {
            break id;
        }
    };
    let at = now();
    tx.execute(
        "INSERT INTO cases (id, provider, title, answers, profile, rules_version, checklist_status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, new.provider, new.title, new.answers.to_string(), new.profile.to_string(), new.rules_version, new.checklist_status, at],
    )?;
    touch(tx, &id)?;
    log(tx, &id, &at, kind, detail)?;
    Ok(id)
}

/// Marks the case as the most recently changed; timestamps alone cannot order changes made
/// within the same second.
pub(crate) fn touch(tx: &Transaction, id: &str) -> rusqlite::Result<usize> {
    tx.execute("UPDATE cases SET touched = (SELECT coalesce(max(touched), 0) + 1 FROM cases) WHERE id = ?1", [id])
}

impl Store {
    pub fn create_case(&mut self, new: NewCase) -> Result<CaseRow> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_case(&tx, &new, EventKind::Created, &serde_json::json!({ "title": new.title, "provider": new.provider }))?;
        tx.commit()?;
        self.get(&id)
    }

    /// A copy of a case under a new id, with the files of `items` attached to the same items
    /// (the files themselves are shared, stored once by hash): all of it, or nothing.
    pub fn duplicate_case(&mut self, new: NewCase, from: &str, items: &[&str]) -> Result<CaseRow> {
        // Taken before the transaction, as everywhere: a locked store copies files below.
        let files_lock = if self.files.is_locked() { Some(self.files.lock()?) } else { None };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let detail = serde_json::json!({ "title": new.title, "provider": new.provider, "from_case": from });
        let id = insert_case(&tx, &new, EventKind::Duplicated, &detail)?;
        let items = serde_json::to_string(items).unwrap_or_else(|_| "[]".into());
        let at = now();
        // In a locked store the copy holds its files under its own key: sealed again here,
        // before the rows are committed (a crash leaves only files no row names).
        if let Some(lock) = &files_lock {
            let from_files = scope(&tx, &self.files, from, false)?;
            let to_files = scope(&tx, &self.files, &id, true)?;
            let shas: Vec<String> = tx
                .prepare(
                    "SELECT DISTINCT sha256 FROM held_files WHERE case_id = ?1 AND removed_at IS NULL AND item_id IN (SELECT value FROM json_each(?2))",
                )?
                .query_map(params![from, items], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for sha in shas {
                match from_files.read_unchecked(&sha) {
                    Ok(bytes) => to_files.put(lock, &sha, &bytes)?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        let rows: Vec<String> = tx
            .prepare("SELECT id FROM attachments WHERE case_id = ?1 AND removed_at IS NULL AND item_id IN (SELECT value FROM json_each(?2)) ORDER BY item_id, position")?
            .query_map(params![from, items], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for old in rows {
            tx.execute(
                "INSERT INTO attachments (id, case_id, item_id, position, name, original, media_type, fixed, fixed_media_type, fixes, facts, thumbnail, added_at, kept_fixes, dismissed, ready, ready_cleaned)
                 SELECT ?2, ?3, item_id, position, name, original, media_type, fixed, fixed_media_type, fixes, facts, thumbnail, ?4, kept_fixes, dismissed, ready, ready_cleaned FROM attachments WHERE id = ?1",
                params![old, new_id(), id, at],
            )?;
        }
        tx.commit()?;
        self.get(&id)
    }

    /// A whole case from a bundle in one transaction, files first: all of it, or nothing.
    pub fn import_case(&mut self, new: NewCase, info: &Value, files: &[(String, NewAttachment)], detail: &Value) -> Result<CaseRow> {
        let lock = self.files.lock()?;
        let hashes: Vec<String> = files.iter().map(|(_, f)| sha256_hex(&f.bytes)).collect();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_case(&tx, &new, EventKind::Imported, detail)?;
        // The files are durable before the rows are committed; a crash leaves files no row names.
        let case_files = scope(&tx, &self.files, &id, true)?;
        for ((_, f), sha) in files.iter().zip(&hashes) {
            case_files.put(&lock, sha, &f.bytes)?;
        }
        tx.execute("UPDATE cases SET info = ?2 WHERE id = ?1", params![id, info.to_string()])?;
        let at = now();
        let mut positions = std::collections::HashMap::new();
        for ((item, f), sha) in files.iter().zip(&hashes) {
            let position = positions.entry(item.as_str()).or_insert(0i64);
            insert_attachment(&tx, &id, item, *position, f, sha, &at)?;
            *position += 1;
        }
        tx.commit()?;
        drop(lock);
        self.get(&id)
    }

    /// A case that is not deleted.
    pub fn get(&self, id: &str) -> Result<CaseRow> {
        read_case(&self.conn, id)
    }

    /// Cases not deleted, most recently changed first, at most `limit` of them, with how many
    /// match in all. `query` matches title, id, provider or the profile's account name and
    /// holder, ignoring case.
    pub fn list(&self, query: &str, limit: Option<usize>) -> Result<(Vec<CaseRow>, usize)> {
        let pattern = format!("%{}%", query.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let filter = "deleted_at IS NULL AND (?1 = '%%' OR title LIKE ?1 ESCAPE '\\'
               OR id LIKE ?1 ESCAPE '\\' OR provider LIKE ?1 ESCAPE '\\'
               OR json_extract(profile, '$.account_name') LIKE ?1 ESCAPE '\\'
               OR json_extract(profile, '$.holder_name') LIKE ?1 ESCAPE '\\')";
        let total: i64 = self.conn.prepare_cached(&format!("SELECT count(*) FROM cases WHERE {filter}"))?.query_row([&pattern], |r| r.get(0))?;
        let limit = limit.map_or(-1, |n| n as i64);
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE {filter} ORDER BY touched DESC LIMIT ?2"))?;
        let rows = stmt.query_map(params![pattern, limit], case_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((rows, total as usize))
    }

    /// Reads the case, lets `decide` compute the change from what is stored now, and writes it
    /// with its timeline event, all in one IMMEDIATE transaction: two writers merging into the
    /// same case (the app and a script) never lose each other's changes. An error from
    /// `decide` writes nothing.
    pub fn update<E: From<StoreError>>(
        &mut self,
        id: &str,
        kind: EventKind,
        decide: impl FnOnce(&CaseRow) -> std::result::Result<(CaseUpdate, Value), E>,
    ) -> std::result::Result<CaseRow, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let row = read_case(&tx, id)?;
        let (change, detail) = decide(&row)?;
        let at = now();
        let written = match &change {
            CaseUpdate::Answers { answers, rules_version, checklist_status } => tx.execute(
                "UPDATE cases SET answers = ?2, rules_version = ?3, checklist_status = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, answers.to_string(), rules_version, checklist_status, at],
            ),
            CaseUpdate::Profile(profile) => {
                tx.execute("UPDATE cases SET profile = ?2, updated_at = ?3 WHERE id = ?1", params![id, profile.to_string(), at])
            }
            CaseUpdate::Info(info) => tx.execute("UPDATE cases SET info = ?2, updated_at = ?3 WHERE id = ?1", params![id, info.to_string(), at]),
            CaseUpdate::Appeal { status, appeal } => tx.execute(
                "UPDATE cases SET appeal_status = ?2, appeal = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, status, appeal.to_string(), at],
            ),
        };
        written.map_err(StoreError::from)?;
        touch(&tx, id).map_err(StoreError::from)?;
        log(&tx, id, &at, kind, &detail).map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(self.get(id)?)
    }

    pub fn rename(&mut self, id: &str, title: &str) -> Result<CaseRow> {
        self.change(id, EventKind::Renamed, &serde_json::json!({ "title": title }), |tx, at| {
            tx.execute("UPDATE cases SET title = ?2, updated_at = ?3 WHERE id = ?1", params![id, title, at])
        })?;
        self.get(id)
    }

    /// Moves a case to the trash; `restore` brings it back.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        self.change(id, EventKind::Deleted, &Value::Null, |tx, at| {
            tx.execute("UPDATE cases SET deleted_at = ?2 WHERE id = ?1", params![id, at])
        })
    }

    pub fn restore(&mut self, id: &str) -> Result<CaseRow> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        if tx.execute("UPDATE cases SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL", params![id, at])? == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        touch(&tx, id)?;
        log(&tx, id, &at, EventKind::Restored, &Value::Null)?;
        tx.commit()?;
        self.get(id)
    }

    /// Inserts many cases in one transaction (the case-list benchmarks' seeding).
    #[cfg(feature = "bench")]
    pub fn create_many<'a>(&mut self, cases: impl IntoIterator<Item = NewCase<'a>>) -> Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut n = 0;
        for new in cases {
            insert_case(&tx, &new, EventKind::Created, &Value::Null)?;
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Runs one change of an existing case in a transaction, stamping it and logging an event.
    pub(crate) fn change<E>(
        &mut self,
        id: &str,
        kind: EventKind,
        detail: &Value,
        f: impl FnOnce(&Transaction, &str) -> std::result::Result<usize, E>,
    ) -> Result<()>
    where
        StoreError: From<E>,
    {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM cases WHERE id = ?1 AND deleted_at IS NULL)", [id], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NotFound(id.to_string()));
        }
        let at = now();
        f(&tx, &at)?;
        touch(&tx, id)?;
        log(&tx, id, &at, kind, detail)?;
        tx.commit()?;
        Ok(())
    }
}
