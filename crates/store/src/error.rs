//! What can go wrong in the store.

use std::path::PathBuf;

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
    /// A file changed by someone else (another window, `appeal-kit`) between reading it and
    /// writing the change made from what was read: nothing was written.
    #[error("attachment `{0}` was changed meanwhile by another window or command; look at it again and retry")]
    Changed(String),
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
