//! PDFs for export: the document information dictionary (Author, Creator, Producer, Title,
//! dates) and every XMP metadata stream (the catalog's and any object's `/Metadata`) removed,
//! and the JPEG pictures inside stripped of their EXIF and other metadata segments. Nothing
//! that draws a page changes: content streams, fonts and other images are written back as
//! they were read, without decoding them.
//!
//! Bounded work: the file is at most 50 MB (the intake limit), lopdf keeps stream data as
//! stored and decodes only the streams that hold the structure itself (object streams and
//! cross-reference streams). Those are the one place a small file could expand without
//! limit, so they are decoded first under a cap (`guard`), and a file past it is refused.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use lopdf::{Document, Object, Reader};

use super::{Cleaned, Cleaning};
use crate::intake::{IntakeError, MediaType};

/// All object streams of one file together may hold at most this much, decoded. Real files
/// keep a few megabytes of objects there.
const MAX_STRUCTURE_BYTES: u64 = 32 * 1024 * 1024;

fn refused(why: impl Into<String>) -> IntakeError {
    IntakeError::Corrupt("PDF", why.into())
}

pub fn clean(bytes: Vec<u8>) -> Result<Cleaned, IntakeError> {
    guard::check_xref_streams(&bytes)?;
    let mut doc = load(&bytes)?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Ok(Cleaned::new(bytes, MediaType::Pdf, vec![Cleaning::EncryptedLeftUnchanged]));
    }
    // A signature covers the bytes of the file as signed (its /ByteRange): any change breaks it.
    if doc.objects.values().any(|o| dict_of(o).is_some_and(|d| d.has(b"ByteRange"))) {
        return Ok(Cleaned::new(bytes, MediaType::Pdf, vec![Cleaning::SignedLeftUnchanged]));
    }
    doc.trailer.remove(b"Info");
    for object in doc.objects.values_mut() {
        if let Some(dict) = dict_of_mut(object) {
            dict.remove(b"Metadata");
        }
        if let Object::Stream(stream) = object {
            let is_jpeg = matches!(stream.filters().as_deref(), Ok([b"DCTDecode"]));
            if is_jpeg {
                if let Some(clean) = super::jpeg::strip_only(&stream.content) {
                    stream.set_content(clean);
                }
            }
        }
    }
    // What only the removed entries referred to (the information dictionary, XMP streams).
    doc.prune_objects();
    let mut out = Vec::with_capacity(bytes.len());
    doc.save_to(&mut out).map_err(|e| refused(format!("it cannot be written back ({e})")))?;
    Ok(Cleaned::new(out, MediaType::Pdf, vec![Cleaning::MetadataRemoved]))
}

/// Page `index` (from 0) of a PDF as a PDF of its own (a scan stack split for filing), read
/// under the same caps as `clean`. Only what that page draws is kept.
pub fn page(bytes: &[u8], index: usize) -> Result<Vec<u8>, IntakeError> {
    guard::check_xref_streams(bytes)?;
    let mut doc = load(bytes)?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(refused("it is encrypted"));
    }
    let pages = doc.get_pages();
    let keep = index as u32 + 1;
    if !pages.contains_key(&keep) {
        return Err(refused(format!("it has no page {keep}")));
    }
    let others: Vec<u32> = pages.keys().copied().filter(|n| *n != keep).collect();
    doc.delete_pages(&others);
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| refused(format!("it cannot be written back ({e})")))?;
    Ok(out)
}

fn dict_of(o: &Object) -> Option<&lopdf::Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn dict_of_mut(o: &mut Object) -> Option<&mut lopdf::Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&mut s.dict),
        _ => None,
    }
}

/// Decoded bytes of object streams seen so far in the current load, and whether the cap was
/// hit. lopdf's filter is a plain function (no state of its own) and may run on several
/// threads (its `rayon` feature), so loads take turns (`LOADING`) and count here.
static LOADING: Mutex<()> = Mutex::new(());
static STRUCTURE_USED: AtomicU64 = AtomicU64::new(0);
static STRUCTURE_OVER: AtomicBool = AtomicBool::new(false);

/// Loads with lopdf, checking each object stream before lopdf decodes it (the filter runs on
/// every object first).
fn load(bytes: &[u8]) -> Result<Document, IntakeError> {
    let _turn = LOADING.lock().unwrap_or_else(|e| e.into_inner());
    STRUCTURE_USED.store(0, Ordering::SeqCst);
    STRUCTURE_OVER.store(false, Ordering::SeqCst);
    let reader = Reader { buffer: bytes, document: Document::new(), encryption_state: None, raw_objects: Default::default() };
    let doc = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.read(Some(object_stream_guard))))
        .map_err(|_| refused("the PDF reader gave up"))?
        .map_err(|e| refused(format!("{e}")));
    if STRUCTURE_OVER.load(Ordering::SeqCst) {
        return Err(refused("its object streams expand past 32 MB: a decompression bomb"));
    }
    doc
}

/// lopdf calls this on each object as read, and ignores the result for objects read from the
/// file (`object` is kept as changed in place); for objects read from an object stream it
/// keeps the result, and those are never streams.
fn object_stream_guard(id: lopdf::ObjectId, object: &mut Object) -> Option<(lopdf::ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        if stream.dict.has_type(b"ObjStm") {
            let filters: Vec<Vec<u8>> = stream.filters().map(|f| f.into_iter().map(<[u8]>::to_vec).collect()).unwrap_or_default();
            let used = STRUCTURE_USED.load(Ordering::SeqCst).min(MAX_STRUCTURE_BYTES);
            match guard::decoded_len(&filters, &stream.content, MAX_STRUCTURE_BYTES - used) {
                Some(n) => {
                    STRUCTURE_USED.fetch_add(n, Ordering::SeqCst);
                }
                None => {
                    STRUCTURE_OVER.store(true, Ordering::SeqCst);
                    // Emptied, so lopdf has nothing to expand; the load is refused afterwards.
                    stream.content.clear();
                }
            }
        }
    }
    match object {
        Object::Stream(_) => Some((id, Object::Null)),
        other => Some((id, other.clone())),
    }
}

