//! The zip container of an exported bundle. Writing is deterministic (fixed order, times and
//! permissions; no compression, since scans are compressed already) and streamed: each entry
//! goes out as soon as it is ready (the caller makes its temporary file durable and renames it).
//! Reading trusts nothing (`reader`): the whole directory is checked before a single byte is
//! inflated, and each entry is inflated only when asked for, capped.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub use crate::bundle_reader::BundleReader;

/// Refused bundles: more entries, bigger entries, or more in all than an appeal ever needs.
pub const MAX_ENTRIES: usize = 2000;
pub const MAX_ENTRY_BYTES: u64 = crate::intake::MAX_FILE_BYTES;
pub const MAX_TOTAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Scans barely compress; a higher ratio is a bomb, not a bundle.
pub const MAX_RATIO: u64 = 200;

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("not a zip file ({0})")]
    NotZip(String),
    #[error("unsafe entry `{0}`: {1}")]
    Unsafe(String, &'static str),
    #[error("duplicate entry `{0}`")]
    Duplicate(String),
    #[error("too big to be a bundle: {0}")]
    TooBig(String),
    #[error("damaged entry `{0}`: {1}")]
    Damaged(String, String),
    #[error("entries `{0}` and `{1}` share bytes: a zip bomb or a forged zip")]
    Overlap(String, String),
    #[error("the zip's directory does not add up ({0}): a damaged or forged zip")]
    Inconsistent(String),
    #[error("no entry `{0}`")]
    Missing(String),
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// A bundle being written into a file, one entry at a time, so an export never holds more
/// than the entries still waiting for their turn. The caller makes the file durable and gives
/// it its final name.
pub struct BundleWriter<'f> {
    zip: ZipWriter<BufWriter<&'f mut File>>,
    #[cfg(target_os = "linux")]
    fd: std::os::fd::RawFd,
}

/// Entries at least this big start their way to the disk as soon as they are written.
const WRITEBACK_BYTES: usize = 1 << 20;

impl<'f> BundleWriter<'f> {
    /// Starts a zip at the beginning of `file`.
    pub fn new(file: &'f mut File) -> Self {
        #[cfg(target_os = "linux")]
        let fd = std::os::fd::AsRawFd::as_raw_fd(&*file);
        BundleWriter {
            zip: ZipWriter::new(BufWriter::with_capacity(1 << 20, file)),
            #[cfg(target_os = "linux")]
            fd,
        }
    }

    /// Adds one stored entry with fixed times and permissions.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            .large_file(bytes.len() as u64 >= u32::MAX as u64);
        self.zip.start_file(path, options).map_err(|e| io::Error::other(e.to_string()))?;
        self.zip.write_all(bytes)?;
        if bytes.len() >= WRITEBACK_BYTES {
            self.start_writeback();
        }
        Ok(())
    }

    /// Asks the system to start writing what the file holds so far to the disk, without
    /// waiting: the caller's one fsync of the finished zip then has little left to wait for,
    /// instead of all of it, while the next entries are still being prepared. Only a hint:
    /// durability comes from that fsync alone (and elsewhere than Linux, it does nothing).
    fn start_writeback(&mut self) {
        #[cfg(target_os = "linux")]
        // SAFETY: `fd` is the open file this writer borrows for 'f; the call reads no memory.
        unsafe {
            libc::sync_file_range(self.fd, 0, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
    }

    /// Writes the zip's directory.
    pub fn finish(self) -> io::Result<()> {
        self.zip.finish().map_err(|e| io::Error::other(e.to_string()))?.flush()
    }
}

/// A relative path of plain names: no root, drive, `..`, `.`, backslash or control characters.
pub(crate) fn check_path(name: &str) -> Result<(), BundleError> {
    let unsafe_ = |why| Err(BundleError::Unsafe(name.to_string(), why));
    if name.is_empty() || name.len() > 1024 {
        return unsafe_("an empty or overlong name");
    }
    if name.contains('\\') || name.chars().any(char::is_control) {
        return unsafe_("a backslash or control character in the name");
    }
    if name.starts_with('/') || name.chars().nth(1) == Some(':') {
        return unsafe_("an absolute path");
    }
    for c in Path::new(name.trim_end_matches('/')).components() {
        match c {
            Component::Normal(_) => {}
            Component::ParentDir => return unsafe_("a path that climbs out of the bundle"),
            _ => return unsafe_("an unusual path"),
        }
    }
    Ok(())
}
