//! The code on every page of a letter Appeal Kit prints, so that a scan of the signed, sealed
//! page finds its way back to its case: a small QR code in the top right corner, and the same
//! facts in small print beside it.
//!
//! The code says `AK1:<CASE>:<ITEM>:<VERSION>:<PAGE>/<PAGES>`, for example
//! `AK1:0A1B2C3D4E5F:9F3A:7C1D2E:1/2`: the case id, a 4-digit tag of the checklist item (see
//! [`item_tag`]: the case's letter items are a handful, so the tag names one of them), a
//! 6-digit hash of what the letter was filled from (see [`version`]) and the page. Everything
//! is upper case, so the whole text is QR "alphanumeric" data: 32 characters fit a version 2
//! code (25 modules) at error correction level M, whose modules stay 3 pixels wide at 150 dpi.
//! A longer, lower-case text would need a version 4 code, whose modules fall to 2 pixels.
//!
//! Reading ([`read_image`]) looks at a reduced copy first, and there first where the code
//! prints (the top right corner, or the bottom left one for a page scanned upside down: a small
//! part of the page, read in a few milliseconds), then at the whole copy (a page turned
//! sideways, a photo with the page elsewhere in the frame), then at full resolution in every
//! corner; each search is bounded in pixels whatever the input declares.

use image::imageops::FilterType;
use image::{DynamicImage, GrayImage};
use serde::{Deserialize, Serialize};

use crate::intake::{self, IntakeError, MediaType};
use crate::letters::Letter;

/// The first field of every code; a later layout gets `AK2`.
pub const PREFIX: &str = "AK1";

/// What a letter page's code says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterCode {
    /// The case id (lower case, as the store writes it).
    pub case: String,
    /// [`item_tag`] of the checklist item.
    pub item_tag: String,
    /// [`version`] of the letter's contents when it was printed.
    pub version: String,
    /// From 1.
    pub page: u32,
    pub pages: u32,
}

/// What a letter is marked with: the same on each of its pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub case: String,
    pub item: String,
    pub version: String,
}

impl Mark {
    pub fn code(&self, page: u32, pages: u32) -> LetterCode {
        LetterCode { case: self.case.clone(), item_tag: item_tag(&self.item), version: self.version.clone(), page, pages }
    }
}

impl LetterCode {
    /// The text the QR code holds.
    pub fn payload(&self) -> String {
        format!("{PREFIX}:{}:{}:{}:{}/{}", self.case.to_uppercase(), self.item_tag, self.version.to_uppercase(), self.page, self.pages)
    }

    /// Reads a code's text; anything else (another QR code, a damaged read) is `None`.
    pub fn parse(text: &str) -> Option<LetterCode> {
        let mut parts = text.trim().split(':');
        if parts.next()? != PREFIX {
            return None;
        }
        let (case, tag, version, pages) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let hex = |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex(case, 6, 32) || !hex(tag, 4, 4) || !hex(version, 6, 16) {
            return None;
        }
        let (page, total) = pages.split_once('/')?;
        let (page, total): (u32, u32) = (page.parse().ok()?, total.parse().ok()?);
        if page == 0 || page > total || total > 999 {
            return None;
        }
        Some(LetterCode { case: case.to_lowercase(), item_tag: tag.to_uppercase(), version: version.to_lowercase(), page, pages: total })
    }
}

/// FNV-1a, 64 bits: a stable hash with no dependency (nothing here is a secret).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Four hex digits naming a checklist item among the case's letters.
pub fn item_tag(item: &str) -> String {
    format!("{:04X}", fnv(item.as_bytes()) & 0xffff)
}

/// Six hex digits that change whenever what the letter says changes: its blocks (the pack's
/// wording, the answers that chose them, the profile values filled in). Make `letter` in one
/// fixed language and with an empty date, so that the version is the same whatever language it
/// was printed in and on whichever day.
pub fn version(letter: &Letter) -> String {
    format!("{:06x}", fnv(format!("{:?}", letter.blocks).as_bytes()) & 0xff_ffff)
}

/// The code as a square of modules, row by row (`true` is dark), with its side.
pub fn modules(code: &LetterCode) -> (usize, Vec<bool>) {
    match qrcode::QrCode::with_error_correction_level(code.payload().as_bytes(), qrcode::EcLevel::M) {
        Ok(qr) => (qr.width(), qr.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect()),
        // 32 to 40 alphanumeric characters always fit; an empty square never reads.
        Err(_) => (0, Vec::new()),
    }
}

/// The longest side of the reduced copy searched first (a JPEG is decoded at the DCT scale that
/// covers it, so the copy is up to twice as long: its corners are searched as they are, the
/// whole copy is reduced to this).
const REDUCED_SIDE: u32 = 1800;
/// The corner searched, as a part of the picture's width and height.
const CORNER_W: f32 = 0.36;
const CORNER_H: f32 = 0.22;
/// The most pixels any one search looks at (a corner is shrunk to fit).
const MAX_SEARCH_PIXELS: u32 = 2_400_000;
/// Grids tried per search: a page holds one code; noise can make a few false ones.
const MAX_GRIDS: usize = 8;

