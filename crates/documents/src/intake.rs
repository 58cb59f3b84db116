//! What a user attaches: recognised by its bytes (never its name), checked whole, and previewed
//! upright. Decoding runs under pixel and memory limits, so a small file declaring a huge
//! picture is refused before anything large is allocated.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, metadata::Orientation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checks::{self, Finding};
use crate::preview::{self, Fit};

/// The largest file accepted. Neither source states an upload limit, so this only keeps a
/// mistaken choice (a video, a disk image) out of the store.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// 64 megapixels: beyond any phone camera or A4 scan at 600 dpi.
pub const MAX_PIXELS: u64 = 64_000_000;
/// Memory any one decode may allocate.
pub const MAX_DECODE_BYTES: u64 = 300 * 1024 * 1024;
/// Longest side of the thumbnails shown on the checklist.
pub const THUMB_SIZE: u32 = 320;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum MediaType {
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/webp")]
    Webp,
    #[serde(rename = "image/tiff")]
    Tiff,
    #[serde(rename = "image/bmp")]
    Bmp,
    #[serde(rename = "application/pdf")]
    Pdf,
}

impl MediaType {
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Webp => "image/webp",
            MediaType::Tiff => "image/tiff",
            MediaType::Bmp => "image/bmp",
            MediaType::Pdf => "application/pdf",
        }
    }

    pub fn from_mime(mime: &str) -> Option<MediaType> {
        [MediaType::Jpeg, MediaType::Png, MediaType::Webp, MediaType::Tiff, MediaType::Bmp, MediaType::Pdf].into_iter().find(|m| m.mime() == mime)
    }

    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
            MediaType::Webp => "webp",
            MediaType::Tiff => "tif",
            MediaType::Bmp => "bmp",
            MediaType::Pdf => "pdf",
        }
    }

    pub fn is_image(self) -> bool {
        self != MediaType::Pdf
    }

    fn image_format(self) -> Option<ImageFormat> {
        match self {
            MediaType::Jpeg => Some(ImageFormat::Jpeg),
            MediaType::Png => Some(ImageFormat::Png),
            MediaType::Webp => Some(ImageFormat::WebP),
            MediaType::Tiff => Some(ImageFormat::Tiff),
            MediaType::Bmp => Some(ImageFormat::Bmp),
            MediaType::Pdf => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {0} MB; Appeal Kit accepts files up to 50 MB")]
    TooLarge(u64),
    #[error("HEIC/HEIF photos are not supported; export the photo as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible) or convert it, e.g. `heif-convert photo.heic photo.jpg`")]
    Heic,
    #[error("not an image or PDF (Appeal Kit accepts JPEG, PNG, WebP, TIFF, BMP and PDF)")]
    Unsupported,
    #[error("the image declares {width}×{height} pixels, more than the 64-megapixel limit; it is refused unread")]
    TooManyPixels { width: u32, height: u32 },
    #[error("the {0} is damaged or truncated ({1})")]
    Corrupt(&'static str, String),
    #[error(transparent)]
    Pdf(#[from] crate::preview::PreviewError),
}

/// What the checklist needs to know about an accepted file.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    pub media_type: MediaType,
    /// Upright size in pixels (images) or points (the first page of a PDF).
    pub width: u32,
    pub height: u32,
    pub pages: u32,
    /// EXIF orientation (1 = upright as stored).
    pub orientation: u8,
    /// The file carries GPS coordinates (removed from everything that leaves the app).
    pub has_location: bool,
    /// Upright JPEG (images) or PNG (PDFs), longest side `THUMB_SIZE`.
    pub thumbnail: Vec<u8>,
    /// What the picture checks found (see `checks`); never a reason to refuse the file.
    pub checks: Vec<Finding>,
}

/// Recognises, checks and previews a file. The whole file is decoded once (at reduced scale
/// where the format allows), so a truncated or damaged file is refused here, not at export.
pub fn inspect(bytes: &[u8]) -> Result<Intake, IntakeError> {
    let media_type = sniff(bytes)?;
    if media_type == MediaType::Pdf {
        return inspect_pdf(bytes);
    }
    let (orientation, has_location) = exif_facts(bytes);
    let (width, height) = dimensions(bytes, media_type)?;
    let (width, height) = if orientation >= 5 { (height, width) } else { (width, height) };
    // One decode, at the size the checks look at; the thumbnail is made from it.
    let picture = upright(decode_scaled(bytes, media_type, checks::ANALYSIS_SIDE)?, orientation);
    let (checks, _) = checks::check(&picture, (width, height), None);
    let thumbnail = encode_jpeg(&shrink(picture, THUMB_SIZE), 80)?;
    Ok(Intake { media_type, width, height, pages: 1, orientation, has_location, thumbnail, checks })
}

/// A PDF: each page (up to `checks::MAX_CHECKED_PAGES`) drawn at reading size in the worker
/// process, under its memory and time limits (see `preview`), and checked here; the first
/// page gives the thumbnail.
fn inspect_pdf(bytes: &[u8]) -> Result<Intake, IntakeError> {
    let first = preview::page(bytes, 0, Fit::Longest(checks::PAGE_SIDE))?;
    let mut found = Vec::new();
    let mut thumbnail = Vec::new();
    for index in 0..first.pages.min(checks::MAX_CHECKED_PAGES) {
        let page = if index == 0 { first.clone() } else { preview::page(bytes, index as usize, Fit::Longest(checks::PAGE_SIDE))? };
        let picture = decode_png(&page.png)?;
        found.extend(checks::check(&picture, (picture.width(), picture.height()), Some(index + 1)).0);
        if index == 0 {
            thumbnail = encode_png(&shrink(picture, THUMB_SIZE))?;
        }
    }
    Ok(Intake { media_type: MediaType::Pdf, width: first.width, height: first.height, pages: first.pages, orientation: 1, has_location: false, thumbnail, checks: found })
}

/// A page the worker drew, read back under the usual limits.
fn decode_png(png: &[u8]) -> Result<DynamicImage, IntakeError> {
    let mut reader = ImageReader::with_format(Cursor::new(png), ImageFormat::Png);
    reader.limits(limits());
    reader.decode().map_err(|e| refusal("PDF", e))
}

fn shrink(image: DynamicImage, side: u32) -> DynamicImage {
    if image.width().max(image.height()) > side { image.thumbnail(side, side) } else { image }
}

/// The format of `bytes`, from its signature.
pub fn sniff(bytes: &[u8]) -> Result<MediaType, IntakeError> {
    if bytes.is_empty() {
        return Err(IntakeError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IntakeError::TooLarge(bytes.len() as u64 / (1024 * 1024)));
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(MediaType::Pdf);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && [b"heic", b"heix", b"heif", b"mif1", b"msf1", b"hevc", b"avif"].iter().any(|b| &bytes[8..12] == *b) {
        return Err(IntakeError::Heic);
    }
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok(MediaType::Jpeg),
        Ok(ImageFormat::Png) => Ok(MediaType::Png),
        Ok(ImageFormat::WebP) => Ok(MediaType::Webp),
        Ok(ImageFormat::Tiff) => Ok(MediaType::Tiff),
        Ok(ImageFormat::Bmp) => Ok(MediaType::Bmp),
        _ => Err(IntakeError::Unsupported),
    }
}

/// EXIF orientation and whether the file records a location, read tolerantly (see
/// `crate::metadata`); a file without readable metadata is upright and has none.
pub fn exif_facts(bytes: &[u8]) -> (u8, bool) {
    let facts = crate::metadata::read(bytes);
    (facts.orientation, facts.has_location)
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(40_000);
    limits.max_image_height = Some(40_000);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

/// Stored size, read from the header only.
pub(crate) fn dimensions(bytes: &[u8], media_type: MediaType) -> Result<(u32, u32), IntakeError> {
    let what = kind(media_type);
    // The header alone is read here, so no limit is needed to learn what it declares.
    let mut reader = ImageReader::with_format(Cursor::new(bytes), media_type.image_format().ok_or(IntakeError::Unsupported)?);
    reader.no_limits();
    let (width, height) = reader.into_dimensions().map_err(|e| refusal(what, e))?;
    if width as u64 * height as u64 > MAX_PIXELS || width == 0 || height == 0 {
        return Err(IntakeError::TooManyPixels { width, height });
    }
    Ok((width, height))
}

fn refusal(what: &'static str, e: image::ImageError) -> IntakeError {
    match e {
        image::ImageError::Limits(_) => IntakeError::TooManyPixels { width: 0, height: 0 },
        e => IntakeError::Corrupt(what, e.to_string()),
    }
}

fn kind(media_type: MediaType) -> &'static str {
    match media_type {
        MediaType::Jpeg => "JPEG",
        MediaType::Png => "PNG",
        MediaType::Webp => "WebP",
        MediaType::Tiff => "TIFF",
        MediaType::Bmp => "BMP",
        MediaType::Pdf => "PDF",
    }
}

/// Decodes the stored picture (not yet turned upright) with its longest side at least `max_side`,
/// then shrinks it to `max_side`. JPEG decodes at 1/2, 1/4 or 1/8 scale straight from the DCT,
/// which is what makes a 12-megapixel photo's thumbnail cheap.
pub fn decode_scaled(bytes: &[u8], media_type: MediaType, max_side: u32) -> Result<DynamicImage, IntakeError> {
    let image = decode_reduced(bytes, media_type, max_side)?;
    Ok(if image.width().max(image.height()) > max_side { image.thumbnail(max_side, max_side) } else { image })
}

/// Decodes the stored picture (not yet turned upright) as `decode_scaled` does, without the
/// final shrink: a JPEG at the smallest of the DCT's scales (1/8, 1/4, 1/2, 1) whose longest
/// side still covers `min_side`, anything else whole.
pub fn decode_reduced(bytes: &[u8], media_type: MediaType, min_side: u32) -> Result<DynamicImage, IntakeError> {
    let (width, height) = dimensions(bytes, media_type)?;
    if media_type == MediaType::Jpeg { decode_jpeg_scaled(bytes, width, height, min_side) } else { decode_full(bytes, media_type) }
}

/// Decodes the whole picture at full size (for fixes), not yet turned upright.
pub fn decode_full(bytes: &[u8], media_type: MediaType) -> Result<DynamicImage, IntakeError> {
    dimensions(bytes, media_type)?;
    let what = kind(media_type);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), media_type.image_format().ok_or(IntakeError::Unsupported)?);
    reader.limits(limits());
    guarded(what, || reader.decode().map_err(|e| refusal(what, e)))
}

