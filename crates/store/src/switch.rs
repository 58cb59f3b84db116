//! Putting a passphrase on an existing store and taking it off, crash-safely, and the lock that
//! keeps other programs out meanwhile.
//!
//! Every open store holds a shared lock on `store.lock`; a switch holds it exclusively. The new
//! state (database, files, key file or its absence) is built beside the old one in
//! `.switch-new/`, made durable, and committed by renaming that folder to `.switch/` (one atomic
//! rename). Whoever next takes the lock finishes a committed switch (moving the new parts into
//! place: each step can be redone) or throws away an uncommitted one. Killed at any point, the
//! store opens under the old state or the new one, whole.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, params};

use crate::files::{FileStore, sync_dir};
use crate::vault::{KEYS_FILE, Passphrase, Vault, is_locked};
use crate::{DB_FILE, Result, StoreError};

pub const LOCK_FILE: &str = "store.lock";
const BUILDING: &str = ".switch-new";
const READY: &str = ".switch";
/// In a committed switch, says the new state has no key file (the passphrase was taken off).
const PLAIN_MARK: &str = "plain";
const KEYS_TMP: &str = "appeal-kit.keys.new";

/// The store lock, released when dropped (or by the system when the process dies).
#[derive(Debug)]
pub struct StoreLock(#[allow(dead_code)] File);

fn lock_file(dir: &Path) -> io::Result<File> {
    File::options().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE)).or_else(|e| {
        // A read-only folder: a lock can still be taken on the file if it is there.
        File::open(dir.join(LOCK_FILE)).map_err(|_| e)
    })
}

/// Tries `take` for up to five seconds (as SQLite's busy timeout), else `StoreError::Busy`.
fn wait(take: impl Fn() -> std::result::Result<(), TryLockError>) -> Result<()> {
    let start = Instant::now();
    loop {
        match take() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) if start.elapsed() < Duration::from_secs(5) => std::thread::sleep(Duration::from_millis(20)),
            Err(TryLockError::WouldBlock) => return Err(StoreError::Busy),
            Err(TryLockError::Error(e)) => return Err(StoreError::Files(e)),
        }
    }
}

impl StoreLock {
    /// The lock every open store holds, after finishing or discarding a switch a killed
    /// process left. `None` where no lock file can be made or opened (a read-only folder).
    pub(crate) fn shared(dir: &Path) -> Result<Option<StoreLock>> {
        let Ok(f) = lock_file(dir) else { return Ok(None) };
        loop {
            wait(|| f.try_lock_shared())?;
            if !dir.join(BUILDING).exists() && !dir.join(READY).exists() {
                return Ok(Some(StoreLock(f)));
            }
            f.unlock()?;
            drop(StoreLock::exclusive(dir)?);
        }
    }

    /// The lock a switch holds: no other program has the store open.
    pub(crate) fn exclusive(dir: &Path) -> Result<StoreLock> {
        let f = lock_file(dir)?;
        wait(|| f.try_lock())?;
        settle(dir)?;
        Ok(StoreLock(f))
    }
}

fn remove_file(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = File::create(path)?;
    io::Write::write_all(&mut f, bytes)?;
    f.sync_all()
}

/// Finishes a committed switch, or throws away one that was being built. Call with the
/// exclusive lock held. Every step can be redone after a crash part way.
fn settle(dir: &Path) -> Result<()> {
    remove_file(&dir.join(KEYS_TMP))?;
    let building = dir.join(BUILDING);
    if building.exists() {
        fs::remove_dir_all(&building)?;
        sync_dir(dir)?;
    }
    let ready = dir.join(READY);
    if !ready.exists() {
        return Ok(());
    }
    // The database. The old one's log goes first: it was emptied into the old database before
    // the new one was built from it, and must never be applied to the new one.
    let new_db = ready.join(DB_FILE);
    if new_db.exists() {
        for ext in ["-wal", "-shm", "-journal"] {
            remove_file(&dir.join(format!("{DB_FILE}{ext}")))?;
        }
        fs::rename(&new_db, dir.join(DB_FILE))?;
    }
    // The files: the old folder is moved aside, then the new one in.
    let new_files = ready.join("files");
    if new_files.exists() {
        let files = dir.join("files");
        if files.exists() {
            fs::rename(&files, ready.join("files-old"))?;
        }
        fs::rename(&new_files, &files)?;
    }
    // The key file last.
    let new_keys = ready.join(KEYS_FILE);
    if new_keys.exists() {
        fs::rename(&new_keys, dir.join(KEYS_FILE))?;
    } else if ready.join(PLAIN_MARK).exists() {
        remove_file(&dir.join(KEYS_FILE))?;
    }
    sync_dir(dir)?;
    fs::remove_dir_all(&ready)?;
    sync_dir(dir)?;
    Ok(())
}

