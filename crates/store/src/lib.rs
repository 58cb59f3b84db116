//! The case store: one SQLite database per data directory, shared safely by the desktop app and
//! the command line (WAL, a busy timeout, and every change in one transaction), and the files
//! attached to cases (see `files`).

mod attachments;
mod cases;
mod erase;
mod error;
pub mod events;
pub mod files;
mod ready;
mod repair;
pub mod switch;
pub mod tags;
pub mod vault;

use std::path::Path;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};
use serde_json::Value;

pub use attachments::{AttachmentRow, FixedVersion, MaterialFacts, MaterialFile, NewAttachment};
pub use ready::{ReadyCopy, Unprepared};
pub(crate) use attachments::*;
pub use cases::{CaseRow, CaseUpdate, NewCase};
pub(crate) use cases::*;
pub use error::{LockReason, StoreError};
pub use events::{Event, EventKind};
pub(crate) use events::log;
use files::FileStore;
pub use repair::Repair;
pub use switch::{change_passphrase, decrypt, encrypt};
pub use vault::{Passphrase, Vault, is_locked};

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
            M::up(include_str!("migrations/007_ready_copies.sql")),
        ])
    });

/// The schema version `MIGRATIONS` bring a store to (SQLite's `user_version`).
const SCHEMA_VERSION: i64 = 7;

type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
    files: FileStore,
    /// Shared while the store is open, so a switch (encrypt, decrypt) waits for it.
    _lock: Option<switch::StoreLock>,
}

pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

/// A column holding JSON text.
fn json_column(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Value> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
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
