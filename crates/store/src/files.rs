//! Originals kept once by SHA-256 under `files/`, written crash-safely: temporary file, fsync,
//! rename, fsync of the directory. The database row comes after, so a crash leaves at worst a
//! file no row names, which start-up removes.
//!
//! In a locked store (`vault`) every file is sealed (XChaCha20-Poly1305) under its case's key
//! before it is written, the temporary file included, and is named on disk by a keyed hash of
//! the case and its SHA-256: the database (itself encrypted) keeps the plain SHA-256 as the
//! file's id, the disk never does. A file two cases hold is stored once for each, so erasing
//! one case (its key destroyed) leaves the other's copy readable. A `FileStore` of a locked
//! store is bound to one case (`Store::case_files`); unbound, it reads only the files of a
//! store locked before cases had keys, to move them on.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::Digest;

pub fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone)]
pub struct FileStore {
    dir: PathBuf,
    vault: Option<Arc<crate::vault::Vault>>,
    case: Option<Arc<CaseScope>>,
}

/// The case a locked store's files belong to, and its key (none yet: it has no files).
#[derive(Debug)]
pub struct CaseScope {
    pub(crate) id: String,
    pub(crate) key: Option<crate::vault::CaseKey>,
}

/// Held while files are written and their rows committed, and while start-up repairs the
/// store, so one process never removes a file another is about to name. Released on drop,
/// and by the system if the process dies.
pub struct WriteLock(#[allow(dead_code)] File);

impl FileStore {
    pub fn new(dir: PathBuf) -> FileStore {
        FileStore { dir, vault: None, case: None }
    }

    /// Files sealed with `vault`'s keys (none: plain files).
    pub fn with_vault(dir: PathBuf, vault: Option<Arc<crate::vault::Vault>>) -> FileStore {
        FileStore { dir, vault, case: None }
    }

    /// The same files, as case `case_id` holds them under `key` (used in a locked store only).
    pub(crate) fn for_case(&self, case_id: &str, key: Option<crate::vault::CaseKey>) -> FileStore {
        FileStore { dir: self.dir.clone(), vault: self.vault.clone(), case: Some(Arc::new(CaseScope { id: case_id.to_string(), key })) }
    }

    pub(crate) fn vault(&self) -> Option<&Arc<crate::vault::Vault>> {
        self.vault.as_ref()
    }

    pub(crate) fn is_locked(&self) -> bool {
        self.vault.is_some()
    }

    /// The name on disk of the file with this SHA-256.
    pub fn name(&self, sha: &str) -> String {
        match (&self.vault, &self.case) {
            (Some(v), Some(case)) => v.case_file_name(&case.id, sha),
            (Some(v), None) => v.file_name(sha),
            (None, _) => sha.to_string(),
        }
    }

    fn unbound() -> io::Error {
        io::Error::other("a file of a locked store belongs to a case")
    }

    pub fn lock(&self) -> io::Result<WriteLock> {
        fs::create_dir_all(self.dir.join("tmp"))?;
        let f = File::options().create(true).truncate(false).write(true).open(self.dir.join(".lock"))?;
        f.lock()?;
        Ok(WriteLock(f))
    }

    /// Where the file with this SHA-256 is on disk.
    pub fn path(&self, sha: &str) -> PathBuf {
        self.name_path(&self.name(sha))
    }

    fn name_path(&self, name: &str) -> PathBuf {
        self.dir.join(name.get(..2).unwrap_or("__")).join(name)
    }

    /// The content of a stored file, unsealed in memory; not checked against its hash (a
    /// sealed file is authenticated all the same).
    pub fn read_unchecked(&self, sha: &str) -> io::Result<Vec<u8>> {
        let name = self.name(sha);
        let bytes = fs::read(self.name_path(&name))?;
        match (&self.vault, &self.case) {
            (None, _) => Ok(bytes),
            (Some(_), Some(case)) => match &case.key {
                Some(key) => key.open(&name, bytes),
                None => Err(io::Error::new(io::ErrorKind::NotFound, format!("case {} has no stored files", case.id))),
            },
            (Some(v), None) => v.open(&name, bytes),
        }
    }

    pub fn read(&self, sha: &str) -> io::Result<Vec<u8>> {
        let bytes = self.read_unchecked(sha)?;
        if sha256_hex(&bytes) != sha {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("stored file {sha} has changed on disk")));
        }
        Ok(bytes)
    }

    /// Writes `bytes` under its hash unless already there. Call with the write lock held.
    pub fn put(&self, _lock: &WriteLock, sha: &str, bytes: &[u8]) -> io::Result<()> {
        let name = self.name(sha);
        let path = self.name_path(&name);
        if path.exists() {
            return Ok(());
        }
        let sealed = match (&self.vault, &self.case) {
            (None, _) => None,
            (Some(_), Some(case)) => Some(case.key.as_ref().ok_or_else(FileStore::unbound)?.seal(&name, bytes)?),
            (Some(_), None) => return Err(FileStore::unbound()),
        };
        let shard = path.parent().unwrap_or(&self.dir);
        fs::create_dir_all(shard)?;
        let tmp = self.dir.join("tmp").join(format!("{name}.{}", std::process::id()));
        let mut f = File::create(&tmp)?;
        f.write_all(sealed.as_deref().unwrap_or(bytes))?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &path)?;
        sync_dir(shard)
    }

    pub fn remove(&self, lock: &WriteLock, sha: &str) -> io::Result<()> {
        self.remove_name(lock, &self.name(sha))
    }

    /// Removes a file by its name on disk (see `scan`).
    pub fn remove_name(&self, _lock: &WriteLock, name: &str) -> io::Result<()> {
        match fs::remove_file(self.name_path(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Overwrites a file with zeros, then removes it: in a plain store, what erasing a case can
    /// do (the disk may still keep old blocks; a store with a passphrase does not rely on this).
    pub fn shred_name(&self, lock: &WriteLock, name: &str) -> io::Result<()> {
        let path = self.name_path(name);
        if let Ok(mut f) = File::options().write(true).open(&path) {
            let len = f.metadata()?.len();
            let zeros = vec![0u8; 64 * 1024];
            let mut left = len;
            while left > 0 {
                let n = left.min(zeros.len() as u64) as usize;
                f.write_all(&zeros[..n])?;
                left -= n as u64;
            }
            f.sync_all()?;
        }
        self.remove_name(lock, name)
    }

    /// The names on disk of every stored file (see `name`), and leftover temporary files
    /// removed. Call with the write lock held.
    pub fn scan(&self, _lock: &WriteLock) -> io::Result<Vec<String>> {
        let mut found = Vec::new();
        for shard in read_dir(&self.dir)? {
            let name = shard.file_name().unwrap_or_default().to_string_lossy().to_string();
            if name == "tmp" {
                for f in read_dir(&shard)? {
                    fs::remove_file(f)?;
                }
            } else if name.len() == 2 && shard.is_dir() {
                found.extend(read_dir(&shard)?.iter().map(|f| f.file_name().unwrap_or_default().to_string_lossy().to_string()));
            }
        }
        Ok(found)
    }
}

fn read_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    match fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.map(|e| e.path())).collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}
