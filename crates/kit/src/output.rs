//! Files written where the user says (`--out`, the save dialog): never over a file that is
//! there unless asked (`force`), never over the case store's own files, never half written
//! under the final name, and no temporary file left behind, even by a process that was killed.
//!
//! The temporary file sits beside the output (so the final rename stays on one file system)
//! under a name only Appeal Kit makes: `.NAME.TOKEN.appeal-kit.part`. While it exists, a
//! record in the data directory's `pending/` names it, locked by the writing process; start-up
//! removes the files of records nobody holds (their writer died), and only those.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::{KitError, Result};

const PENDING: &str = "pending";
const SUFFIX: &str = ".appeal-kit.part";

fn io_error(what: crate::error::Text) -> impl Fn(io::Error) -> KitError {
    move |source| KitError::Io { what: what.clone(), source }
}

/// Where `out` really is, refused if it is the store's own (anything inside `data_dir`), a
/// folder, or already there without `force`.
pub(crate) fn target(data_dir: &Path, out: &Path, force: bool) -> Result<PathBuf> {
    let name = out.file_name().filter(|n| !n.is_empty()).ok_or_else(|| KitError::field("out", crate::tr!("give a file name to write", "请给出要写入的文件名")))?;
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // A folder that is not there is a failure to write, as any other (exit 1, not bad input).
    let dir = fs::canonicalize(dir).map_err(io_error(crate::tr!("cannot write {}", "无法写入 {}", out.display())))?;
    let path = dir.join(name);
    // A link is judged by where it points, so it cannot lead into the store.
    let real = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    let store = fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    if path.starts_with(&store) || real.starts_with(&store) {
        return Err(KitError::field("out", crate::tr!("{} is inside Appeal Kit's data folder ({}); choose another place", "{} 在 Appeal Kit 的数据文件夹（{}）之内；请另选位置", out.display(), store.display())));
    }
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_dir() || real.is_dir() => Err(KitError::field("out", crate::tr!("{} is a folder; give a file name", "{} 是文件夹；请给出文件名", out.display()))),
        Ok(_) if !force => Err(KitError::field("out", crate::tr!("{} already exists; add --force to replace it", "{} 已存在；如要替换，请加上 --force", out.display()))),
        _ => Ok(path),
    }
}

/// Writes a file to `out` with `write`: a temporary file beside it, synced, then renamed.
/// Nothing is left behind on failure.
pub(crate) fn write_file(data_dir: &Path, out: &Path, force: bool, write: impl FnOnce(&mut File) -> io::Result<()>) -> Result<()> {
    let path = target(data_dir, out, force)?;
    let what = crate::tr!("cannot write {}", "无法写入 {}", out.display());
    let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
    let token = format!("{:x}{:08x}", std::process::id(), std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos()));
    let tmp = dir.join(format!(".{}.{token}{SUFFIX}", path.file_name().unwrap_or_default().to_string_lossy()));
    let record = Pending::start(data_dir, &token, &tmp).map_err(io_error(what.clone()))?;
    let result = (|| {
        let mut f = File::options().write(true).create_new(true).open(&tmp)?;
        write(&mut f)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        if !force && fs::symlink_metadata(&path).is_ok() {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, "a file appeared there meanwhile"));
        }
        fs::rename(&tmp, &path)?;
        File::open(&dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    record.finish();
    result.map_err(io_error(what))
}

/// The record of one temporary file being written, locked while its writer lives.
struct Pending {
    path: PathBuf,
    _file: File,
}

impl Pending {
    fn start(data_dir: &Path, token: &str, tmp: &Path) -> io::Result<Pending> {
        let dir = data_dir.join(PENDING);
        fs::create_dir_all(&dir)?;
        let path = dir.join(token);
        let mut file = File::options().write(true).create_new(true).open(&path)?;
        file.lock()?;
        file.write_all(tmp.to_string_lossy().as_bytes())?;
        file.sync_all()?;
        Ok(Pending { path, _file: file })
    }

    fn finish(self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Removes the temporary files of writers that died (their record is not locked), and their
/// records. Only a path that has Appeal Kit's temporary-file name is ever removed. Returns how
/// many were removed.
pub(crate) fn clean_stale(data_dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(data_dir.join(PENDING)) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Ok(mut file) = File::options().read(true).write(true).open(entry.path()) else { continue };
        if file.try_lock().is_err() {
            continue; // its writer is still at work
        }
        let mut text = Vec::new();
        if io::Read::read_to_end(&mut file, &mut text).is_ok() && text.len() < 8192 {
            let tmp = PathBuf::from(String::from_utf8_lossy(&text).into_owned());
            let mark = format!(".{}{SUFFIX}", entry.file_name().to_string_lossy());
            let ours = tmp.file_name().map(|n| n.to_string_lossy()).is_some_and(|n| n.starts_with('.') && n.ends_with(&mark));
            if ours && tmp.is_absolute() && fs::remove_file(&tmp).is_ok() {
                removed += 1;
            }
        }
        let _ = fs::remove_file(entry.path());
    }
    removed
}
