//! Files for tests and benchmarks, made on the spot: phone photos with any EXIF orientation and
//! GPS tags, decompression bombs, truncated files, and multi-page PDFs. Behind the `fixtures`
//! feature; nothing in the app uses it.

pub mod card;
pub mod corpus;
pub mod leftovers;
pub mod pdfs;
pub mod quirks;
pub mod scans;
pub mod tiff;

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
    let stored = quirks::stored(DynamicImage::ImageRgb8(upright_picture(width, height)), orientation);
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

/// A PDF of one A4 page from numbered object bodies (object 1 is the catalog, 2 the page
/// tree, 3 the page): the xref table and trailer are computed. Streams are given whole.
fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    [format!("<< {dict} /Length {} >>\nstream\n", data.len()).as_bytes(), data, b"\nendstream"].concat()
}

/// Catalog, page tree and one page whose resources are `resources` and content object 4.
fn page_objects(resources: &str, content: &[u8]) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>").into_bytes(),
        stream("", content),
    ]
}

/// `n` zero bytes, zlib-compressed without holding them (a gigabyte packs into a megabyte).
fn zlib_zeros(n: u64) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let take = left.min(chunk.len() as u64) as usize;
        z.write_all(&chunk[..take]).expect("compress");
        left -= take as u64;
    }
    z.finish().expect("compress")
}

/// How a bomb image's pixels are packed.
#[derive(Debug, Clone, Copy)]
pub enum ImageFilter {
    /// zlib over a few kilobytes of zeros (the pixels run out early).
    Flate,
    /// A bilevel JBIG2 stream, cut short.
    Jbig2,
}