/// A corner of the picture.
#[derive(Debug, Clone, Copy)]
enum Corner {
    TopRight,
    BottomLeft,
    TopLeft,
    BottomRight,
}

/// Where the code prints: the top right corner, or the bottom left one on a page scanned upside
/// down.
const WHERE_PRINTED: [Corner; 2] = [Corner::TopRight, Corner::BottomLeft];
/// Every corner (a page scanned sideways has its code in the top left or bottom right one).
const ALL_CORNERS: [Corner; 4] = [Corner::TopRight, Corner::BottomLeft, Corner::TopLeft, Corner::BottomRight];

/// Finds and reads a letter code in a picture (upright or not). `None` when there is none
/// that reads.
pub fn read_image(image: &DynamicImage) -> Option<LetterCode> {
    read_where_printed(image).or_else(|| read_whole(&image.to_luma8())).or_else(|| read_full(image))
}

/// Where the code prints, in the picture as it is (a reduced copy, or the picture when it is
/// small): a small part of it, turned grey alone.
fn read_where_printed(image: &DynamicImage) -> Option<LetterCode> {
    read_corners(image, &WHERE_PRINTED, &[1.0])
}

/// The whole picture, reduced to `REDUCED_SIDE`: a page turned sideways, or photographed with
/// its code away from the frame's corners.
fn read_whole(gray: &GrayImage) -> Option<LetterCode> {
    let (w, h) = gray.dimensions();
    if w < 21 || h < 21 {
        return None;
    }
    let long = w.max(h);
    if long > REDUCED_SIDE {
        search(&image::imageops::resize(gray, (w * REDUCED_SIDE / long).max(1), (h * REDUCED_SIDE / long).max(1), FilterType::Triangle))
    } else {
        search(gray)
    }
}

/// Every corner of the picture at full resolution, enlarged where the modules would be thin:
/// small pictures twice, then three times (rqrr's threshold settles differently on each),
/// large ones as they are, then a little enlarged.
fn read_full(image: &DynamicImage) -> Option<LetterCode> {
    let scales: [f32; 2] = if image.width().max(image.height()) < 2400 { [2.0, 3.0] } else { [1.0, 1.5] };
    read_corners(image, &ALL_CORNERS, &scales)
}

