//! The case store: one SQLite database per data directory, shared safely by the desktop app and
//! the command line (WAL, a busy timeout, and every change in one transaction), and the files
//! attached to cases (see `files`).

pub mod events;
pub mod files;
pub mod switch;
pub mod tags;
pub mod vault;

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};

pub use events::EventKind;
use files::{FileStore, sha256_hex};
pub use switch::{change_passphrase, decrypt, encrypt};
pub use vault::{Passphrase, Vault, is_locked};
use serde::Serialize;
use serde_json::Value;

pub const DB_FILE: &str = "appeal-kit.sqlite3";

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| {
        Migrations::new(vec![
            M::up(include_str!("migrations/001_cases.sql")),
            M::up(include_str!("migrations/002_attachments.sql")),
            M::up(include_str!("migrations/003_kept_fixes.sql")),
            M::up(include_str!("migrations/004_tags.sql")),
            M::up(include_str!("migrations/005_checks.sql")),
            M::up(include_str!("migrations/006_case_keys.sql")),
        ])
    });

/// The schema version `MIGRATIONS` bring a store to (SQLite's `user_version`).
const SCHEMA_VERSION: i64 = 6;

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
    #[error("no attachment with id `{0}`")]
    NoAttachment(String),
    #[error("attached files: {0}")]
    Files(#[from] std::io::Error),
    /// A store with a passphrase, opened without it or with a wrong one.
    #[error("the case store is locked{}", match .0 { LockReason::NoPassphrase => "", LockReason::WrongPassphrase => ": that passphrase is not the right one" })]
    Locked(LockReason),
    /// A request that does not fit the store's state (a passphrase put on twice, …).
    #[error("{0}")]
    Invalid(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    NoPassphrase,
    WrongPassphrase,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            // A column that does not hold what it should (JSON that fails to parse, …).
            _ if matches!(e, rusqlite::Error::FromSqlConversionFailure(..)) => StoreError::Corrupt(e.to_string()),
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
    /// Values typed for information items, keyed by item id.
    pub info: Value,
    /// The appeal after submission: dates, ticket, outcome.
    pub appeal: Value,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub at: String,
    pub kind: EventKind,
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
    files: FileStore,
    /// Shared while the store is open, so a switch (encrypt, decrypt) waits for it.
    _lock: Option<switch::StoreLock>,
}

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

/// An attachment as the case list sees it (see `Store::material_facts`).
#[derive(Debug, Clone, PartialEq)]
pub struct FileFacts {
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
    pub files: Vec<FileFacts>,
    pub letters: Vec<(String, String)>,
}

/// A fixed version of an attachment: its bytes and media type, and the new preview.
pub struct FixedVersion<'a> {
    pub fixes: &'a Value,
    pub file: Option<(&'a [u8], &'a str)>,
    /// What the picture checks found in `file` (ignored when there is none).
    pub checks: &'a Value,
    pub thumbnail: &'a [u8],
}

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

pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

const CASE_COLUMNS: &str =
    "id, provider, title, answers, profile, rules_version, checklist_status, appeal_status, info, appeal, created_at, updated_at";

/// A column holding JSON text.
fn json_column(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Value> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

fn case_row(r: &rusqlite::Row) -> rusqlite::Result<CaseRow> {
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

const ATTACHMENT_COLUMNS: &str = "a.id, a.case_id, a.item_id, a.position, a.name, a.original, a.media_type, a.fixed, a.fixed_media_type,
     a.fixes, a.facts, a.thumbnail, b.bytes, b.missing, a.added_at, a.kept_fixes, coalesce(b.checks, '[]'), a.dismissed";
const ATTACHMENT_FROM: &str = "attachments a JOIN blobs b ON b.sha256 = coalesce(a.fixed, a.original)
     JOIN cases c ON c.id = a.case_id AND c.deleted_at IS NULL";

fn attachment_row(r: &rusqlite::Row) -> rusqlite::Result<AttachmentRow> {
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
    })
}

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_string()
}

