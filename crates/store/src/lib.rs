//! The case store: one SQLite database per data directory, shared safely by the desktop app and
//! the command line (WAL, a busy timeout, and every change in one transaction).

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};
use serde::Serialize;
use serde_json::Value;

pub const DB_FILE: &str = "appeal-kit.sqlite3";

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(vec![M::up(include_str!("migrations/001_cases.sql"))]));

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no case with id `{0}`")]
    NotFound(String),
    #[error("cannot open the case store at {path}: {source}")]
    Open { path: PathBuf, source: std::io::Error },
    #[error("the case store is in use by another program; try again in a moment")]
    Busy,
    #[error("case store: {0}")]
    Sqlite(rusqlite::Error),
    #[error("case store migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("case store holds damaged data: {0}")]
    Corrupt(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

type Result<T> = std::result::Result<T, StoreError>;

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
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub at: String,
    pub kind: String,
    pub detail: Value,
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

pub struct Store {
    conn: Connection,
}

pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

const CASE_COLUMNS: &str =
    "id, provider, title, answers, profile, rules_version, checklist_status, appeal_status, created_at, updated_at";

fn case_row(r: &rusqlite::Row) -> rusqlite::Result<CaseRow> {
    let json = |i: usize| -> rusqlite::Result<Value> {
        let text: String = r.get(i)?;
        serde_json::from_str(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
    };
    Ok(CaseRow {
        id: r.get(0)?,
        provider: r.get(1)?,
        title: r.get(2)?,
        answers: json(3)?,
        profile: json(4)?,
        rules_version: r.get(5)?,
        checklist_status: r.get(6)?,
        appeal_status: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

impl Store {
    /// Opens (creating if needed) the store in `dir`, bringing its schema up to date.
    pub fn open_dir(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Open { path: dir.to_path_buf(), source })?;
        Store::open(&dir.join(DB_FILE))
    }

    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        MIGRATIONS.to_latest(&mut conn)?;
        Ok(Store { conn })
    }

    pub fn create_case(&mut self, new: NewCase) -> Result<CaseRow> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
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
        touch(&tx, &id)?;
        log(&tx, &id, &at, "created", &serde_json::json!({ "title": new.title, "provider": new.provider }))?;
        tx.commit()?;
        self.get(&id)
    }

    /// A case that is not deleted.
    pub fn get(&self, id: &str) -> Result<CaseRow> {
        self.conn
            .query_row(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1 AND deleted_at IS NULL"), [id], case_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
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

    /// Writes new answers and their evaluated status, logging `detail` as an `answered` event.
    pub fn save_answers(&mut self, id: &str, answers: &Value, rules_version: &str, status: &str, detail: &Value) -> Result<CaseRow> {
        self.change(id, "answered", detail, |tx, at| {
            tx.execute(
                "UPDATE cases SET answers = ?2, rules_version = ?3, checklist_status = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, answers.to_string(), rules_version, status, at],
            )
        })?;
        self.get(id)
    }

    pub fn save_profile(&mut self, id: &str, profile: &Value, detail: &Value) -> Result<CaseRow> {
        self.change(id, "profile", detail, |tx, at| {
            tx.execute("UPDATE cases SET profile = ?2, updated_at = ?3 WHERE id = ?1", params![id, profile.to_string(), at])
        })?;
        self.get(id)
    }

    pub fn rename(&mut self, id: &str, title: &str) -> Result<CaseRow> {
        self.change(id, "renamed", &serde_json::json!({ "title": title }), |tx, at| {
            tx.execute("UPDATE cases SET title = ?2, updated_at = ?3 WHERE id = ?1", params![id, title, at])
        })?;
        self.get(id)
    }

    pub fn set_appeal_status(&mut self, id: &str, status: &str, detail: &Value) -> Result<CaseRow> {
        self.change(id, status, detail, |tx, at| {
            tx.execute("UPDATE cases SET appeal_status = ?2, updated_at = ?3 WHERE id = ?1", params![id, status, at])
        })?;
        self.get(id)
    }

    /// Records something done with a case (a letter saved, …) in its timeline.
    pub fn log_event(&mut self, id: &str, kind: &str, detail: &Value) -> Result<CaseRow> {
        self.change(id, kind, detail, |_, _| Ok(0))?;
        self.get(id)
    }

    /// Moves a case to the trash; `restore` brings it back.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        self.change(id, "deleted", &Value::Null, |tx, at| {
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
        log(&tx, id, &at, "restored", &Value::Null)?;
        tx.commit()?;
        self.get(id)
    }

    pub fn events(&self, id: &str) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached("SELECT at, kind, detail FROM events WHERE case_id = ?1 ORDER BY id")?;
        let rows = stmt
            .query_map([id], |r| {
                let detail: String = r.get(2)?;
                Ok(Event { at: r.get(0)?, kind: r.get(1)?, detail: serde_json::from_str(&detail).unwrap_or(Value::Null) })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Inserts many cases in one transaction (benchmarks and imports of many cases).
    pub fn create_many<'a>(&mut self, cases: impl IntoIterator<Item = NewCase<'a>>) -> Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let mut n = 0;
        for new in cases {
            let id = format!("{:08x}", n as u32 ^ 0x5a5a_0000);
            tx.execute(
                "INSERT INTO cases (id, provider, title, answers, profile, rules_version, checklist_status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![id, new.provider, new.title, new.answers.to_string(), new.profile.to_string(), new.rules_version, new.checklist_status, at],
            )?;
            touch(&tx, &id)?;
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Runs one change of an existing case in a transaction, stamping it and logging an event.
    fn change(
        &mut self,
        id: &str,
        kind: &str,
        detail: &Value,
        f: impl FnOnce(&Transaction, &str) -> rusqlite::Result<usize>,
    ) -> Result<()> {
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

/// Marks the case as the most recently changed; timestamps alone cannot order changes made
/// within the same second.
fn touch(tx: &Transaction, id: &str) -> rusqlite::Result<usize> {
    tx.execute("UPDATE cases SET touched = (SELECT coalesce(max(touched), 0) + 1 FROM cases) WHERE id = ?1", [id])
}

fn log(tx: &Transaction, id: &str, at: &str, kind: &str, detail: &Value) -> rusqlite::Result<usize> {
    tx.execute("INSERT INTO events (case_id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)", params![id, at, kind, detail.to_string()])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::MIGRATIONS.validate().unwrap();
    }
}