fn decode_jpeg_scaled(bytes: &[u8], width: u32, height: u32, max_side: u32) -> Result<DynamicImage, IntakeError> {
    // libjpeg-turbo decodes a phone photo at 1/8 scale faster than jpeg-decoder (attach went
    // from 1.00x to 0.74x vipsthumbnail). It takes only what it reads cleanly: any warning (a truncated file, stray bytes) and anything
    // but a sequential 8-bit YCbCr, RGB or grey picture go to jpeg-decoder, whose answer stands.
    match decode_jpeg_scaled_turbo(bytes, width, height, max_side) {
        Some(image) => Ok(image),
        None => decode_jpeg_scaled_pure(bytes, width, height, max_side),
    }
}

/// `decode_jpeg_scaled` by jpeg-decoder, which reads every JPEG the intake takes.
fn decode_jpeg_scaled_pure(bytes: &[u8], width: u32, height: u32, max_side: u32) -> Result<DynamicImage, IntakeError> {
    let corrupt = |e: jpeg_decoder::Error| IntakeError::Corrupt("JPEG", e.to_string());
    guarded("JPEG", || {
        let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
        decoder.set_max_decoding_buffer_size(MAX_DECODE_BYTES as usize);
        // Ask for the scale whose longest side still covers `max_side`.
        let factor = (width.max(height) as f64 / max_side as f64).max(1.0);
        let want = |side: u32| ((side as f64 / factor).ceil() as u32).clamp(1, u16::MAX as u32) as u16;
        let (w, h) = decoder.scale(want(width), want(height)).map_err(corrupt)?;
        let pixels = decoder.decode().map_err(corrupt)?;
        let info = decoder.info().ok_or_else(|| IntakeError::Corrupt("JPEG", "no frame".into()))?;
        let (w, h) = (w as u32, h as u32);
        let short = || IntakeError::Corrupt("JPEG", "fewer pixels than declared".into());
        match info.pixel_format {
            jpeg_decoder::PixelFormat::RGB24 => image::RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8).ok_or_else(short),
            jpeg_decoder::PixelFormat::L8 => image::GrayImage::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8).ok_or_else(short),
            jpeg_decoder::PixelFormat::L16 => {
                let luma: Vec<u16> = pixels.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
                image::ImageBuffer::from_raw(w, h, luma).map(DynamicImage::ImageLuma16).ok_or_else(short)
            }
            jpeg_decoder::PixelFormat::CMYK32 => {
                // Photoshop writes CMYK JPEGs inverted; this is the usual approximation.
                let rgb: Vec<u8> = pixels
                    .chunks_exact(4)
                    .flat_map(|p| {
                        let k = p[3] as u16;
                        [(p[0] as u16 * k / 255) as u8, (p[1] as u16 * k / 255) as u8, (p[2] as u16 * k / 255) as u8]
                    })
                    .collect();
                image::RgbImage::from_raw(w, h, rgb).map(DynamicImage::ImageRgb8).ok_or_else(short)
            }
        }
    })
}