/// Puts a passphrase on the (plain) store in `dir`, creating it if there is none: the
/// database and every file are rewritten encrypted. Crash-safe; other programs must have the
/// store closed (else `StoreError::Busy`).
pub fn encrypt(dir: &Path, passphrase: &Passphrase) -> Result<()> {
    passphrase.check_new()?;
    fs::create_dir_all(dir).map_err(|source| StoreError::Open { path: dir.to_path_buf(), source })?;
    let _lock = StoreLock::exclusive(dir)?;
    if is_locked(dir) {
        return Err(StoreError::Invalid("the case store already has a passphrase; change it with `appeal-kit store change-passphrase`".into()));
    }
    let vault = Arc::new(Vault::create()?);
    let keys = vault.wrap(passphrase)?;
    rebuild(dir, None, Some(vault), |building| write_synced(&building.join(KEYS_FILE), &keys))
}

/// Takes the passphrase off the store in `dir` (unlocked with `vault`): the database and
/// every file are rewritten plain. Crash-safe, as `encrypt`.
pub fn decrypt(dir: &Path, vault: Arc<Vault>) -> Result<()> {
    let _lock = StoreLock::exclusive(dir)?;
    if !is_locked(dir) {
        return Err(StoreError::Invalid("the case store has no passphrase".into()));
    }
    rebuild(dir, Some(vault), None, |building| write_synced(&building.join(PLAIN_MARK), b""))
}

/// Wraps the store's data key under a new passphrase; nothing else is rewritten. A wrong
/// current passphrase is `StoreError::Locked` and changes nothing.
pub fn change_passphrase(dir: &Path, old: &Passphrase, new: &Passphrase) -> Result<()> {
    new.check_new()?;
    if !is_locked(dir) {
        return Err(StoreError::Invalid("the case store has no passphrase; set one with `appeal-kit store encrypt`".into()));
    }
    let vault = Vault::unlock(dir, old)?;
    let _lock = StoreLock::exclusive(dir)?;
    let keys = vault.wrap(new)?;
    let tmp = dir.join(KEYS_TMP);
    write_synced(&tmp, &keys)?;
    fs::rename(&tmp, dir.join(KEYS_FILE))?;
    sync_dir(dir)?;
    Ok(())
}

/// Builds the store's new state in `.switch-new/` (database through SQLCipher's export, every
/// file re-sealed or unsealed, then `mark`), commits it and moves it into place.
fn rebuild(dir: &Path, from: Option<Arc<Vault>>, to: Option<Arc<Vault>>, mark: impl FnOnce(&Path) -> io::Result<()>) -> Result<()> {
    let building = dir.join(BUILDING);
    fs::create_dir(&building)?;
    {
        // The current database, brought up to date and its log emptied into it.
        let store = crate::Store::open_at(&dir.join(DB_FILE), from.clone())?;
        let conn: &Connection = &store.conn;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let target = building.join(DB_FILE);
        let key = match &to {
            Some(v) => v.db_key(),
            None => zeroize::Zeroizing::new(String::new()),
        };
        conn.execute("ATTACH DATABASE ?1 AS target KEY ?2", params![target.to_string_lossy(), key.as_str()])?;
        conn.query_row("SELECT sqlcipher_export('target')", [], |_| Ok(()))?;
        let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        conn.execute_batch(&format!("PRAGMA target.user_version = {version}; DETACH DATABASE target;"))?;

        // Every file, once per case holding it: under that case's key in a locked store (a
        // new key in the new database), once by hash in a plain one.
        let pairs: Vec<(String, String)> = conn
            .prepare("SELECT DISTINCT case_id, sha256 FROM held_files")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let new_conn = Connection::open(&target)?;
        if let Some(v) = &to {
            crate::apply_key(&new_conn, v)?;
        }
        new_conn.pragma_update(None, "secure_delete", "ON")?;
        new_conn.execute("DELETE FROM case_keys", [])?;
        let old = FileStore::with_vault(dir.join("files"), from);
        let new = FileStore::with_vault(building.join("files"), to);
        let lock = new.lock()?;
        for (case, sha) in pairs {
            let read = match crate::scope(conn, &old, &case, false)?.read_unchecked(&sha) {
                // A store locked before cases had keys keeps its files under the store's key.
                Err(e) if e.kind() == io::ErrorKind::NotFound && old.is_locked() => old.read_unchecked(&sha),
                other => other,
            };
            match read {
                Ok(bytes) => crate::scope(&new_conn, &new, &case, true)?.put(&lock, &sha, &bytes)?,
                // A file already missing stays missing (start-up flags it).
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        drop(new_conn);
        File::open(&target)?.sync_all()?;
    }
    mark(&building)?;
    sync_dir(&building)?;
    fs::rename(&building, dir.join(READY))?;
    sync_dir(dir)?;
    settle(dir)
}
