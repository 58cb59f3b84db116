//! Pictures of PDF pages: the one renderer for every PDF Appeal Kit draws (attached scans at
//! intake and in the viewer, letters in their preview, bundles being imported).
//!
//! Any PDF may be hostile, and hayro (0.9) has no limits on memory, nesting or time and no
//! way to cancel a render: a few hundred bytes can declare a 2-gigapixel image or 2^30 nested
//! drawings. So `page` never draws in this process. It hands the file to a worker process
//! (`pdf_worker`) that runs under memory and CPU limits and is killed at a wall-clock
//! deadline; the checks in `draw` refuse the usual bombs early and with a clear reason, but
//! the process limits are the guarantee.

use std::collections::HashMap;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::content::TypedIter;
use hayro::hayro_syntax::content::ops::TypedInstruction;
use hayro::hayro_syntax::object::{Dict, Name, Object, ObjectIdentifier, Stream};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use serde::{Deserialize, Serialize};

use crate::intake::MAX_PIXELS;

/// More objects than any scan or letter has; counting them is cheap, drawing them is not.
pub const MAX_OBJECTS: usize = 500_000;
/// Drawing operations per page, counting each time a form is drawn again: a scanned page has a
/// few dozen, a dense vector drawing a few hundred thousand.
pub const MAX_OPERATIONS: u64 = 20_000_000;
/// Longest side of a page picture, in pixels (the viewer asks for at most 4000).
pub const MAX_SIDE: u32 = 4096;

/// How big to draw a page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Fit {
    /// Longest side in pixels.
    Longest(u32),
    /// Pixels per point.
    Scale(f32),
}

/// One page drawn, with what intake needs to know about the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    pub png: Vec<u8>,
    pub pages: u32,
    /// The page's size in points.
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PreviewError {
    #[error("the PDF is damaged or cannot be read ({0})")]
    Unreadable(String),
    #[error("the PDF has no page {0}")]
    NoPage(usize),
    /// A bomb recognised before drawing: the reason says which limit.
    #[error("the PDF is refused: {0}")]
    Refused(String),
    #[error("the PDF needs more than {} MB of memory to draw; it is refused", crate::pdf_worker::MEMORY_BYTES >> 20)]
    TooMuchMemory,
    #[error("the PDF takes longer than {} seconds to draw; it is refused", crate::pdf_worker::SECONDS)]
    TooSlow,
    /// The worker could not be started or answered nonsense (not the file's fault).
    #[error("PDF pages cannot be drawn: {0}")]
    Worker(String),
}

/// Page `index` (from 0) of `pdf` as PNG, drawn in the worker process under its limits.
pub fn page(pdf: &[u8], index: usize, fit: Fit) -> Result<PageImage, PreviewError> {
    crate::pdf_worker::render(pdf, index, fit)
}

/// Page `index` as PNG at `scale` pixels per point, and the number of pages (the letter preview).
pub fn page_png(pdf: &[u8], index: usize, scale: f32) -> Result<(Vec<u8>, usize), PreviewError> {
    let page = page(pdf, index, Fit::Scale(scale))?;
    Ok((page.png, page.pages as usize))
}

/// Draws in this process, after the structure checks. Only the worker calls this.
pub(crate) fn draw(bytes: Vec<u8>, index: usize, fit: Fit) -> Result<PageImage, PreviewError> {
    let pdf = Pdf::new(bytes).map_err(|e| PreviewError::Unreadable(format!("{e:?}")))?;
    check_structure(&pdf)?;
    let pages = pdf.pages();
    let page = pages.get(index).ok_or(PreviewError::NoPage(index + 1))?;
    let (w, h) = page.render_dimensions();
    if !(w >= 1.0 && h >= 1.0 && w <= 14_400.0 && h <= 14_400.0) {
        return Err(PreviewError::Unreadable("the page size is not sensible".into()));
    }
    check_operations(page.page_stream().unwrap_or_default(), &page.resources().x_objects)?;
    let scale = match fit {
        Fit::Longest(side) => side as f32 / w.max(h),
        Fit::Scale(s) => s,
    };
    let scale = scale.min(MAX_SIDE as f32 / w.max(h));
    if !(scale.is_finite() && scale > 0.0) {
        return Err(PreviewError::Worker("asked for a page picture of no size".into()));
    }
    let settings = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    let pixmap = hayro::render(page, &RenderCache::new(), &InterpreterSettings::default(), &RenderSettings::default(), &settings);
    let png = pixmap.into_png().map_err(|_| PreviewError::Unreadable("the page cannot be drawn".into()))?;
    Ok(PageImage { png, pages: pages.len() as u32, width: w.round() as u32, height: h.round() as u32 })
}

