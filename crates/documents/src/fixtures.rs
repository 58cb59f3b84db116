//! Files for tests and benchmarks, made on the spot: phone photos with any EXIF orientation and
//! GPS tags, decompression bombs, truncated files, and multi-page PDFs. Behind the `fixtures`
//! feature; nothing in the app uses it.

use bytes::Bytes;
use image::{DynamicImage, Rgb, RgbImage};
use img_parts::{ImageEXIF, jpeg::Jpeg};

/// The four corner colours of the upright test picture: red, green, blue, white.
pub const CORNERS: [[u8; 3]; 4] = [[220, 30, 30], [30, 200, 30], [30, 30, 220], [240, 240, 240]];

/// A `width`×`height` picture, upright, with a different colour in each quarter (clockwise
/// from the top left) and grain, so it compresses about as a phone photo does.
pub fn upright_picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let q = match (x * 2 / width, y * 2 / height) {
            (0, 0) => 0,
            (1, 0) => 1,
            (0, _) => 2,
            _ => 3,
        };
        let grain = (x.wrapping_mul(374_761_393) ^ y.wrapping_mul(668_265_263)).wrapping_mul(1_274_126_177) >> 27;
        let shade = grain as u8;
        let c = CORNERS[q];
        Rgb([c[0].saturating_sub(shade), c[1].saturating_sub(shade), c[2].saturating_sub(shade)])
    })
}

/// A JPEG as a phone writes it: the pixels stored turned so that EXIF `orientation` (1 to 8)
/// shows `upright_picture(width, height)`, with GPS coordinates when `gps`.
pub fn phone_photo(width: u32, height: u32, orientation: u8, gps: bool) -> Vec<u8> {
    let upright = DynamicImage::ImageRgb8(upright_picture(width, height));
    // The stored pixels are the inverse of what the orientation does when shown.
    let stored = match orientation {
        2 => upright.fliph(),
        3 => upright.rotate180(),
        4 => upright.flipv(),
        5 => upright.rotate90().fliph(),
        6 => upright.rotate270(),
        7 => upright.rotate270().fliph(),
        8 => upright.rotate90(),
        _ => upright,
    };
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&stored.to_rgb8()).expect("encode");
    let mut parts = Jpeg::from_bytes(Bytes::from(jpeg)).expect("parse");
    parts.set_exif(Some(Bytes::from(exif(orientation, gps))));
    parts.encoder().bytes().to_vec()
}

/// A little-endian TIFF structure with an orientation tag and, when `gps`, a GPS directory.
fn exif(orientation: u8, gps: bool) -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    let entries: u16 = if gps { 2 } else { 1 };
    t.extend(entries.to_le_bytes());
    // Orientation: SHORT, count 1, value inline.
    t.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0]);
    let gps_ifd = 8 + 2 + 12 * entries as u32 + 4;
    if gps {
        t.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]);
        t.extend(gps_ifd.to_le_bytes());
    }
    t.extend(0u32.to_le_bytes());
    if gps {
        // GPSLatitudeRef "N", GPSLatitude 39/1 54/1 0/1 (Beijing), GPSLongitudeRef "E".
        let rationals = gps_ifd + 2 + 12 * 3 + 4;
        t.extend(3u16.to_le_bytes());
        t.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
        t.extend([0x02, 0x00, 5, 0, 3, 0, 0, 0]);
        t.extend(rationals.to_le_bytes());
        t.extend([0x03, 0x00, 2, 0, 2, 0, 0, 0, b'E', 0, 0, 0]);
        t.extend(0u32.to_le_bytes());
        for (n, d) in [(39u32, 1u32), (54, 1), (0, 1)] {
            t.extend(n.to_le_bytes());
            t.extend(d.to_le_bytes());
        }
    }
    t
}

/// A valid PNG of a few hundred bytes that declares `width`×`height` pixels.
pub fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut png = Vec::new();
    DynamicImage::ImageLuma8(image::GrayImage::new(1, 1))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("encode");
    // IHDR data starts at byte 16; its CRC covers the chunk type and data (bytes 12..29).
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

/// A PNG of the upright picture.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(upright_picture(width, height))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode");
    out
}

/// A PDF with `pages` pages of text.
pub fn pdf(pages: usize) -> Vec<u8> {
    use crate::letters::{Block, Letter};
    // One heading and a page's worth of paragraphs per page.
    let mut blocks = Vec::new();
    for p in 1..=pages {
        blocks.push(Block::Heading(format!("Page {p}")));
        for _ in 0..(if p < pages { 14 } else { 1 }) {
            blocks.push(Block::Para("A scanned page of an invoice, kept as the test's stand-in for a real one. ".repeat(4)));
        }
    }
    let letter = Letter { title: "Fixture".into(), language: "en", blocks, missing_fields: Vec::new() };
    crate::render(&letter).expect("render")
}

/// A PNG of the upright picture with a `tEXt` chunk (as some apps write locations).
pub fn png_with_text(width: u32, height: u32, text: &str) -> Vec<u8> {
    let mut png = png(width, height);
    let mut chunk = (text.len() as u32).to_be_bytes().to_vec();
    chunk.extend(b"tEXt");
    chunk.extend(text.as_bytes());
    chunk.extend(crc32fast::hash(&chunk[4..]).to_be_bytes());
    png.splice(33..33, chunk);
    png
}
