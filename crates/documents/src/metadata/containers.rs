//! Finds the metadata blocks in a file by walking its structure: JPEG marker segments, PNG
//! chunks, RIFF (WebP) chunks. The walk stops at the first damage and keeps what it found
//! before, as viewers do; it never reads past the end or loops (every step moves forward).

use std::borrow::Cow;
use std::io::Read;

/// EXIF blocks are TIFF structures (byte order mark first); XMP packets are XML text; IPTC
/// blocks are IIM records.
#[derive(Default)]
pub struct Blocks<'a> {
    pub exif: Vec<&'a [u8]>,
    pub xmp: Vec<Cow<'a, [u8]>>,
    pub iptc: Vec<&'a [u8]>,
    /// The file is a TIFF: its own tags are the EXIF, and XMP and IPTC are tags in it.
    pub tiff_file: bool,
}

pub const XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
pub const XMP_EXTENSION_ID: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";
const PHOTOSHOP_ID: &[u8] = b"Photoshop 3.0\0";
/// An XMP packet in a PNG is uncompressed text at most this long.
const MAX_XMP_BYTES: u64 = 4 * 1024 * 1024;

pub fn find(bytes: &[u8]) -> Blocks<'_> {
    let mut blocks = Blocks::default();
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes, &mut blocks);
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes, &mut blocks);
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes, &mut blocks);
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        blocks.tiff_file = true;
        blocks.exif.push(bytes);
    }
    blocks
}

/// The TIFF structure inside an EXIF block. The standard prefix is `Exif\0\0`, but writers
/// also use `Exif\0\xFF`, `Exif\0` alone, or no prefix at all (PNG and WebP, where the
/// specifications say the chunk starts with the TIFF header, yet some still add one).
pub fn tiff_in(block: &[u8]) -> Option<&[u8]> {
    let start = if block.starts_with(b"Exif") { 4 } else { 0 };
    (start..block.len().min(start + 4)).find(|&i| block[i..].starts_with(b"II*\0") || block[i..].starts_with(b"MM\0*")).map(|i| &block[i..])
}

/// One marker segment at `i` (0xFF, marker, 2-byte length): its marker and payload.
pub struct Segment<'a> {
    pub marker: u8,
    pub payload: &'a [u8],
}

/// The marker segments before the first scan. Stops at the first scan, at the end of the
/// image, or where a segment's length runs past the end.
pub fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = Segment<'_>> {
    let mut i = 2;
    std::iter::from_fn(move || {
        loop {
            if bytes.get(i) != Some(&0xFF) {
                return None;
            }
            let marker = *bytes.get(i + 1)?;
            match marker {
                // Fill bytes, and markers without a length.
                0xFF => i += 1,
                0x01 | 0xD0..=0xD7 => i += 2,
                0xD9 | 0xDA => return None,
                _ => {
                    let len = u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]) as usize;
                    let payload = bytes.get(i + 4..i + 2 + len.max(2))?;
                    i += 2 + len.max(2);
                    return Some(Segment { marker, payload });
                }
            }
        }
    })
}

fn jpeg<'a>(bytes: &'a [u8], blocks: &mut Blocks<'a>) {
    for s in jpeg_segments(bytes) {
        match s.marker {
            0xE1 if s.payload.starts_with(b"Exif") => blocks.exif.extend(tiff_in(s.payload)),
            0xE1 if s.payload.starts_with(XMP_ID) => blocks.xmp.push(Cow::Borrowed(&s.payload[XMP_ID.len()..])),
            // Extended XMP: GUID (32), full length (4), offset (4), then a piece of the packet.
            0xE1 if s.payload.starts_with(XMP_EXTENSION_ID) => {
                blocks.xmp.extend(s.payload.get(XMP_EXTENSION_ID.len() + 40..).map(Cow::Borrowed))
            }
            0xED if s.payload.starts_with(PHOTOSHOP_ID) => blocks.iptc.extend(photoshop_iptc(&s.payload[PHOTOSHOP_ID.len()..])),
            _ => {}
        }
    }
}

/// The IPTC records in Photoshop image resources (`8BIM`, id 0x0404).
fn photoshop_iptc(mut res: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while res.len() >= 12 && &res[..4] == b"8BIM" {
        let id = u16::from_be_bytes([res[4], res[5]]);
        // A Pascal string, padded to an even length.
        let name_len = res[6] as usize;
        let at = 6 + (name_len + 2) / 2 * 2;
        let Some(size) = res.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize) else { break };
        let Some(data) = res.get(at + 4..).and_then(|r| r.get(..size)) else { break };
        if id == 0x0404 {
            out.push(data);
        }
        let Some(rest) = res.get(at + 4 + size + size % 2..) else { break };
        res = rest;
    }
    out
}

fn png<'a>(bytes: &'a [u8], blocks: &mut Blocks<'a>) {
    let mut i = 8;
    while let Some(head) = bytes.get(i..i + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = &head[4..8];
        let Some(data) = bytes.get(i + 8..).and_then(|r| r.get(..len)) else { break };
        match kind {
            b"eXIf" => blocks.exif.extend(tiff_in(data)),
            b"iTXt" => blocks.xmp.extend(png_xmp(data)),
            b"IEND" => break,
            _ => {}
        }
        i += 12 + len;
    }
}

/// An `iTXt` chunk with keyword `XML:com.adobe.xmp`: keyword, 0, compression flag, method,
/// language tag, 0, translated keyword, 0, text (zlib-compressed when the flag is set).
fn png_xmp(data: &[u8]) -> Option<Cow<'_, [u8]>> {
    let rest = data.strip_prefix(b"XML:com.adobe.xmp\0")?;
    let (compressed, rest) = (*rest.first()? == 1, rest.get(2..)?);
    let lang_end = rest.iter().position(|&b| b == 0)?;
    let rest = &rest[lang_end + 1..];
    let key_end = rest.iter().position(|&b| b == 0)?;
    let text = &rest[key_end + 1..];
    if !compressed {
        return Some(Cow::Borrowed(text));
    }
    // Bounded: a small chunk must not inflate into gigabytes.
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(text).take(MAX_XMP_BYTES).read_to_end(&mut out).ok()?;
    Some(Cow::Owned(out))
}

/// RIFF chunks: four-letter id, little-endian size, data padded to an even length.
pub fn riff_chunks(bytes: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    let mut i = 12;
    std::iter::from_fn(move || {
        let head = bytes.get(i..i + 8)?;
        let id = [head[0], head[1], head[2], head[3]];
        let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
        let data = bytes.get(i + 8..)?.get(..len)?;
        i += 8 + len + len % 2;
        Some((id, data))
    })
}

fn webp<'a>(bytes: &'a [u8], blocks: &mut Blocks<'a>) {
    for (id, data) in riff_chunks(bytes) {
        match &id {
            b"EXIF" => blocks.exif.extend(tiff_in(data)),
            b"XMP " => blocks.xmp.push(Cow::Borrowed(data)),
            _ => {}
        }
    }
}