/// Object count and every image's declared size, read from the dictionaries (nothing decoded
/// but object streams): the 700-byte file declaring a 2-gigapixel image stops here.
fn check_structure(pdf: &Pdf) -> Result<(), PreviewError> {
    if pdf.len() > MAX_OBJECTS {
        return Err(PreviewError::Refused(format!("it has {} objects, more than {MAX_OBJECTS}", pdf.len())));
    }
    for object in pdf.objects() {
        let Object::Stream(stream) = object else { continue };
        let dict = stream.dict();
        if !dict.get::<Name>(b"Subtype").is_some_and(|s| s.as_ref() == b"Image") {
            continue;
        }
        check_image(dict)?;
    }
    Ok(())
}

/// An image's declared size against the 64-megapixel limit (`W`/`H` in inline images).
fn check_image(dict: &Dict<'_>) -> Result<(), PreviewError> {
    let side = |key: &[u8], short: &[u8]| dict.get::<f64>(key).or_else(|| dict.get::<f64>(short)).unwrap_or(0.0);
    let (w, h) = (side(b"Width", b"W"), side(b"Height", b"H"));
    if w * h > MAX_PIXELS as f64 || w < 0.0 || h < 0.0 {
        return Err(PreviewError::Refused(format!("an image in it declares {w:.0}×{h:.0} pixels, more than the 64-megapixel limit")));
    }
    Ok(())
}

/// Counts the page's drawing operations, each form as often as it is drawn: 30 forms that each
/// draw the next twice are 2^30 draws from a few kilobytes, refused here without drawing any.
fn check_operations(content: &[u8], x_objects: &Dict<'_>) -> Result<(), PreviewError> {
    let mut counted = HashMap::new();
    let total = operations(content, x_objects, &mut counted, 0)?;
    if total > MAX_OPERATIONS {
        return Err(PreviewError::Refused(format!("a page draws more than {MAX_OPERATIONS} operations (forms drawn inside forms)")));
    }
    Ok(())
}

/// Operations in `content`, with those of every form it draws; `None` in `counted` marks a
/// form being counted, so a form that draws itself is caught.
fn operations(content: &[u8], x_objects: &Dict<'_>, counted: &mut HashMap<ObjectIdentifier, Option<u64>>, depth: u32) -> Result<u64, PreviewError> {
    let mut total = 0u64;
    let mut ops = TypedIter::new(content);
    while let Some(op) = ops.next() {
        total = total.saturating_add(1);
        let name = match op {
            TypedInstruction::XObject(name) => name,
            TypedInstruction::InlineImage(image) => {
                check_image(image.0.dict())?;
                continue;
            }
            _ => continue,
        };
        let Some(form) = x_objects.get::<Stream>(name.0.as_ref()) else { continue };
        if !form.dict().get::<Name>(b"Subtype").is_some_and(|s| s.as_ref() == b"Form") {
            continue;
        }
        total = total.saturating_add(form_operations(&form, x_objects, counted, depth + 1)?);
        if total > MAX_OPERATIONS {
            return Ok(total);
        }
    }
    Ok(total)
}

fn form_operations(form: &Stream<'_>, inherited: &Dict<'_>, counted: &mut HashMap<ObjectIdentifier, Option<u64>>, depth: u32) -> Result<u64, PreviewError> {
    let id = form.obj_id();
    match counted.get(&id) {
        Some(Some(n)) => return Ok(*n),
        Some(None) => return Err(PreviewError::Refused("a drawing in it contains itself".into())),
        None => {}
    }
    if depth > 64 {
        return Err(PreviewError::Refused("its drawings are nested more than 64 deep".into()));
    }
    counted.insert(id, None);
    let own = form.dict().get::<Dict>(b"Resources").and_then(|r| r.get::<Dict>(b"XObject"));
    let content = form.decoded().map_err(|e| PreviewError::Unreadable(format!("{e:?}")))?;
    let n = operations(&content, own.as_ref().unwrap_or(inherited), counted, depth)?;
    counted.insert(id, Some(n));
    Ok(n)
}