/// The picture decoded by libjpeg-turbo at the smallest DCT scale covering `max_side`, if it
/// is a sequential (baseline or extended) JPEG: their memory is a few rows of blocks and the
/// output, where a progressive one holds every coefficient. A sequential file may still split
/// its colours over several scans, which holds every coefficient too (2 bytes per sample, 3
/// samples per pixel at most), so only pictures within `MAX_DECODE_BYTES` that way come here.
/// `None` if it is not one, or at the first warning or error.
fn decode_jpeg_scaled_turbo(bytes: &[u8], width: u32, height: u32, max_side: u32) -> Option<DynamicImage> {
    use turbojpeg::{Colorspace, Decompressor, PixelFormat, ScalingFactor};
    let mut decompressor = Decompressor::new().ok()?;
    let header = decompressor.read_header(bytes).ok()?;
    let coefficients = header.width as u64 * header.height as u64 * 3 * 2;
    if header.is_progressive || header.is_lossless || header.is_arithmetic || coefficients > MAX_DECODE_BYTES || (header.width, header.height) != (width as usize, height as usize) {
        return None;
    }
    let (format, channels) = match header.colorspace {
        Colorspace::YCbCr | Colorspace::RGB => (PixelFormat::RGB, 3),
        Colorspace::Gray => (PixelFormat::GRAY, 1),
        _ => return None,
    };
    let longest = width.max(height) as usize;
    let factor = [ScalingFactor::ONE_EIGHTH, ScalingFactor::ONE_QUARTER, ScalingFactor::ONE_HALF, ScalingFactor::ONE]
        .into_iter()
        .find(|f| f.scale(longest) >= max_side as usize)
        .unwrap_or(ScalingFactor::ONE);
    decompressor.set_scaling_factor(factor).ok()?;
    let (w, h) = (factor.scale(header.width), factor.scale(header.height));
    let mut pixels = vec![0; w * h * channels];
    let output = turbojpeg::Image { pixels: pixels.as_mut_slice(), width: w, pitch: w * channels, height: h, format };
    decompressor.decompress(bytes, output).ok()?;
    match channels {
        3 => image::RgbImage::from_raw(w as u32, h as u32, pixels).map(DynamicImage::ImageRgb8),
        _ => image::GrayImage::from_raw(w as u32, h as u32, pixels).map(DynamicImage::ImageLuma8),
    }
}