impl Store {
    /// Opens (creating if needed) the store in `dir`, bringing its schema up to date. A store
    /// with a passphrase is `StoreError::Locked`: open it with `open_dir_with`.
    pub fn open_dir(dir: &Path) -> Result<Store> {
        Store::open_dir_with(dir, None)
    }

    /// Opens the store in `dir` with the keys of its passphrase, if it has one (they are
    /// ignored for a store without). Nothing is written before the keys are known good.
    pub fn open_dir_with(dir: &Path, vault: Option<Arc<Vault>>) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Open { path: dir.to_path_buf(), source })?;
        let lock = switch::StoreLock::shared(dir)?;
        let vault = keys_for(dir, vault)?;
        let mut store = Store::open_at(&dir.join(DB_FILE), vault)?;
        store._lock = lock;
        Ok(store)
    }

    /// Opens the database at `path` (plain), its files beside it.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_at(path, None)
    }

    pub(crate) fn open_at(path: &Path, vault: Option<Arc<Vault>>) -> Result<Store> {
        let files = FileStore::with_vault(path.parent().unwrap_or(Path::new(".")).join("files"), vault.clone());
        let mut conn = Connection::open(path)?;
        if let Some(v) = &vault {
            apply_key(&conn, v)?;
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Freed pages are zeroed: a replaced thumbnail or a purged case leaves nothing readable.
        conn.pragma_update(None, "secure_delete", "ON")?;
        MIGRATIONS.to_latest(&mut conn)?;
        Ok(Store { conn, files, _lock: None })
    }

    /// Opens the store in `dir` for reading only: nothing is written (no schema change, no
    /// repair, no log), so looking at cases works on a full disk or a read-only folder. A
    /// store that does not exist yet reads as empty, and is not created. A store whose schema
    /// is older is opened as usual, to bring it up to date.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        Store::open_read_only_with(dir, None)
    }

    /// `open_read_only` with the keys of the store's passphrase, if it has one.
    pub fn open_read_only_with(dir: &Path, vault: Option<Arc<Vault>>) -> Result<Store> {
        use rusqlite::OpenFlags;
        let path = dir.join(DB_FILE);
        let lock = if dir.is_dir() { switch::StoreLock::shared(dir)? } else { None };
        let vault = keys_for(dir, vault)?;
        let files = FileStore::with_vault(dir.join("files"), vault.clone());
        if !path.exists() {
            let mut conn = Connection::open_in_memory()?;
            MIGRATIONS.to_latest(&mut conn)?;
            return Ok(Store { conn, files, _lock: lock });
        }
        let open = |uri: String| -> Result<Connection> {
            let conn = Connection::open_with_flags(uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            if let Some(v) = &vault {
                apply_key(&conn, v)?;
            }
            conn.busy_timeout(Duration::from_secs(5))?;
            // Reading the schema version opens the log: this is where a full disk would fail.
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            conn.query_row("SELECT count(*) FROM cases", [], |_| Ok(()))?;
            if version < SCHEMA_VERSION {
                return Err(StoreError::Corrupt("an older schema".into()));
            }
            Ok(conn)
        };
        let uri = |extra: &str| {
            let text = path.to_string_lossy().replace('%', "%25").replace('?', "%3f").replace('#', "%23");
            format!("file:{text}?mode=ro{extra}")
        };
        match open(uri("")) {
            Ok(conn) => Ok(Store { conn, files, _lock: lock }),
            Err(StoreError::Corrupt(_)) => {
                let mut store = Store::open_at(&path, vault.clone())?;
                store._lock = lock;
                Ok(store)
            }
            Err(e @ StoreError::Locked(_)) => Err(e),
            // The shared-memory index of the log cannot be made (a read-only folder, a full
            // disk): read the database file as it is, trusting no other process writes now.
            Err(first) => match open(uri("&immutable=1")) {
                Ok(conn) => Ok(Store { conn, files, _lock: lock }),
                Err(_) => Err(first),
            },
        }
    }

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
                    "SELECT original FROM attachments WHERE case_id = ?1 AND removed_at IS NULL AND item_id IN (SELECT value FROM json_each(?2))
                     UNION SELECT fixed FROM attachments WHERE case_id = ?1 AND removed_at IS NULL AND fixed IS NOT NULL AND item_id IN (SELECT value FROM json_each(?2))",
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
                "INSERT INTO attachments (id, case_id, item_id, position, name, original, media_type, fixed, fixed_media_type, fixes, facts, thumbnail, added_at, kept_fixes, dismissed)
                 SELECT ?2, ?3, item_id, position, name, original, media_type, fixed, fixed_media_type, fixes, facts, thumbnail, ?4, kept_fixes, dismissed FROM attachments WHERE id = ?1",
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

    /// Records something done with a case (a letter saved, …) in its timeline.
    pub fn log_event(&mut self, id: &str, kind: EventKind, detail: &Value) -> Result<CaseRow> {
        self.change(id, kind, detail, |_, _| Ok(0))?;
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

    pub fn events(&self, id: &str) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached("SELECT at, kind, detail FROM events WHERE case_id = ?1 ORDER BY id")?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(Event { at: r.get(0)?, kind: r.get(1)?, detail: json_column(r, 2)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

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
            Ok(files.len())
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
                Ok(FileFacts {
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
    fn writable_case_files(&self, case_id: &str) -> Result<FileStore> {
        scope(&self.conn, &self.files, case_id, true)
    }

    /// Removes an attachment; `restore_attachment` undoes it until start-up purges it.
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
            if let Some((sha, bytes, _)) = &fixed {
                insert_blob(tx, sha, *bytes, version.checks)?;
            }
            tx.execute(
                "UPDATE attachments SET fixes = ?2, fixed = ?3, fixed_media_type = ?4, thumbnail = ?5 WHERE id = ?1",
                params![id, version.fixes.to_string(), fixed.as_ref().map(|f| &f.0), fixed.as_ref().map(|f| f.2), version.thumbnail],
            )
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
                 kept_fixes = ?2, fixes = '[]' WHERE id = ?1",
                params![id, Value::from(all).to_string()],
            )
        })?;
        self.collect(&lock, &row.case_id, &row.original)?;
        drop(lock);
        self.checkpoint();
        self.attachment(id, false)
    }

    /// Removes a stored file and its row if no attachment (of any case, removed or not) names
    /// it; in a locked store, the case's own copy as soon as none of the case's names it.
    fn collect(&mut self, lock: &files::WriteLock, case_id: &str, sha: &str) -> Result<()> {
        let gone = self.conn.execute(
            "DELETE FROM blobs WHERE sha256 = ?1 AND NOT EXISTS (SELECT 1 FROM attachments WHERE original = ?1 OR fixed = ?1)",
            [sha],
        )?;
        if self.files.is_locked() {
            let held: bool = self.conn.query_row(
                "SELECT EXISTS(SELECT 1 FROM attachments WHERE case_id = ?1 AND (original = ?2 OR fixed = ?2))",
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
    fn erase_files(&mut self, case_id: &str, rows: impl FnOnce(&Transaction) -> Result<bool>) -> Result<Option<usize>> {
        let lock = self.files.lock()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let shas: Vec<String> = tx
            .prepare("SELECT original FROM attachments WHERE case_id = ?1 UNION SELECT fixed FROM attachments WHERE case_id = ?1 AND fixed IS NOT NULL")?
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let case_files = scope(&tx, &self.files, case_id, false)?;
        if !rows(&tx)? {
            return Ok(None);
        }
        let mut unshared = Vec::new();
        for sha in &shas {
            if tx.execute(
                "DELETE FROM blobs WHERE sha256 = ?1 AND NOT EXISTS (SELECT 1 FROM attachments WHERE original = ?1 OR fixed = ?1)",
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

    /// Copies the write-ahead log into the database and empties it, so pages freed (and zeroed,
    /// `secure_delete`) are not still readable in old log frames. Best effort: a reader in
    /// another process may keep the log busy, and the next checkpoint does it.
    fn checkpoint(&self) {
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
            "DELETE FROM blobs WHERE sha256 NOT IN (SELECT original FROM attachments UNION SELECT fixed FROM attachments WHERE fixed IS NOT NULL)",
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
                .prepare("SELECT case_id, original FROM attachments UNION SELECT case_id, fixed FROM attachments WHERE fixed IS NOT NULL")?
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
    fn change(
        &mut self,
        id: &str,
        kind: EventKind,
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

/// The keys to open the store in `dir` with: none for a store without a passphrase, and
/// `StoreError::Locked` for one with a passphrase but no keys given.
fn keys_for(dir: &Path, vault: Option<Arc<Vault>>) -> Result<Option<Arc<Vault>>> {
    match (vault::is_locked(dir), vault) {
        (false, _) => Ok(None),
        (true, None) => Err(StoreError::Locked(LockReason::NoPassphrase)),
        (true, Some(v)) => Ok(Some(v)),
    }
}

/// Gives SQLCipher the database key, and checks it opens the database (a key from another
/// store is `StoreError::Locked`).
pub(crate) fn apply_key(conn: &Connection, vault: &Vault) -> Result<()> {
    // SQLCipher logs a wrong key to stderr; the error returned says it once, to the caller.
    let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
    let sql = zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\";", vault.db_key().as_str()));
    conn.execute_batch(&sql)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => Err(StoreError::Locked(LockReason::WrongPassphrase)),
        other => Ok(other?),
    }
}

/// A case that is not deleted, read on `conn` (or inside a transaction).
fn read_case(conn: &Connection, id: &str) -> Result<CaseRow> {
    conn.query_row(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1 AND deleted_at IS NULL"), [id], case_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
}

/// Inserts an attachment row (and its file's row, once) for a file already stored.
fn insert_attachment(tx: &Transaction, case_id: &str, item_id: &str, position: i64, f: &NewAttachment, sha: &str, at: &str) -> rusqlite::Result<String> {
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
fn insert_blob(tx: &Transaction, sha: &str, bytes: i64, checks: &Value) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO blobs (sha256, bytes, checks) VALUES (?1, ?2, ?3)
         ON CONFLICT (sha256) DO UPDATE SET checks = coalesce(blobs.checks, excluded.checks)",
        params![sha, bytes, checks.to_string()],
    )
}

/// Inserts a case under a new short id, logging `kind`.
fn insert_case(tx: &Transaction, new: &NewCase, kind: EventKind, detail: &Value) -> rusqlite::Result<String> {
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

/// Numbers an item's files 0, 1, 2… in their current order, with `id` (if any) at `position`.
fn renumber(tx: &Transaction, case_id: &str, item_id: &str, id: &str, position: usize) -> rusqlite::Result<usize> {
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

/// Marks the case as the most recently changed; timestamps alone cannot order changes made
/// within the same second.
fn touch(tx: &Transaction, id: &str) -> rusqlite::Result<usize> {
    tx.execute("UPDATE cases SET touched = (SELECT coalesce(max(touched), 0) + 1 FROM cases) WHERE id = ?1", [id])
}

fn log(tx: &Transaction, id: &str, at: &str, kind: EventKind, detail: &Value) -> rusqlite::Result<usize> {
    tx.execute("INSERT INTO events (case_id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)", params![id, at, kind, detail.to_string()])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::MIGRATIONS.validate().unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::MIGRATIONS.to_latest(&mut conn).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, super::SCHEMA_VERSION, "bump SCHEMA_VERSION with each migration");
    }
}

#[cfg(test)]
mod case_key_tests {
    use super::*;

    /// A store locked before cases had keys (issue 17 stage 1) opens as before: start-up seals
    /// each file again under its case's key and removes the old one.
    #[test]
    fn files_of_a_store_locked_before_cases_had_keys_move_under_case_keys() {
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
