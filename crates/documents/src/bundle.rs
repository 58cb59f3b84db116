//! The zip container of an exported bundle. Writing is deterministic (fixed order, times and
//! permissions; no compression, since scans are compressed already) and atomic (temporary file,
//! fsync, rename). Reading trusts nothing: every entry is checked for escaping paths, links,
//! duplicates and sizes before a single byte is decompressed, and decompression is capped.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};
use std::path::{Component, Path};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Refused bundles: more entries, bigger entries, or more in all than an appeal ever needs.
pub const MAX_ENTRIES: usize = 2000;
pub const MAX_ENTRY_BYTES: u64 = crate::intake::MAX_FILE_BYTES;
pub const MAX_TOTAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Scans barely compress; a higher ratio is a bomb, not a bundle.
const MAX_RATIO: u64 = 200;

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
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Writes `entries` (path in the zip, bytes) as one zip into `file`, from its start; the
/// caller makes it durable and gives it its final name.
pub fn write_into(file: &mut File, entries: &[(String, Vec<u8>)]) -> io::Result<()> {
    let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, file));
    for (path, bytes) in entries {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            .large_file(bytes.len() as u64 >= u32::MAX as u64);
        zip.start_file(path.as_str(), options).map_err(|e| io::Error::other(e.to_string()))?;
        zip.write_all(bytes)?;
    }
    zip.finish().map_err(|e| io::Error::other(e.to_string()))?.flush()
}

/// Writes `entries` (path in the zip, bytes) to `out` as one zip, all or nothing.
pub fn write(out: &Path, entries: &[(String, Vec<u8>)]) -> Result<(), BundleError> {
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "give a file name to write"))?;
    let tmp = dir.join(format!(".{}.part", name.to_string_lossy()));
    let result = (|| {
        let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, File::create(&tmp)?));
        for (path, bytes) in entries {
            let options = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Stored)
                .last_modified_time(DateTime::default())
                .unix_permissions(0o644)
                .large_file(bytes.len() as u64 >= u32::MAX as u64);
            zip.start_file(path.as_str(), options).map_err(|e| io::Error::other(e.to_string()))?;
            zip.write_all(bytes)?;
        }
        let file = zip.finish().map_err(|e| io::Error::other(e.to_string()))?.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, out)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(result?)
}

/// Every entry of a zip (path, bytes), in order, after checking them all.
pub fn read(mut reader: impl Read + Seek) -> Result<Vec<(String, Vec<u8>)>, BundleError> {
    let declared = declared_entries(&mut reader)?;
    let mut zip = ZipArchive::new(reader).map_err(|e| BundleError::NotZip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(BundleError::TooBig(format!("{} entries", zip.len())));
    }
    // The zip library keeps one entry per name; more in the directory means duplicates.
    if declared.is_some_and(|n| n != zip.len()) {
        return Err(BundleError::Duplicate(format!("{} entries under {} names", declared.unwrap_or(0), zip.len())));
    }
    // First pass: names, kinds and declared sizes only.
    let mut seen = std::collections::HashSet::new();
    let mut total = 0u64;
    let mut wanted = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| BundleError::NotZip(e.to_string()))?;
        let name = entry.name().map_err(|e| BundleError::NotZip(e.to_string()))?.to_string();
        check_path(&name)?;
        if entry.is_symlink() {
            return Err(BundleError::Unsafe(name, "a link"));
        }
        if !seen.insert(name.trim_end_matches('/').to_lowercase()) {
            return Err(BundleError::Duplicate(name));
        }
        if entry.is_dir() {
            continue;
        }
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > MAX_ENTRY_BYTES {
            return Err(BundleError::TooBig(format!("`{name}` is {} MB", size / (1024 * 1024))));
        }
        if size > packed.saturating_mul(MAX_RATIO) + 65_536 {
            return Err(BundleError::TooBig(format!("`{name}` expands {}-fold: a zip bomb", size / packed.max(1))));
        }
        total += size;
        if total > MAX_TOTAL_BYTES {
            return Err(BundleError::TooBig("more than 4 GB in all".into()));
        }
        wanted.push((i, name, size));
    }
    // Second pass: read each, never past its declared size.
    let mut out = Vec::with_capacity(wanted.len());
    for (i, name, size) in wanted {
        let entry = zip.by_index(i).map_err(|e| BundleError::Damaged(name.clone(), e.to_string()))?;
        let mut bytes = Vec::with_capacity(size as usize);
        entry.take(size + 1).read_to_end(&mut bytes).map_err(|e| BundleError::Damaged(name.clone(), e.to_string()))?;
        if bytes.len() as u64 != size {
            return Err(BundleError::Damaged(name, "its size is not what the zip declares".into()));
        }
        out.push((name, bytes));
    }
    Ok(out)
}

/// How many entries the end-of-central-directory record declares (`None` for zip64, where
/// the 16-bit count does not apply).
fn declared_entries(reader: &mut (impl Read + Seek)) -> Result<Option<usize>, BundleError> {
    let len = reader.seek(io::SeekFrom::End(0))?;
    let tail_len = len.min(65_535 + 22);
    reader.seek(io::SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0; tail_len as usize];
    reader.read_exact(&mut tail)?;
    reader.seek(io::SeekFrom::Start(0))?;
    let Some(at) = tail.windows(4).rposition(|w| w == b"PK\x05\x06") else {
        return Err(BundleError::NotZip("no end of central directory".into()));
    };
    let count = tail.get(at + 10..at + 12).map(|b| u16::from_le_bytes([b[0], b[1]])).unwrap_or(0);
    Ok((count != 0xFFFF).then_some(count as usize))
}

/// A relative path of plain names: no root, drive, `..`, `.`, backslash or control characters.
fn check_path(name: &str) -> Result<(), BundleError> {
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