/// Runs a third-party decoder so that a panic on a hostile file becomes a refusal.
fn guarded<T>(what: &'static str, f: impl FnOnce() -> Result<T, IntakeError>) -> Result<T, IntakeError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| Err(IntakeError::Corrupt(what, "the decoder gave up".into())))
}

/// The picture as a person holding the camera saw it.
pub fn upright(mut image: DynamicImage, orientation: u8) -> DynamicImage {
    if let Some(o) = Orientation::from_exif(orientation) {
        image.apply_orientation(o);
    }
    image
}

pub fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, IntakeError> {
    let mut out = Vec::new();
    let rgb = image.to_rgb8();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| IntakeError::Corrupt("image", e.to_string()))?;
    Ok(out)
}

pub fn encode_png(image: &DynamicImage) -> Result<Vec<u8>, IntakeError> {
    let mut out = Vec::new();
    image.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).map_err(|e| IntakeError::Corrupt("image", e.to_string()))?;
    Ok(out)
}

/// A larger upright view of a file for the viewer: JPEG for images, PNG for PDF pages.
pub fn view(bytes: &[u8], max_side: u32, page: usize) -> Result<Vec<u8>, IntakeError> {
    let media_type = sniff(bytes)?;
    if media_type == MediaType::Pdf {
        return Ok(preview::page(bytes, page, Fit::Longest(max_side))?.png);
    }
    let (orientation, _) = exif_facts(bytes);
    encode_jpeg(&upright(decode_scaled(bytes, media_type, max_side)?, orientation), 88)
}

#[cfg(all(test, feature = "fixtures"))]
mod tests {
    use super::*;
    use crate::fixtures::corpus;

    /// The two JPEG decoders lead the checks to the same findings: libjpeg-turbo reads the
    /// pictures it can, jpeg-decoder the rest, and neither may change what a user is told.
    #[test]
    fn both_jpeg_decoders_give_the_same_findings() {
        for s in corpus::corpus() {
            let (width, height) = dimensions(&s.jpeg, MediaType::Jpeg).unwrap();
            let findings = |image: DynamicImage| {
                let image = if image.width().max(image.height()) > checks::ANALYSIS_SIDE { image.thumbnail(checks::ANALYSIS_SIDE, checks::ANALYSIS_SIDE) } else { image };
                checks::check(&image, (width, height), None).0.into_iter().map(|f| f.id).collect::<Vec<_>>()
            };
            let turbo = decode_jpeg_scaled_turbo(&s.jpeg, width, height, checks::ANALYSIS_SIDE).expect("a sequential JPEG");
            let pure = decode_jpeg_scaled_pure(&s.jpeg, width, height, checks::ANALYSIS_SIDE).unwrap();
            assert_eq!((turbo.width(), turbo.height()), (pure.width(), pure.height()), "{}", s.name);
            assert_eq!(findings(turbo), s.expect, "{}: libjpeg-turbo", s.name);
            assert_eq!(findings(pure), s.expect, "{}: jpeg-decoder", s.name);
        }
    }
}
