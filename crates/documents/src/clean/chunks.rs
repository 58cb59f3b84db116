//! PNG and WebP without metadata: the chunks that make the picture are kept as they are, in
//! order; text, time, EXIF, XMP and anything unknown go.

use crate::intake::IntakeError;
use crate::metadata::containers::riff_chunks;

/// PNG chunks needed to show the picture as it was meant (colour, transparency, density).
const PNG_KEEP: [&[u8; 4]; 11] = [b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs"];

pub fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, IntakeError> {
    let mut out = bytes[..8].to_vec();
    let mut i = 8;
    loop {
        let truncated = || IntakeError::Corrupt("PNG", "a chunk runs past the end".into());
        let head = bytes.get(i..i + 8).ok_or_else(truncated)?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let chunk = bytes.get(i..).and_then(|r| r.get(..12 + len)).ok_or_else(truncated)?;
        let kind = &head[4..8];
        if PNG_KEEP.iter().any(|k| kind == *k) {
            out.extend(chunk);
        }
        i += 12 + len;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
}

/// WebP chunks that make the picture, still or animated; VP8X's flags stop announcing EXIF
/// and XMP.
const WEBP_KEEP: [&[u8; 4]; 7] = [b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ICCP", b"ANIM", b"ANMF"];

pub fn strip_webp(bytes: &[u8]) -> Result<Vec<u8>, IntakeError> {
    let mut body = b"WEBP".to_vec();
    for (id, data) in riff_chunks(bytes) {
        if !WEBP_KEEP.contains(&&id) {
            continue;
        }
        let mut data = data.to_vec();
        if &id == b"VP8X" {
            if let Some(flags) = data.first_mut() {
                *flags &= !(0x08 | 0x04);
            }
        }
        body.extend(id);
        body.extend((data.len() as u32).to_le_bytes());
        body.extend(&data);
        body.resize(body.len() + data.len() % 2, 0);
    }
    if body.len() == 4 {
        return Err(IntakeError::Corrupt("WebP", "no picture in it".into()));
    }
    Ok([b"RIFF".to_vec(), (body.len() as u32).to_le_bytes().to_vec(), body].concat())
}