/// A PDF of a few kilobytes whose one image declares `width`×`height` grey pixels.
pub fn pdf_image_bomb(width: u64, height: u64, filter: ImageFilter) -> Vec<u8> {
    let (name, bpc, data) = match filter {
        ImageFilter::Flate => ("/FlateDecode", 8, zlib_zeros(4 << 20)),
        // File header-less (embedded) JBIG2: a page information segment declaring the size.
        ImageFilter::Jbig2 => ("/JBIG2Decode", 1, {
            let mut s = vec![0, 0, 0, 0, 0x30, 0x00, 0x01, 0, 0, 0, 19];
            s.extend((width as u32).to_be_bytes());
            s.extend((height as u32).to_be_bytes());
            s.extend([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            s
        }),
    };
    let mut objects = page_objects("<< /XObject << /Im 5 0 R >> >>", b"q 595 0 0 842 0 0 cm /Im Do Q");
    objects.push(stream(&format!("/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent {bpc} /Filter {name}"), &data));
    raw_pdf(&objects)
}

/// Under 1 KB: one image declaring 50000×40000 pixels (2e9) with a single byte of data.
pub fn pdf_tiny_image_bomb() -> Vec<u8> {
    let mut objects = page_objects("<< /XObject << /Im 5 0 R >> >>", b"q 595 0 0 842 0 0 cm /Im Do Q");
    objects.push(stream("/Type /XObject /Subtype /Image /Width 50000 /Height 40000 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\0"));
    raw_pdf(&objects)
}

/// An image just under 64 megapixels (7900×7900) in 16-bit CMYK: half a gigabyte of pixels
/// from half a megabyte of zlib. Nothing in its dictionaries is out of bounds; only the
/// worker's memory limit stops it.
pub fn pdf_memory_hog() -> Vec<u8> {
    let side = 7900u64;
    let mut objects = page_objects("<< /XObject << /Im 5 0 R >> >>", b"q 595 0 0 842 0 0 cm /Im Do Q");
    let data = zlib_zeros(side * side * 8);
    objects.push(stream(&format!("/Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceCMYK /BitsPerComponent 16 /Filter /FlateDecode"), &data));
    raw_pdf(&objects)
}

/// `depth` nested forms, each drawing the next twice: 2^`depth` draws of a small square.
pub fn pdf_nested_forms(depth: usize) -> Vec<u8> {
    // The page draws form 1 (object 5); form i (object 4 + i) draws form i + 1 twice, and the
    // last form fills the whole page: few operations to count, but 2^depth full-page fills to
    // draw, so from depth 20 on only a time limit stops it, however fast the machine.
    let mut objects = page_objects("<< /XObject << /F 5 0 R >> >>", b"/F Do");
    for i in 1..=depth {
        let (resources, content) = if i < depth {
            (format!("<< /XObject << /F {} 0 R >> >>", 5 + i), b"q /F Do Q q /F Do Q".to_vec())
        } else {
            ("<< >>".to_string(), b"0 0 0 rg 0 0 595 842 re f".to_vec())
        };
        objects.push(stream(&format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources {resources}"), &content));
    }
    raw_pdf(&objects)
}

/// Raw deflate (as zip stores it) of `data`.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).expect("compress");
    z.finish().expect("compress")
}

/// A zip written field by field, so that it can lie: local entries, directory entries that
/// point anywhere, and an end record with any count, optionally behind a zip64 end record.
#[derive(Default)]
pub struct RawZip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u64,
}

impl RawZip {
    /// Writes a local header and `packed` (method 0 stored, 8 deflated); returns its offset.
    pub fn local(&mut self, name: &str, method: u16, packed: &[u8], crc: u32, size: u64) -> u64 {
        let at = self.out.len() as u64;
        self.out.extend(0x0403_4b50u32.to_le_bytes());
        self.out.extend([20, 0, 0, 0]);
        self.out.extend(method.to_le_bytes());
        self.out.extend([0, 0, 0x21, 0]);
        self.out.extend(crc.to_le_bytes());
        self.out.extend((packed.len() as u32).to_le_bytes());
        self.out.extend((size as u32).to_le_bytes());
        self.out.extend((name.len() as u16).to_le_bytes());
        self.out.extend(0u16.to_le_bytes());
        self.out.extend(name.as_bytes());
        self.out.extend(packed);
        at
    }

    /// Adds a directory entry pointing at the local header at `offset`.
    pub fn central(&mut self, name: &str, method: u16, packed_len: u64, crc: u32, size: u64, offset: u64) {
        let c = &mut self.central;
        c.extend(0x0201_4b50u32.to_le_bytes());
        c.extend([20, 3, 20, 0, 0, 0]);
        c.extend(method.to_le_bytes());
        c.extend([0, 0, 0x21, 0]);
        c.extend(crc.to_le_bytes());
        c.extend((packed_len as u32).to_le_bytes());
        c.extend((size as u32).to_le_bytes());
        c.extend((name.len() as u16).to_le_bytes());
        c.extend([0, 0, 0, 0, 0, 0, 0, 0]);
        c.extend((0o100644u32 << 16).to_le_bytes());
        c.extend((offset as u32).to_le_bytes());
        c.extend(name.as_bytes());
        self.entries += 1;
    }

    /// A whole, honest entry: local header, data and directory entry.
    pub fn entry(&mut self, name: &str, data: &[u8], deflated: bool) {
        let (method, packed) = if deflated { (8, deflate(data)) } else { (0, data.to_vec()) };
        let crc = crc32fast::hash(data);
        let at = self.local(name, method, &packed, crc, data.len() as u64);
        self.central(name, method, packed.len() as u64, crc, data.len() as u64, at);
    }

    /// The directory and end record; `count` overrides the number of entries declared, and
    /// `zip64` puts the count in a zip64 end record (the short one then says 0xFFFF).
    pub fn finish(mut self, count: Option<u64>, zip64: bool) -> Vec<u8> {
        let count = count.unwrap_or(self.entries);
        let (offset, size) = (self.out.len() as u64, self.central.len() as u64);
        self.out.extend(&self.central);
        if zip64 {
            let record = self.out.len() as u64;
            self.out.extend(0x0606_4b50u32.to_le_bytes());
            self.out.extend(44u64.to_le_bytes());
            self.out.extend([45, 3, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            for v in [count, count, size, offset] {
                self.out.extend(v.to_le_bytes());
            }
            self.out.extend(0x0706_4b50u32.to_le_bytes());
            self.out.extend(0u32.to_le_bytes());
            self.out.extend(record.to_le_bytes());
            self.out.extend(1u32.to_le_bytes());
        }
        let short = if zip64 { 0xFFFF } else { count as u16 };
        self.out.extend(0x0605_4b50u32.to_le_bytes());
        self.out.extend([0, 0, 0, 0]);
        self.out.extend(short.to_le_bytes());
        self.out.extend(short.to_le_bytes());
        self.out.extend((size as u32).to_le_bytes());
        self.out.extend((offset as u32).to_le_bytes());
        self.out.extend(0u16.to_le_bytes());
        self.out
    }
}

/// About a megabyte whose `entries` entries all point at one 40 MB deflate stream
/// (each well under the compression-ratio cap): gigabytes if every entry is inflated.
pub fn zip_overlap_bomb(entries: usize) -> Vec<u8> {
    // Mostly zeros with a varying byte every 128: about 1:33, far below the 1:200 cap.
    let mut data = vec![0u8; 40 << 20];
    for (i, b) in data.iter_mut().step_by(128).enumerate() {
        *b = (i as u32).wrapping_mul(2_654_435_761) as u8;
    }
    let packed = {
        use std::io::Write;
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&data).expect("compress");
        z.finish().expect("compress")
    };
    let crc = crc32fast::hash(&data);
    let mut zip = RawZip::default();
    zip.local("manifest.json", 8, &packed, crc, data.len() as u64);
    for i in 0..entries {
        let name = if i == 0 { "manifest.json".to_string() } else { format!("{i:03}.pdf") };
        zip.central(&name, 8, packed.len() as u64, crc, data.len() as u64, 0);
    }
    zip.finish(None, false)
}

/// Two `manifest.json` entries (the second says another case) and an end record that counts
/// one, in a plain or zip64 end record: readers that trust the count see only one.
pub fn zip_duplicate_manifest(zip64: bool) -> Vec<u8> {
    let mut zip = RawZip::default();
    zip.entry("manifest.json", br#"{"format":"appeal-kit-bundle/1","case":{"title":"first"}}"#, false);
    zip.entry("manifest.json", br#"{"format":"appeal-kit-bundle/1","case":{"title":"second"}}"#, false);
    zip.finish(Some(1), zip64)
}
