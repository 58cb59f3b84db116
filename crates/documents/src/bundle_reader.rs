//! Reads a bundle zip that may be hostile, checking before it inflates.
//!
//! `open` parses the end record (and a zip64 one), walks the central directory itself and
//! reads every local header, refusing: an entry count that differs from the entries the
//! directory holds (a lying count hides a duplicate `manifest.json` from readers that trust
//! it), duplicate names, escaping paths and links, entries that overlap or run outside the
//! file (the overlapping-entry bomb: 100 entries over one 40 MB stream), local headers that
//! disagree with the directory, encryption, unknown methods, and sizes or ratios no bundle
//! has. Nothing is inflated there. `read` then inflates one entry, streamed, stopping at its
//! declared size, checking its CRC, within a total budget.
//!
//! The `zip` crate writes bundles, but reading is done here: it keeps one entry per name and
//! trusts the end record's count, and two parsers that disagree are how forged zips get in.

use std::collections::HashSet;
use std::io::{self, Read, Seek, SeekFrom};

use crate::bundle::{BundleError, MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_RATIO, MAX_TOTAL_BYTES, check_path};

/// The central directory of `MAX_ENTRIES` entries with long names fits well within this.
const MAX_DIRECTORY_BYTES: u64 = 8 << 20;

const END: u32 = 0x0605_4b50;
const END64: u32 = 0x0606_4b50;
const LOCATOR64: u32 = 0x0706_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

/// One file entry, as the central directory and its local header agree it is.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    packed: u64,
    size: u64,
    header: u64,
    data: u64,
}

/// A checked zip; entries are inflated one at a time by `read`.
pub struct BundleReader<R> {
    reader: R,
    entries: Vec<Entry>,
    inflated: u64,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default())
}

fn inconsistent(why: impl Into<String>) -> BundleError {
    BundleError::Inconsistent(why.into())
}

/// Where the central directory is and how many entries the end record(s) declare.
struct Directory {
    offset: u64,
    size: u64,
    entries: u64,
}

impl<R: Read + Seek> BundleReader<R> {
    /// Checks the whole directory and every local header; inflates nothing.
    pub fn open(mut reader: R) -> Result<Self, BundleError> {
        let len = reader.seek(SeekFrom::End(0))?;
        let dir = end_record(&mut reader, len)?;
        if dir.entries > MAX_ENTRIES as u64 {
            return Err(BundleError::TooBig(format!("{} entries", dir.entries)));
        }
        if dir.size > MAX_DIRECTORY_BYTES {
            return Err(BundleError::TooBig(format!("a {} MB directory", dir.size >> 20)));
        }
        let mut cd = vec![0; dir.size as usize];
        reader.seek(SeekFrom::Start(dir.offset))?;
        reader.read_exact(&mut cd)?;
        let mut entries = central_directory(&cd)?;
        if entries.len() as u64 != dir.entries {
            return Err(inconsistent(format!("the end record declares {} entries, the directory holds {}", dir.entries, entries.len())));
        }
        // Local headers, in file order: each must match its directory entry and end before
        // the next begins, and all before the directory.
        entries.sort_by_key(|e| e.header);
        for i in 0..entries.len() {
            let next = entries.get(i + 1).map_or(dir.offset, |e| e.header);
            let e = &entries[i];
            if next == e.header {
                let other = entries.get(i + 1).map_or("the directory".to_string(), |o| o.name.clone());
                return Err(BundleError::Overlap(e.name.clone(), other));
            }
            let data = local_header(&mut reader, e)?;
            let end = data.checked_add(e.packed).ok_or_else(|| inconsistent("an entry's size overflows"))?;
            if end > next {
                let other = entries.get(i + 1).map_or("the directory".to_string(), |o| o.name.clone());
                return Err(BundleError::Overlap(e.name.clone(), other));
            }
            entries[i].data = data;
        }
        entries.retain(|e| !e.name.ends_with('/'));
        Ok(BundleReader { reader, entries, inflated: 0 })
    }

    /// The files' names (no folders), in file order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// The size an entry declares, if there is one by that name.
    pub fn size(&self, name: &str) -> Option<u64> {
        self.entries.iter().find(|e| e.name == name).map(|e| e.size)
    }

