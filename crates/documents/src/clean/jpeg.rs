//! JPEG for export: turned upright in the DCT domain (libjpeg-turbo's lossless transforms, as
//! `jpegtran -rotate`/`-transpose` do), and every metadata segment dropped.

use bytes::Bytes;
use img_parts::{ImageICC, jpeg::Jpeg, jpeg::JpegSegment};
use turbojpeg::{Transform, TransformOp};

use super::{Cleaned, Cleaning};
use crate::intake::{self, IntakeError, MediaType};

/// Quality of the one re-encode done where a lossless turn is not possible or would trim too much.
const RE_ENCODE_QUALITY: u8 = 95;

pub fn clean(mut bytes: Vec<u8>, orientation: u8) -> Result<Cleaned, IntakeError> {
    let end = end_of_image(&bytes).ok_or_else(|| IntakeError::Corrupt("JPEG", "no end-of-image marker".into()))?;
    bytes.truncate(end);
    if orientation == 1 {
        return Ok(Cleaned::new(strip(Bytes::from(bytes), None)?, MediaType::Jpeg, vec![Cleaning::MetadataRemoved]));
    }
    match turn_lossless(&bytes, orientation) {
        Some((turned, trimmed)) => {
            let icc = Jpeg::from_bytes(Bytes::from(bytes)).map_err(corrupt)?.icc_profile();
            let mut done = vec![Cleaning::MetadataRemoved, Cleaning::TurnedLossless];
            if trimmed {
                done.push(Cleaning::EdgeTrimmed);
            }
            Ok(Cleaned::new(strip(Bytes::from(turned), Some(icc))?, MediaType::Jpeg, done))
        }
        None => {
            let image = intake::upright(intake::decode_full(&bytes, MediaType::Jpeg)?, orientation);
            Ok(Cleaned::new(intake::encode_jpeg(&image, RE_ENCODE_QUALITY)?, MediaType::Jpeg, vec![Cleaning::MetadataRemoved, Cleaning::ReEncoded]))
        }
    }
}

/// The transform that shows an EXIF `orientation` upright.
fn operation(orientation: u8) -> TransformOp {
    match orientation {
        2 => TransformOp::Hflip,
        3 => TransformOp::Rot180,
        4 => TransformOp::Vflip,
        5 => TransformOp::Transpose,
        6 => TransformOp::Rot90,
        7 => TransformOp::Transverse,
        8 => TransformOp::Rot270,
        _ => TransformOp::None,
    }
}

/// Largest share of a side that trimming may drop (see `turn_lossless`).
const MAX_TRIM: f64 = 0.01;

/// The picture turned upright without decoding it, and whether an edge was trimmed; `None`
/// where the picture must be decoded and encoded again instead.
///
/// A lossless turn moves whole blocks (MCUs, 8 or 16 pixels a side). Where a side is not a
/// multiple of the block size, the partial blocks on the right or bottom edge cannot be moved
/// to the left or top, so some turns are "imperfect". This is common: 4000x3000 photos (many
/// Android phones) have half a block at the bottom. Then the partial blocks are trimmed, as
/// `jpegtran -trim` does, when they are at most 1% of the side (up to 15 pixels of a picture at
/// least 1,500 pixels across: a phone photo's margin, never the document in it), which keeps
/// the photo's full quality and export fast; the manifest says `edge_trimmed`. A smaller
/// picture, where 15 pixels could hold a digit, is decoded and encoded once at quality 95
/// instead, keeping every pixel (`re_encoded`).
/// Memory is bounded by the intake's pixel limit: the coefficients of at most 64 megapixels.
fn turn_lossless(jpeg: &[u8], orientation: u8) -> Option<(Vec<u8>, bool)> {
    let mut transform = Transform::op(operation(orientation));
    // Nothing is copied over: metadata is dropped, and the colour profile is put back later.
    transform.copy_none = true;
    transform.perfect = true;
    if let Ok(turned) = turbojpeg::transform(&transform, jpeg) {
        return Some((turned.to_vec(), false));
    }
    let header = turbojpeg::read_header(jpeg).ok()?;
    let (mcu_w, mcu_h) = match header.subsamp {
        turbojpeg::Subsamp::Unknown => (16, 16),
        s => (s.mcu_width(), s.mcu_height()),
    };
    let share = |side: usize, mcu: usize| (side % mcu) as f64 / side.max(1) as f64;
    if share(header.width, mcu_w) > MAX_TRIM || share(header.height, mcu_h) > MAX_TRIM {
        return None;
    }
    transform.perfect = false;
    transform.trim = true;
    turbojpeg::transform(&transform, jpeg).ok().map(|t| (t.to_vec(), true))
}

fn corrupt(e: img_parts::Error) -> IntakeError {
    IntakeError::Corrupt("JPEG", e.to_string())
}

/// Keeps only what decoding needs: the JFIF header (APP0, with any thumbnail taken out), the
/// Adobe colour transform (APP14) and the colour profile (ICC, in APP2); drops EXIF, XMP,
/// IPTC, JFXX and other thumbnails, comments and maker notes. `icc` replaces the profile.
fn strip(bytes: Bytes, icc: Option<Option<Bytes>>) -> Result<Vec<u8>, IntakeError> {
    let mut jpeg = Jpeg::from_bytes(bytes).map_err(corrupt)?;
    let icc = icc.unwrap_or_else(|| jpeg.icc_profile());
    let mut jfif_seen = false;
    let segments = std::mem::take(jpeg.segments_mut());
    for s in segments {
        match s.marker() {
            0xE0 => {
                // JFIF's fixed part is 14 bytes; what follows is a thumbnail (a different picture).
                if !jfif_seen && s.contents().starts_with(b"JFIF\0") && s.contents().len() >= 14 {
                    jfif_seen = true;
                    let mut head = s.contents()[..14].to_vec();
                    head[12] = 0;
                    head[13] = 0;
                    jpeg.segments_mut().push(JpegSegment::new_with_contents(0xE0, Bytes::from(head)));
                }
            }
            0xE1..=0xED | 0xEF | 0xFE => {}
            _ => jpeg.segments_mut().push(s),
        }
    }
    jpeg.set_icc_profile(icc);
    Ok(Vec::from(jpeg.encoder().bytes()))
}

/// A JPEG inside another file (a PDF's picture) without its metadata segments, if it parses
/// and anything was dropped.
pub fn strip_only(jpeg: &[u8]) -> Option<Vec<u8>> {
    let end = end_of_image(jpeg)?;
    strip(Bytes::copy_from_slice(&jpeg[..end]), None).ok().filter(|s| s.as_slice() != jpeg)
}

/// The offset just past the first picture's end-of-image marker: walks the marker segments to
/// the first scan, then the entropy-coded data, where a 0xFF byte is always followed by 0x00,
/// a restart marker, or the marker that starts the next segment. Anything after it goes:
/// phones append whole extra pictures there (multi-picture format: depth maps, gain maps),
/// each with its own metadata.
pub fn end_of_image(bytes: &[u8]) -> Option<usize> {
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
                    // Entropy-coded data up to the next marker that is not stuffing or a
                    // restart. It is the whole picture, so the scan jumps from one 0xFF to the
                    // next (memchr); byte by byte it cost a tenth of an export.
                    while let Some(at) = bytes.get(i..).and_then(|rest| memchr::memchr(0xFF, rest)) {
                        i += at;
                        match bytes.get(i + 1) {
                            Some(0x00 | 0xD0..=0xD7) => i += 2,
                            _ => break,
                        }
                    }
                }
            }
        }
    }
    None
}