/// Decoding under a cap, and the cross-reference streams, which lopdf decodes while it reads
/// the file's tail, before any object is seen.
mod guard {
    use super::*;

    /// The length of `data` decoded by `filters` (the ones lopdf decodes), or `None` past `cap`.
    /// The last stage only counts; an earlier one (rare: filters chained) is kept, capped.
    pub fn decoded_len(filters: &[Vec<u8>], data: &[u8], cap: u64) -> Option<u64> {
        let mut current = std::borrow::Cow::Borrowed(data);
        for (i, f) in filters.iter().enumerate() {
            let last = i + 1 == filters.len();
            let mut out = Capped { out: Vec::new(), written: 0, cap, keep: !last };
            match f.as_slice() {
                // lopdf keeps what inflates before an error; so does this count.
                b"FlateDecode" => {
                    let _ = std::io::copy(&mut flate2::read::ZlibDecoder::new(current.as_ref()), &mut out);
                }
                b"LZWDecode" => {
                    let mut decoder = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
                    let _ = decoder.into_stream(&mut out).decode_all(current.as_ref());
                }
                // At most 4 bytes for each byte ("z" is four zeros).
                b"ASCII85Decode" if current.len() as u64 * 4 > cap => return None,
                b"ASCII85Decode" => continue,
                _ => return Some(current.len() as u64),
            }
            if out.written > cap {
                return None;
            }
            if last {
                return Some(out.written);
            }
            current = std::borrow::Cow::Owned(out.out);
        }
        Some(current.len() as u64)
    }

    /// A writer that counts, keeps what it is given if `keep`, and fails past `cap`.
    struct Capped {
        out: Vec<u8>,
        written: u64,
        cap: u64,
        keep: bool,
    }

    impl Write for Capped {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.written += buf.len() as u64;
            if self.written > self.cap {
                return Err(std::io::Error::other("past the cap"));
            }
            if self.keep {
                self.out.extend(buf);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Follows `startxref` and each section's `/Prev` and `/XRefStm`; every section that is a
    /// stream must decode within the cap. A table (`xref`) needs nothing.
    pub fn check_xref_streams(bytes: &[u8]) -> Result<(), IntakeError> {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let Some(at) = rfind(tail, b"startxref") else { return Ok(()) };
        let mut todo: Vec<usize> = number_after(&tail[at + 9..]).into_iter().collect();
        let mut seen = std::collections::HashSet::new();
        while let Some(offset) = todo.pop() {
            if !seen.insert(offset) || seen.len() > 64 || offset >= bytes.len() {
                continue;
            }
            let section = &bytes[offset..];
            let (window, keyword): (usize, &[u8]) = if section.starts_with(b"xref") { (4 << 20, b"trailer") } else { (65_536, b"stream") };
            let header_len = find(&section[..section.len().min(window)], keyword);
            let Some(header_len) = header_len else { continue };
            let header = unescape(&section[..header_len]);
            for key in [&b"/Prev"[..], b"/XRefStm"] {
                if let Some(k) = find(&header, key) {
                    todo.extend(number_after(&header[k + key.len()..]));
                }
            }
            if section.starts_with(b"xref") {
                // The trailer dictionary follows "trailer": read its keys as well.
                let trailer = unescape(&section[header_len..section.len().min(header_len + 4096)]);
                for key in [&b"/Prev"[..], b"/XRefStm"] {
                    if let Some(k) = find(&trailer, key) {
                        todo.extend(number_after(&trailer[k + key.len()..]));
                    }
                }
                continue;
            }
            let mut data = &section[header_len + 6..];
            data = data.strip_prefix(b"\r").unwrap_or(data);
            data = data.strip_prefix(b"\n").unwrap_or(data);
            let filters = filter_names(&header);
            if decoded_len(&filters, data, MAX_STRUCTURE_BYTES).is_none() {
                return Err(refused("its cross-reference stream expands past 32 MB: a decompression bomb"));
            }
        }
        Ok(())
    }

    /// The decoding filters named in a dictionary's text, in order.
    fn filter_names(header: &[u8]) -> Vec<Vec<u8>> {
        let names: [&[u8]; 3] = [b"/FlateDecode", b"/LZWDecode", b"/ASCII85Decode"];
        let mut found: Vec<(usize, Vec<u8>)> = Vec::new();
        for name in names {
            let mut from = 0;
            while let Some(i) = find(&header[from..], name) {
                found.push((from + i, name[1..].to_vec()));
                from += i + name.len();
            }
        }
        found.sort();
        found.into_iter().map(|(_, n)| n).collect()
    }

    /// Names may spell characters as `#xx`; lopdf reads them so, and so must this.
    fn unescape(text: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len());
        let mut i = 0;
        while i < text.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if text[i] == b'#' && i + 2 < text.len() {
                if let (Some(h), Some(l)) = (hex(text[i + 1]), hex(text[i + 2])) {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
            }
            out.push(text[i]);
            i += 1;
        }
        out
    }

    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }

    fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).rposition(|w| w == needle)
    }

    fn number_after(text: &[u8]) -> Option<usize> {
        let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
        let digits: Vec<u8> = text[start..].iter().take_while(|b| b.is_ascii_digit()).copied().take(12).collect();
        std::str::from_utf8(&digits).ok()?.parse().ok()
    }
}