    /// Inflates one entry, refusing it when it declares more than `cap` bytes; stops at the
    /// declared size and checks the CRC.
    pub fn read(&mut self, name: &str, cap: u64) -> Result<Vec<u8>, BundleError> {
        let e = self.entries.iter().find(|e| e.name == name).cloned().ok_or_else(|| BundleError::Missing(name.to_string()))?;
        if e.size > cap {
            return Err(BundleError::TooBig(format!("`{name}` is {} KB, more than {} KB", e.size >> 10, cap >> 10)));
        }
        self.inflated += e.size;
        if self.inflated > MAX_TOTAL_BYTES {
            return Err(BundleError::TooBig("more than 4 GB in all".into()));
        }
        let damaged = |why: String| BundleError::Damaged(name.to_string(), why);
        self.reader.seek(SeekFrom::Start(e.data))?;
        let packed = (&mut self.reader).take(e.packed);
        let mut out = Vec::with_capacity(e.size as usize);
        let read = if e.method == 8 {
            flate2::read::DeflateDecoder::new(packed).take(e.size + 1).read_to_end(&mut out)
        } else {
            packed.take(e.size + 1).read_to_end(&mut out)
        };
        read.map_err(|err| damaged(err.to_string()))?;
        if out.len() as u64 != e.size {
            return Err(damaged("its size is not what the zip declares".into()));
        }
        if crc32fast::hash(&out) != e.crc {
            return Err(damaged("its checksum does not match".into()));
        }
        Ok(out)
    }
}

/// The end of central directory record, and the zip64 one when it is there; their counts,
/// sizes and offsets must agree and place the directory just before them.
fn end_record(reader: &mut (impl Read + Seek), len: u64) -> Result<Directory, BundleError> {
    let not_zip = |why: &str| BundleError::NotZip(why.to_string());
    let tail_len = len.min(65_535 + 22);
    reader.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0; tail_len as usize];
    reader.read_exact(&mut tail)?;
    // The record whose comment runs exactly to the end of the file.
    let at = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| u32_at(&tail, i) == END && i + 22 + u16_at(&tail, i + 20) as usize == tail.len())
        .ok_or_else(|| not_zip("no end of central directory"))?;
    let end_at = len - tail_len + at as u64;
    let r = &tail[at..];
    if u16_at(r, 4) != 0 || u16_at(r, 6) != 0 || u16_at(r, 8) != u16_at(r, 10) {
        return Err(not_zip("a zip split over several disks"));
    }
    let (count, size, offset) = (u16_at(r, 10) as u64, u32_at(r, 12) as u64, u32_at(r, 16) as u64);
    let locator = if end_at >= 20 && at >= 20 && u32_at(&tail, at - 20) == LOCATOR64 { Some(&tail[at - 20..at]) } else { None };
    let (dir, dir_end) = match locator {
        None => (Directory { offset, size, entries: count }, end_at),
        Some(loc) => {
            let record_at = u64_at(loc, 8);
            if u32_at(loc, 4) != 0 || u32_at(loc, 16) > 1 || record_at.checked_add(56).is_none_or(|e| e > end_at - 20) {
                return Err(inconsistent("a zip64 locator that points nowhere"));
            }
            let mut rec = [0u8; 56];
            reader.seek(SeekFrom::Start(record_at))?;
            reader.read_exact(&mut rec)?;
            if u32_at(&rec, 0) != END64 || record_at + 12 + u64_at(&rec, 4) != end_at - 20 {
                return Err(inconsistent("a zip64 end record out of place"));
            }
            if u32_at(&rec, 16) != 0 || u32_at(&rec, 20) != 0 || u64_at(&rec, 24) != u64_at(&rec, 32) {
                return Err(not_zip("a zip split over several disks"));
            }
            let dir = Directory { entries: u64_at(&rec, 32), size: u64_at(&rec, 40), offset: u64_at(&rec, 48) };
            // The short record either defers to the zip64 one (all ones) or says the same.
            let agrees = |short: u64, long: u64, ones: u64| short == ones || short == long;
            if !(agrees(count, dir.entries, 0xFFFF) && agrees(size, dir.size, 0xFFFF_FFFF) && agrees(offset, dir.offset, 0xFFFF_FFFF)) {
                return Err(inconsistent("the end record and the zip64 end record disagree"));
            }
            (dir, record_at)
        }
    };
    if dir.offset.checked_add(dir.size) != Some(dir_end) {
        return Err(inconsistent("the directory is not where the end record says"));
    }
    Ok(dir)
}