/// `corners` of the picture in turn, each at `scales` in turn (shrunk to `MAX_SEARCH_PIXELS`).
fn read_corners(image: &DynamicImage, corners: &[Corner], scales: &[f32]) -> Option<LetterCode> {
    let (w, h) = (image.width(), image.height());
    if w < 21 || h < 21 {
        return None;
    }
    let (cw, ch) = (((w as f32 * CORNER_W) as u32).clamp(21, w), ((h as f32 * CORNER_H) as u32).clamp(21, h));
    for corner in corners {
        let (x, y) = match corner {
            Corner::TopRight => (w - cw, 0),
            Corner::BottomLeft => (0, h - ch),
            Corner::TopLeft => (0, 0),
            Corner::BottomRight => (w - cw, h - ch),
        };
        let part = image.crop_imm(x, y, cw, ch).into_luma8();
        for scale in scales {
            let scale = scale.min((MAX_SEARCH_PIXELS as f32 / (cw * ch) as f32).sqrt());
            let found = if (scale - 1.0).abs() > 0.01 {
                search(&image::imageops::resize(&part, ((cw as f32 * scale) as u32).max(21), ((ch as f32 * scale) as u32).max(21), FilterType::Triangle))
            } else {
                search(&part)
            };
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// One search: rqrr's grids in `gray`, the first that decodes to a letter code.
fn search(gray: &GrayImage) -> Option<LetterCode> {
    let (w, h) = gray.dimensions();
    if w as u64 * h as u64 > (REDUCED_SIDE as u64 * REDUCED_SIDE as u64).max(MAX_SEARCH_PIXELS as u64) {
        return None;
    }
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| gray.get_pixel(x as u32, y as u32).0[0]);
    prepared.detect_grids().into_iter().take(MAX_GRIDS).find_map(|grid| grid.decode().ok().and_then(|(_, text)| LetterCode::parse(&text)))
}

/// Reads the code in an image file (JPEG, PNG, WebP, TIFF, BMP), decoded under intake's limits
/// and turned upright by its EXIF orientation. PDFs are read page by page with [`read_pdf_page`].
pub fn read(bytes: &[u8]) -> Result<Option<LetterCode>, IntakeError> {
    let media = intake::sniff(bytes)?;
    if media == MediaType::Pdf {
        return read_pdf_page(bytes, 0).map_err(IntakeError::Pdf);
    }
    Ok(read_picture(bytes, media)?.map(|(code, _)| code))
}

/// An image file's code, and the picture it was found in (reduced or whole): a JPEG is first
/// decoded at reduced scale straight from the DCT, which is most of the work saved on a large
/// scan; only if no code reads there is it decoded whole for the corners.
fn read_picture(bytes: &[u8], media: MediaType) -> Result<Option<(LetterCode, DynamicImage)>, IntakeError> {
    let (orientation, _) = intake::exif_facts(bytes);
    let reduced = intake::upright(intake::decode_reduced(bytes, media, REDUCED_SIDE)?, orientation);
    if let Some(code) = read_where_printed(&reduced).or_else(|| read_whole(&reduced.to_luma8())) {
        return Ok(Some((code, reduced)));
    }
    let (width, height) = intake::dimensions(bytes, media)?;
    let full = if reduced.width() as u64 * reduced.height() as u64 >= width as u64 * height as u64 {
        // Decoded whole already.
        reduced
    } else {
        intake::upright(intake::decode_full(bytes, media)?, orientation)
    };
    Ok(read_full(&full).map(|c| (c, full)))
}

/// What one page of a scan says: its letter code, and whether a seal is stamped on it (looked
/// for only on a page with a code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageReading {
    /// The page in the file, from 1.
    pub at: u32,
    pub code: LetterCode,
    pub seal: bool,
}

/// The pages of a file that carry a letter code: an image is one page; a PDF's first
/// `max_pages` pages are drawn one by one in the PDF worker.
pub fn read_pages(bytes: &[u8], max_pages: u32) -> Result<Vec<PageReading>, IntakeError> {
    let media = intake::sniff(bytes)?;
    let mut found = Vec::new();
    if media == MediaType::Pdf {
        let mut at = 0;
        loop {
            let (read, pages) = read_pdf_drawn(bytes, at as usize)?;
            at += 1;
            if let Some((code, image)) = read {
                found.push(PageReading { at, code, seal: crate::seal::has_seal(&image) });
            }
            if at >= pages.min(max_pages) {
                break;
            }
        }
    } else {
        if let Some((code, image)) = read_picture(bytes, media)? {
            found.push(PageReading { at: 1, code, seal: crate::seal::has_seal(&image) });
        }
    }
    Ok(found)
}

/// Pixels per point a PDF page is drawn at to be read: 216 dpi, so a code's modules are 4
/// pixels wide even where the scan inside the PDF had fewer.
pub const PDF_SCALE: f32 = 3.0;

/// Drawn again at this scale when no code reads at `PDF_SCALE`: rqrr settles differently on
/// each size, and a scan turned 1.5 degrees in a scanner's PDF (issue 16's end-to-end stack)
/// read at 108, 144, 180 and 252 dpi but not at 216.
pub const PDF_RETRY_SCALE: f32 = 2.0;

/// Reads the code on page `index` (from 0) of a PDF, drawn in the PDF worker process.
pub fn read_pdf_page(pdf: &[u8], index: usize) -> Result<Option<LetterCode>, crate::preview::PreviewError> {
    Ok(read_pdf_drawn(pdf, index)?.0.map(|(code, _)| code))
}

/// Page `index` of a PDF drawn and read (at `PDF_SCALE`, then `PDF_RETRY_SCALE`): the code and
/// the picture it was read on, and how many pages the PDF has.
fn read_pdf_drawn(pdf: &[u8], index: usize) -> Result<(Option<(LetterCode, DynamicImage)>, u32), crate::preview::PreviewError> {
    let mut pages = 0;
    for scale in [PDF_SCALE, PDF_RETRY_SCALE] {
        let page = crate::preview::page(pdf, index, crate::preview::Fit::Scale(scale))?;
        pages = page.pages;
        let image = image::load_from_memory_with_format(&page.png, image::ImageFormat::Png)
            .map_err(|e| crate::preview::PreviewError::Unreadable(e.to_string()))?;
        if let Some(code) = read_image(&image) {
            return Ok((Some((code, image)), pages));
        }
    }
    Ok((None, pages))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_round_trip_and_size() {
        let code = LetterCode { case: "0a1b2c3d4e5f".into(), item_tag: item_tag("asset_disposal_certificate"), version: "7c1d2e".into(), page: 12, pages: 12 };
        let text = code.payload();
        assert_eq!(LetterCode::parse(&text), Some(code.clone()));
        let (side, modules) = modules(&code);
        assert_eq!(side, 25, "{text} should fit a version 2 code");
        assert_eq!(modules.len(), 25 * 25);
        for bad in ["", "AK1", "AK2:0A1B2C3D4E5F:9F3A:7C1D2E:1/2", "AK1:0A1B2C3D4E5F:9F3A:7C1D2E:3/2", "AK1:0A1B2C3D4E5F:9F3A:7C1D2E:0/2", "AK1:XYZ:9F3A:7C1D2E:1/2", "AK1:0A1B2C3D4E5F:9F3A:7C1D2E:1/2:x"] {
            assert_eq!(LetterCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_letter_items_have_distinct_tags() {
        let items = ["authorization_letter", "appeal_letter", "member_holder_change_form", "asset_disposal_certificate", "letter_of_commitment", "change_application"];
        let tags: std::collections::HashSet<String> = items.iter().map(|i| item_tag(i)).collect();
        assert_eq!(tags.len(), items.len());
    }
}
