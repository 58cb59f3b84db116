//! Originals kept once by SHA-256 under `files/`, written crash-safely: temporary file, fsync,
//! rename, fsync of the directory. The database row comes after, so a crash leaves at worst a
//! file no row names, which start-up removes.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::Digest;

pub fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone)]
pub struct FileStore {
    dir: PathBuf,
}

/// Held while files are written and their rows committed, and while start-up repairs the
/// store, so one process never removes a file another is about to name. Released on drop,
/// and by the system if the process dies.
pub struct WriteLock(#[allow(dead_code)] File);

impl FileStore {
    pub fn new(dir: PathBuf) -> FileStore {
        FileStore { dir }
    }

    pub fn lock(&self) -> io::Result<WriteLock> {
        fs::create_dir_all(self.dir.join("tmp"))?;
        let f = File::options().create(true).truncate(false).write(true).open(self.dir.join(".lock"))?;
        f.lock()?;
        Ok(WriteLock(f))
    }

    pub fn path(&self, sha: &str) -> PathBuf {
        self.dir.join(&sha[..2]).join(sha)
    }

    pub fn read(&self, sha: &str) -> io::Result<Vec<u8>> {
        let bytes = fs::read(self.path(sha))?;
        if sha256_hex(&bytes) != sha {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("stored file {sha} has changed on disk")));
        }
        Ok(bytes)
    }

    /// Writes `bytes` under its hash unless already there. Call with the write lock held.
    pub fn put(&self, _lock: &WriteLock, sha: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(sha);
        if path.exists() {
            return Ok(());
        }
        let shard = path.parent().unwrap_or(&self.dir);
        fs::create_dir_all(shard)?;
        let tmp = self.dir.join("tmp").join(format!("{sha}.{}", std::process::id()));
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &path)?;
        sync_dir(shard)
    }

    pub fn remove(&self, _lock: &WriteLock, sha: &str) -> io::Result<()> {
        match fs::remove_file(self.path(sha)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Every stored hash, and leftover temporary files removed. Call with the write lock held.
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

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}
