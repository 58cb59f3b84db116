//! Files as they leave the app: upright and without EXIF, GPS or other metadata. A picture that
//! is already upright keeps its pixels byte for byte (only the metadata blocks are dropped); one
//! that needs turning is decoded, turned and encoded once.

use bytes::Bytes;
use img_parts::{ImageEXIF, ImageICC, jpeg::Jpeg, png::Png, webp::WebP};

use crate::intake::{self, IntakeError, MediaType};

/// `bytes` cleaned for export, and its media type (TIFF and BMP leave as PNG, and a turned
/// picture as JPEG or PNG). PDFs leave as they are.
pub fn for_export(bytes: Vec<u8>) -> Result<(Vec<u8>, MediaType), IntakeError> {
    let media_type = intake::sniff(&bytes)?;
    if media_type == MediaType::Pdf {
        return Ok((bytes, media_type));
    }
    let (orientation, _) = intake::exif_facts(&bytes);
    if orientation == 1 {
        match media_type {
            MediaType::Jpeg => return strip_jpeg(bytes).map(|b| (b, media_type)),
            MediaType::Png => return strip_png(Bytes::from(bytes)).map(|b| (b, media_type)),
            MediaType::Webp => return strip_webp(Bytes::from(bytes)).map(|b| (b, media_type)),
            _ => {}
        }
    }
    let image = intake::upright(intake::decode_full(&bytes, media_type)?, orientation);
    if media_type == MediaType::Jpeg { Ok((intake::encode_jpeg(&image, 92)?, MediaType::Jpeg)) } else { Ok((intake::encode_png(&image)?, MediaType::Png)) }
}

fn corrupt(what: &'static str) -> impl Fn(img_parts::Error) -> IntakeError {
    move |e| IntakeError::Corrupt(what, e.to_string())
}

/// Keeps only what decoding needs: JFIF (APP0), the Adobe colour transform (APP14) and the
/// colour profile (ICC, in APP2); drops EXIF, XMP, IPTC, comments and maker notes.
/// Anything after the end-of-image marker goes too: phones append whole extra pictures there
/// (multi-picture format: depth maps, gain maps), each with its own metadata.
fn strip_jpeg(mut bytes: Vec<u8>) -> Result<Vec<u8>, IntakeError> {
    let end = end_of_image(&bytes).ok_or_else(|| IntakeError::Corrupt("JPEG", "no end-of-image marker".into()))?;
    bytes.truncate(end);
    let mut jpeg = Jpeg::from_bytes(Bytes::from(bytes)).map_err(corrupt("JPEG"))?;
    let icc = jpeg.icc_profile();
    jpeg.segments_mut().retain(|s| {
        let m = s.marker();
        !((0xE1..=0xEF).contains(&m) && m != 0xEE) && m != 0xFE
    });
    jpeg.set_icc_profile(icc);
    Ok(jpeg.encoder().bytes().to_vec())
}

/// Keeps the chunks that make the picture; drops text, time, EXIF and other ancillary chunks.
fn strip_png(bytes: Bytes) -> Result<Vec<u8>, IntakeError> {
    let mut png = Png::from_bytes(bytes).map_err(corrupt("PNG"))?;
    const KEEP: [&[u8; 4]; 11] = [b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs"];
    png.chunks_mut().retain(|c| KEEP.iter().any(|k| c.kind() == **k));
    Ok(png.encoder().bytes().to_vec())
}

fn strip_webp(bytes: Bytes) -> Result<Vec<u8>, IntakeError> {
    let mut webp = WebP::from_bytes(bytes).map_err(corrupt("WebP"))?;
    webp.set_exif(None);
    webp.chunks_mut().retain(|c| c.id() != *b"XMP ");
    Ok(webp.encoder().bytes().to_vec())
}

/// The offset just past the first picture's end-of-image marker: walks the marker segments to
/// the first scan, then the entropy-coded data, where a 0xFF byte is always followed by 0x00,
/// a restart marker, or the marker that starts the next segment.
fn end_of_image(bytes: &[u8]) -> Option<usize> {
    let mut i = 2;
    while i + 2 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        match marker {
            0xD9 => return Some(i + 2),
            0xFF => i += 1,
            0xD0..=0xD7 | 0x01 => i += 2,
            _ => {
                let len = u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]) as usize;
                i += 2 + len;
                if marker == 0xDA {
                    // Entropy-coded data up to the next marker that is not stuffing or a restart.
                    while i + 1 < bytes.len() && !(bytes[i] == 0xFF && bytes[i + 1] != 0x00 && !(0xD0..=0xD7).contains(&bytes[i + 1])) {
                        i += 1;
                    }
                }
            }
        }
    }
    None
}