/// Every entry the directory holds, walked to its last byte, with the checks that need no
/// file data: names, duplicates, links, methods, encryption, sizes and ratios.
fn central_directory(cd: &[u8]) -> Result<Vec<Entry>, BundleError> {
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    let mut total = 0u64;
    let mut at = 0usize;
    while at < cd.len() {
        if entries.len() >= MAX_ENTRIES {
            return Err(BundleError::TooBig(format!("more than {MAX_ENTRIES} entries")));
        }
        let h = cd.get(at..at + 46).ok_or_else(|| inconsistent("a directory entry cut short"))?;
        if u32_at(h, 0) != CENTRAL {
            return Err(inconsistent("something other than entries in the directory"));
        }
        let (name_len, extra_len, comment_len) = (u16_at(h, 28) as usize, u16_at(h, 30) as usize, u16_at(h, 32) as usize);
        let end = at + 46 + name_len + extra_len + comment_len;
        let raw_name = cd.get(at + 46..at + 46 + name_len).ok_or_else(|| inconsistent("a directory entry cut short"))?;
        let extra = cd.get(at + 46 + name_len..at + 46 + name_len + extra_len).ok_or_else(|| inconsistent("a directory entry cut short"))?;
        if end > cd.len() {
            return Err(inconsistent("a directory entry cut short"));
        }
        let name = String::from_utf8(raw_name.to_vec()).map_err(|_| BundleError::Unsafe(String::from_utf8_lossy(raw_name).into_owned(), "a name that is not UTF-8"))?;
        check_path(&name)?;
        if !seen.insert(name.trim_end_matches('/').to_lowercase()) {
            return Err(BundleError::Duplicate(name));
        }
        let (made_by, flags, method) = (u16_at(h, 4), u16_at(h, 8), u16_at(h, 10));
        let mode = u32_at(h, 38) >> 16;
        if made_by >> 8 == 3 && mode & 0o170000 == 0o120000 {
            return Err(BundleError::Unsafe(name, "a link"));
        }
        if flags & 1 != 0 {
            return Err(BundleError::Unsafe(name, "encrypted"));
        }
        if method != 0 && method != 8 {
            return Err(BundleError::Unsafe(name, "compressed in a way bundles never are"));
        }
        let (mut packed, mut size, mut header) = (u32_at(h, 20) as u64, u32_at(h, 24) as u64, u32_at(h, 42) as u64);
        // Zip64 extra field: the 8-byte values for the fields set to all ones, in this order.
        let mut wide = zip64_values(extra);
        for field in [&mut size, &mut packed, &mut header] {
            if *field == 0xFFFF_FFFF {
                *field = wide.next().ok_or_else(|| inconsistent(format!("`{name}` lacks its zip64 sizes")))?;
            }
        }
        if u16_at(h, 34) != 0 && u16_at(h, 34) != 0xFFFF {
            return Err(BundleError::NotZip("a zip split over several disks".into()));
        }
        if name.ends_with('/') && size != 0 {
            return Err(BundleError::Unsafe(name, "a folder holding data"));
        }
        if method == 0 && packed != size {
            return Err(inconsistent(format!("`{name}` is stored but its sizes differ")));
        }
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
        entries.push(Entry { name, method, crc: u32_at(h, 16), packed, size, header, data: 0 });
        at = end;
    }
    Ok(entries)
}

/// The 8-byte values of the zip64 extra field (id 1), if any.
fn zip64_values(extra: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let mut at = 0;
    let mut field: &[u8] = &[];
    while at + 4 <= extra.len() {
        let (id, len) = (u16_at(extra, at), u16_at(extra, at + 2) as usize);
        let body = extra.get(at + 4..at + 4 + len).unwrap_or_default();
        if id == 1 {
            field = body;
            break;
        }
        at += 4 + len;
    }
    field.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
}

/// Reads an entry's local header and returns where its data starts; the header must name the
/// same file with the same method as the directory does.
fn local_header(reader: &mut (impl Read + Seek), e: &Entry) -> Result<u64, BundleError> {
    let mut h = [0u8; 30];
    reader.seek(SeekFrom::Start(e.header))?;
    reader.read_exact(&mut h).map_err(|_| inconsistent(format!("`{}` points past the end of the file", e.name)))?;
    if u32_at(&h, 0) != LOCAL {
        return Err(inconsistent(format!("`{}` points at no local header", e.name)));
    }
    let (name_len, extra_len) = (u16_at(&h, 26) as u64, u16_at(&h, 28) as u64);
    let mut name = vec![0; name_len as usize];
    reader.read_exact(&mut name).map_err(|_: io::Error| inconsistent(format!("`{}` is cut short", e.name)))?;
    if name != e.name.as_bytes() || u16_at(&h, 8) != e.method {
        return Err(inconsistent(format!("the local header of `{}` disagrees with the directory", e.name)));
    }
    Ok(e.header + 30 + name_len + extra_len)
}
