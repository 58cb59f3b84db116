//! Fixes a user makes to a photo without another program: rotate, crop, and redact. Each fix is
//! stored as data and applied to the original, so any can be undone; the result is a new picture
//! whose pixels are really changed (a redaction is burnt in, never an overlay).

use image::{DynamicImage, Rgba};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::intake::{self, IntakeError, MediaType};

/// A rectangle as fractions (0 to 1) of the picture as shown, upright, after earlier fixes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Fix {
    /// Quarter turns clockwise (1 to 3).
    Rotate { quarter_turns: u8 },
    Crop { rect: Rect },
    /// Opaque black boxes burnt into the pixels.
    Redact { rects: Vec<Rect> },
    /// The document inside four corners (top left, top right, bottom right, bottom left, as
    /// fractions of the picture as shown) made an upright rectangle in its true proportions.
    Straighten { corners: [crate::checks::Corner; 4] },
}

#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{0}")]
    Invalid(String),
    #[error("PDF files cannot be edited here; fix the scan and attach it again")]
    NotAnImage,
    #[error(transparent)]
    Image(#[from] IntakeError),
}

impl Fix {
    pub fn check(&self) -> Result<(), FixError> {
        let rect_ok = |r: &Rect| {
            [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) && r.x >= 0.0 && r.y >= 0.0 && r.w > 0.0 && r.h > 0.0 && r.x + r.w <= 1.0 + 1e-9 && r.y + r.h <= 1.0 + 1e-9
        };
        match self {
            Fix::Rotate { quarter_turns } if !(1..=3).contains(quarter_turns) => Err(FixError::Invalid("rotate by 1, 2 or 3 quarter turns".into())),
            Fix::Crop { rect } if !rect_ok(rect) => Err(FixError::Invalid("the crop must lie inside the picture".into())),
            Fix::Redact { rects } if rects.is_empty() || !rects.iter().all(rect_ok) => {
                Err(FixError::Invalid("each box to hide must lie inside the picture".into()))
            }
            Fix::Straighten { corners } if !crate::straighten::corners_ok(corners) => Err(FixError::Invalid(
                "the four corners must lie inside the picture, in order (top left, top right, bottom right, bottom left), around a document".into(),
            )),
            _ => Ok(()),
        }
    }
}

/// Pixel bounds of `r` on a `w`×`h` picture, at least one pixel.
fn pixels(r: &Rect, w: u32, h: u32) -> (u32, u32, u32, u32) {
    let x0 = ((r.x * w as f64).floor() as u32).min(w - 1);
    let y0 = ((r.y * h as f64).floor() as u32).min(h - 1);
    let x1 = (((r.x + r.w) * w as f64).ceil() as u32).clamp(x0 + 1, w);
    let y1 = (((r.y + r.h) * h as f64).ceil() as u32).clamp(y0 + 1, h);
    (x0, y0, x1 - x0, y1 - y0)
}

/// The size of a `width`×`height` upright picture after `fixes`, without drawing it.
pub fn size_after(width: u32, height: u32, fixes: &[Fix]) -> (u32, u32) {
    fixes.iter().fold((width, height), |(w, h), fix| match fix {
        _ if w == 0 || h == 0 => (w, h),
        Fix::Rotate { quarter_turns: 2 } => (w, h),
        Fix::Rotate { .. } => (h, w),
        Fix::Crop { rect } => {
            let (_, _, cw, ch) = pixels(rect, w, h);
            (cw, ch)
        }
        Fix::Straighten { corners } => crate::straighten::straightened_size(w, h, corners),
        Fix::Redact { .. } => (w, h),
    })
}

/// Applies fixes to an upright picture.
pub fn apply_to(mut image: DynamicImage, fixes: &[Fix]) -> DynamicImage {
    for fix in fixes {
        image = match fix {
            Fix::Rotate { quarter_turns: 1 } => image.rotate90(),
            Fix::Rotate { quarter_turns: 2 } => image.rotate180(),
            Fix::Rotate { .. } => image.rotate270(),
            Fix::Crop { rect } => {
                let (x, y, w, h) = pixels(rect, image.width(), image.height());
                image.crop_imm(x, y, w, h)
            }
            Fix::Straighten { corners } => crate::straighten::straighten(&image, corners),
            Fix::Redact { rects } => {
                let mut rgba = image.into_rgba8();
                let (w, h) = rgba.dimensions();
                for r in rects {
                    let (x0, y0, rw, rh) = pixels(r, w, h);
                    for y in y0..y0 + rh {
                        for x in x0..x0 + rw {
                            rgba.put_pixel(x, y, Rgba([0, 0, 0, 255]));
                        }
                    }
                }
                DynamicImage::ImageRgba8(rgba)
            }
        };
    }
    image
}

/// The fixed version of an original: upright, fixes applied, re-encoded with no metadata
/// (JPEG stays JPEG at high quality; everything else becomes PNG, which is lossless).
pub fn render(original: &[u8], fixes: &[Fix]) -> Result<(Vec<u8>, MediaType), FixError> {
    for fix in fixes {
        fix.check()?;
    }
    let media_type = intake::sniff(original)?;
    if !media_type.is_image() {
        return Err(FixError::NotAnImage);
    }
    let (orientation, _) = intake::exif_facts(original);
    let image = apply_to(intake::upright(intake::decode_full(original, media_type)?, orientation), fixes);
    Ok(if media_type == MediaType::Jpeg {
        (intake::encode_jpeg(&image, 92)?, MediaType::Jpeg)
    } else {
        (intake::encode_png(&image)?, MediaType::Png)
    })
}
